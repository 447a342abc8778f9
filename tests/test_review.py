"""Corrections as data: each change a reviewer can make, on SQLite and PostgreSQL alike; the
corrected table is what task lists, search, answers and exports read; corrections outlive
`kb reindex`, a removal and a re-import; one the extraction no longer matches comes back for
re-review instead of being dropped."""
import dataclasses
import shutil

import pytest

from ingest.pipeline import parse_file
from kb.accounts.roles import Actor
from kb.errors import InvalidInput, PermissionDenied
from kb.review.changes import Add, Confirm, Edit, Hide, Merge, Restore, Split
from kb.tables.ics import ics_bytes
from tests.conftest import CORPUS

EDITOR = Actor("王编辑", "editor", "password")
VIEWER = Actor("李查看", "viewer", "password")


@pytest.fixture
def kb(writable_kb):
    return writable_kb


def plain_tasks(kb) -> list:
    """A task of a text document whose words are its span's (the ones people pick in the app)."""
    return [s for s in kb.tasks() if s.document.fmt == "txt" and len(s.task.text) > 40]


def row_of(kb, task_id) -> dict:
    return next(r for r, s in zip(kb.task_rows(), kb.tasks()) if s.id == task_id)


def test_an_edit_changes_the_row_every_reader_sees_and_records_who(kb):
    stored = plain_tasks(kb)[0]
    kb.correct(Edit(stored.id, {"lead_units": "市消防救援支队、市应急局", "co_units": [],
                                "deadline": "2027年6月底前", "deadline_norm": "2027-06"}), EDITOR)
    after = kb.store.task_by_id(stored.id)
    assert after.task.lead_units == ["市消防救援支队", "市应急局"] and after.task.deadline_norm == "2027-06"
    assert (after.review, after.reviewed_by) == ("edited", "王编辑") and after.task.confidence == 1.0
    # filters, export rows and search read the corrected row
    assert stored.id in [s.id for s in kb.tasks(unit="消防救援支队", role="lead")]
    assert row_of(kb, stored.id)["review"] == "edited"
    hits = kb.search(stored.task.text[:30], kind="task", k=5)
    assert any(h.id == stored.id and h.task.lead_units == ["市消防救援支队", "市应急局"] for h in hits)
    record = kb.store.audit_rows(action="correct:edit")[0]
    assert record.who == "王编辑" and "市消防救援支队" in record.after and record.target == stored.task.doc_id


def test_confirm_marks_the_task_checked_without_changing_it(kb):
    stored = plain_tasks(kb)[1]
    kb.correct(Confirm(stored.id), EDITOR)
    after = kb.store.task_by_id(stored.id)
    assert after.review == "confirmed" and after.task.lead_units == stored.task.lead_units
    assert after.task.text == stored.task.text


def test_hide_takes_a_non_task_out_and_restore_brings_it_back(kb):
    stored = plain_tasks(kb)[2]
    n = len(kb.tasks())
    kb.correct(Hide(stored.id), EDITOR)
    assert len(kb.tasks()) == n - 1 and kb.store.task_by_id(stored.id) is None
    hidden = next(r for r in kb.store.reviews() if r.status == "hidden")
    assert not any(h.kind == "task" and h.id == stored.id for h in kb.search(stored.task.text[:30], k=20))
    kb.correct(Restore(hidden.id), EDITOR)
    assert len(kb.tasks()) == n
    assert any(s.task.start == stored.task.start and s.task.text == stored.task.text for s in kb.tasks())


def test_split_gives_two_tasks_in_the_span_of_one(kb):
    stored = plain_tasks(kb)[3]
    at = len(stored.task.text) // 2
    applied = kb.correct(Split(stored.id, at), EDITOR)
    first, second = (kb.store.task_by_id(i) for i in applied.task_ids)
    assert first.task.text + second.task.text == stored.task.text.strip()
    assert first.task.start == stored.task.start and second.task.end == stored.task.end
    assert first.task.end == second.task.start
    assert first.task.lead_units == stored.task.lead_units and first.review == "added"
    with pytest.raises(InvalidInput, match="拆分位置"):
        kb.correct(Split(applied.task_ids[0], 0), EDITOR)


def test_merge_joins_a_task_with_the_next_one(kb):
    first, second = plain_tasks(kb)[4:6]
    assert first.document.doc_id == second.document.doc_id
    applied = kb.correct(Merge(first.id), EDITOR)
    merged = kb.store.task_by_id(applied.task_ids[0])
    assert merged.task.text == first.task.text + second.task.text
    assert merged.task.start == first.task.start and merged.task.end == second.task.end
    assert kb.store.task_by_id(first.id) is None and kb.store.task_by_id(second.id) is None


def test_add_a_missed_task_from_a_span_of_the_text(kb):
    doc = kb.document(plain_tasks(kb)[0].document.doc_id)
    start = doc.text.index("\n", 200) + 1
    end = doc.text.index("。", start) + 1
    applied = kb.correct(Add(doc.doc_id, start, end, {"lead_units": ["县应急局"], "deadline": "2027年底前",
                                                       "deadline_norm": "2027"}), EDITOR)
    added = kb.store.task_by_id(applied.task_ids[0])
    assert added.task.text == doc.text[start:end].strip() and added.review == "added"
    assert added.id in [s.id for s in kb.tasks(unit="县应急局", due_before="2027")]
    with pytest.raises(InvalidInput, match="不在文件里"):
        kb.correct(Add(doc.doc_id, 0, len(doc.text) + 5), EDITOR)


