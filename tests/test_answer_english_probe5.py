"""English questions in the KB's own words, for the things bench/gold/qa_probe5.jsonl asks about (accident grades,
ships, fines paid, meetings, floods, mines): each new lexicon entry read in a whole question."""
import pytest

from kb.answers import rules as R


@pytest.mark.parametrize("english, chinese", [
    ("Who investigates a relatively large production safety accident?", "较大"),
    ("Who investigates a major accident?", "重大"),
    ("What is the fine for covering or defacing a ship's name?", "遮挡"),
    ("What is the fine for covering or defacing a ship's name?", "污损"),
    ("What is the fine for covering or defacing a ship's name?", "船名"),
    ("What is the fine for hiding the port of registry or load line?", "船籍港"),
    ("What is the fine for hiding the port of registry or load line?", "载重线"),
    ("Within how many days of the penalty decision must a fine be paid?", "行政处罚决定书"),
    ("Within how many days of the penalty decision must a fine be paid?", "缴纳"),
    ("Who is the newly appointed education adviser?", "聘任"),
    ("Who is the newly appointed education adviser?", "顾问"),
    ("Besides open checks, what method is used for unannounced visits?", "暗查暗访"),
    ("Besides open checks, what method is used for unannounced visits?", "明查"),
    ("What working requirement did the meeting ask everyone to take to heart?", "工作要求"),
    ("What working requirement did the meeting ask everyone to take to heart?", "领会"),
    ("Which departments did the bureau work with?", "会同"),
    ("Who chaired the meeting?", "主持"),
    ("What must units draw up for the Spring Festival travel rush?", "春运"),
    ("Which department ensures emergency power supply for flood fighting and drought relief?", "应急供电"),
    ("Which department ensures emergency power supply for flood fighting and drought relief?", "抗旱"),
    ("What is the fine for a seller using non-compliant gas cylinders?", "气瓶"),
    ("After how many days is a missing person counted as dead?", "失踪"),
    ("How many people must be on each shift in a fire control room?", "消防控制室"),
    ("How many people must be on each shift in a fire control room?", "每班"),
    ("Within how many days must the complainant be told?", "投诉人"),
    ("What is the fine for making the fire losses worse?", "火灾损失"),
    ("Who supervises the safety of township mining enterprises?", "矿山"),
    ("Who supervises the safety of township mining enterprises?", "乡镇"),
    ("Who is in charge of water traffic safety on inland navigable waters?", "内河通航水域"),
    ("Who must urge restaurants that use gas to manage safety?", "餐饮经营单位"),
    ("Who pays when gas facilities have to be moved?", "改迁"),
    ("Which district set up a micro fire station?", "微型消防站"),
    ("Who does the appraisal of houses in disaster areas?", "灾区"),
    ("Who does the appraisal of houses in disaster areas?", "鉴定"),
    ("Where are the members of the expert group drawn from?", "专家组"),
    ("What is the fine for a bottled gas seller?", "瓶装气体"),
    ("Who is in charge of flood control?", "防汛"),
])
def test_the_kbs_own_word_for_an_english_one(english, chinese):
    found, _ = R.lexicon_terms(english)
    assert chinese in found.split(), found
