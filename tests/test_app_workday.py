"""The app for a day's work, feature by feature (AppTest on the seeded KB), and the helpers
behind it: citations that open the document at the span, deadline statuses, charts by role,
one unit's list, the .ics calendar, answers across documents, document kinds, placeholders."""
import io
from datetime import date, datetime, timezone

import icalendar
import pandas as pd
import pytest
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from ingest.meta import title_kind
from ingest.units import is_placeholder
from ingest.vocab import TITLE_KINDS
from kb.app import view
from kb.cli import cli
from kb.models import Answer
from kb.tables import tracking
from kb.tables.export import read_xlsx
from kb.tables.ics import fold, ics_bytes
from tests.test_app import APP, RecordingMediaFileManager, button, download, open_page, page_text, plain

TODAY = date(2021, 11, 15)


@pytest.fixture
def app(seeded_home, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(seeded_home))
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaFileManager)
    return AppTest.from_file(APP, default_timeout=60).run()


def test_a_citation_opens_the_document_at_the_highlighted_span(app, seeded_kb):
    app.text_input(key="question").input("消防整治谁牵头？")
    button(app, "提问").click().run()
    cited = seeded_kb.ask("消防整治谁牵头？").citations[0]
    button(app, "在原文中查看").click().run()
    assert not app.exception
    assert app.session_state["page"] == "文档" and app.session_state["doc_view"] == cited.doc_id
    assert app.query_params["at"] == f"{cited.start}-{cited.end}"
    text = next(h.value for h in app.html if view.FOCUS_ID in h.value)
    focused = text.split(f'id="{view.FOCUS_ID}"', 1)[1].split("</mark>", 1)[0]
    assert "消防领域整治提升工程" in focused
    assert any("已定位到引用的原文" in plain(i.value) for i in app.info)


def test_a_search_hit_shows_its_rank_and_opens_its_document(app):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品").run()
    captions = [plain(c.value) for c in app.caption if "相关度" in c.value]
    assert captions[0].endswith("第 1 条 · 相关度 █████") and "0.0" not in " ".join(captions)
    button(app, "在原文中查看").click().run()
    assert app.session_state["page"] == "文档" and any(view.FOCUS_ID in h.value for h in app.html)


def test_the_comparison_view_downloads_one_column_per_document(app):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品").run()
    sheet = read_xlsx(io.BytesIO(download(app, "download_compare")))["对比"]
    headings = [plain(m.value).strip("*") for m in app.markdown if m.value.startswith("**")]
    assert list(sheet[0]) == headings and len(headings) >= 2
    assert all(sheet[0][title] for title in headings)  # each column starts with its best hit


def test_task_status_and_owner_filters(app, seeded_kb):
    open_page(app, "任务分工表")
    table = app.dataframe[0].value
    assert set(table["状态"]) <= set(tracking.STATUSES) and "无时限" in set(table["状态"])
    app.multiselect(key="tasks_status").set_value(["无时限"]).run()
    assert set(app.dataframe[0].value["状态"]) == {"无时限"}
    app.multiselect(key="tasks_status").set_value([]).run()
    app.checkbox(key="tasks_owned").check().run()
    owned = app.dataframe[0].value
    assert 0 < len(owned) < len(table) and all(owned["牵头/责任单位"])
    assert all(tracking.has_owner(row) for row in seeded_kb.task_rows() if row["text"] in
               " ".join(owned["重点任务"]))


def test_unit_chart_counts_the_chosen_family_by_role(app):
    open_page(app, "任务分工表")
    app.selectbox(key="tasks_unit").set_value("应急管理部门").run()
    assert not app.exception and "应急管理部门（各级）按角色的任务数" in page_text(app)


def test_ics_download_parses_with_one_event_per_task_with_a_deadline(app, seeded_kb):
    open_page(app, "任务分工表")
    app.text_input(key="tasks_keyword").input("消防").run()
    calendar = icalendar.Calendar.from_ical(download(app, "download_ics"))
    events = list(calendar.walk("VEVENT"))
    dated = [r for r in seeded_kb.task_rows(keyword="消防") if tracking.deadline_date(r["deadline_norm"])]
    assert len(events) == len(dated) > 0
    first = events[0]
    assert first["DTSTART"].dt == tracking.deadline_date(dated[0]["deadline_norm"])
    assert "市消防救援支队" in str(first["DESCRIPTION"]) and "来源" in str(first["DESCRIPTION"])


def test_ics_escapes_and_folds_long_chinese_lines():
    row = {"doc_file": "a.txt", "doc_title": "通知", "section": "一、", "title": "检查, 整改; 复查",
           "text": "长" * 200, "lead_units": ["市应急局"], "deadline": "2021年6月", "deadline_norm": "2021-06"}
    data = ics_bytes([row, {**row, "deadline_norm": ""}], now=datetime(2021, 1, 1, tzinfo=timezone.utc))
    assert all(len(line.encode()) <= 75 for line in data.decode().split("\r\n"))
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]  # the row without a deadline is left out
    assert str(event["SUMMARY"]) == "检查, 整改; 复查" and event["DTSTART"].dt == date(2021, 6, 30)
    assert fold("短") == "短"


