"""The question rules of kb/answers/rules.py, one example per entry: intents, quantity shapes,
organisation shapes, asked kinds of body, synonyms, penalties, relative years, kind words,
title cues, and the English lexicon."""
import pytest

from kb.answers import rules as R

# One question per intent pattern, in the table's order.
INTENT_EXAMPLES = [
    ("事故报告的时限规定在哪一条？", "article"),
    ("In the county, what happens to a shop owner who blocks a fire exit?", "passage"),
    ("街道多长时间开会研究一次审计式监督检查服务工作", "metric"),
    ("How many inspectors must take part in a boiler check?", "quantity"),  # a count of people, not who co-operates
    ("防汛应急预案由哪个部门会同有关部门编制？", "lead"),  # the body asked works with the others: it leads
    ("有人协助外国公司扣押我国船员的，船员可以向哪里起诉？", "organisation"),  # where to sue, though 协助 is said
    ("防范非生产类伤亡事故需要哪些部门会同配合？", "co"),
    ("消防整治谁牵头？", "lead"),
    ("应急局今年有哪些任务", "unit_tasks"),
    ("县级以上安委会办公室设在哪个部门", "organisation"),
    ("In the county, who must act when a boiler fails its inspection?", "responsible"),  # "who" asked, "when" a condition
    ("校园周边交通秩序整治行动什么时候结束？", "period"),
    ("占用消防车通道罚款多少？", "quantity"),
    ("重大事故隐患数据库运行管理机制要在什么时候前健全", "deadline"),
    ("兖州区十四五期间亿元GDP死亡率控制在多少", "metric"),
    ("注册安全工程师的注册和执业活动归谁监督检查", "responsible"),
]


def test_every_intent_pattern_has_an_example():
    assert len(INTENT_EXAMPLES) == len(R.INTENT_PATTERNS)
    for (question, intent), (pattern_intent, pattern) in zip(INTENT_EXAMPLES, R.INTENT_PATTERNS):
        assert pattern_intent == intent and pattern.search(question)
        assert R.intent_of(question) == intent


@pytest.mark.parametrize("question, intent", [
    ("青年志愿者培训由团市委联合哪个单位开展？", "co"),
    ("咨询日活动有哪些单位参加？", "co"),
    ("森林火灾受害率目标的责任单位有哪些？", "responsible"),
    ("安全生产宣传咨询日是哪一天？", "deadline"),
    ("安康市2021年任务清单由哪个单位负责制定？", "organisation"),
    ("营运车辆万车死亡率下降目标由哪些厅负责？", "responsible"),
    ("燃气设施保护范围由燃气管理部门会同哪些部门划定？", "co"),  # the body asked is the one worked with
    ("Who must report an accident on a building site, and by when?", "responsible"),
    ("Which provincial bureau approves a new quarry?", "organisation"),  # words between "which" and the body
    ("Which local authority registers fishing boats?", "organisation"),
    ("Who is in charge of dam safety nationwide?", "organisation"),  # in charge of a field: its regulator
    ("Whose consent is needed to cut down the old tree?", "organisation"),
    ("拆除围墙要经谁同意？", "organisation"),
    ("What rule applies when a lorry carries explosives?", "passage"),  # "when" sets a condition
    ("In Ningbo, when must a lift's permit be renewed?", "deadline"),  # "when" asks
    ("When is the boiler inspection due?", "deadline"),
    ("From what age may a person drive a tractor?", "quantity"),
    ("几岁以上的儿童可以单独乘电梯？", "quantity"),
    ("检查组至少要几个人？", "quantity"),
    ("各村每月几号前上报排查台账？", "deadline"),  # 几号 asks a date, though 责任单位-like words follow
    ("欠款纠纷由哪一级法院受理？", "organisation"),  # a court is a body asked for
    ("Which court hears a dispute over a ship collision?", "organisation"),
    ("When a pupil applies for a bus pass, which office signs the form?", "organisation"),  # "When …," a condition
    ("When a tenant moves out, who returns the deposit?", "responsible"),
    ("Within what time must the clinic return the unused vaccine?", "quantity"),
    ("How many counties take part in the river clean-up?", "quantity"),  # a count, not who co-operates
])
def test_phrasings_that_name_their_intent(question, intent):
    assert R.intent_of(question) == intent


