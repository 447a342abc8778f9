"""The app on a phone (issue 23, items 1, 2 and 7): answers as cards, the document view (cited
span scrolled to its start, outline folded, tap for a task's owners), the task table's order and
Chinese widget words, search hits with their document's kind and a window around the match.
AppTest on the seeded KB of tests/test_app.py and the HTML helpers; tests/test_browser.py
measures the same things in Chromium at 390 and 1440 px."""
import html
import io
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ingest.vocab import TITLE_KINDS
from kb import KnowledgeBase
from kb.app import phone, reading_pages, view
from kb.tables import tracking
from tests.test_app import APP, button, open_page, plain, tab

FIRE = "消防整治谁牵头？"  # three documents answer it


@pytest.fixture
def app(seeded_home, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(seeded_home))
    return AppTest.from_file(APP, default_timeout=60).run()


def cards(at) -> pd.DataFrame:
    """The several-document answer's table, read back from its HTML."""
    return pd.read_html(io.StringIO(next(h.value for h in at.html if phone.CARDS_CLASS in h.value)))[0]


# --- 1. answers as cards ---------------------------------------------------------------

def test_a_several_document_answer_is_one_card_per_document_with_unit_deadline_and_source(app):
    app.text_input(key="question").input(FIRE)
    button(app, "提问").click().run()
    assert not app.exception and not app.dataframe  # no grid whose columns run off a phone
    table = cards(app)
    assert list(table.columns) == ["文件", "单位", "时限", "出处", "置信度"] and len(table) == 3
    assert table["单位"].iloc[0] == "市消防救援支队" and table["时限"].iloc[0] == "2021年12月"
    assert "消防领域整治提升工程" in table["出处"].iloc[0]
    assert table["时限"].iloc[2] == "未写明"  # a document with no deadline says so, not a blank cell


def test_cards_html_labels_each_cell_and_escapes_document_text():
    out = phone.cards_html(["文件", "单位"], [["<b>《通知》</b>", 'a"b&c'], ["x", ""]])
    assert "<b>" not in out and "&lt;b&gt;《通知》&lt;/b&gt;" in out and "a&quot;b&amp;c" in out
    assert out.count('data-label="单位"') == 2 and out.count('class="kb-card-head"') == 2
    assert f"@media (max-width:{phone.NARROW_PX}px)" in out and "td:empty {display:none}" in out


# --- 1. the document view --------------------------------------------------------------

def test_the_outline_folds_behind_a_label_on_a_phone_and_escapes_headings():
    out = phone.outline_html([(0, "一、<总体>", "kb-sec-0"), (1, "（一）目标", "kb-sec-1")])
    assert "&lt;总体&gt;" in out and 'href="#kb-sec-1"' in out and "padding-left:1.2em" in out
    toggle = f'<input type="checkbox" id="{phone.OUTLINE_TOGGLE_ID}"><label for="{phone.OUTLINE_TOGGLE_ID}">'
    assert toggle in out  # the box comes first: CSS folds what follows it until it is ticked
    assert "input:not(:checked) ~ .kb-outline-body {display:none}" in out
    assert "（没有章节标题）" in phone.outline_html([])


def test_task_marks_can_be_tapped_for_their_owners():
    out = view.highlight_html("牵头单位落实整改", [(0, 4, '牵头："市<应急>局"')])
    assert f'class="{phone.TASK_MARK_CLASS}" tabindex="0"' in out
    assert 'data-owners="牵头：&quot;市&lt;应急&gt;局&quot;"' in out  # shown by CSS attr(): text only
    assert "tabindex" not in view.highlight_html("落实整改", [(0, 2)])  # a search match is no task
    assert ":focus::after" in phone.TASK_MARK_STYLE and "attr(data-owners)" in phone.TASK_MARK_STYLE


def test_the_document_page_scrolls_to_the_start_of_the_span_folds_the_outline_and_says_tap(app):
    app.text_input(key="question").input(FIRE)
    button(app, "提问").click().run()
    button(app, "在原文中查看").click().run()  # the first citation opens its document at the span
    assert not app.exception and app.session_state["page"] == "文档"
    assert any("kb-outline" in h.value and phone.OUTLINE_TOGGLE_ID in h.value for h in app.html)
    assert any("点一下标出的文字可看分工" in m.value for m in app.markdown)
    assert not any("鼠标停在上面" in m.value for m in app.markdown)
    # the box scrolled to put the span's first line a little below its top (tests/test_browser.py measures it)
    assert "first.top - box.getBoundingClientRect().top" in reading_pages.SCROLL_TO_FOCUS and "center" not in reading_pages.SCROLL_TO_FOCUS
    text = next(h.value for h in app.html if view.TEXT_STYLE in h.value)
    assert f'id="{view.FOCUS_ID}"' in text and 'tabindex="0"' in text


# --- 2. the task table -----------------------------------------------------------------

def row(lead=(), responsible=(), deadline_norm="", text="") -> dict:
    return {"lead_units": list(lead), "responsible_units": list(responsible), "deadline_norm": deadline_norm,
            "text": text}


