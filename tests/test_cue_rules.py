"""The coverage self-check's tables (ingest/cue_rules.py): one sentence per entry, written for
this test, and a close non-example where the difference matters."""
import pytest

from ingest.cue_rules import DATE_EXPRESSIONS, DOCUMENT_DATES, ROLE_CUES, SET_ASIDE
from ingest.deadline_rules import DEADLINE_FORMS

# name -> (a sentence holding the cue, a look-alike that must not hold it or None)
CUE_EXAMPLES = {
    "牵头": ("由区卫健局牵头制定工作清单", None),
    "配合": ("区公安分局配合开展夜间巡查", None),
    "协同": ("区城管局协同街道清理占道堆物", None),
    "协助": ("社区居委会协助摸排独居老人", None),
    "协办": ("协办单位：区商务局", "区政协办公室发来函件"),
    "参加": ("各乡镇参加联合演练", None),
    "参与": ("区交通局参与隐患会商", None),
    "负责": ("区水务局负责河道巡查", None),
    "分工负责": ("各成员单位按职责分工负责", None),
    "责任单位": ("责任单位：区市场监管局", None),
    "会同": ("区财政局会同区审计局核查资金", "推动经济社会同步发展"),
    "带队": ("由分管副区长带队开展暗访", None),
    "组织实施": ("区教育局组织实施校舍排查", None),
    "主责": ("主责部门：区住建局", "聚焦主责主业"),
    "主办": ("主办单位：区文旅局", "本次展会的主办方是行业协会"),
    "承办": ("承办单位：区体育中心", "请根据承办要求制定方案"),
}

# row -> (a sentence where the row holds a cue, a look-alike where no cue is set aside)
SET_ASIDE_EXAMPLES = {
    "meeting_participants": ("各街道分管负责同志参加会议。", "各街道参加联合检查。"),
    "table_header": ("序号 重点任务 牵头单位 配合单位\n1 排查老旧小区燃气管道", "牵头单位：县住建局"),
    "refusal": ("对拒不配合的住户，由消防站上门执法。", "县公安局配合做好上门执法。"),
    "person_title": ("企业主要负责人要每月带班检查", "由企业负责整改"),
    "persons_take_part": ("邀请专家参与隐患评审", "邀请区应急局参与隐患评审"),
    "post_holder": ("由王某同志兼任办公室主任，负责日常联络", "由区应急局负责日常联络"),
    "lead_official": ("牵头领导：分管副区长", "牵头单位：区应急局"),
    "tiered_principle": ("坚持统一领导、分级负责的原则", "由街道负责，社区配合"),
    "whoever_principle": ("按照谁主管谁负责的要求", "由主管部门负责"),
    "leadership_formula": ("健全党委领导、政府负责的工作格局", "区政府负责统筹"),
    "responsible_attitude": ("以高度负责的态度抓好整改", "由区城管局负责整改"),
    "named_system": ("落实行政首长负责制", "区应急局负责制订预案"),
    "public_participation": ("营造全社会共同参与的良好氛围", "区团委参与宣传"),
    "encouraged_participation": ("鼓励保险机构参与风险评估", "区金融办参与风险评估"),
    "eligibility": ("符合条件的企业均可参加", "各乡镇参加演练"),
    "cooperate_closely": ("各部门要密切配合，形成合力", "区公安局配合，区交通局牵头"),
    "cooperative_capability": ("建立反应灵敏、协同联动的指挥体系", "区城管局协同街道清理"),
    "quoted_slogan": ("打造“一网协同”平台", "区数据局协同各部门推进"),
    "cover_letter": ("现印发给你们，请认真组织实施。", "区教育局组织实施校舍排查"),
    "carry_out_well": ("制定年度计划并严格组织实施。", "区教育局组织实施校舍排查"),
    "addressee_line": ("各区县牵头部门，有关单位：\n现将方案印发给你们", "牵头单位：\n区应急局"),
    "disclosure_box": ("公开责任部门：区政府办公室", "责任部门：区政府办公室"),
    "membership_list": ("督查组由区应急局、区公安局等部门参与组成", "区应急局、区公安局参与督查"),
    "name_the_owner": ("逐项明确牵头单位和责任单位", "牵头单位：区应急局"),
    "report_heard": ("会议听取了各责任单位的进展汇报", "各责任单位要按月报送进展"),
    "convention_note": ("（列第一位者为牵头单位，下同）", "区应急局牵头，区公安局配合"),
    "leading_function": ("区安委办要发挥牵头抓总作用", "区安委办牵头开展督导"),
    "owners_in_general": ("主要责任单位要与配合单位加强沟通", "责任单位：区应急局"),
    "everyone_joins": ("各方要全力配合做好保障", "区卫健局全力配合做好保障"),
    "cooperation_as_noun": ("深化医防协同、医防融合", "区卫健局协同区疾控中心开展监测"),
    "reported_done": ("会后，副区长带队检查了两家企业", "由分管副区长带队开展暗访"),
    "in_support_of": ("为配合公安集中行动，街道开展夜查", "街道配合公安开展夜查"),
    "page_furniture": ("打开客户端，参与评论", "区团委参与宣传"),
    "offence": ("严查无证船舶非法参与运营", "县海事处参与联合执法"),
    "step_title": ("（三）组织实施关闭", "（三）县应急局组织实施关闭工作，年底前完成"),
    "regulated_organiser": ("举办大型活动的主办单位应当事先制订应急预案", "主办单位：县文旅局"),
    "cut_head": ("4.负责城区市场安全巡查。\n5.会同有关部门开展检查。\n（三）质监部门\n", "（一）区市场监管局\n1.负责城区市场安全巡查。\n"),
    "manner_of_taking_part": ("市政协积极参与，推动项目进度", "区团委积极参与宣传月活动"),
    "cited_division": ("按照领导牵头、科室配合的分工安排，开展排查", "区教育局牵头，各学校配合开展排查"),
}