def test_other_questions_ask_for_a_passage():
    assert R.intent_of("有限空间作业要严格执行什么规定") == "passage"
    assert R.intent_of("企业主要负责人要被追究什么责任") == "passage"  # 负责人 is not 负责


# (question, a clause with the answer, the answer the shape reads) per quantity shape
QUANTITY_EXAMPLES = {
    "fine": ("个人占用消防车通道罚多少？", "对个人处五百元以上一千元以下罚款", "五百元以上一千元以下"),
    "change": ("By how much should the county reduce traffic deaths by 2027?", "道路交通死亡人数下降8%", "8%"),
    "area": ("新建的孵化大楼面积不少于多少？", "建成不少于1.5万平方米的孵化大楼", "1.5万平方米"),
    "amount": ("算力补贴最高多少？", "给予最高20万元补助", "20万元"),
    "phone": ("安全生产举报热线是多少？", "公布举报电话12350", "12350"),
    "speed": ("园区内车辆时速不得超过多少？", "园区内机动车时速不得超过20公里", "时速不得超过20公里"),
    "ratio": ("专职安全管理人员按多大比例配备？", "按不低于从业人员百分之一的比例配备", "百分之一"),
    "limit": ("随机抽查的比例有上限吗？", "重点事项的抽查比例不设上限", "不设上限"),
    "frequency": ("应急预案多久至少演练一次？", "每半年至少组织一次演练", "每半年至少组织一次"),
    "time_limit": ("接到命令后多长时间内出动？", "应当在六十秒内出动消防车", "六十秒内"),
    "people": ("监督检查至少要几名人员参加？", "应当有二名以上监察人员参加", "二名以上"),
    "length": ("施工高度超过多少米要落实消防水源？", "建筑物施工高度超过二十四米时", "二十四米"),
    "age": ("年满多少岁才能报名参加培训？", "年满十六周岁以上的学员方可报名", "十六周岁以上"),
    "count": ("全区要建成多少个示范社区？", "建成10个示范社区", "10个"),
}


@pytest.mark.parametrize("question, clause, answer", [
    # a fine as a multiple or a share of the goods' value
    ("卖过期食品罚多少？", "没收违法所得，并处货值金额三倍以上五倍以下的罚款", "三倍以上五倍以下的罚款"),
    ("走私物品罚多少？", "可并处物品价款百分之五至百分之十五的罚款", "百分之五至百分之十五的罚款"),
    # a duty done every period, its count unsaid
    ("How often must the boiler user report its safety status?", "锅炉使用单位应当每季度向主管部门报送安全状况", "每季度"),
    ("多久编制一次资产报告？", "各单位应当每年编制资产管理报告", "每年"),
    ("检查组至少要几个人？", "检查组成员不得少于两人", "两人"),
    ("采矿许可证的有效期最长多少年？", "采矿许可证的有效期不得超过十年", "十年"),  # years are a span of time
    ("科研经费最多占专项资金总额的多少？", "不得超过专项资金总额的百分之五", "百分之五"),  # a share of a total
    ("年休假能增加多少天？", "符合条件的职工，年休假增加五日", "五日"),  # days, not a change by a share
    ("每次抽查的企业数量有没有下限？", "每次抽查不少于十家企业", "不少于十家企业"),
    ("What share of the assembly must women make up?", "妇女代表应当占组成人员的三分之一以上", "三分之一"),  # a fraction
])
def test_more_forms_of_a_quantity_shape(question, clause, answer):
    assert R.quantity_shape(question)[1].search(clause).group() == answer


