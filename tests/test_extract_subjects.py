"""Subjects the parser missed on a page set read this round (issue 19), each in a sentence of our own:
a subject run into a stage's dated heading or after a short title's space, a subject that helps
another body (which then leads), a subject named the 责任主体 of the work, a subject that leads and
organises others, a weekly duty, and the levels of a county named in short."""
import pytest

from tests.notices import owners, parse, task_with


def test_a_subject_run_into_its_stages_dated_heading(tmp_path):
    parsed = parse(tmp_path, "四、时间安排\n（一）动员部署阶段（5月）各乡镇安全生产领导小组结合实际情况，制定具体实施方案。\n"
                             "（二）督查阶段（8月-11月）县安全生产领导小组组成若干督查组，对各乡镇开展督查。\n")
    assert (owners(task_with(parsed, "具体实施方案")), task_with(parsed, "具体实施方案").deadline_norm) == \
        ({"responsible": ["各乡镇安全生产领导小组"]}, "2024-05")
    assert (owners(task_with(parsed, "若干督查组")), task_with(parsed, "若干督查组").deadline_norm) == \
        ({"responsible": ["县安全生产领导小组"]}, "2024-11")


def test_an_office_after_the_space_that_ends_a_longer_title(tmp_path):
    """A page flattened into one line: the items' titles end at a space, the office after it acts;
    and a body that acts every week opens a task of its own."""
    parsed = parse(tmp_path, "（五） 切实加强动态信息报送 县安委会办公室要确定专人负责信息报送工作。"
                             "县安委会每周编发一期工作简报，报送市安委会办公室。\n")
    assert owners(task_with(parsed, "确定专人")) == {"responsible": ["县安委会办公室"]}
    assert owners(task_with(parsed, "工作简报")) == {"responsible": ["县安委会"]}


@pytest.mark.parametrize("sentence, lead, co", [
    ("三、公安、交通等相关部门要配合乡镇街做好禁烧执法工作。", ["乡镇街"], ["公安", "交通等相关部门"]),
    ("三、县消防救援大队要积极配合县住建局开展燃气安全检查。", ["县住建局"], ["县消防救援大队"]),
    ("三、县民政局负责协助灾区有关部门搞好受灾群众的临时安置。", ["灾区有关部门"], ["县民政局"]),
    ("三、县农业农村局负责协助属地镇街办好秸秆收储工作。", ["属地镇街"], ["县农业农村局"]),
])
def test_a_subject_that_helps_another_body_the_body_helped_leads(tmp_path, sentence, lead, co):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == {"lead": lead, "co": co}


def test_a_subject_named_the_responsible_body_of_the_work(tmp_path):
    parsed = parse(tmp_path, "三、各乡镇人民政府、街道办事处是秸秆禁烧工作的责任主体，农业、公安等相关部门要配合乡镇街做好执法工作。\n"
                             "四、县住建局是全县燃气安全的行业监管责任部门，负责日常检查。\n")
    assert owners(task_with(parsed, "责任主体")) == {"responsible": ["各乡镇人民政府", "街道办事处"]}
    assert owners(task_with(parsed, "执法工作")) == {"lead": ["乡镇街"], "co": ["农业", "公安等相关部门"]}
    assert owners(task_with(parsed, "日常检查")) == {"responsible": ["县住建局"]}  # not the whole clause as a name


def test_a_subject_that_leads_and_organises_others_in_a_clause_of_its_own(tmp_path):
    parsed = parse(tmp_path, "（十二）各区人民政府负责辖区内占道经营的整治，并牵头组织市场监管、公安等部门开展联合执法。\n")
    assert owners(task_with(parsed, "联合执法")) == {"lead": ["各区人民政府"], "co": ["市场监管", "公安等部门"]}
    assert owners(task_with(parsed, "占道经营")) == {"responsible": ["各区人民政府"]}