def test_work_order_puts_owned_and_dated_tasks_first_and_keeps_order_within_each():
    rows = [row(text="neither"), row(["市应急局"], text="owner only"), row(deadline_norm="2021-06", text="date only"),
            row(["市应急局"], deadline_norm="2021-06", text="both 1"), row(["各有关部门"], deadline_norm="2021", text="placeholder"),
            row(responsible=["县公安局"], deadline_norm="2021-12", text="both 2")]
    assert [rows[i]["text"] for i in tracking.work_order(rows)] == [
        "both 1", "both 2", "owner only", "date only", "placeholder", "neither"]


def test_the_task_table_opens_on_tasks_with_owners_and_deadlines(app, seeded_home):
    open_page(app, "任务分工表")
    table = app.dataframe[0].value
    with KnowledgeBase(seeded_home) as kb:
        rows = kb.task_rows()
    expected = view.screen_frame([rows[i] for i in tracking.work_order(rows)], date.today())
    assert table["重点任务"].tolist() == expected["重点任务"].tolist()
    assert table[view.OWNER_COLUMN].iloc[0] and table[view.STATUS_COLUMN].iloc[0] != tracking.NO_DEADLINE
    assert not table[view.OWNER_COLUMN].iloc[-1] or table[view.STATUS_COLUMN].iloc[-1] == tracking.NO_DEADLINE
    assert list(table["序号"]) == list(range(1, len(table) + 1))  # numbered as shown (and downloaded)


def test_doubtful_tasks_stay_least_sure_first(app):
    open_page(app, "任务分工表")
    app.checkbox(key="tasks_doubtful").check().run()
    sure = [float(cell.split("%")[0]) for cell in app.dataframe[0].value["置信度"]]
    assert sure and sure == sorted(sure)


def test_streamlits_english_widget_words_are_given_in_chinese(app):
    scripts = " ".join(h.value for h in app.html)
    for english, chinese in (("Select all", "全选"), ("Select (\\d+) matches", "选中全部 "),
                             ("Add: ", "按输入筛选："), ("Press Enter to apply", "按回车键确认")):
        assert english in scripts and chinese in scripts
    open_page(app, "任务分工表")
    assert app.multiselect(key="tasks_status").placeholder == "全部状态"


# --- 7. search hits: the document's kind, a window around the match ----------------------

@pytest.mark.parametrize("word, kind", TITLE_KINDS)
def test_a_hit_says_the_kind_its_documents_title_says(word, kind):
    assert view.kind_label(f"某市安全生产{word}", "notice") == kind


def test_a_hit_whose_title_says_no_kind_says_the_stored_one():
    assert view.kind_label("安全生产", "regulation") == "法规" and view.kind_label("", "") == ""


def test_a_long_passage_shows_a_window_around_its_first_match():
    text = "甲" * 300 + "危险化学品" + "乙" * 300
    shown, marks, trimmed = view.snippet(text, [(300, 305), (900, 901)])
    assert trimmed and shown.startswith(view.ELLIPSIS) and shown.endswith(view.ELLIPSIS)
    assert len(shown) == view.SNIPPET_CHARS + 2 and marks == [(view.SNIPPET_LEAD + 1, view.SNIPPET_LEAD + 6)]
    assert shown[marks[0][0]:marks[0][1]] == "危险化学品"
    near_end = view.snippet("乙" * 400 + "消防", [(400, 402)])
    assert near_end[0].endswith("消防") and near_end[0][near_end[1][0][0]:] == "消防"  # not cut after it
    assert view.snippet("短文本消防", [(3, 5)]) == ("短文本消防", [(3, 5)], False)


def test_search_hits_show_their_kind_and_trim_long_passages(app):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品").run()
    listing = tab(app, "结果（")
    captions = [plain(c.value) for c in listing.caption if "相关度" in c.value]
    assert any(" · 规划 · " in c for c in captions) and any(" · 方案 · " in c for c in captions)
    full = [h.value for e in listing.expander for h in e.html]
    assert full and all(e.label == "展开全文" for e in listing.expander)
    shown = [h.value for h in listing.html if h.value not in full]
    assert any(view.ELLIPSIS in html.unescape(h) for h in shown)
    assert max(map(len, shown)) < max(map(len, full))


def test_the_kind_filter_asks_the_kb_for_that_kind(app):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品")
    app.segmented_control(key="search_doc_kind").set_value("notice").run()
    assert tab(app, "结果（").label != "结果（0）"
    app.segmented_control(key="search_doc_kind").set_value("regulation").run()
    assert any("没有找到相关内容" in info.value for info in app.info)


def test_exports_and_the_screen_tell_the_same_status():
    rows = [{**row(["市应急局"], deadline_norm="2021-06"), "co_units": [], "deadline": "2021年6月", "metrics": [],
             "title": "", "doc_title": "t", "doc_file": "t.txt", "doc_number": "", "section": "", "confidence": 0.9,
             "review": "", "reviewed_by": "", "reviewed_at": "", "doc_id": "", "start": 0, "end": 0}]
    assert view.screen_frame(rows, date(2021, 6, 10))[view.STATUS_COLUMN].tolist() == [tracking.DUE_SOON]