def test_a_total_asked_is_no_share_and_a_measure_in_chinese_numerals_is_a_number():
    shape = R.quantity_shape("年能源消费总量多少以上的单位是重点用能单位？")
    assert shape is None or shape[0] != "ratio"
    assert R.quantity_shape("科研经费最多占专项资金总额的多少？")[0] == "ratio"
    assert R.ANSWER_SHAPES["metric"].search("年综合能源消费总量一万吨标准煤以上的用能单位").group() == "一万吨"


def test_a_fraction_is_a_target_number():
    assert R.ANSWER_SHAPES["metric"].search("本村五分之一以上有选举权的村民联名").group() == "五分之一"


def test_a_monthly_day_is_a_deadline():
    assert R.ANSWER_SHAPES["deadline"].search("每月25日前报送隐患台账").group() == "每月25日前"


def test_a_span_of_time_asked_with_at_most_is_no_sum():
    assert R.quantity_shape("For how long at most may the seized goods be held?")[0] == "time_limit"
    assert R.quantity_shape("How much time must the review be given?")[0] == "time_limit"  # time, not money
    assert R.quantity_shape("最多补贴多少？")[0] == "amount"


@pytest.mark.parametrize("name", [name for name, _, _ in R.QUANTITY_SHAPES])
def test_quantity_shape(name):
    question, clause, answer = QUANTITY_EXAMPLES[name]
    found = R.quantity_shape(question)
    assert found is not None and found[0] == name, question
    assert found[1].search(clause).group() == answer


# (question, clause, organisation) per organisation shape
ORGANISATION_EXAMPLES = {
    "lead_written": ("联席会议由哪个部门牵头？", "地方政府要建立市场监管部门牵头的联席会议制度", "市场监管部门"),
    "set_in": ("安委会办公室设在哪个部门", "安全生产委员会办公室设在应急管理部门", "应急管理部门"),
    "set_at": ("义诊活动点设在哪里？", "义诊活动点设在人民路和解放路交叉口广场南侧。", "人民路和解放路交叉口广场南侧"),
    "entrust": ("县政府可以委托谁调查？", "县级人民政府也可以委托事故发生单位组织事故调查组进行调查", "事故发生单位"),
    "cost": ("救援费用由谁承担？", "救援费用由事故责任单位承担", "事故责任单位"),
    "cost_subject": ("上门护理的费用由谁承担？", "需要上门护理的，老年人家庭按照服务次数承担相应费用", "老年人家庭"),
    "serves_as": ("联席会议的召集人由谁担任？", "国务院分管交通工作的副总理担任召集人", "国务院分管交通工作的副总理"),
    "level": ("较大事故由哪一级政府调查？", "较大事故由设区的市级人民政府负责调查", "设区的市级人民政府"),
    "report_to": ("消防设计文件报哪个部门审查？", "建设单位应当将消防设计文件报送住房和城乡建设主管部门审查",
                  "住房和城乡建设主管部门"),
    "regulator": ("县里的游乐设施归哪个部门管？", "本县游乐设施由多部门共管，县市场监督管理部门负责全县游乐设施安全监督管理工作",
                  "县市场监督管理部门"),
    "issuer": ("危险废物经营许可证由哪个部门核发？", "经营单位应当取得省生态环境部门颁发的危险废物经营许可证", "省生态环境部门"),
    "approver": ("游乐设施安装由哪个部门审批？", "游乐设施安装单位应当经市场监督管理部门许可，方可从事安装活动", "市场监督管理部门"),
    "approving_subject": ("跨省引水协议由谁批准？", "第八条 国务院水行政主管部门批准跨省引水协议", "国务院水行政主管部门"),
    "bears_responsibility": ("谁对游船码头的安全负直接管理责任？", "码头经营单位、景区管理机构，对游船码头的安全负直接管理责任",
                             "码头经营单位、景区管理机构"),
    "made_of": ("评审小组由谁组成？", "评审小组由各区各派1名专家组成", "各区各派1名专家"),
    "by": ("燃气经营许可证由谁核发？", "燃气经营许可证由县级以上燃气管理部门核发", "县级以上燃气管理部门"),
    "duty_holder": ("谁负责全国的燃气管理工作？", "国务院建设主管部门负责全国的燃气管理工作", "国务院建设主管部门"),
}


