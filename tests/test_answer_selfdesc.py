"""Routing a question to a document by what the document says about itself when its fields are
silent (kb/answers/selfdesc.py): an untitled web excerpt named by its heading line, dated by the date
below it, and an autonomous county named by its short form (the routing misses of probe4-probe6:
the other Hainan report, the other 辽宁 plan, an undated notice dropped by the asked year, 江华县)."""
import pytest

from ingest.models import Document
from kb import KnowledgeBase
from kb.answers import rules as R
from kb.answers.question import _by_title_words, _in_years, _split_places, named_documents
from kb.answers.selfdesc import described_title, head_years, short_place, untitled

HAINAN_2020 = Document("a1", "032.txt", title="假日第二天,海南省安委会召开紧急会议", date="2020-10-02")
HAINAN_2023 = Document("b2", "033.txt", title="033")
HEADS = {"b2": "海南省安委办召开会议再次调度部署 “五一”假期安全生产工作\n\n海拔新闻 2023-04-28 20:08:43\n"}


@pytest.mark.parametrize("title, file, expected", [
    ("033", "033.txt", True), ("《2023年", "009.txt", True), ("", "x.txt", True),
    ("假日第二天,海南省安委会召开紧急会议", "032.txt", False), ("甲市燃气管理条例", "甲市燃气管理条例.md", False)])
def test_untitled(title, file, expected):
    assert untitled(Document("x", file, title=title)) is expected


def test_an_untitled_document_is_named_by_the_head_of_its_text():
    assert described_title(HAINAN_2023, HEADS).startswith("海南省安委办召开会议")
    assert described_title(HAINAN_2020, HEADS) == HAINAN_2020.title
    # 五一 is in 033's heading only: the titled 2020 report no longer wins by having a title alone,
    # and a heading that matches as well joins the best titled documents, without pushing them out
    assert _by_title_words([HAINAN_2020, HAINAN_2023], ["五一", "会议"], 1, HEADS) == [HAINAN_2020, HAINAN_2023]
    # a head alone, with no title matching, narrows nothing (a place still names them all)
    assert _by_title_words([HAINAN_2020, HAINAN_2023], ["五一"], 1, HEADS) == [HAINAN_2020, HAINAN_2023]
    assert _by_title_words([HAINAN_2020, HAINAN_2023], ["紧急会议"], 1, HEADS) == [HAINAN_2020]


def test_a_table_head_is_no_title():
    table = Document("c3", "13_chongqing_municipality_table.txt", title="13_chongqing_municipality_table")
    head = {"c3": "序号 | 名 称 | 2025年目标 | 责任单位 |\n1 | 重特大生产安全事故起数 | 0 |"}
    assert described_title(table, head) == "序号 "
    assert described_title(HAINAN_2023, {"b2": "海南省安委办召开会议。4月28日"}) == "海南省安委办召开会议"


def test_an_undated_document_is_dated_by_its_head():
    assert head_years("海拔新闻 2023-04-28 20:08:43") == {2023}
    assert head_years("1月12日,县应急管理局组织召开全县2021年烟花爆竹安全监管工作会议") == {2021}
    assert head_years("共20180人参加，电话12345") == set()
    assert _in_years(HAINAN_2023, (2023, 2023), HEADS)
    assert not _in_years(HAINAN_2023, (2022, 2022), HEADS)
    assert not _in_years(HAINAN_2023, (2023, 2023))  # without its head, nothing dates it
    # a dated document keeps its own date, whatever its head says
    assert not _in_years(HAINAN_2020, (2023, 2023), {"a1": "2023-01-01"})


@pytest.mark.parametrize("region, places", [
    ("江华瑶族自治县", ["江华瑶族自治", "江华"]), ("长阳土家族自治县", ["长阳土家族自治", "长阳"]),
    ("济宁市兖州区", ["济宁", "兖州"]), ("宁夏回族自治区", ["宁夏回族"])])
def test_an_autonomous_county_is_also_named_by_its_short_form(region, places):
    assert _split_places(region) == places


def test_short_place_only_of_autonomous_names():
    assert short_place("江华瑶族自治") == "江华"
    assert short_place("济宁") is None


def test_a_topic_title_of_another_place_gives_way_to_the_asked_place(tmp_path):
    """江华县's meeting report (its place in the body only) is not the table titled 烟花爆竹安全监管
    of no place; a question naming that table's own words and no place keeps it."""
    (tmp_path / "14.txt").write_text("烟花爆竹安全监管\n序号 涉及部门 职责分工\n1 市公安局 负责烟花爆竹运输通行证发放。\n",
                                     encoding="utf-8")
    (tmp_path / "182.txt").write_text("1月12日,县应急管理局组织召开全县2021年烟花爆竹安全监管工作会议。江华瑶族自治县县公安局"
                                      "及各乡镇分管领导参加会议。\n", encoding="utf-8")
    with KnowledgeBase(tmp_path / "kb") as kb:
        kb.ingest([tmp_path / "14.txt", tmp_path / "182.txt"])

        def files(text, year=None):
            return [d.file for d in named_documents(kb.indexes, text, year)]
        assert files("江华县2021年烟花爆竹安全监管工作会议是哪个部门组织召开的？", 2021) == ["182.txt"]
        assert files("烟花爆竹安全监管中市公安局负责什么？") == ["14.txt"]


@pytest.mark.parametrize("question, notice", [
    ("防汛抗旱应急预案里的应急响应分哪几级？", True), ("按防汛抗旱应急预案，能不能越级报告？", True),
    ("危化品单位多久搞一次应急预案演练？", False), ("生产经营单位制定应急预案的要求是什么？", False)])
def test_an_emergency_plan_asked_about_is_a_notice(question, notice):
    """A question about an 应急预案 asks about a plan (a notice), not a regulation that requires one; one
    asking what must be made (制定应急预案) or a drill of it names no kind."""
    source = R.KIND_AS_OBJECT.sub(" ", question)
    assert bool(R.KIND_WORDS["notice"].search(source)) is notice
