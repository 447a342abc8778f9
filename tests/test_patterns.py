"""One example per rule in ingest/patterns.py (headings, item layout, document kind, metrics),
and a check that no rule goes untested. Every example is written for this test."""
import pytest

from ingest import patterns as P
from ingest.pipeline import is_regulation

HEADING_EXAMPLES = {
    "chapter": ("第二章　生产经营单位的安全生产保障", 2),
    "division": ("附则", 0),
    "part": ("第一节 一般规定", 1),
    "article": ("第十二条 县级以上人民政府…", 12),
    "cn": ("三、工作要求", 3),
    "paren_cn": ("（十）强化“五个提升”", 10),
    "arabic_dot": ("12. 其他行业和领域。", 12),
    "arabic_dun": ("3、 重点任务", 3),
    "paren_arabic": ("（2） 主要目标", 2),
    "circled": ("③加强培训", 3),
    "cn_shi": ("二是做好车辆检查。", 2),
    "arabic_space": ("2 开展隐患排查。县水利局负责水库排查。", 2),
}


# numbering typed as one glyph (a word processor's list copied as text) reads as its written form
GLYPH_EXAMPLES = [("⑶负责保障金的审核。", "paren_arabic", 3), ("⒓做好其他工作。", "arabic_dot", 12),
                  ("⑩完成交办事项。", "circled", 10)]


@pytest.mark.parametrize("line,style,ordinal", GLYPH_EXAMPLES)
def test_heading_glyph(line, style, ordinal):
    found = P.match_heading(line)
    assert found is not None and found[:2] == (style, ordinal)


@pytest.mark.parametrize("style", sorted({s for s, _ in P.HEADING_STYLES} - {"decimal"}))
def test_heading_style(style):
    line, ordinal = HEADING_EXAMPLES[style]
    found = P.match_heading(line)
    assert found is not None and found[0] == style and found[1] == ordinal


@pytest.mark.parametrize("line, style, ordinal", [("1总则", "decimal1", 1), ("2 组织指挥体系", "decimal1", 2),
                                                  ("1.2编制依据", "decimal2", 2), ("3.1.1火险预警", "decimal3", 1),
                                                  ("4.2.1.3 县级响应", "decimal4", 3)])
def test_sections_numbered_by_decimals(line, style, ordinal):
    found = P.match_heading(line)
    assert found is not None and found[:2] == (style, ordinal)


@pytest.mark.parametrize("line, ordinal", [("1.2026年底前，完成城东消防站建设。", 1), ("12.2025年6月底前完成排查。", 12)])
def test_an_item_opening_with_its_year(line, ordinal):
    assert P.match_heading(line)[:2] == ("arabic_dot", ordinal)


@pytest.mark.parametrize("line", ["2.5%的企业完成改造", "10万元以上", "3人参加培训", "1.5倍", "12月", "2023年"])
def test_numbers_are_no_decimal_sections(line):
    assert (P.match_heading(line) or ("",))[0] not in {"decimal1", "decimal2", "decimal3", "decimal4"}


@pytest.mark.parametrize("line", ["2021年，全市…", "一是，进一步梳理", "50%以上", "2.5%的企业", "（街道、开发区）",
                                  "附则规定的其他情形"])
def test_not_a_heading(line):
    assert P.match_heading(line) is None


@pytest.mark.parametrize("title", ["活动时间：6月1日至30日", "活动内容：开展宣传咨询", "组织单位：县应急局",
                                   "参加单位：各镇街", "时间安排：全年", "完成时限：年底前", "工作要求：严格落实"])
def test_field_item(title):
    assert P.FIELD_ITEM.match(title)


@pytest.mark.parametrize("title", ["加强宣传教育", "开展应急演练"])
def test_not_a_field_item(title):
    assert not P.FIELD_ITEM.match(title)


@pytest.mark.parametrize("line", ["附件：1.重点任务分工表", "抄送：市委办公室", "联系人：王某，联系电话：12345678",
                                  "（此件公开发布）", "县应急管理局办公室 2024年3月5日印发"])
def test_closing_line(line):
    assert P.CLOSING_LINE.match(line) or P.DATE_ONLY_LINE.match(line)


@pytest.mark.parametrize("line", ["2024年3月5日", "二〇二四年三月五日"])
def test_date_only_line(line):
    assert P.DATE_ONLY_LINE.match(line)


@pytest.mark.parametrize("text", ["2019年3月底前，", "6月1日前，", "2020年起，每年", "上半年", "每季度"])
def test_time_opener(text):
    assert P.TIME_OPENER.match(text)


@pytest.mark.parametrize("title, text, regulation", [
    ("某省安全生产条例", "第一条 为了…", True),
    ("某市燃气管理办法（试行）", "第一条 为了…", True),
    ("某县安全生产约谈规定", "", True),
    ("某区支持企业发展若干措施", "第一条 空间支持。对…给予补贴。（责任单位：区科技局）", False),
    ("某方案", "第一章 总则\n第一条 为了…", True),
    ("某方案", "第二十条 本办法自2024年1月1日起施行。", True),
    ("某市2024年安全生产工作要点", "一、总体要求", False),
])
def test_document_kind(title, text, regulation):
    assert is_regulation(title, text) is regulation


@pytest.mark.parametrize("text, expected", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十三", 23), ("两", 2), ("一百零五", 105), ("7", 7)])
def test_cn_to_int(text, expected):
    assert P.cn_to_int(text) == expected


def test_non_task_and_target_sections():
    assert P.NON_TASK_SECTION.search("一、指导思想") and P.NON_TASK_SECTION.search("（二）基本原则")
    assert not P.NON_TASK_SECTION.search("二、主要措施")
    assert all(P.NON_TASK_SECTION.search(h) for h in ("一、现状与形势", "（一）“十三五”期间进展与成效", "一、发展基础"))
    assert P.TARGET_SECTION.search("（三）发展目标")


@pytest.mark.parametrize("line", ["1.完善应急管理体系 - 22 -", "二、主要任务……………8", "（一）指导思想.......3"])
def test_a_table_of_contents_line_is_no_heading(line):
    assert P.CONTENTS_ENTRY.search(line)


def test_a_heading_ending_in_a_number_is_no_contents_line():
    assert not P.CONTENTS_ENTRY.search("1.建成应急物资储备库3个")


@pytest.mark.parametrize("title, year", [("某市安全生产规划（2024—2026年）", "2026"), ("某区“十四五”应急体系规划", "")])
def test_plan_horizon_signs(title, year):
    m = P.YEAR_RANGE.search(title)
    assert (m.group(2) if m else "") == year
    assert P.HORIZON.search("到2025年底，重大风险得到有效管控").group("y") == "2025"