# name -> a sentence holding the date form (the deadline forms' own tests are in test_dates.py)
DATE_EXAMPLES = {
    "year_month_before": "2025年9月底前完成改造",
    "due_on": "于2025年4月30日完成验收",
    "range_end": "2025年3月1日至6月30日开展排查",
    "run_for_years": "从2025年1月1日起，实施两年",
    "after_issue": "本方案印发后15日内报送台账",
    "within_years": "3年内完成老旧管网更新",
    "month_range_end": "4月1日至4月20日集中宣传",
    "month_span_end": "8月中旬至10月中旬开展巡查",
    "every_month_before": "每月10日前报送进度",
    "cn_month_before": "五月底前完成自查",
    "from_now_until": "即日起至11月底开展整治",
    "every_year_before": "每年4月底前完成年度评估",
    "month_before": "7月15日前上报名单",
    "half_year": "下半年完成全面验收",
    "quarter": "第二季度完成招标",
    "quarter_before": "三季度末前完成验收",
    "year_end": "年底前实现全覆盖",
    "month_of": "9月份组织复查",
    "strive_for": "力争2027年实现全覆盖",
    "until": "到2026年底，建成监测网络",
    "year_span": "2025—2027年分步实施",
    "year_clause": "2026年，完成全部改造任务",
    "year_month_day": "2025年3月12日召开推进会",
    "month_day": "3月12日召开推进会",
    "month_part": "10月下旬组织复查",
    "months_span": "6—8月为主汛期",
    "stage_period": "第二阶段（5月1日—6月30日）集中整治",
    "every_period": "每季度末前报送统计表",
}
NOT_DATES = [
    "发布时间：2025-03-12 09:30",  # a page's stamp, not a date expression
    "2025年是攻坚之年",  # a bare year
    "每月开展一次巡查",  # a cadence with no due day
]

