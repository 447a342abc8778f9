"""What a document says about itself (ingest/meta.py), as questions route by it: its title among
a web page's furniture, its region, and the places its body names."""
import pytest

from ingest.meta import extract_meta, places_named, region_and_level


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


def test_places_the_body_names():
    body = ("青石县应急管理局召开会议。会议要求，青石县各乡镇要加强燃气检查，重特大事故要及时上报。"
            "月亮镇、星光镇要做好防汛。\n月亮镇负责排查。")
    found = places_named(body)
    assert "青石县" in found and "月亮镇" in found
    assert "重特大" not in found  # a tagger's place without its level is kept only when written with one


def test_region_from_a_title_with_the_party_prefix():
    assert region_and_level("中共云南省委办公厅关于加强安全生产的通知") == ("云南省", "省")
