"""What a document says about itself (ingest/meta.py), as questions route by it: its title among
a web page's furniture, its region, and the places its body names."""
import pytest

from ingest.meta import ZONES, extract_meta, places_named, region_and_level


@pytest.mark.parametrize("furniture", [
    "首页 > 国内新闻 > 正文", "序号 | 名 称 | 2025年目标", "三、活动时间", "责任单位:各乡镇政府，县安委会成员单位",
    "6月1日至6月30日。", "当前位置：首页",
])
def test_page_furniture_and_excerpt_lines_are_no_title(furniture):
    meta = extract_meta(f"{furniture}\n", f"{furniture}\n")
    assert meta.title == ""


@pytest.mark.parametrize("title", ["全面推进乡村振兴加快农业农村现代化的实施方案", "组织领导市直各部门开展检查",
                                   "按照浙江省部署开展燃气整治", "副市长或市政府秘书长带队"])
def test_a_sentence_that_looks_like_a_place_is_no_region(title):
    assert region_and_level(title) == ("", "")


@pytest.mark.parametrize("title, region", [
    ("青石市美丽乡村建设条例", "青石市"),  # 乡村: no town 美丽乡
    ("月亮省商品交易市场管理条例", "月亮省"),  # 市场: no city 商品交易市
    ("行政区域界线管理办法", ""),  # 区域: no district 行政区
    ("星光市区县和乡镇人大代表选举细则", "星光市"),  # 区县, 乡镇: levels named together, no place's name
    ("民族乡财务管理办法", ""),  # a kind of township, no township's name
])
def test_a_level_opening_a_word_ends_no_place(title, region):
    assert region_and_level(title)[0] == region


@pytest.mark.parametrize("zone", ZONES)
def test_a_zone_is_no_district(zone):
    assert region_and_level(f"青石市{zone}管理条例")[0] == "青石市"


def test_a_level_opening_a_word_is_no_place_in_the_body():
    body = "青石市田园乡村条例\n第一条 为了建设田园乡村，制定本条例。\n田园乡村建设由青石市人民政府负责。"
    assert "田园乡" not in places_named(body)


def test_places_the_body_names():
    body = ("青石县应急管理局召开会议。会议要求，青石县各乡镇要加强燃气检查，重特大事故要及时上报。"
            "月亮镇、星光镇要做好防汛。\n月亮镇负责排查。")
    found = places_named(body)
    assert "青石县" in found and "月亮镇" in found
    assert "重特大" not in found  # a tagger's place without its level is kept only when written with one


def test_region_from_a_title_with_the_party_prefix():
    assert region_and_level("中共云南省委办公厅关于加强安全生产的通知") == ("云南省", "省")