# row -> (a sentence where the row holds the date, a look-alike where it must not)
DOCUMENT_DATE_EXAMPLES = {
    "date_line": ("区应急管理局\n2025年3月12日\n", "2025年3月12日前完成自查"),
    "published": ("发布日期：2025年3月12日", "完成时间：2025年3月12日"),
    "starts_on": ("会议要求，自11月8日起面向全市发放告知书", "自11月8日起至12月31日开展集中整治"),
    "clock_time": ("预警时段为9月5日17时至9月6日17时", "请于9月5日17时前报送"),
    "published_on": ("青石县科学技术局2025年5月25日发布，征求意见截止2025年6月24日。", "2025年5月25日发布实施方案"),
    "adopted": ("（2025年1月8日区政府常务会议审议通过）", "2025年1月8日前报区政府审议"),
    "in_force": ("本办法自2025年5月1日起施行。", "自2025年5月1日起开展专项整治"),
    "valid_until": ("本措施有效期至2027年12月31日。", "整治工作至2027年12月31日结束"),
    "comment_period": ("征求意见截止时间为2025年4月10日", "4月10日前反馈意见"),
    "plan_period": ("《区安全生产三年行动方案（2025—2027年）》", "2025—2027年分步实施"),
    "dateline": ("新闻网5月6日讯 为做好汛期工作", "5月6日前报送值班表"),
    "event_date": ("3月12日上午，区政府召开安全生产例会", "到2028年，举办各级赛会活动100场"),
    "as_of": ("截至6月底，已排查隐患120处", "6月底前完成排查"),
    "news_lead": ("2025年3月12日，县应急局组织辖区企业负责人参加视频会议。", "2025年3月12日前，县应急局组织企业开展自查。"),
    "done_on": ("新建的三所学校于9月1日如期投入使用", "新建学校于9月1日前投入使用"),
    "incident_date": ("会议对3月5日某厂房坍塌事故进行了通报", "3月5日前完成事故隐患排查"),
    "meeting_name": ("区召开安全生产委员会第二季度工作部署会", "第二季度召开安全生产委员会会议"),
    "reported_period": ("会议通报了上半年全区燃气安全情况", "下半年完成燃气管网改造"),
    "signature": ("青石镇人民政府 2020年10月22日 青石镇突发事件总体应急预案", "青石镇人民政府2020年10月22日前完成预案修订"),
    "season_runs": ("今年春运从1月13日起到2月21日结束", "1月13日起开展春运安全检查"),
}

SET_ASIDE_ROWS = {name: pattern for name, pattern, _ in SET_ASIDE}
DOCUMENT_DATE_ROWS = {name: pattern for name, pattern, _ in DOCUMENT_DATES}
DEADLINE_NAMES = {name for name, _, _ in DEADLINE_FORMS}


def cue_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for pattern in ROLE_CUES.values() for m in pattern.finditer(text)]


def holds(pattern, text: str, spans) -> bool:
    """Whether a match of ``pattern`` holds one of ``spans``."""
    return any(m.start() <= a and b <= m.end() for m in pattern.finditer(text) for a, b in spans)


@pytest.mark.parametrize("name", list(ROLE_CUES))
def test_role_cue(name):
    text, look_alike = CUE_EXAMPLES[name]
    assert ROLE_CUES[name].search(text), text
    if look_alike:
        assert not ROLE_CUES[name].search(look_alike), look_alike


@pytest.mark.parametrize("name", list(SET_ASIDE_ROWS))
def test_set_aside_row(name):
    text, look_alike = SET_ASIDE_EXAMPLES[name]
    assert holds(SET_ASIDE_ROWS[name], text, cue_spans(text)), text
    assert cue_spans(look_alike), f"the look-alike needs a cue: {look_alike}"
    assert not holds(SET_ASIDE_ROWS[name], look_alike, cue_spans(look_alike)), look_alike


def test_every_row_says_why():
    assert all(why for _, _, why in (*SET_ASIDE, *DOCUMENT_DATES))
    assert len(SET_ASIDE_ROWS) == len(SET_ASIDE) and len(DOCUMENT_DATE_ROWS) == len(DOCUMENT_DATES)


@pytest.mark.parametrize("name", list(DATE_EXPRESSIONS))
def test_date_expression(name):
    if name not in DATE_EXAMPLES:
        assert name in DEADLINE_NAMES, f"{name} needs an example here"
        pytest.skip("a deadline form newer than these examples (its own is in tests/test_dates.py)")
    assert DATE_EXPRESSIONS[name].search(DATE_EXAMPLES[name]), DATE_EXAMPLES[name]


