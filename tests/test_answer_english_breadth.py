"""English as a county clerk or a foreign consultant types it, in our own words and invented texts (the causes seen
on the probe half of bench/gold/qa_english_breadth.jsonl): plain words in the KB's own (kb/answers/plainenglish.py, one
example per entry), "support" as money and not a body that supports, a floor or threshold asked ("minimum", "at
least", "above what"), a count of deputy directors, an area asked (kb/answers/rules.py), "which authority" asking a
department, and the verb of "Which authority issues…" read as 核发 / 颁发 so the body written doing it answers
(kb/answers/orgshapes.py, voices.py)."""
import pytest

from kb.answers import rules as R
from kb.answers import voices as V
from kb.answers.ask import ask
from kb.answers.lexicon import lexicon_groups
from kb.answers.plainenglish import PLAIN_ENGLISH
from tests.kbs import kb_of

# (an English question of our own, the Chinese word its entry gives; None for an entry that says no topic)
EXAMPLES = {
    "industry and commerce office": ("Who runs the industry and commerce office of the town?", "工商所"),
    "deputy director": ("How many deputy directors does the bureau keep?", "副局长"),
    "deputy head": ("Can the station have two deputy heads?", "副所长"),
    "official": ("What happens to an official who takes bribes?", "工作人员"),
    "staffing": ("Who decides the staffing of the clinic?", "人员编制"),
    "directly": ("Which office directly leads the station?", "直接"),
    "one-stop": ("Where is the one-stop counter for farmers?", "一站式"),
    "district-level": ("How many district-level platforms will open?", "区级"),
    "county-level": ("Who runs the county-level archive?", "县级"),
    "city-level": ("What does a city-level demonstration base receive?", "市级"),
    "municipal-level": ("Which municipal-level fund pays for it?", "市级"),
    "provincial-level": ("Who approves a provincial-level park?", "省级"),
    "village-level": ("Who staffs the village-level service point?", "村级"),
    "citywide": ("Who runs the citywide flood drill?", "全市"),
    "city-wide": ("When is the city-wide check held?", "全市"),
    "countywide": ("Who leads the countywide campaign?", "全县"),
    "county-wide": ("How long does the county-wide review last?", "全县"),
    "province-wide": ("Who funds the province-wide survey?", "全省"),
    "nationwide": ("When did the nationwide census start?", "全国"),
    "size": ("What is the size of the new seed fund?", "规模"),
    "floor space": ("How much floor space does the maker hall offer?", "面积"),
    "floor area": ("What floor area must a shop have?", "面积"),
    "square metres": ("Is it more than 500 square metres?", "平方米"),
    "square meters": ("Is the hall over 300 square meters?", "平方米"),
    "industry fund": ("Who manages the city's new industry fund?", "产业基金"),
    "industrial fund": ("How large is the industrial fund?", "产业基金"),
    "support funds": ("Who pays out the support funds?", "扶持资金"),
    "support fund": ("Where does the support fund come from?", "扶持资金"),
    "top": ("What is the top grant for a team?", "最高"),
    "award": ("How large is the award for a winner?", "奖励"),
    "super individual": ("How is a super individual chosen?", "超级个体"),
    "r&d": ("How much R&D spending is refunded?", "研发"),
    "research and development": ("Who pays for research and development of the model?", "研发"),
    "cost": ("What share of the cost is paid back?", "成本"),
    "vertical": ("Which vertical models get help?", "垂直"),
    "advanced": ("What do advanced teams receive?", "先进"),
    "compute": ("How much compute does a team get?", "算力"),
    "cloud service": ("Who hands out the cloud-service vouchers?", "上云服务"),
    "set aside": ("How much was set aside for the park?", "安排"),
    "first phase": ("What does the first phase pay for?", "首期"),
    "cap": ("What is the cap for a single shop?", None),
    "ceiling": ("Is there a ceiling for the grant?", None),
    "list-unveiling": ("Who runs the list-unveiling contest?", "揭榜"),
    "unveiling the list": ("Which teams won by unveiling the list?", "揭榜"),
    "per project": ("How much is paid per project?", "单个项目"),
    "issue": ("Which office will issue the pass?", "核发"),
    "issuing": ("Who is in charge of issuing boat permits?", "颁发"),
    "grant": ("Who may grant a mining permit?", "颁发"),
    "granting": ("What is the rule for granting a subsidy?", "给予"),
    "granted": ("How much is granted to each team?", "给予"),
    "operation certificate": ("Who checks the crane operation certificate?", "作业证"),
    "cross-region": ("Which harvesters may do cross-region work?", "跨区域"),
    "cross-regional": ("Who organises cross-regional harvesting?", "跨行政区域"),
    "across regions": ("May combines work across regions?", "跨区域"),
    "format": ("Who decides the format of the badge?", "式样"),
    "standard format": ("Who sets the standard format of the pass?", "统一"),
    "standard form": ("Is there a standard form for the report?", "式样"),
    "unqualified": ("What if an unqualified firm gets the permit?", "不符合"),
    "not meet": ("What if a shop does not meet the rules?", "不符合"),
    "fail to meet": ("What happens to boats that fail to meet the standard?", "不符合"),
    "centrally managed": ("Who licenses centrally managed oil firms?", "中央管理"),
    "centrally administered": ("Who licenses centrally administered railways?", "中央管理"),
    "managed by the central government": ("Who checks plants managed by the central government?", "中央管理"),
    "coal mining": ("Who inspects coal mining firms?", "煤矿"),
    "coal mine": ("Who licenses a coal mine?", "煤矿"),
    "what sanction": ("What sanction does a clerk face for lying?", "处分"),
    "disciplinary": ("What disciplinary step follows a false report?", "处分"),
    "punishment": ("What punishment does the inspector get?", "处分"),
    "apply from": ("Does the rule apply from May?", "施行"),
    "start to apply": ("When did the code start to apply?", "施行"),
    "begin to apply": ("When does the act begin to apply?", "施行"),
    "came into force": ("When the code came into force, who had to reapply?", "施行"),
    "comes into force": ("What changes once the law comes into force?", "施行"),
    "entered into force": ("When it entered into force, what ended?", "施行"),
    "took effect": ("Which rules were dropped when it took effect?", "施行"),
    "came into effect": ("After it came into effect, who registered?", "施行"),
    "come into effect": ("When will the measures come into effect?", "施行"),
    "in force": ("Since when is the code in force?", "施行"),
    "serious dishonesty": ("Who is on the serious dishonesty list?", "严重失信"),
    "dishonesty": ("What does dishonesty cost a firm?", "失信"),
    "dishonest": ("Can dishonest firms apply?", "失信"),
    "blacklist": ("Who keeps the blacklist?", "失信名单"),
    "compute voucher": ("How large is a compute voucher?", "算力券"),
    "computing voucher": ("Who issues the computing vouchers?", "算力券"),
    "dealer": ("What must a seed dealer keep?", "销售者"),
    "put on": ("What must be put on a boiler?", "设置"),
    "farm machine": ("Who registers a farm machine?", "农业机械"),
    "agricultural machine": ("Who tests an agricultural machine?", "农机"),
    "pollute": ("Which plants pollute the creek?", "污染"),
    "polluting": ("What is the fine for polluting a well?", "污染"),
    "polluted": ("Who cleans a polluted pond?", "污染"),
    "river": ("Who may fish in the river?", "河道"),
    "washing": ("Is washing cars by the lake fined?", "漂洗"),
    "dirty things": ("May people throw dirty things into the canal?", "脏物"),
    "reclaim": ("May farmers reclaim the marsh?", "开垦"),
    "reclaiming": ("What is the fine for reclaiming a bog?", "开垦"),
    "reclaimed": ("Must reclaimed marsh be restored?", "开垦"),
    "protection area": ("Who marks the protection area of the spring?", "保护范围"),
    "first aid": ("Who teaches first-aid skills in schools?", "急救"),
    "help": ("Which groups must help the rescue teams?", "配合"),
    "spread": ("Who must spread safety knowledge?", "普及"),
    "neighbourhood": ("Who runs the neighbourhood clinic?", "社区"),
    "neighborhood": ("Which neighborhood posts need guards?", "社区"),
    "energy consumption": ("Who reports the plant's energy consumption?", "能源消费"),
    "consumption limit": ("Who sets the consumption limit for cement?", "能耗限额"),
    "per-product": ("Is there a per-product quota?", "单位产品"),
    "on what basis": ("On what basis are the stations placed?", None),
    "on what grounds": ("On what grounds may a permit be refused?", None),
    "count as": ("Which firms count as large ones?", None),
    "counts as": ("What counts as a big event?", None),
    "in which cases": ("In which cases may the bureau act alone?", "情形"),
    "in what cases": ("In what cases is a hearing held?", "情形"),
    "under what circumstances": ("Under what circumstances is a licence pulled?", "情况"),
    "in its own name": ("May the station fine in its own name?", "名义"),
    "in their own name": ("May branches sign in their own name?", "以自己的名义"),
}