@pytest.mark.parametrize("body", [
    "二、会议要求，县应急管理局一要加强节日期间值班值守；二要开展烟花爆竹专项检查；三要做好应急物资储备。\n",
    "二、会议要求，县应急管理局一是要加强节日期间值班值守；二是要开展烟花爆竹专项检查；三是要做好应急物资储备。\n",
    "二、县应急管理局要做好以下工作：一是加强节日期间值班值守；二是开展烟花爆竹专项检查；三是做好应急物资储备。\n",
])
def test_points_take_the_subject_that_opens_their_run(tmp_path, body):
    parsed = parse(tmp_path, body)
    assert [owners(task_with(parsed, words)) for words in ("值班值守", "专项检查", "物资储备")] == \
        [{"responsible": ["县应急管理局"]}] * 3


def test_a_body_that_gives_way_to_another_takes_part(tmp_path):
    parsed = parse(tmp_path, "二、元宵节期间，由县公安局负责灯会现场安全保卫，县消防救援大队予以配合。\n")
    assert owners(task_with(parsed, "安全保卫")) == {"lead": ["县公安局"], "co": ["县消防救援大队"]}


@pytest.mark.parametrize("sentence, subject", [
    ("交警大队同步做好赛道沿线封路管控", ["交警大队"]),  # 同步: an adverb the verb table does not list
    ("镇卫生院安排救护车全程待命", ["镇卫生院"]),
    ("林业站、安监站工作人员同步在岗值守", ["林业站", "安监站"]),  # the staff of the bodies act for them
    ("县供电公司同样未雨绸缪，提前检修考点线路", ["县供电公司"]),
    ("为确保马拉松赛事安全，县公安局出动警力三百余名", ["县公安局"]),  # a purpose before the subject
    ("县教育局与各学校签订安全责任书", ["县教育局"]),
])
def test_a_subject_before_a_verb_the_table_does_not_list(tmp_path, sentence, subject):
    parsed = parse(tmp_path, f"二、保障措施\n{sentence}。\n")
    assert owners(task_with(parsed, sentence[-6:])) == {"responsible": subject}


@pytest.mark.parametrize("sentence", [
    "2.区级创业社区认定。",  # an item's title: a name and a verb, nothing more
    "2022年区政府工作报告重点任务分解表已经印发。",  # 工作 makes a noun with 报告
    "继续对全县所有采石场点关停整顿。",  # a clause ending in a name's suffix (所)
    "区几大班子领导到所联系的乡镇、街道督查。",
    "2006年5月8日经省政府批准印发的应急预案同时废止。",  # a date run into a name
    "青石镇镇长王某、副镇长李某出席会议并讲话。",  # a post after the body
])
def test_words_that_only_look_like_a_subject_and_its_verb(tmp_path, sentence):
    parsed = parse(tmp_path, f"二、保障措施\n{sentence}\n")
    assert owners(task_with(parsed, sentence[2:8])) == {}


def test_a_name_is_not_cut_before_the_rest_of_a_longer_one(tmp_path):
    parsed = parse(tmp_path, "二、督导安排\n省应急管理厅调研评估组、市应急管理局分管负责同志在分会场参加会议。\n")
    assert owners(task_with(parsed, "调研评估组")) != {"responsible": ["省应急管理厅"]}


@pytest.mark.parametrize("sentence, subject", [
    ("卫体、疾控等医疗部门要严格落实核酸检测工作", ["卫体", "疾控等医疗部门"]),  # fields the vocabulary lacked
    ("卫生、执法、环卫、建设等部门负责保障场馆周边的环境卫生", ["卫生", "执法", "环卫", "建设等部门"]),
    ("公安、信访等部门和相关乡镇要制定防范化解风险工作预案", ["公安", "信访等部门", "相关乡镇"]),  # fields, then a body
    ("各新闻单位要组织好节日期间的宣传报道", ["各新闻单位"]),  # every body of a kind the notice names
    ("县市监局、供销社要强化节日市场监管", ["县市监局", "供销社"]),  # a people's organisation named alone
    ("妇联、团委要组织志愿者开展宣传", ["妇联", "团委"]),
    ("安监站、农路办等工作人员严格按照值班时间到岗", ["安监站", "农路办等"]),  # their staff act for them
])
def test_a_subject_named_by_fields_or_by_a_kind(tmp_path, sentence, subject):
    parsed = parse(tmp_path, f"二、保障措施\n{sentence}。\n")
    assert owners(task_with(parsed, sentence[-6:])) == {"responsible": subject}