@pytest.mark.parametrize("name", [name for name, _, _ in R.ORGANISATION_SHAPES])
def test_organisation_shape(name):
    question, clause, org = ORGANISATION_EXAMPLES[name]
    shapes = dict(R.organisation_shapes(question))
    assert name in shapes, question
    assert shapes[name].search(clause).group("org") == org


@pytest.mark.parametrize("name, question, clause, org", [
    ("regulator", "哪个部门主管全市的急救工作？", "市卫生健康行政部门主管本市的急救工作；区卫生健康行政部门负责管理本区的急救工作",
     "市卫生健康行政部门"),  # 主管 alone says who regulates
    ("regulator", "Which body supervises the safety of tractors?",
     "第九条 县级农机主管部门的农机安全监理机构，负责本县拖拉机的安全监督管理工作", "县级农机主管部门的农机安全监理机构"),
    ("regulator", "Which department supervises dam safety nationwide?", "国务院水行政主管部门对全国的水库大坝安全实施监督管理",
     "国务院水行政主管部门"),
    ("approver", "Who approves the provincial forest plan?", "省林业主管部门编制全省森林规划，报省人民政府批准后实施", "省人民政府"),
    ("approver", "Who approves the national forest plan?", "全国森林规划由国务院林业主管部门编制，报国务院批准公布", "国务院"),
    ("approver", "Whose consent is needed to move the gauge?", "迁移水文测站的，应当经设立该测站的单位同意", "设立该测站的单位"),
    ("report_to", "旅客可以向哪个部门投诉？", "旅客可以向交通运输主管部门投诉", "交通运输主管部门"),
    ("approver", "Whose approval does a consulate need to rent a car?", "经外交部批准，可以租用车辆", "外交部"),  # a ministry
    ("approver", "迁建气象站要经谁书面同意？", "应当经省气象主管机构书面同意", "省气象主管机构"),  # consent in writing
    ("duty_holder", "谁负责推荐劳动模范？", "第九条 工会负责职工劳动模范的推荐和管理", "工会"),  # a body named by itself
    ("duty_holder", "谁负责推荐劳动模范？", "县总工会负责职工劳动模范的推荐", "县总工会"),
    ("duty_holder", "小区的清扫由谁负责？", "居住小区，街道办事处应当组织清扫", "街道办事处"),  # an office named 办事处
    ("level", "欠款纠纷由哪一级法院受理？", "第一条 基层人民法院受理欠款纠纷案件", "基层人民法院"),  # a court's level
    ("by", "劳务纠纷归哪个法院管辖？", "劳务纠纷由劳务发生地的基层人民法院管辖", "劳务发生地的基层人民法院"),
    ("by", "委托开发的软件没有约定的，著作权归谁？", "未作约定的，其著作权由受托人享有", "受托人"),  # a right held
    ("by", "职工的乘车证由谁代为申请？", "由职工所在单位向县交通运输部门代为申请", "职工所在单位"),  # one acting for another
    ("by", "Which unit applies for a worker's bus pass?", "由职工所在单位向县交通运输部门代为申请", "职工所在单位"),  # a right held
    ("by", "Which department issues flash flood warnings?", "（三）山洪预警由县水利局发布；", "县水利局"),  # a warning issued
    ("report_to", "受损的商户可以向哪里起诉？", "商户可以依法向人民法院提起诉讼", "人民法院"),
    ("report_to", "Who must the schools send their yearly safety reports to?", "各学校应当每年向县教育局提交安全工作报告", "县教育局"),
    ("report_to", "检测报告要向谁提交？", "检测机构应当向县市场监管局报送检测报告", "县市场监管局"),
    ("report_to", "进口锅炉要向哪个部门告知？", "应当向进口地的特种设备监管部门履行告知义务", "进口地的特种设备监管部门"),
    ("duty_holder", "谁有权封闭事故现场？", "事故调查组有权根据需要封闭事故现场", "事故调查组"),  # a power, a group's name
    ("duty_holder", "谁要向班组说明安全要求？", "现场技术人员应当向班组说明安全要求", "现场技术人员"),
    ("duty_holder", "谁负责协调乏燃料运输？", "国务院核工业主管部门负责协调乏燃料运输", "国务院核工业主管部门"),  # 工业主管 holds no 业主
    ("duty_holder", "谁会同科技部门建立科技统计制度？", "省统计部门会同省科技部门建立科技统计制度", "省统计部门"),  # the lead of joint work
    ("duty_holder", "In a wage dispute, who bears the burden of proof?", "工资争议中用人单位负举证责任", "工资争议中用人单位"),
])
def test_more_forms_of_an_organisation_shape(name, question, clause, org):
    shapes = dict(R.organisation_shapes(question))
    assert name in shapes, question
    assert shapes[name].search(clause).group("org") == org


