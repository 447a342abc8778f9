"""A person's corrections to the task table as rows, and how they make the table people read.

The table people read is the ``tasks`` table: extraction's tasks with every review applied, so
task lists, filters, answers, search hits, charts and exports need nothing else. A review row
(``task_reviews``) is keyed by the document's content hash and the span of the extracted task it
corrects, and keeps the task as the reviewer left it. Two ways it reaches ``tasks``:

- **as it is made** (``put_review``, ``drop_review``): the one task row is changed in place;
- **when a document is stored** (``_apply_reviews``, from ``Store.add``: an import, a re-import,
  a better extractor): every review of that text is applied to the fresh extraction. A review
  whose span the extraction no longer gives is not dropped: its task is put back as the
  reviewer left it and marked ``stale`` (待重新核对) for a person to look at again.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from ingest.models import Task
from ingest.units import canonical, family
from ingest.vocab import LIST_KEYS, ROLE_FIELDS
from kb.store.audit import utc_stamp

# the statuses a review row has, and what a task row it makes says (tasks.review)
REVIEW_STATUSES = ("confirmed", "edited", "hidden", "added")
STALE = "stale"
# the task fields a review keeps (what a reviewer may change, and what places the task)
REVIEWED_FIELDS = ("section", "title", "text", "lead_units", "co_units", "responsible_units", "deadline",
                   "deadline_norm", "metrics", "start", "end", "deadline_inferred", "owner_source", "confidence")


@dataclass(frozen=True)
class Review:
    id: int
    doc_id: str
    start: int  # the span of the extracted task it corrects (its own when added)
    end: int
    status: str  # REVIEW_STATUSES
    task: dict  # REVIEWED_FIELDS as the reviewer left them (hidden: as it was)
    matched: bool  # False: the last extraction gave no task at this span
    who: str
    at: str


def task_values(task: Task) -> dict:
    return {name: getattr(task, name) for name in REVIEWED_FIELDS}


class ReviewRows:
    """The store's review methods (a part of ``Store``). The ones without a leading underscore
    run in a write transaction of their own."""

    def reviews(self, doc_id: str | None = None) -> list[Review]:
        sql = "SELECT * FROM task_reviews" + (" WHERE doc_id = ?" if doc_id else "") + " ORDER BY doc_id, start, id"
        return [_review(row) for row in self.conn.execute(sql, (doc_id,) if doc_id else ()).fetchall()]

    def review_of_task(self, task_id: int) -> Review | None:
        row = self.conn.execute("SELECT r.* FROM task_reviews r JOIN tasks t ON t.review_id = r.id "
                                "WHERE t.id = ?", (task_id,)).fetchone()
        return _review(row) if row else None

    def review_progress(self) -> dict[str, tuple[int, int]]:
        """doc_id → (tasks a person confirmed or corrected, tasks)."""
        rows = self.conn.execute("SELECT doc_id, COUNT(*) AS n, SUM(CASE WHEN review IN ('confirmed', 'edited', "
                                 "'added') THEN 1 ELSE 0 END) AS done FROM tasks GROUP BY doc_id").fetchall()
        return {row["doc_id"]: (int(row["done"] or 0), int(row["n"])) for row in rows}

    # --- as a review is made ---------------------------------------------------------------
    def _put_review(self, doc_id: str, key: tuple[int, int], status: str, values: dict, who: str,
                    task_id: int | None) -> int | None:
        """Record a review at ``key`` and make the task table show it: the task row ``task_id``
        is changed in place (or inserted, for an added task; or deleted, when hidden). A task
        added where a hidden extracted task was is that task corrected. Returns the task's id."""
        existing = self.conn.execute('SELECT * FROM task_reviews WHERE doc_id = ? AND start = ? AND "end" = ?',
                                     (doc_id, *key)).fetchone()
        if existing is not None and existing["status"] == "hidden" and status == "added":
            status = "edited"
        at = utc_stamp()
        payload = json.dumps(values, ensure_ascii=False)
        if existing is None:
            review_id = self._insert_row(
                'INSERT INTO task_reviews(doc_id, start, "end", status, task, matched, who, at) '
                "VALUES (?, ?, ?, ?, ?, 1, ?, ?)", [doc_id, *key, status, payload, who, at])
        else:
            review_id = existing["id"]
            self.conn.execute("UPDATE task_reviews SET status = ?, task = ?, matched = 1, who = ?, at = ? WHERE id = ?",
                              (status, payload, who, at, review_id))
        if status == "hidden":
            if task_id is not None:
                self.conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
            self._renumber(doc_id)
            return None
        task_id = self._show_reviewed(doc_id, task_id, values, status, who, at, review_id)
        self._renumber(doc_id)
        return task_id

    def _show_reviewed(self, doc_id: str, task_id: int | None, values: dict, shown_as: str, who: str, at: str,
                       review_id: int) -> int:
        """The task row as the reviewer left it: the extracted row ``task_id`` replaced, or a new
        row; marked with what the review says of it. Returns the row's id."""
        if task_id is None:
            task_id = self._insert_task(doc_id, _task(doc_id, values))
        else:
            self._replace_task(task_id, doc_id, values)
        self.conn.execute("UPDATE tasks SET review = ?, reviewed_by = ?, reviewed_at = ?, review_id = ? WHERE id = ?",
                          (shown_as, who, at, review_id, task_id))
        return task_id

    def _drop_review(self, review_id: int) -> Review | None:
        """Undo a review: an added task goes; a hidden one comes back as it was hidden; a
        corrected one keeps its words but is no longer marked as a person's. Returns the review
        undone (None: there is no such review)."""
        row = self.conn.execute("SELECT * FROM task_reviews WHERE id = ?", (review_id,)).fetchone()
        if row is None:
            return None
        review = _review(row)
        self.conn.execute("DELETE FROM task_reviews WHERE id = ?", (review_id,))
        if review.status == "added":
            self.conn.execute("DELETE FROM tasks WHERE review_id = ?", (review_id,))
        elif review.status == "hidden" and review.matched:
            self._insert_task(review.doc_id, _task(review.doc_id, review.task))
        else:
            self.conn.execute("UPDATE tasks SET review = '', reviewed_by = '', reviewed_at = '', review_id = NULL "
                              "WHERE review_id = ?", (review_id,))
        self._renumber(review.doc_id)
        return review

    def _replace_task(self, task_id: int, doc_id: str, values: dict) -> None:
        assigned = ", ".join(f'"{name}" = ?' for name in REVIEWED_FIELDS)  # names from the constant
        self.conn.execute(f"UPDATE tasks SET {assigned} WHERE id = ?",
                          [*(_column_value(name, values[name]) for name in REVIEWED_FIELDS), task_id])
        self.conn.execute("DELETE FROM task_units WHERE task_id = ?", (task_id,))
        self._insert_units(task_id, _task(doc_id, values))

    def _insert_units(self, task_id: int, task: Task) -> None:
        for role, list_field in ROLE_FIELDS.items():
            for unit in dict.fromkeys(getattr(task, list_field)):  # a unit named twice counts once
                self.conn.execute(
                    "INSERT INTO task_units(task_id, role, unit, canonical, family) VALUES (?, ?, ?, ?, ?)",
                    (task_id, role, unit, canonical(unit), family(unit)))

    def _renumber(self, doc_id: str) -> None:
        """Task order is text order (an added task sits where its words are); n_tasks follows."""
        rows = self.conn.execute("SELECT id FROM tasks WHERE doc_id = ? ORDER BY start, seq, id", (doc_id,)).fetchall()
        for seq, row in enumerate(rows):
            self.conn.execute("UPDATE tasks SET seq = ? WHERE id = ?", (seq, row["id"]))
        self.conn.execute("UPDATE documents SET n_tasks = ? WHERE doc_id = ?", (len(rows), doc_id))

    # --- when a document is stored ----------------------------------------------------------
    def _apply_reviews(self, doc_id: str) -> None:
        """Apply every review of this text to its freshly extracted tasks (inside Store.add)."""
        reviews = self.reviews(doc_id)
        if not reviews:
            return
        extracted = {(row["start"], row["end"]): row["id"] for row in self.conn.execute(
            'SELECT id, start, "end" FROM tasks WHERE doc_id = ?', (doc_id,)).fetchall()}
        for review in reviews:
            task_id = extracted.get((review.start, review.end))
            matched = task_id is not None or review.status == "added"
            self.conn.execute("UPDATE task_reviews SET matched = ? WHERE id = ?", (int(matched), review.id))
            if review.status == "hidden":
                if task_id is not None:
                    self.conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
                continue
            self._show_reviewed(doc_id, None if review.status == "added" else task_id, review.task,
                                review.status if matched else STALE, review.who, review.at, review.id)
        self._renumber(doc_id)

    def stale_reviews(self) -> list[Review]:
        """Reviews the last extraction of their text did not match (hidden ones included: a
        task a person hid may be back under another span)."""
        return [_review(row) for row in self.conn.execute(
            "SELECT r.* FROM task_reviews r JOIN documents d ON d.doc_id = r.doc_id WHERE r.matched = 0 "
            "ORDER BY d.ingest_seq, r.start").fetchall()]


def _review(row) -> Review:
    return Review(row["id"], row["doc_id"], row["start"], row["end"], row["status"], json.loads(row["task"]),
                  bool(row["matched"]), row["who"], row["at"])


def _column_value(name: str, value):
    if name in LIST_KEYS:
        return json.dumps(list(value), ensure_ascii=False)
    if name == "deadline_inferred":
        return int(bool(value))
    return value


def _task(doc_id: str, values: dict) -> Task:
    return Task(doc_id=doc_id, seq=0, **{name: values[name] for name in REVIEWED_FIELDS})