def test_a_bad_edit_is_refused_with_the_field_named(kb):
    stored = plain_tasks(kb)[0]
    with pytest.raises(InvalidInput, match="YYYY"):
        kb.correct(Edit(stored.id, {"deadline_norm": "明年"}), EDITOR)
    with pytest.raises(InvalidInput, match="不能修改"):
        kb.correct(Edit(stored.id, {"doc_id": "x"}), EDITOR)
    with pytest.raises(InvalidInput, match="没有编号为"):
        kb.correct(Confirm(10**7), EDITOR)


def test_a_viewer_cannot_correct_whatever_the_app_shows(kb):
    stored = plain_tasks(kb)[0]
    with pytest.raises(PermissionDenied, match="无权核对修改任务"):
        kb.correct(Edit(stored.id, {"lead_units": ["市应急局"]}), VIEWER)
    assert kb.store.task_by_id(stored.id).review == ""


def test_corrections_outlive_reindex_removal_and_reimport(kb, tmp_path):
    tasks = plain_tasks(kb)
    kb.correct(Edit(tasks[0].id, {"lead_units": ["市消防救援支队"]}), EDITOR)
    kb.correct(Confirm(tasks[1].id), EDITOR)
    kb.correct(Hide(tasks[2].id), EDITOR)
    kb.correct(Split(tasks[3].id, 10), EDITOR)
    table = sorted((s.task.start, s.task.end, s.review, tuple(s.task.lead_units), s.task.text) for s in kb.tasks())
    kb.reindex()
    assert sorted((s.task.start, s.task.end, s.review, tuple(s.task.lead_units), s.task.text)
                  for s in kb.tasks()) == table
    shutil.copytree(CORPUS, tmp_path / "again")
    kb.remove_many([d["doc_id"] for d in kb.documents()])
    assert kb.tasks() == []
    kb.ingest([tmp_path / "again"])
    assert sorted((s.task.start, s.task.end, s.review, tuple(s.task.lead_units), s.task.text)
                  for s in kb.tasks()) == table
    hits = kb.search(tasks[0].task.text[:40], kind="task", k=10)
    assert [h.task.lead_units for h in hits if h.start == tasks[0].task.start] == [["市消防救援支队"]]


def test_a_correction_the_new_extraction_no_longer_matches_comes_back_for_review(kb):
    stored = plain_tasks(kb)[0]
    kb.correct(Edit(stored.id, {"lead_units": ["市消防救援支队"]}), EDITOR)
    parsed = parse_file(CORPUS / stored.document.file)
    # a "better extractor": the corrected task now ends three characters earlier
    tasks = [dataclasses.replace(t, end=t.end - 3) if t.start == stored.task.start else t for t in parsed.tasks]
    kb.remove(stored.document.doc_id)
    with kb._writing(None) as store:
        store.add(dataclasses.replace(parsed, tasks=tasks))
    back = [s for s in kb.tasks() if s.review == "stale"]
    assert [(s.task.start, s.task.end, s.task.lead_units) for s in back] == [
        (stored.task.start, stored.task.end, ["市消防救援支队"])]
    assert [r.status for r in kb.store.stale_reviews()] == ["edited"]
    kb.correct(Confirm(back[0].id), EDITOR)
    assert kb.store.stale_reviews() == [] and kb.store.task_by_id(back[0].id).review == "confirmed"


def test_review_progress_counts_checked_tasks_per_document(kb):
    tasks = plain_tasks(kb)
    kb.correct(Confirm(tasks[0].id), EDITOR)
    kb.correct(Edit(tasks[1].id, {"deadline": "2027年底前"}), EDITOR)
    doc_id = tasks[0].document.doc_id
    assert tasks[1].document.doc_id == doc_id
    assert kb.store.review_progress()[doc_id] == (2, len(kb.tasks(doc=doc_id)))


def test_answers_and_the_calendar_read_the_corrected_task(kb):
    answer = kb.ask("消防整治谁牵头？")
    cited = answer.citations[0]
    stored = next(s for s in kb.tasks() if s.document.doc_id == cited.doc_id and s.task.start == cited.start)
    assert stored.task.lead_units == ["市消防救援支队"]
    kb.correct(Edit(stored.id, {"lead_units": ["市住房城乡建设局"], "deadline": "2027年6月底前",
                                "deadline_norm": "2027-06-30"}), EDITOR)
    corrected = kb.ask("消防整治谁牵头？")
    assert "市住房城乡建设局" in corrected.answer and "市消防救援支队" not in corrected.answer.split("；")[0]
    calendar = ics_bytes(kb.task_rows(doc=stored.document.doc_id)).decode("utf-8")
    assert "DTSTART;VALUE=DATE:20270630" in calendar