def test_answers_across_documents_are_a_table_with_relative_time_said(app):
    app.text_input(key="question").input("今年消防整治谁牵头？")
    button(app, "提问").click().run()
    table = pd.read_html(io.StringIO(next(h.value for h in app.html if "kb-cards" in h.value)))[0]  # cards on a phone
    assert list(table.columns) == ["文件", "单位", "时限", "出处", "置信度"] and len(table) >= 2
    assert all(cell.endswith("%") for cell in table["置信度"])  # each document's row has its own
    assert "市消防救援支队" in table["单位"].iloc[0]
    assert any("今年 = " in plain(c.value) for c in app.caption)


def test_an_unanswerable_question_says_so_and_shows_the_closest_passages(app):
    app.text_input(key="question").input("明年预算多少钱")
    button(app, "提问").click().run()
    assert any("没有找到足够确定的答案" in plain(w.value) for w in app.warning)
    assert "最接近的原文" in page_text(app) and not app.dataframe


def test_a_likely_wrong_answer_is_not_sure():
    assert not Answer("q", "lead", "市应急局", confidence=0.3).sure
    assert Answer("q", "lead", "市应急局", confidence=0.8).sure
    assert not Answer("q", "lead", "未找到明确答案", found=False, confidence=0.9).sure


def test_an_empty_kb_says_how_to_import(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(tmp_path / "empty"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="question").input("消防整治谁牵头？")
    button(at, "提问").click().run()
    assert any("kb ingest" in i.value for i in at.info)
    for args in (["ask", "谁牵头"], ["search", "消防"]):
        result = CliRunner().invoke(cli, ["--home", str(tmp_path / "empty"), *args], obj={})
        assert result.exit_code == 1 and "知识库是空的" in result.output and "kb ingest" in result.output


def test_streamlit_widget_words_are_chinese(app):
    styles = " ".join(h.value for h in app.html if "<style>" in h.value)
    assert "选择文件" in styles and "每个不超过 50 MB" in styles and "按输入筛选" in " ".join(h.value for h in app.html)


def test_cli_help_is_chinese():
    result = CliRunner().invoke(cli, ["export", "--help"], obj={})
    assert "导出任务分工表" in result.output and "输出文件" in result.output


# --- helpers -----------------------------------------------------------------------------

@pytest.mark.parametrize("norm, status", [("2021-10", "已逾期"), ("2021-11", "30天内到期"),
                                          ("2021-12-10", "30天内到期"), ("2021", "未到期"),
                                          ("2022-06", "未到期"), ("", "无时限"), ("长期坚持", "无时限")])
def test_deadline_status(norm, status):
    assert tracking.deadline_status(norm, TODAY) == status


def test_unit_role_counts_keep_to_the_family_and_leave_placeholders_out():
    rows = [{"lead_units": ["市应急局"], "co_units": ["市公安局", "各有关部门"], "responsible_units": ["县应急管理局"]},
            {"lead_units": ["市公安局"], "co_units": ["市应急管理局"], "responsible_units": []}]
    family = tracking.unit_role_counts(rows, "应急局")
    assert family.values.tolist() == [["市应急管理局", "牵头", 1], ["市应急管理局", "配合", 1],
                                      ["县应急管理局", "责任", 1]]
    everyone = tracking.unit_role_counts(rows)
    assert "各有关部门" not in set(everyone["单位"]) and set(everyone["单位"]) == {"市应急管理局", "市公安局", "县应急管理局"}


def test_deadline_months_colour_the_months_already_past():
    rows = [{"deadline_norm": "2021-09"}, {"deadline_norm": "2021"}, {"deadline_norm": ""}]
    months = tracking.deadline_months(rows, TODAY)
    assert months["月份"].tolist()[0] == "2021-09" and months["任务数"].sum() == 2
    assert months.set_index("月份")["状态"].to_dict() == {"2021-09": "已逾期", "2021-10": "已逾期",
                                                        "2021-11": "未到期", "2021-12": "未到期"}


@pytest.mark.parametrize("word, kind", TITLE_KINDS)
def test_title_kind_per_entry(word, kind):
    assert title_kind(f"某市安全生产{word}") == kind
    assert title_kind(f"某市安全生产{word}（试行）") == kind


def test_a_title_without_a_kind_word_is_not_guessed():
    assert title_kind("安全生产") == ""


@pytest.mark.parametrize("unit", ["各有关部门", "有关成员单位", "各镇街", "各镇（街）", "相关部门", "县安委会有关成员单位",
                                  "负有安全监管职责的各有关部门", "牵头部门", "行业主管部门", "属地"])
def test_placeholders_are_not_units(unit):
    assert is_placeholder(unit)


@pytest.mark.parametrize("unit", ["市应急局", "县应急局等有关部门", "县交警大队", "团县委", "街道安委会办公室"])
def test_named_bodies_are_units(unit):
    assert not is_placeholder(unit)


def test_seed_documents_hold_no_conversion_remnants_and_no_closing_lines_as_tasks(seeded_kb):
    for doc in seeded_kb.documents():  # the stored text may keep them (offsets); the view never shows them
        document = seeded_kb.document(doc["doc_id"])
        assert "[bookmark:" not in view.highlight_html(document.text, [(0, 50)], anchors={10: "kb-sec-0"})
    for row in seeded_kb.task_rows():
        text = row["text"].strip()
        assert not text.startswith(("联系人", "联系电话", "抄送")), text
        assert not (len(text) < 40 and text.endswith("日") and "年" in text), text
