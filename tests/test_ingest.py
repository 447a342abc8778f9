"""Normalisation, section tree, metadata, dates and units on small real text."""
import re

import pytest

from ingest.meta import extract_meta, region_and_level
from ingest.normalize import normalize
from ingest.sections import build_tree, chunk


# ---- normalisation --------------------------------------------------------------------------
def test_rejoins_cut_lines_and_blank_lines():
    raw = "坚持一条主线，即高标准落实全县安全生产专项整治三年行\n\n动安全隐患排查整治。\n\n一、总体要求\n\n坚持目标导向。"
    clean = normalize(raw)
    assert clean.text == "坚持一条主线，即高标准落实全县安全生产专项整治三年行动安全隐患排查整治。\n一、总体要求\n坚持目标导向。"


def test_a_number_ending_a_line_and_one_opening_the_next_stay_apart():
    clean = normalize("发布人：县应急局 添加时间：2025-07-07 09:27\n7月4日，县安委会召开第二季度工作会议，部署汛期安全工作。")
    assert clean.text.split("\n")[1].startswith("7月4日")


def test_does_not_join_headings_titles_or_owner_blocks():
    raw = "济南市人民政府办公厅 关于印发济南市安全生产攻坚年行动 实施方案的通知\n\n各区县人民政府：\n" \
          "（一）开展生产经营单位主要负责人安全教育培训行动\n抓好全面覆盖和培训质量。\n" \
          "实施措施：一是督促非煤矿山企业开展全员全岗位全过程安全生产自查\n（完成时限：2021年12月）"
    lines = normalize(raw).text.split("\n")
    assert lines[0] == "济南市人民政府办公厅关于印发济南市安全生产攻坚年行动实施方案的通知"
    assert lines[2] == "（一）开展生产经营单位主要负责人安全教育培训行动"
    assert lines[-1] == "（完成时限：2021年12月）"


def test_removes_artefacts_and_spaces_in_numbers():
    clean = normalize("[bookmark: _Toc82430866]一、基础与形势\n（完成时限：2021 年 12 月，责任单位：市市场监管局）\n下降 50%")
    assert clean.text == "一、基础与形势\n（完成时限：2021年12月，责任单位：市市场监管局）\n下降50%"


def test_a_web_copys_page_break_marker_is_no_text():
    clean = normalize("|\n[接上页] 5.2.2.3市民政局应组织灾情核查。\n【接上页】(9)市农委：负责评估损失。")
    assert clean.text.splitlines()[1:] == ["5.2.2.3市民政局应组织灾情核查。", "(9)市农委：负责评估损失。"]


def test_offset_map_points_to_the_original_words():
    raw = " [bookmark: _x]县应\n\n急局会同各有关部门分工负责。\n２０２１ 年"
    clean = normalize(raw)
    i = clean.text.index("急局")
    start, end = clean.span(i, i + 2)
    assert raw[start:end] == "急局"
    start, end = clean.span(0, len(clean.text))
    assert re.sub(r"\s", "", raw[start:end]).replace("[bookmark:_x]", "").startswith("县应急局")
    j = clean.text.index("2021年")
    assert raw[slice(*clean.span(j, j + 5))] == "２０２１ 年"


# ---- sections -------------------------------------------------------------------------------
DOC = """关于印发某方案的通知
一、总体要求
坚持目标导向。
二、主要措施
（一）6个专项行动。
1. 安全监管责任体系建设专项行动。一是建立数据库。
2. 企业主体责任落实专项行动。开展活动。
（二）保障措施
1.强化考核评估。纳入考评。
3、 重点任务
（一）完善制度
"""


def test_tree_levels_follow_the_order_styles_appear():
    root = build_tree(normalize(DOC).text)
    sections = [n.section for n in root.walk() if n.parent is not None]
    assert "二、主要措施 / （一）6个专项行动 / 1. 安全监管责任体系建设专项行动" in sections
    assert "二、主要措施 / （二）保障措施 / 1.强化考核评估" in sections
    # "3、" typed for "三、": taken as a sibling of 二、
    assert "3、重点任务 / （一）完善制度" in sections


def test_chunk_respects_the_cap_and_sentence_ends():
    text = "甲" * 30 + "。" + "乙" * 30 + "。" + "丙" * 80
    pieces = chunk(text, 100, cap=40)
    assert all(b - a <= 40 for a, b in pieces)
    assert pieces[0] == (100, 131)
    assert "".join(text[a - 100:b - 100] for a, b in pieces) == text


# ---- metadata -------------------------------------------------------------------------------
def test_meta_of_a_wrapped_notice():
    text = normalize("济南市人民政府办公厅\n济政办函〔2021〕8号\n济南市人民政府办公厅 关于印发济南市安全生产攻坚年行动 实施方案的通知\n"
                     "各区县人民政府：\n济南市人民政府办公厅\n2021年4月7日\n").text
    meta = extract_meta(text, text)
    assert meta.title == "济南市安全生产攻坚年行动实施方案"
    assert meta.number == "济政办函〔2021〕8号"
    assert meta.issuer == "济南市人民政府办公厅"
    assert meta.date == "2021-04-07"
    assert (meta.region, meta.level) == ("济南市", "市")


@pytest.mark.parametrize("name, region, level", [
    ("沂源县2021年安全生产工作要点", "沂源县", "县"),
    ("唐王街道安全生产治本攻坚三年行动实施方案", "唐王街道", "街道"),
    ("济宁市兖州区“十四五”安全生产规划", "济宁市兖州区", "区"),
    ("山东省安全生产条例", "山东省", "省"),
])
def test_region_and_level(name, region, level):
    assert region_and_level(name) == (region, level)
