"""The store that is the source of truth: documents, passages, tasks and who owns them.

One interface, two engines: a SQLite file in the KB home (the default, ``kb/store/sqlite.py``)
or a PostgreSQL database several servers share (``store = "postgresql://…"``,
``kb/store/postgres.py``), picked by ``kb/store/factory.py``. Both run the same SQL, written here for SQLite; the PostgreSQL
store translates its few SQLite words through a table. Every write runs in one transaction
that also excludes other writers (``BEGIN IMMEDIATE``), so a failure or a killed process
leaves the previous state intact; readers never block.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any, Iterator

from ingest.models import TEXT_SOURCE, Document, OcrSpan, ParsedDocument, Passage, Task
from ingest.vocab import LIST_KEYS, TASK_ROW_KEYS
from kb.errors import DocumentNotFound
from kb.store.audit import AuditRows, utc_stamp
from kb.store.reviews import ReviewRows
from kb.store.task_filters import task_where
from kb.store.users import UserRows

INDEX_GENERATION = "index_generation"
MIN_PREFIX_LEN = 6

DOC_FIELDS = [f.name for f in fields(Document)]
PASSAGE_FIELDS = [f.name for f in fields(Passage)]
TASK_FIELDS = [f.name for f in fields(Task)]
# Listings skip the text and its OCR spans: by far the largest columns, and rarely needed.
DOC_BULKY_FIELDS = ("text", "ocr_spans")
DOC_LISTING_COLUMNS = ", ".join(
    [*(name for name in DOC_FIELDS if name not in DOC_BULKY_FIELDS), "ingest_seq", "n_tasks", "ingested_at"])
JSON_LIST_FIELDS = tuple(sorted(LIST_KEYS))
Row = Any  # sqlite3.Row or the PostgreSQL store's row: by name, by position, keys()


@dataclass
class StoredTask:
    """A task with its row id (for indexes and citations) and its document (without text), and
    what a person made of it (``kb.store.reviews``)."""
    id: int
    task: Task
    document: Document
    review: str = ""  # '' (not reviewed) | confirmed | edited | added | stale
    reviewed_by: str = ""
    reviewed_at: str = ""


class Store(AuditRows, ReviewRows, UserRows):
    """What every engine shares. An engine (``SqliteStore``, ``PostgresStore``) sets ``conn``
    (``execute(sql, params)``: rows by name and position), calls ``schema.create_or_upgrade``
    and gives the hooks: ``_table_exists(name)``, ``_columns(table)``, ``_run_script(sql)``,
    ``_insert_row(sql, values) -> id``, ``change_marker()`` (changes whenever anyone, this
    connection included, commits a write) and ``write_lock(home, timeout_s)`` (the one KB
    write lock every process writing to this store takes)."""

    shared = False  # other machines may use the same store (and then the index files matter)
    where = ""  # for messages: the file or the address (without a password)
    conn: Any

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction; any exception rolls everything back and propagates."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._before_commit()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _before_commit(self) -> None:
        """Inside every write transaction, last (an engine may count commits here)."""

    # --- meta -------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        return self._meta_value(key)

    def set_meta(self, key: str, value: str) -> None:
        with self._write():
            self._put_meta(key, value)

    def set_index_state(self, values: dict[str, str]) -> int:
        """Record where the committed indexes are (and what they were built with) and bump
        ``index_generation``, in one transaction: readers compare that counter before every
        query and reopen what changed. Returns the new generation."""
        with self._write():
            generation = int(self._meta_value(INDEX_GENERATION) or 0) + 1
            for key, value in values.items():
                self._put_meta(key, value)
            self._put_meta(INDEX_GENERATION, str(generation))
        return generation

    def index_generation(self) -> int:
        return int(self._meta_value(INDEX_GENERATION) or 0)

    def _meta_value(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else None

    def _put_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))

    # --- writes -----------------------------------------------------------------------
    def add(self, parsed: ParsedDocument) -> tuple[str, str]:
        """Store a parsed document. Returns (status, doc_id), status one of "added",
        "duplicate" (same content already stored; nothing written) or "replaced" (a document
        with the same path, or the same file name when there is no path, had other content)."""
        doc = parsed.document
        with self._write():
            if self._doc_row(doc.doc_id) is not None:
                return "duplicate", doc.doc_id
            previous = self._same_source(doc)
            for old in previous:
                self.conn.execute("DELETE FROM documents WHERE doc_id = ?", (old["doc_id"],))
            ingest_seq = min(old["ingest_seq"] for old in previous) if previous else self._next_seq()
            self._insert_document(doc, ingest_seq, n_tasks=len(parsed.tasks))
            for passage in parsed.passages:
                self._insert_passage(doc.doc_id, passage)
            for task in parsed.tasks:
                self._insert_task(doc.doc_id, task)
            self._apply_reviews(doc.doc_id)  # a person's corrections of this text, kept across imports
        return ("replaced" if previous else "added"), doc.doc_id

    def remove(self, ref: str) -> Document:
        """Delete a document (and, by cascade, its passages and tasks); ``ref`` as in
        ``get_document``. Returns the removed document without text."""
        with self._write():
            doc = self._resolve(ref, with_text=False)
            self.conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc.doc_id,))
        return doc

    def _same_source(self, doc: Document) -> list[Row]:
        if doc.path:
            sql, key = "SELECT doc_id, ingest_seq FROM documents WHERE path = ?", doc.path
        else:
            sql, key = "SELECT doc_id, ingest_seq FROM documents WHERE file = ?", doc.file
        return self.conn.execute(sql, (key,)).fetchall()

    def _next_seq(self) -> int:
        return self.conn.execute("SELECT COALESCE(MAX(ingest_seq), 0) + 1 FROM documents").fetchone()[0]

    def _insert_document(self, doc: Document, ingest_seq: int, n_tasks: int) -> None:
        columns = [*DOC_FIELDS, "ingest_seq", "n_tasks", "ingested_at"]
        values = [getattr(doc, name) for name in DOC_FIELDS]
        values[DOC_FIELDS.index("ocr_spans")] = json.dumps(
            [[span.start, span.end, span.confidence] for span in doc.ocr_spans])
        values += [ingest_seq, n_tasks, utc_stamp()]
        self._insert("documents", columns, values)

    def _insert_passage(self, doc_id: str, passage: Passage) -> None:
        values = [doc_id if name == "doc_id" else getattr(passage, name) for name in PASSAGE_FIELDS]
        self._insert("passages", PASSAGE_FIELDS, values)

    def _insert_task(self, doc_id: str, task: Task) -> int:
        values = []
        for name in TASK_FIELDS:
            value = doc_id if name == "doc_id" else getattr(task, name)
            values.append(json.dumps(value, ensure_ascii=False) if name in JSON_LIST_FIELDS else value)
        task_id = self._insert("tasks", TASK_FIELDS, values)
        self._insert_units(task_id, task)
        return task_id

    def _insert(self, table: str, columns: list[str], values: list) -> int:
        # Table and column names come from the constants above, never from input.
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table}({names}) VALUES ({marks})"
        if table == "documents":  # keyed by doc_id: no row id
            self.conn.execute(sql, values)
            return 0
        return self._insert_row(sql, values)

    # --- documents and passages -------------------------------------------------------
    def documents(self, with_text: bool = False) -> list[Document]:
        columns = "*" if with_text else DOC_LISTING_COLUMNS
        rows = self.conn.execute(f"SELECT {columns} FROM documents ORDER BY ingest_seq").fetchall()
        return [_document(row, with_text) for row in rows]

    def documents_holding(self, word: str) -> list[str]:
        """Ids of the documents whose text holds ``word`` (a place a question names)."""
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # LIKE's own marks, as text
        rows = self.conn.execute("SELECT doc_id FROM documents WHERE text LIKE '%' || ? || '%' ESCAPE '\\' "
                                 "ORDER BY ingest_seq", (escaped,)).fetchall()
        return [row["doc_id"] for row in rows]

    def document_rows(self) -> list[dict]:
        """Documents for listings (``kb docs``): fields without text, plus n_tasks and
        ingested_at."""
        rows = self.conn.execute(
            f"SELECT {DOC_LISTING_COLUMNS} FROM documents ORDER BY ingest_seq").fetchall()
        return [{**_document(row).to_dict(), "n_tasks": row["n_tasks"],
                 "ingested_at": row["ingested_at"]} for row in rows]

    def get_document(self, ref: str, with_text: bool = True) -> Document:
        """``ref``: a doc_id, a unique doc_id prefix (at least 6 characters), a path or a
        file name. Raises DocumentNotFound when nothing or more than one document matches."""
        return self._resolve(ref, with_text)

    def _resolve(self, ref: str, with_text: bool) -> Document:
        ref = str(ref).strip()
        row = self._doc_row(ref)
        if row is not None:
            return _document(row, with_text)
        for matches in self._candidates(ref):
            if len(matches) == 1:
                return _document(matches[0], with_text)
            if matches:
                listed = ", ".join(f"{m['doc_id']} ({m['file']})" for m in matches)
                raise DocumentNotFound(f"“{ref}”对应 {len(matches)} 个文件：{listed}；请给出 doc_id，"
                                       f"kb docs 列出每个文件的 id ({ref!r} matches {len(matches)} documents)")
        raise DocumentNotFound(f"没有与“{ref}”对应的文件；kb docs 列出每个文件的 id (no document matches {ref!r})")

    def _candidates(self, ref: str) -> Iterator[list[Row]]:
        """Matches by doc_id prefix, then path, then file name; the first non-empty wins."""
        if len(ref) >= MIN_PREFIX_LEN:
            # substr, not LIKE: a ref containing % or _ must not act as a wildcard.
            yield self.conn.execute("SELECT * FROM documents WHERE substr(doc_id, 1, ?) = ? "
                                    "ORDER BY ingest_seq", (len(ref), ref)).fetchall()
        for column in ("path", "file"):
            yield self.conn.execute(f"SELECT * FROM documents WHERE {column} = ? ORDER BY ingest_seq",
                                    (ref,)).fetchall()

    def _doc_row(self, doc_id: str) -> Row | None:
        return self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()

    def passage_items(self, doc_id: str | None = None) -> list[tuple[int, Passage]]:
        """(row id, passage) pairs: the ids are what the keyword and vector indexes store."""
        sql = ("SELECT p.* FROM passages p JOIN documents d ON d.doc_id = p.doc_id "
               + ("WHERE p.doc_id = ? " if doc_id else "") + "ORDER BY d.ingest_seq, p.seq")
        rows = self.conn.execute(sql, (doc_id,) if doc_id else ()).fetchall()
        return [(row["id"], _passage(row)) for row in rows]

    def passages(self, doc_id: str | None = None) -> list[Passage]:
        return [passage for _, passage in self.passage_items(doc_id)]

    def passage_by_id(self, passage_id: int) -> Passage | None:
        row = self.conn.execute("SELECT * FROM passages WHERE id = ?", (passage_id,)).fetchone()
        return _passage(row) if row else None

    def task_items(self, doc_id: str) -> list[tuple[int, Task]]:
        """(row id, task) pairs of one document, in task order."""
        rows = self.conn.execute("SELECT * FROM tasks WHERE doc_id = ? ORDER BY seq", (doc_id,)).fetchall()
        return [(row["id"], _task(row)) for row in rows]

    def passages_by_ids(self, ids: list[int]) -> dict[int, Passage]:
        return {row["id"]: _passage(row) for row in self._rows_by_ids("passages", ids)}

    def tasks_by_ids(self, ids: list[int]) -> dict[int, Task]:
        return {row["id"]: _task(row) for row in self._rows_by_ids("tasks", ids)}

    def spans_by_ids(self, table: str, ids: list[int]) -> dict[int, tuple[str, int, int]]:
        """(doc_id, start, end) of these passages or tasks: what choosing search hits needs."""
        return {row[0]: (row[1], row[2], row[3]) for row in self._rows_by_ids(table, ids, 'id, doc_id, start, "end"')}

    def all_spans(self, table: str) -> list[tuple[int, str, int, int]]:
        """(id, doc_id, start, end) of every passage or task (``table``)."""
        rows = self.conn.execute(f'SELECT id, doc_id, start, "end" FROM {table}').fetchall()
        return [(row[0], row[1], row[2], row[3]) for row in rows]

    def _rows_by_ids(self, table: str, ids: list[int], columns: str = "*") -> list[Row]:
        rows: list[Row] = []
        for i in range(0, len(ids), 500):  # SQLite caps the number of bound parameters
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows += self.conn.execute(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", chunk).fetchall()
        return rows

    def entry_ids(self, doc_ids: list[str]) -> tuple[list[int], list[int]]:
        """Row ids of the passages and of the tasks of these documents."""
        result = []
        for table in ("passages", "tasks"):
            ids: list[int] = []
            for i in range(0, len(doc_ids), 500):
                chunk = doc_ids[i:i + 500]
                marks = ",".join("?" * len(chunk))
                ids += [row[0] for row in self.conn.execute(
                    f"SELECT id FROM {table} WHERE doc_id IN ({marks})", chunk)]
            result.append(ids)
        return result[0], result[1]

    def passages_holding_tasks(self, task_ids: list[int]) -> list[int]:
        """Row ids of the passages whose span contains the start of one of these tasks."""
        ids: set[int] = set()
        for i in range(0, len(task_ids), 500):
            chunk = task_ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            ids.update(row[0] for row in self.conn.execute(
                "SELECT p.id FROM passages p JOIN tasks t ON t.doc_id = p.doc_id "
                f"AND t.start >= p.start AND t.start < p.end WHERE t.id IN ({marks})", chunk))
        return sorted(ids)

    def ocr_spans(self, doc_ids: list[str]) -> dict[str, list[OcrSpan]]:
        """The OCR'd lines of those of these documents that have any."""
        found: dict[str, list[OcrSpan]] = {}
        unique = list(dict.fromkeys(doc_ids))
        for i in range(0, len(unique), 500):
            chunk = unique[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(f"SELECT doc_id, ocr_spans FROM documents WHERE source != ? "
                                         f"AND doc_id IN ({marks})", [TEXT_SOURCE, *chunk]):
                found[row["doc_id"]] = _ocr_spans(row["ocr_spans"])
        return found

    def count(self) -> dict[str, int]:
        return {table: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("documents", "passages", "tasks", "task_units")}

    # --- tasks and units --------------------------------------------------------------
    def tasks(self, doc: str | None = None, unit: str | None = None, role: str | None = None,
              due_before: str | None = None, due_after: str | None = None,
              keyword: str | None = None, doubtful: bool = False, limit: int | None = None) -> list[StoredTask]:
        """Tasks in document ingest order, then task order. ``unit`` matches any level when
        given without a place ("应急局") and that level only with one ("市应急局");
        ``role`` (lead|co|responsible or 牵头|配合|负责) restricts which owner role counts;
        ``due_before`` / ``due_after`` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive) keep only
        tasks with a deadline, a bare year meaning its end; ``keyword`` is a substring of
        title, text or section; ``doubtful`` keeps what a person should check: corrections
        the extraction no longer matches (stale) first, then the unreviewed tasks whose owners
        are least sure (confidence below DOUBTFUL_BELOW), least sure first."""
        where, params = self._task_filters(doc, unit, role, due_before, due_after, keyword, doubtful)
        sql = ("SELECT t.*, t.id AS task_id FROM tasks t JOIN documents d ON d.doc_id = t.doc_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + (" ORDER BY t.review != 'stale', t.confidence, d.ingest_seq, t.seq" if doubtful
                  else " ORDER BY d.ingest_seq, t.seq"))
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = self.conn.execute(sql, params).fetchall()
        docs = {d.doc_id: d for d in self.documents()}
        return [_stored(row, docs[row["doc_id"]], row["task_id"]) for row in rows]

    def task_rows(self, **filters) -> list[dict]:
        """Export rows (keys ``TASK_ROW_KEYS``, in that order) for the same filters as ``tasks``."""
        return [export_row(stored) for stored in self.tasks(**filters)]

    def task_by_id(self, task_id: int) -> StoredTask | None:
        row = self.conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
        if row is None:
            return None
        return _stored(row, _document(self._doc_row(row["doc_id"])), task_id)

    def _task_filters(self, doc, unit, role, due_before, due_after, keyword, doubtful) -> tuple[list[str], list]:
        doc_id = self._resolve(doc, with_text=False).doc_id if doc else None
        return task_where(doc_id, unit, role, due_before, due_after, keyword, doubtful)

    def units(self) -> list[tuple[str, str, int]]:
        """(canonical, family, number of tasks) for every named unit, most tasks first."""
        rows = self.conn.execute(
            "SELECT canonical, family, COUNT(DISTINCT task_id) AS n FROM task_units "
            "WHERE canonical != '' GROUP BY canonical, family ORDER BY n DESC, canonical").fetchall()
        return [(row["canonical"], row["family"], row["n"]) for row in rows]