def test_a_regulated_kind_is_still_no_owner(tmp_path):
    parsed = parse(tmp_path, "二、保障措施\n各施工单位要落实安全防护措施。\n")
    assert owners(task_with(parsed, "安全防护措施")) == {}


@pytest.mark.parametrize("sentence, lead, co", [
    ("各县区河长办要联合相关部门积极开展防溺水宣传", ["各县区河长办"], ["相关部门"]),  # 积极: an adverb, then the act
    ("公安部门要联合有关部门严密打击涉考犯罪活动", ["公安部门"], ["有关部门"]),  # 严密: the manner, then the act
    ("市文旅局党组成员、副主任王某带队，市交通局、市消防支队参加，对景区开展安全检查", ["市文旅局"], ["市交通局", "市消防支队"]),
    ("县应急局局长李某带队，联合县公安局、县消防救援大队对人员密集场所开展检查", ["县应急局"], ["县公安局", "县消防救援大队"]),
])
def test_a_body_that_joins_others_or_whose_official_leads(tmp_path, sentence, lead, co):
    parsed = parse(tmp_path, f"二、检查安排\n{sentence}。\n")
    assert owners(task_with(parsed, sentence[-6:])) == {"lead": lead, "co": co}


def test_the_steps_of_a_block_whose_own_words_say_who_does_them(tmp_path):
    parsed = parse(tmp_path, "四、应急处置\n（二）火灾事故\n由县消防救援大队牵头负责现场处置，县公安局、县卫健局支持配合。\n"
                             "1.组织灭火救援。\n2.疏散受困人员。\n")
    assert owners(task_with(parsed, "组织灭火救援")) == {"lead": ["县消防救援大队"], "co": ["县公安局", "县卫健局"]}


def test_a_subject_named_the_coordinating_body_and_a_name_never_holding_that_clause(tmp_path):
    parsed = parse(tmp_path, "二、组织机构\n（一）区政府办公室和区教育局为运动会的总协调机构，负责联系各责任部门。\n"
                             "（二）县民政局为养老机构火灾隐患整改牵头单位，县消防大队为责任单位。\n")
    assert owners(task_with(parsed, "总协调机构")) == {"responsible": ["区政府办公室", "区教育局"]}
    assert owners(task_with(parsed, "整改牵头单位")) == {"lead": ["县民政局"], "responsible": ["县消防大队"]}


@pytest.mark.parametrize("sentence, lead, co", [
    ("县自然资源局负责地灾防治的组织工作；会同同级建设、水利、交通等部门开展隐患调查",  # fields of the same level
     ["县自然资源局"], ["同级建设", "水利", "交通等部门"]),
    ("县气象局负责提供天气预报信息，并与县自然资源局联合做好地灾气象预警", ["县气象局"], ["县自然资源局"]),  # 与Y联合
    ("县教育局负责协助事发地政府修复损毁的校舍", ["事发地政府"], ["县教育局"]),
    ("由镇安办牵头组织学校、社区、卫生、供电等单位部门负责人对校园周边开展排查",  # fields among places, their officials
     ["镇安办"], ["卫生", "供电等单位部门"]),
])
def test_the_bodies_a_subject_works_with_or_helps(tmp_path, sentence, lead, co):
    parsed = parse(tmp_path, f"二、重点工作\n{sentence}。\n")
    assert owners(task_with(parsed, sentence[-6:])) == {"lead": lead, "co": co}


@pytest.mark.parametrize("body, words, subject", [
    ("二、工作要求\n同时，教育、农机、卫生和食品药品、公安边防等行业监管部门也要开展安全大检查。\n", "安全大检查",
     ["教育", "农机", "卫生和食品药品", "公安边防等行业监管部门"]),  # fields joined by 和; a field of two words
    ("二、成员职责\n各成员单位按照职责分工，积极配合领导小组开展工作。如教育部门负责学校防溺水宣传；\n", "学校防溺水宣传",
     ["教育部门"]),  # 如: for example, the body after it acts
    ("（八）保障资金投入 各县（市、区）人民政府要将防治资金列入财政预算。\n", "财政预算",
     ["各县（市、区）人民政府"]),  # a flattened page: the space after a title before a body with its levels in brackets
])
def test_a_subject_after_an_opener_or_a_titles_space(tmp_path, body, words, subject):
    assert owners(task_with(parse(tmp_path, body), words)) == {"responsible": subject}