def test_every_plain_english_entry_has_an_example():
    assert set(EXAMPLES) == {english for english, _ in PLAIN_ENGLISH}


@pytest.mark.parametrize("entry", sorted(EXAMPLES))
def test_a_plain_english_word_in_the_kbs_own(entry):
    english, chinese = EXAMPLES[entry]
    found, rest = lexicon_groups(english)
    if chinese is None:  # a question word: gone from what is read, and no word searched for it
        assert entry.split()[-1] not in rest.lower().split(), rest
    else:
        assert chinese in [word for group in found for word in group], found


@pytest.mark.parametrize("question, intent", [
    ("Who balances the support funds of the plan?", "responsible"),  # money, not a supporting body
    ("What is the cap on support for each team in Jiaxian?", "quantity"),
    ("How much did the city set aside for compute support to startups?", "quantity"),
    ("Which unit runs the project that supports young talent?", "responsible"),  # 支持 is no 配合
    ("Which are the supporting units of the drill?", "co"),  # 配合单位
    ("What is the minimum size of the seed fund?", "metric"),
    ("At least how large must the hall be?", "metric"),
    ("Above what yearly output is a plant a key plant?", "metric"),
    ("How many deputy directors can a station have?", "quantity"),
    ("What is the top award for a winning team in Jiaxian?", "quantity"),  # as 最高奖励多少
    ("What is the cap per team in Jiaxian?", "quantity"),  # as 单个团队最高多少
    ("In Jiaxian, from when is the code in force?", "deadline"),  # one date (从什么时候起施行), no span
    ("From when to when does the closed season run?", "period"),
])
def test_english_question_shapes(question, intent):
    assert R.intent_of(question) == intent