def _document(row: Row, with_text: bool = False) -> Document:
    values = {name: row[name] for name in DOC_FIELDS if name not in DOC_BULKY_FIELDS}
    spans = _ocr_spans(row["ocr_spans"]) if "ocr_spans" in row.keys() else []
    return Document(**values, text=row["text"] if with_text else "", ocr_spans=spans)


def _ocr_spans(stored: str) -> list[OcrSpan]:
    return [OcrSpan(start, end, confidence) for start, end, confidence in json.loads(stored)]


def _passage(row: Row) -> Passage:
    return Passage(**{name: row[name] for name in PASSAGE_FIELDS})


def _task(row: Row) -> Task:
    values = {name: row[name] for name in TASK_FIELDS}
    for name in JSON_LIST_FIELDS:
        values[name] = json.loads(values[name])
    values["deadline_inferred"] = bool(values["deadline_inferred"])
    return Task(**values)


def _stored(row: Row, document: Document, task_id: int) -> StoredTask:
    return StoredTask(task_id, _task(row), document, row["review"], row["reviewed_by"], row["reviewed_at"])


def export_row(stored: StoredTask) -> dict:
    task, doc = stored.task, stored.document
    values = {"doc_file": doc.file, "doc_title": doc.title, "doc_number": doc.number,
              "issuer": doc.issuer, "doc_date": doc.date, **task.to_dict(), "review": stored.review,
              "reviewed_by": stored.reviewed_by, "reviewed_at": stored.reviewed_at}
    return {key: values[key] for key in TASK_ROW_KEYS}
