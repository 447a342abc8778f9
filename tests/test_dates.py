"""Deadlines: one example per form in ingest/deadline_rules.py, the precedence between them,
and years taken from the document (flagged)."""
import pytest

from ingest.dates import (
    DateContext,
    choose,
    deadline_field,
    find_deadlines,
    normalize_deadline,
    parse_date,
    relative_to,
)
from ingest.deadline_rules import DEADLINE_FORMS, ONGOING_FORMS

CTX = DateContext(issued="2024-03-05", year=2024)

FORM_EXAMPLES = {  # name -> (text, normalised, year inferred)
    "year_month_before": ("于2024年5月底前完成排查", "2024-05", False),
    "due_on": ("于2024年6月30日完成验收", "2024-06", False),
    "range_end": ("2019年1月1日至12月31日执行该政策", "2019-12", False),
    # (a month's part on the left too: 2025年7月中旬至9月中旬 is taken whole, in tests/test_extract_shapes.py)
    "run_for_years": ("从2019年1月1日起，实施三年", "2021-12", False),
    "after_issue": ("本方案印发后10日内报送名单", "2024-03", False),
    "within_years": ("5年内培养一批专业人才", "2028", True),
    "month_range_end": ("活动时间为6月1日至30日", "2024-06", True),
    "from_now_until": ("从即日起至9月底，各县开展排查", "2024-09", True),
    "month_span_end": ("7月中旬至9月中旬开展超载治理", "2024-09", True),
    "named_year_range_end": ("整治从今年11月1日起至明年3月底结束", "2025-03", True),
    "every_month_before": ("各乡镇每月25日前报送进展", "", False),
    "cn_month_before": ("三月底前完成自查自纠", "2024-03", True),
    "done_in_year_month": ("2025年11月完成应急广播建设", "2025-11", False),
    "done_in_month": ("消防宣传进社区活动11月上旬完成", "2024-11", True),
    "month_part_scheduled": ("县安委会于12月下旬开展督导检查", "2024-12", True),
    "bracketed_month": ("（三）总结验收阶段（11月）", "2024-11", True),
    "due_on_month": ("各乡镇于6月20日完成汛前排查", "2024-06", True),
    "named_month_before": ("本月底前报送排查台账", "2024-03", False),
    "lasting_until": ("活动于6月1日启动，持续至6月30日结束", "2024-06", True),
    "every_year_before": ("2020年起，每年2月底前完成考核", "2020-02", False),
    "month_before": ("6月1日前完成自查", "2024-06", True),
    "until_month_part": ("至10月中旬全面完成安装", "2024-10", True),
    "half_year": ("上半年完成摸底", "2024-06", True),
    "quarter": ("第三季度完成验收", "2024-09", True),
    "quarter_before": ("三季度末前完成验收", "2024-09", True),
    "year_end": ("年底前全面完成", "2024-12", True),
    "month_of": ("3月份开展宣传", "2024-03", True),
    "numeric_date_before": ("于2024.6.30前上报整改报告", "2024-06", False),
    "strive_for": ("力争2026年实现全覆盖", "2026", False),
    "until": ("到2027年底，建成应急指挥平台", "2027-12", False),
    "year_span": ("2024—2026年持续开展专项整治", "2026", False),
    "year_clause": ("2025年，全面建成监测网络", "2025", False),
    "date_alone": ("6月16日", "2024-06", True),
    "numeric_date": ("2025.12", "2025-12", False),
    "year_alone": ("2025年", "2025", False),
    "year_end_alone": ("年底", "2024-12", True),
    "within_year": ("2025年内完成全部改造", "2025-12", False),
    "named_year_month_before": ("次年3月底前完成验收", "2025-03", True),
    "ongoing": ("长期坚持", "", False),
}


@pytest.mark.parametrize("name", [n for n, _, _ in DEADLINE_FORMS])
def test_deadline_form(name):
    text, norm, inferred = FORM_EXAMPLES[name]
    found = find_deadlines(text, CTX, expected=name in ONGOING_FORMS)
    assert found, text
    assert (found[0].norm, found[0].inferred) == (norm, inferred)


@pytest.mark.parametrize("text", [
    "坚持“一周一小练、一季度一检验”",  # a cadence, not a quarter
    "截至2023年底，已完成改造120处",  # progress, not a deadline
    "可享受3年内的租金减免",  # a benefit's length
    "离校5年内的高校毕业生",  # eligibility
    "政策有效期至2027年12月31日",  # validity of the measures
    "每年年底前报送总结",  # yearly, with no month
    "每年11月完成年度评估",  # yearly: a cadence, not the date the work is done
    "完善2025年内容更新机制",  # 年内 inside 年内容
    "2025年",  # a year alone in running text (only a label's or a cell's value is a deadline)
])
def test_not_a_deadline(text):
    assert not [d for d in find_deadlines(text, CTX) if d.kind in ("explicit", "loose")]