@pytest.mark.parametrize("question, names_kind", [
    ("Who draws up the master plan for Jiaxian's lakeside parks?", False),  # what a law has made: no plan named
    ("Which body does the park authority work with on the flood control plan?", False),
    ("Who drafted the emergency plan of the mine?", False),
    ("What does the town's work-safety month plan ask schools to do?", True),  # a plan, named by its words
])
def test_a_plan_a_body_makes_names_no_plan(question, names_kind):
    source = R.KIND_AS_OBJECT.sub(" ", question)
    assert bool(R.KIND_WORDS["notice"].search(source)) == names_kind, source


@pytest.mark.parametrize("question, shape_name", [
    ("How much floor space must the maker hall have?", "area"),
    ("面积不少于多少平方米？", "area"),
    ("How much money does the hall get?", "amount"),
])
def test_an_area_asked_wants_square_metres(question, shape_name):
    name, _ = R.quantity_shape(question)
    assert name == shape_name


@pytest.mark.parametrize("question, verbs", [
    ("Which authority issues the boat pass?", {"颁发", "核发"}),
    ("Who sets the format of the pass?", {"制定", "确定", "规定"}),
    ("Who must report the fire?", set()),  # a duty asks its holder, however the law words the act
    ("由哪个部门核发作业证？", {"核发"}),
])
def test_the_verb_a_who_question_asks(question, verbs):
    assert set(V.asked_verbs(question)) == verbs


# An invented provincial rule, a district's park rule and its action plan: a pass issued by one body beside a general
# clause naming others, a form set by a ministry, a park's master plan, a fund's size and a hall's floor space, support
# funds balanced by the finance bureau.
RULE = """# 庚省渔船安全管理条例

第三条 各级人民政府及其有关部门应当支持渔船跨区域作业。
跨区域作业的渔船，凭省渔业行政主管部门核发的跨区域作业证进入其他渔区。

第九条 渔船作业证由国务院渔业行政主管部门规定统一的式样。
"""
PARKS = """# 庚区湖滨公园管理条例

第八条 湖滨公园总体规划由区规划管理部门会同区公园主管部门编制，报区人民政府批准。

第十二条 区公园主管部门应当定期开展全区湖滨公园设施调查。
"""
NOTICE = """庚区青年创业行动方案
一、设立规模不低于3亿元的区级青年创业产业基金。（牵头单位：区金融办）
二、建设不少于八千平方米的青年创业大厅，给予入驻团队最高20万元资助。（牵头单位：区人社局）
三、扶持资金由区财政局统筹平衡。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    with kb_of(tmp_path_factory, {"庚省渔船安全管理条例.md": RULE, "庚区湖滨公园管理条例.md": PARKS,
                                  "gengqu.txt": NOTICE}) as built:
        yield built


@pytest.mark.parametrize("question, expected", [
    ("Which authority issues the cross-region operation certificate for fishing boats?", "省渔业行政主管部门"),
    ("Who sets the standard format of the fishing boat operation certificate?", "国务院渔业行政主管部门"),
    ("What is the minimum size of Gengqu's district-level youth startup industry fund?", "3亿元"),
    ("How much floor space must Gengqu's youth startup hall have?", "八千平方米"),
    ("Who balances the support funds in Gengqu?", "区财政局"),
    # the plan a body draws up is a law's, not the district's action plan
    ("Who draws up the master plan for Gengqu's lakeside parks together with the park authority?", "区规划管理部门"),
])
def test_plain_english_questions_answered_as_their_chinese_twins(kb, question, expected):
    answer = ask(kb.indexes, question)
    assert answer.found and expected in answer.answer, answer.answer