def test_a_subjects_manner_before_its_role_is_one_task_with_it(tmp_path):
    parsed = parse(tmp_path, "二、成员职责\n各成员单位按照职责分工，积极配合领导小组开展工作。\n")
    assert owners(task_with(parsed, "按照职责分工")) == {"lead": ["领导小组"], "co": ["各成员单位"]}


@pytest.mark.parametrize("body, words, subject", [
    ("二、工作要求\n1、区属各单位、区直各部门根据各自职责，认真做好节前安全检查。\n", "节前安全检查",
     ["区属各单位", "区直各部门"]),  # every body under the district, named as a kind
    ("二、演练安排\n（三）各乡镇人民政府，各园区管委会，县应急委其他成员单位自行选择演练科目，组织开展演练。\n", "演练科目",
     ["各乡镇人民政府", "各园区管委会", "县应急委其他成员单位"]),  # a title cut at the comma after the first body
])
def test_bodies_listed_as_a_sentences_subjects(tmp_path, body, words, subject):
    assert owners(task_with(parse(tmp_path, body), words)) == {"responsible": subject}


def test_a_heading_naming_one_body_before_a_comma_still_owns_its_duty(tmp_path):
    parsed = parse(tmp_path, "二、职责\n（一）宣传部门，以及广播、电视、报刊等新闻媒体，应当做好禁放烟花爆竹的宣传发动和舆论监督工作，"
                             "对典型案例要公开曝光，做好禁放宣传。\n")
    assert owners(task_with(parsed, "禁放宣传")) == {"responsible": ["宣传部门"]}


def test_under_a_heading_naming_the_holder_another_bodys_sentence_is_its_own(tmp_path):
    parsed = parse(tmp_path, "三、职责分工\n（一）各街道工作职责\n各街道要细化工作任务，切实抓好落实；区有关部门要加强监督检查，确保取得实效。\n"
                             "（二）现场工作组\n根据处置需要，局领导小组派出现场工作组，赴受灾地区督促检查。\n")
    assert owners(task_with(parsed, "细化工作任务")) == {"responsible": ["各街道"]}
    assert owners(task_with(parsed, "监督检查")) == {"responsible": ["区有关部门"]}
    assert owners(task_with(parsed, "督促检查")) == {"responsible": ["现场工作组"]}  # the heading's body is named in it


def test_a_state_of_things_is_no_bureau(tmp_path):
    parsed = parse(tmp_path, "三、主要任务\n（一）建设多元办学格局\n推动社会力量举办职业教育。\n")
    assert owners(task_with(parsed, "社会力量")) == {}


@pytest.mark.parametrize("sentence, expected", [
    ("一、县住建局带领各乡镇开展危房排查。", {"lead": ["县住建局"], "co": ["各乡镇"]}),  # the body led takes part
    ("一、县水务局负责牵头组织河道清障，县交通运输局协同做好道路抢通。", {"lead": ["县水务局"], "co": ["县交通运输局"]}),
    ("一、县应急局要协同推进隐患整改。", {"co": ["县应急局"]}),  # working alongside, naming no one it joins
    ("一、各区住建部门将与应急、公安等部门以及属地街道合作,对老旧小区开展排查。",  # X将与Y合作: as X会同Y
     {"lead": ["各区住建部门"], "co": ["应急", "公安等部门", "属地街道"]}),
    ("一、镇建设办带领相关职能部门人员深入街区开展燃气检查。", {"lead": ["镇建设办"], "co": ["相关职能部门"]}),  # the bodies' staff
])
def test_a_subject_leading_others_or_working_alongside(tmp_path, sentence, expected):
    [task] = parse(tmp_path, sentence + "\n").tasks
    assert owners(task) == expected
