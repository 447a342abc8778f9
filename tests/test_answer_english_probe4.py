"""English questions in the KB's own words, for the things bench/gold/qa_probe4.jsonl asks about (forests,
floods, lightning, large events, elevators, meetings): each new lexicon entry read in a whole question."""
import pytest

from kb.answers import rules as R


@pytest.mark.parametrize("english, chinese", [
    ("When is Guangdong's special forest fire protection period each year?", "森林特别防护期"),
    ("How far must a forest fire prevention zone reach?", "森林防火区"),
    ("What duty system does the forest fire office keep in the fire season?", "值班制度"),
    ("What duty system does the forest fire office keep in the fire season?", "防火期"),
    ("Where is the working office of the flood control headquarters located?", "防汛指挥机构"),
    ("Where is the working office of the flood control headquarters located?", "办事机构"),
    ("Who announces the start and end dates of the flood season?", "汛期"),
    ("Who announces the start and end dates of the flood season?", "公告"),
    ("What colours does the city use for its flood warnings?", "防汛预警"),
    ("How often must lightning protection devices at flammable and explosive sites be tested?", "雷电防护装置"),
    ("How often must lightning protection devices at flammable and explosive sites be tested?", "易燃易爆"),
    ("Who accepts the completed lightning protection devices of oil depots?", "油库"),
    ("Who treats a geological hazard caused by construction works?", "地质灾害"),
    ("What must the power supply department provide?", "供电部门"),
    ("How long before a large-scale public event must the organiser apply to the police?", "大型活动"),
    ("How long before a large-scale public event must the organiser apply to the police?", "承办者"),
    ("How long before a large-scale public event must the organiser apply to the police?", "公安机关"),
    ("From how many participants per session does a large event need a permit?", "单场次"),
    ("Which bureau inspected gas safety in crowded places?", "人员密集场所"),
    ("How many units take part in the inspection of key industries?", "重点行业领域"),
    ("How many units take part in the inspection of key industries?", "参与"),
    ("Which units will be inspected in the second half of the year?", "下半年"),
    ("How many special inspection teams did the work safety bureau set up?", "督查组"),
    ("How many special inspection teams did the work safety bureau set up?", "安全监管局"),
    ("What fine for giving money instead of labour protection equipment?", "劳动防护"),
    ("What GDP growth target did the province set?", "地区生产总值"),
    ("Which unit leads the growth of industrial value added above designated size?", "工业增加值"),
    ("Which unit leads the growth of industrial value added above designated size?", "规模以上"),
    ("When was the second-quarter meeting held?", "第二季度"),
    ("Who attended the meeting on preventing students from drowning?", "溺水"),
    ("What fine does a construction supervision company face?", "监理单位"),
    ("Who maintains a household's gas pipes after the valve?", "阀门"),
    ("Who maintains a household's gas pipes after the valve?", "之后"),
    ("Who organises disaster surveys after a major meteorological disaster?", "气象灾害"),
    ("Within how many days can a worker contest an occupational disease diagnosis?", "职业病"),
    ("What is the fine for a maintenance company that subcontracts without written consent?", "维护保养单位"),
    ("What is the fine for a maintenance company that subcontracts without written consent?", "书面同意"),
    ("How soon must staff arrive when passengers are trapped in the built-up urban area?", "城市建成区"),
    ("Who decides to suspend a water search and rescue operation?", "搜救"),
    ("What is the fine for not registering a house decoration?", "装修"),
    ("Until what date does the inspection of bottled LPG users run?", "瓶装"),
    ("Until what date does the inspection of bottled LPG users run?", "液化气"),
    ("Who is in charge of elevator safety supervision?", "监督管理"),
])
def test_the_kbs_own_word_for_an_english_one(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert chinese in found.split(), found


def test_taking_place_names_no_place():
    found, rest = R.lexicon_terms("When did the provincial inspection take place?")
    assert "场所" not in found and "take place" not in rest