def test_a_body_whose_head_is_named_is_not_the_one_by_whom():
    # "由…有关部门负责人组成的指挥部": 负责人 are people the body is made of, 负责 no verb
    by = dict(R.organisation_shapes("指挥部由谁组成？"))["by"]
    assert by.search("可以设立由本级人民政府及其有关部门负责人组成的现场指挥部") is None
    assert by.search("由县应急管理局负责组织").group("org") == "县应急管理局"


def test_the_subject_of_any_duty_is_the_last_resort():
    assert R.ORGANISATION_SHAPES[-1][0] == R.ANY_SUBJECT


@pytest.mark.parametrize("question, fits, does_not_fit", [
    ("宁波电梯安全归哪个部门管？", "市场监督管理部门", "市人民政府"),
    ("较大事故由哪一级政府负责调查？", "设区的市级人民政府", "应急管理部门"),
    ("欠款纠纷由哪一级法院受理？", "基层人民法院", "县级人民政府"),  # a court, not a government
])
def test_asked_kind_of_body(question, fits, does_not_fit):
    endings = [ending for asks, ending in R.ASKED_BODY if asks.search(question)]
    assert endings and all(e.search(fits) for e in endings) and not all(e.search(does_not_fit) for e in endings)


@pytest.mark.parametrize("group", R.SYNONYMS)
def test_synonym_group(group):
    assert all(R.SYNONYM_OF[word] == group for word in group) and len(group) >= 2


def test_penalty_questions_and_clauses():
    assert R.PENALTY_QUESTION.search("占用消防车通道罚多少？") and R.PENALTY_QUESTION.search("What is the fine?")
    assert not R.PENALTY_QUESTION.search("哪些单位应当建立专职消防队？")
    assert R.PENALTY_CLAUSE.search("违反本条例规定的，由公安部门责令改正，处五千元以上罚款")
    assert not R.PENALTY_CLAUSE.search("下列单位应当建立单位专职消防队")


@pytest.mark.parametrize("word, offset", list(R.RELATIVE_YEARS.items()))
def test_relative_year(word, offset):
    assert offset in (-1, 0, 1) and word == word.lower()


@pytest.mark.parametrize("kind, question, not_it", [
    ("regulation", "按消防条例，谁负责消防安全？", "挪用安全施工措施费罚多少"),
    ("notice", "实施方案中谁牵头消防整治？", "改动方案报谁批准"),
])
def test_kind_words(kind, question, not_it):
    assert R.KIND_WORDS[kind].search(question) and not R.KIND_WORDS[kind].search(not_it)


def test_english_kind_words_in_any_case():
    assert R.KIND_WORDS["regulation"].search("Under the Urban Gas Regulations, what may users not do?")
    assert R.KIND_WORDS["notice"].search("What does the county's Plan say about drills?")


@pytest.mark.parametrize("question, phrase", [
    ("Under the Waterway Law, who approves the national waterway plan?", "Waterway"),
    ("Under the Regulations on Urban Gas Administration, who is in charge?", "Urban Gas Administration"),
    ("under the accident reporting and investigation regulations, how large is the fine?",
     "accident reporting and investigation"),
    ("What is the fine for producing without a work safety licence?", ""),
    ("Which dams does the national regulation on reservoir dam safety management apply to?",
     "national reservoir dam safety management"),
])
def test_the_title_an_english_question_names(question, phrase):
    assert R.title_phrase(question) == phrase