def test_deadline_forms_are_reused_not_copied():
    own = {name: pattern for name, _, pattern in DEADLINE_FORMS}
    assert all(DATE_EXPRESSIONS[name] is own[name] for name in own if name in DATE_EXPRESSIONS)
    assert not {"date_alone", "ongoing"} & set(DATE_EXPRESSIONS)  # they read a whole cell, not text


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date_expression(text):
    assert not [name for name, pattern in DATE_EXPRESSIONS.items() if pattern.search(text)], text


@pytest.mark.parametrize("name", list(DOCUMENT_DATE_ROWS))
def test_document_date_row(name):
    text, look_alike = DOCUMENT_DATE_EXAMPLES[name]
    dates = [m.span() for pattern in DATE_EXPRESSIONS.values() for m in pattern.finditer(text)]
    assert holds(DOCUMENT_DATE_ROWS[name], text, dates), text
    assert not DOCUMENT_DATE_ROWS[name].search(look_alike), look_alike


def test_a_rate_is_no_leader_leading_a_visit():
    assert not DOCUMENT_DATE_ROWS["event_date"].search("到2020年，规模养殖场粪污处理设施装备配套率达到95%以上")
    assert DOCUMENT_DATE_ROWS["event_date"].search("11月5日，省安监局局长率省政府第二巡查督导组到青石市开展工作")


def test_a_stage_named_for_summing_up_is_no_reported_period():
    assert not DOCUMENT_DATE_ROWS["reported_period"].search("（三）总结提升阶段（9月上旬）")
    assert DOCUMENT_DATE_ROWS["reported_period"].search("会议总结了上半年安全生产工作")


def test_dateline_after_xun_without_a_reporter():
    assert DOCUMENT_DATE_ROWS["dateline"].search("公益导报讯 6月26日，为做好汛期施工安全")


# More shapes of existing rows, each a sentence of our own in the form a real page used.
@pytest.mark.parametrize("row, text", [
    ("meeting_participants", "各村党支部书记、村安委会成员和安全协管员等参加。"),
    ("persons_take_part", "非煤矿山企业主要负责人参加各级组织的集中培训"),
    ("post_holder", "由副镇长兼任办公室主任王某具体负责禁燃禁放工作的调度"),
    ("post_holder", "小网格责任人负责信息收集和简易问题处置"),
    ("tiered_principle", "建筑施工系统层层负责，上下联动"),
    ("meeting_participants", "会议可以召集全体成员单位参加"),
    ("person_title", "省直有关单位负责食品安全工作处室的负责同志参加"),
    ("person_title", "对直接负责的主管人员和其他直接责任人员依法给予处分"),
    ("persons_take_part", "副局长专题研究整治方案，带队督导推进重点区域整治"),
    ("persons_take_part", "月初由每组带队领导按分组安排开展检查"),
    ("disclosure_box", "责任部门:青石县应急管理局 发布日期:2023-09-12"),  # the page's information box  # the official leading a group: a person
    ("post_holder", "要紧扣全县整体部署，牵头抓实分管领域、包联乡镇的安全监管"),
    ("owners_in_general", "牵头单位要与协同配合单位加强沟通联系"),
    ("meeting_participants", "请各位代表按时参加视察活动"),
    ("persons_take_part", "组织企业主要负责人及安全管理人员参与各级举办的视频直播授课"),
    ("persons_take_part", "动员专业技术人员和乡村建设工匠广泛参与排查整治"),
    ("post_holder", "县政府办正副主任协助县政府领导处理有关工作"),
    ("responsible_attitude", "增强社会单位责任主体意识"),
    ("cooperation_as_noun", "共同抓好大保护、协同推进大治理"),
    ("in_support_of", "配合上级搞好安全生产月活动"),
    ("whoever_principle", "按照“谁 拥有谁负责、谁使用谁负责”的原则"),
    ("whoever_principle", "坚持谁主管谁牵头、谁为主谁牵头"),
    ("leadership_formula", "健全“政府监管、行业管理、企业负责、社会监督”的工作格局"),
    ("leadership_formula", "形成“政府统一领导、部门依法监管、使用管理单位全面负责、群众参与监督”的格局"),
    ("public_participation", "增强交通参与者的安全意识"),
    ("tiered_principle", "校园周边管理实行政府组织、部门分工负责、群众参与、社会监督的原则"),
    ("tiered_principle", "构建主职干部负总责、分管干部牵头抓、部门协作、家校联防的网格化责任体系"),
    ("post_holder", "落实专职力量负责指挥部日常工作"),
    ("lead_official", "由镇领导牵头负责，成立隐患排查小组"),
    ("meeting_participants", "进驻县防指，参加县防指组织的会商、会议"),
    ("meeting_participants", "召开了由全县安委会成员参加的第二季度安全生产工作会议"),
    ("table_header", "工作项目 重点任务 责任单位 完成时限"),
    ("eligibility", "三轮车须按期参加年度检验"),
    ("regulated_organiser", "检查大型活动主办单位消防安全责任落实情况"),
    ("carry_out_well", "燃放方案经县政府同意后，方可组织实施"),
    ("post_holder", "每辆校车配备照管人员，负责维持乘车秩序"),
    ("owners_in_general", "对工作不力的责任单位及责任人员依法予以追究"),
    ("cooperation_as_noun", "增强应急管理工作的系统性、整体性、协同性"),
    ("page_furniture", "转载不代表本站赞同其观点和对其真实性负责"),
    ("page_furniture", "主办：青石县人民政府  承办：青石县广播电视台"),
    ("page_furniture", "公开形式 主动公开 责任部门 政府办"),
    ("cooperative_capability", "形成分工明确、权责明晰、协同增效的管理体制"),
    ("cooperative_capability", "强化政策协同与资源整合"),
    ("everyone_joins", "打造高校、企业、投资机构多方参与的创业平台"),
])
def test_more_shapes_set_aside(row, text):
    assert holds(SET_ASIDE_ROWS[row], text, cue_spans(text)), text


