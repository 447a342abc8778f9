"""The 核对 page through AppTest on a private copy of the seeded KB: the queue, an owner
corrected, a task confirmed, hidden and split, a missed task added by pasting its words,
progress, undo; and what every other reader then shows."""
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


@pytest.fixture
def review_app(seeded_home, tmp_path, monkeypatch):
    """No accounts on localhost: the app opens as the local admin (an editor may review)."""
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    monkeypatch.setenv("KB_HOME", str(home))
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.session_state["page"] = "核对"
    return at.run(), home


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def done_messages(at: AppTest) -> list[str]:
    return [s.value for s in at.success]


def test_the_queue_lists_the_least_sure_tasks_first_with_progress(review_app):
    at, home = review_app
    assert not at.exception
    assert any("已核对 **0 /" in m.value for m in at.markdown)
    with KnowledgeBase(home) as kb:
        queue = kb.tasks(doubtful=True)
    picker = at.selectbox[0] if at.selectbox[0].label.startswith("任务") else next(
        s for s in at.selectbox if s.label.startswith("任务"))
    assert picker.label == f"任务（共 {len(queue)} 项）"
    assert queue[0].task.text[:36] in picker.format_func(0)


def test_an_editor_corrects_an_owner_and_every_reader_shows_it(review_app):
    at, home = review_app
    with KnowledgeBase(home) as kb:
        first = kb.tasks(doubtful=True)[0]
    lead = next(m for m in at.multiselect if m.label == "牵头单位")
    lead.set_value(["市消防救援支队"])
    next(b for b in at.button if b.label == "保存修改").click()  # the form's submit button
    at.run()
    assert not at.exception and "已保存" in done_messages(at)
    with KnowledgeBase(home) as kb:
        after = kb.store.task_by_id(first.id)
        assert after.task.lead_units == ["市消防救援支队"] and after.review == "edited"
        assert after.reviewed_by.startswith("local:")
        assert first.id not in [s.id for s in kb.tasks(doubtful=True)]  # it left the queue
        row = next(r for r, s in zip(kb.task_rows(), kb.tasks()) if s.id == first.id)
        assert row["review"] == "edited"


def test_confirm_hide_and_split_from_the_page(review_app):
    at, home = review_app
    with KnowledgeBase(home) as kb:
        before = len(kb.tasks())
        queue = kb.tasks(doubtful=True)
    button(at, "确认无误").click()
    at.run()
    assert "已确认" in done_messages(at)
    button(at, "非任务").click()
    at.run()
    assert "已标为非任务" in done_messages(at)
    button(at, "拆分").click()
    at.run()
    assert "已拆分" in done_messages(at)
    with KnowledgeBase(home) as kb:
        assert kb.store.task_by_id(queue[0].id).review == "confirmed"
        assert kb.store.task_by_id(queue[1].id) is None
        assert len(kb.tasks()) == before - 1 + 1  # one hidden; one split into two
        assert {r.status for r in kb.reviews()} == {"confirmed", "hidden", "added"}
    assert any("已核对 **" in m.value and "已核对 **0 /" not in m.value for m in at.markdown)


def test_a_missed_task_is_added_by_pasting_its_words_and_can_be_undone(review_app):
    at, home = review_app
    with KnowledgeBase(home) as kb:
        doc = kb.document(kb.documents()[0]["doc_id"])
    start = next(i for i in range(300, 400) if not doc.text[i].isspace())
    words = doc.text[start:start + 60]
    at.session_state["review_doc"] = doc.doc_id
    at.run()
    next(t for t in at.text_area if t.label == "任务原文").set_value(words.replace("\n", " "))
    next(m for m in at.multiselect if m.label == "牵头单位" and m.key == "review_add_lead").set_value(["县应急局"])
    button(at, "添加任务").click()
    at.run()
    assert not at.exception and "已添加" in done_messages(at)
    with KnowledgeBase(home) as kb:
        added = [s for s in kb.tasks() if s.review == "added"]
        assert [(s.task.start, s.task.lead_units) for s in added] == [(start, ["县应急局"])]
    button(at, "撤销").click()
    at.run()
    with KnowledgeBase(home) as kb:
        assert not [s for s in kb.tasks() if s.review == "added"] and kb.reviews() == []


def test_pasted_words_not_in_the_document_are_refused(review_app):
    at, home = review_app
    with KnowledgeBase(home) as kb:
        doc_id = kb.documents()[0]["doc_id"]
    at.session_state["review_doc"] = doc_id
    at.run()
    next(t for t in at.text_area if t.label == "任务原文").set_value("这段文字不在任何文件里出现过")
    button(at, "添加任务").click()
    at.run()
    assert any("找不到粘贴的文字" in e.value for e in at.error)


def test_a_split_is_proposed_after_the_sentence_mark_nearest_the_middle():
    from kb.app.review_page import sentence_break
    text = "加强宣传。组织培训，提升能力；加强演练，每村一次。（县消防救援大队负责）"
    assert text[sentence_break(text):].startswith("加强演练")
    assert sentence_break("没有句号的一段话") == 4