@pytest.mark.parametrize("question, wording", [
    ("没有许可证就采砂罚多少？", "无许可证就采砂罚多少？"),
    ("没有取得许可证就经营的，罚多少？", "未取得许可证就经营的，罚多少？"),
    ("没有按照规定检验的电梯", "未按照规定检验的电梯"),
    ("仓库和住人的房子在同一栋楼里罚多少？", "仓库和居住场所在同一建筑物里罚多少？"),
])
def test_a_colloquial_wording_in_a_regulations_words(question, wording):
    assert R.legal_wording(question) == wording


def test_title_cue():
    assert R.TITLE_CUE.search("Under the Regulations on Urban Gas Administration, who …")
    assert not R.TITLE_CUE.search("Who leads fire safety rectification?")


def test_english_detection():
    assert R.is_english("Which department leads fire safety rectification?")
    assert not R.is_english("消防整治谁牵头？")
    assert R.intent_of("Which department leads fire safety rectification?") == "lead"


@pytest.mark.parametrize("english, chinese", R.LEXICON)
def test_lexicon_entry(english, chinese):
    assert english == english.lower()
    found, rest = R.lexicon_terms(f"what about {english} here")
    assert chinese in found and english not in rest.lower()


# one question of each legal phrase's form (our own words), and a plan's question using it too
LEGAL_REGISTER_EXAMPLES = {
    "应当": "谁应当组织应急演练？",
    "负总责": "谁对工地的安全负总责？",
    "全面负责": "谁对仓库的安全全面负责？",
    "许可证": "开加油站的许可证找哪个部门？",
    "审批": "锅炉安装由哪个部门审批？",
    "申请": "举办焰火晚会向哪里申请？",
    "罚款": "无证经营罚款多少？",
    "罚多少": "超载运输罚多少？",
    "义务": "物业有哪些消防义务？",
    "主管部门": "燃气的主管部门是哪个？",
    "组织调查": "一般事故由谁组织调查？",
    "法律责任": "瞒报事故要承担什么法律责任？",
    "责任人": "学校的食品安全责任人是谁？",
}


@pytest.mark.parametrize("phrase", R.LEGAL_PHRASES)
def test_legal_register_phrase(phrase):
    question = LEGAL_REGISTER_EXAMPLES[phrase]
    assert phrase in question and R.in_legal_register(question)


@pytest.mark.parametrize("phrase", R.PLAN_PHRASES)
def test_a_plan_word_keeps_a_legal_phrasing_about_plans(phrase):
    assert not R.in_legal_register(f"{phrase}中谁应当审批？")


def test_plain_questions_are_in_no_register():
    assert not R.in_legal_register("消防整治谁牵头？") and not R.in_legal_register("安委会设在哪里？")


@pytest.mark.parametrize("question, topic", [
    ("Which department leads fire safety rectification?", "消防安全"),
    ("Who is responsible for hazardous chemicals rectification?", "危险化学品"),
    ("What is the deadline for hazardous chemicals rectification?", "危险化学品"),
])
def test_the_words_of_the_asked_role_are_no_topic(question, topic):
    """"leads" is what is asked (the intent reads it), as 牵头 is in Chinese: translated, it
    searched for 引导 and 领导 and drew passages about leadership."""
    from kb.answers.translate import to_chinese

    words = to_chinese(question, lambda word: 1).split()
    assert topic in words and not {"引导", "领导", "负责", "期限", "截止日期"} & set(words), words


@pytest.mark.parametrize("question, where", [
    ("咨询日的活动点设在哪里？", True),
    ("Where is the county's consultation point set up?", True),
    ("安委会办公室设在哪个部门？", False),  # a body is asked: the tasks may answer
    ("Who sets up the consultation point?", False),
])
def test_a_question_asking_where(question, where):
    assert bool(R.PLACE_ASKED.search(question)) == where