def test_fellow_delegates_are_no_cue():
    assert not ROLE_CUES["会同"].search("要求与会同志克服麻痹心理")


@pytest.mark.parametrize("row, text", [
    ("adopted", "2017年6月23日县人民政府办公室印发的《防汛应急预案》同时废止"),
    ("published", "发布日期：2023-07-13 发布机构：青石市教育局\n\n7月12日\n\n青石市校园周边综合治理会议召开"),
    ("plan_period", "本规划实施期限为2021年至2025年。"),
    ("dateline", "新华社北京4月18日电？近日，中办国办印发"),
    ("dateline", "闪电新闻11月5日讯近年来，某市围绕全链条"),
    ("event_date", "传达12月18日自治区今冬明春火灾防控工作推进会精神"),
    ("news_lead", "6月16日，县委副书记、县长某某暗访检查"),
    ("news_lead", "9月13日，记者从省应急管理厅获悉"),
    ("news_lead", "2014年12月15、16、18日，县森林防火指挥部开展巡查"),
    ("as_of", "自8月底开展燃气安全百日整治行动以来"),
    ("as_of", "从7月1日起，某县开展了燃气安全专项整治"),
    ("in_force", "决定自6月17日9时起，启动防汛Ⅳ级应急响应"),
    ("published", "（发布日期：2012年2月22日，实施日期：2012年2月22日）"),
    ("dateline", "某某在线海南消息：9月14日上午8时，某县召开会议"),
    ("meeting_name", "在清泉乡政府组织召开了2018年一季度农村道路安全管理联席会。"),
    ("event_date", "3月20日上午九点，青石镇在综合楼会议室召开安全生产例会"),
])
def test_more_shapes_of_document_dates(row, text):
    dates = [m.span() for pattern in DATE_EXPRESSIONS.values() for m in pattern.finditer(text)]
    assert dates and holds(DOCUMENT_DATE_ROWS[row], text, dates), text


@pytest.mark.parametrize("text", ["3月5日，全县长效机制建设全面启动", "2025年6月1日前，县长助理牵头完成排查"])
def test_a_date_before_work_is_no_news(text):
    assert not DOCUMENT_DATE_ROWS["news_lead"].search(text)