@pytest.mark.parametrize("text, norm", [
    ("2024年11月1日起至3月底开展冬季整治", "2025-03"),  # a year's range past its end
    ("11月1日至3月31日开展冬季整治", "2025-03"),
    ("11月至2月开展冬季整治", "2025-02"),
    ("7月起至9月底开展汛期检查", "2024-09"),  # 起 before 至
    ("2024年7月1日起至9月30日开展检查", "2024-09"),
])
def test_a_period_running_into_the_next_year_ends_in_it(text, norm):
    assert choose(find_deadlines(text, CTX)).norm == norm


def test_precedence():
    # several explicit: the latest
    assert choose(find_deadlines("2024年6月底前完成，2025年底前巩固", CTX)).norm == "2025-12"
    # explicit beats recurring; recurring alone gives its first due date
    assert choose(find_deadlines("2019年9月底前完成；2020年起，每年1月底前完成", CTX)).norm == "2019-09"
    assert choose(find_deadlines("每年3月底前报送", CTX)).norm == "2024-03"  # the first after the issue date
    assert choose(find_deadlines("每年3月底前报送", DateContext("2024-05-01", 2024))).norm == "2025-03"
    # explicit beats loose
    assert choose(find_deadlines("到2026年，…；2024年底前完成", CTX)).norm == "2024-12"


def test_year_less_deadline_needs_a_year():
    chosen = choose(find_deadlines("6月底前完成", DateContext()))
    assert chosen.raw == "6月底前" and chosen.norm == ""


@pytest.mark.parametrize("text, norm", [
    ("2021年12月", "2021-12"),
    ("2024年5月底前", "2024-05"),
    ("2025年底前", "2025-12"),
    ("2022年年底前", "2022-12"),
    ("2024年6月底前；2024年底前；2026年底前", "2026-12"),
    ("2024年8月底前取得明显成效，并长期坚持", "2024-08"),
    ("从现在起到2026年", "2026"),
    ("本方案印发后10日内", ""),  # relative: needs the issue date
    ("会同配合单位于2012年10月底前制定细则", "2012-10"),  # "于…月底前" is a before, not a due day
    ("于2024年4月19日（星期五）前报送", "2024-04"),  # a weekday in brackets is read past
    ("2008年4月初之前", "2008-04"),  # the start of a month
    ("2008年4月10前", "2008-04"),  # a table cell's day typed without 日
    ("2024年5月6日(周一)前", "2024-05"), ("2024年12月份前完成", "2024-12"),
    ("2025-06-30之前完成", "2025-06"), ("2025/12前", "2025-12"), ("2025-2027年", "2027"),  # a span is no date
    ("2025年9月20日一9月30日", "2025-09"),  # 一 typed for the range's dash
])
def test_normalize_deadline(text, norm):
    assert normalize_deadline(text) == norm


def test_deadline_field_keeps_ongoing_words():
    assert deadline_field("长期坚持", CTX).raw == "长期坚持" and deadline_field("长期坚持", CTX).norm == ""
    assert deadline_field("12月底前", CTX).inferred


def test_relative_deadline_from_issue_date():
    assert normalize_deadline("本方案印发后10日内", "2021-04-07") == "2021-04"
    assert relative_to("2021-12-25", 10, "日") == "2022-01"
    assert relative_to("2021-01-31", 1, "个月") == "2021-02"
    assert parse_date("2021年4月7日") == "2021-04-07" and parse_date("2021年2月30日") == ""


def test_due_on_a_date():
    assert choose(find_deadlines("各乡镇于2024年6月30日完成自查", CTX)).norm == "2024-06"
    assert choose(find_deadlines("截止2024年9月", CTX)).norm == "2024-09"
    # 于…日前: the whole date before 前, not the month alone
    assert choose(find_deadlines("各村于2023年12月1日前报送总结", CTX)).raw == "2023年12月1日前"


def test_a_weekday_in_brackets_keeps_the_deadlines_place_in_the_text():
    text = "先报方案，于4月20日（星期五）前上报；再于5月6日(周一)前完成"
    found = find_deadlines(text, DateContext())
    assert [(d.raw, text[d.start:d.start + 2]) for d in found] == [("4月20日前", "4月"), ("5月6日前", "5月")]
