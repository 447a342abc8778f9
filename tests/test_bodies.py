"""The grammar of public-body names (ingest/bodies.py) and unit lists (ingest/units.py): one
example per suffix, placeholder and non-owner entry."""
import pytest

from ingest import bodies as B
from ingest.units import canonical, family, query_keys, split_units

# a name ending in each organisational suffix
SUFFIX_EXAMPLES = {
    "人民政府": "县人民政府", "政府": "区政府", "办事处": "某街道办事处", "管委会": "高新区管委会",
    "管理委员会": "开发区管理委员会", "执委会": "合作区执委会", "委员会": "县安全生产委员会",
    "工委": "县直机关工委", "党委": "镇党委", "党组": "局党组", "总工会": "市总工会", "工会": "区工会", "共青团": "各级共青团",
    "团委": "县团委", "妇联": "市妇联", "残联": "县残联", "科协": "市科协", "工商联": "省工商联",
    "侨联": "市侨联", "文联": "县文联", "红十字会": "市红十字会", "基金会": "区慈善基金会", "领导小组": "县安全生产领导小组",
    "指挥部": "县防汛抗旱指挥部", "工作专班": "区燃气安全工作专班", "专班": "市专项整治专班",
    "小组": "县督导小组", "办公室": "县安委会办公室", "办公厅": "省政府办公厅", "总局": "市场监管总局",
    "分局": "市公安局高新分局", "管理局": "县应急管理局", "局": "县应急局", "委": "市发展改革委",
    "办": "县应急办", "厅": "省住建厅", "部": "县委宣传部", "署": "某海事署", "处": "市安监一处",
    "科": "局安全科", "股": "县文旅局旅游股", "所": "镇派出所", "站": "镇安监站", "室": "局法规室", "中心": "县应急指挥中心",
    "总队": "省消防救援总队", "支队": "市消防救援支队", "大队": "县消防救援大队", "中队": "交警六中队",
    "队": "县综合执法队", "院": "县人民医院", "馆": "县图书馆", "校": "县职业中专学校", "幼儿园": "县实验幼儿园",
    "电视台": "县广播电视台", "气象台": "市气象台", "电台": "市人民广播电台", "集团": "市城投集团",
    "分公司": "某燃气分公司", "公司": "县供电公司", "供销社": "市供销社", "联社": "县农村信用联社", "报社": "市日报社", "分行": "人行某市分行", "支行": "某银行县支行",
    "银行": "市农商银行", "海关": "某某海关", "法院": "县人民法院", "检察院": "县人民检察院",
    "监会": "某某银保监会", "安委会": "县安委会", "爱卫会": "市爱卫会", "社区": "幸福社区", "村委会": "某村村委会",
    "居委会": "某居委会", "委会": "各村（居）委会", "街道": "新华街道", "乡": "红星乡", "镇": "城关镇", "开发区": "经济技术开发区",
    "高新区": "县高新区", "经开区": "某某经开区", "工业区": "青石工业区", "园区": "化工园区", "新区": "滨海新区", "发展区": "高新技术产业发展区",
    "合作区": "某合作区", "示范区": "农业示范区", "试验区": "自贸试验区", "保税区": "综合保税区", "协会": "市安全生产协会", "学会": "市消防学会", "商会": "县商会",
    "联合会": "市个体劳动者联合会", "部门": "县级以上应急管理部门", "机构": "消防救援机构",
    "机关": "公安机关", "成员单位": "安委会成员单位", "组员单位": "指挥中心各组员单位", "责任单位": "上述措施责任单位",
    "主管部门": "行业主管部门", "监管部门": "行业监管部门", "督查组": "各督查组", "检查组": "市联合检查组",
    "督导组": "省安委会督导组", "巡查组": "县巡查组", "考核组": "市考核组", "工作组": "市燃气安全工作组",
    "专家组": "省专家组", "联席会议": "市非煤矿山整治工作联席会议",
    "协调组": "综合协调组", "技术组": "综合技术组", "保障组": "后勤保障组", "救援组": "抢险救援组",
    "宣传组": "新闻宣传组", "监测组": "环境监测组", "医疗组": "现场医疗组", "救治组": "医疗救治组", "防指": "省防指", "领导组": "市秸秆禁烧领导组", "公路段": "县公路段", "管理段": "县公路管理段",
    "车务段": "青石车务段", "工务段": "县铁路工务段", "电务段": "某电务段", "机务段": "某机务段", "供电段": "某供电段",
    "养护段": "县公路养护段",
}


@pytest.mark.parametrize("suffix", B.ORG_SUFFIXES)
def test_organisational_suffix(suffix):
    name = SUFFIX_EXAMPLES[suffix]
    assert name.endswith(suffix) and B.is_public_body(name)


@pytest.mark.parametrize("name", ["各有关部门", "有关部门", "相关单位", "各成员单位", "各镇（街道）", "各县（市、区）人民政府",
                                  "各地", "各省份", "各级各部门", "市级有关部门", "县级有关部门", "各镇街", "各有关部门和单位",
                                  "市政府有关部门和单位", "各部门(单位)", "各行业主管部门", "各行政村", "乡镇",
                                  "镇（街道）", "县直有关单位", "各责任单位", "各主要责任单位", "各协同配合单位",
                                  "各地区", "各校", "牵头单位", "责任部门", "属地管理单位", "行业主管部门", "职能部门", "各村居", "各基层单位", "全镇各部门单位", "有关地方政府和单位", "各文旅单位", "各市县",
                                  "参会单位", "其他行业部门", "各网格", "各二级单位", "各相关单位(部门)", "镇级相关单位（部门）",
                                  "各部门各单位", "牵头责任单位", "协同责任单位", "各旗县区", "各盟市", "县直有关部门单位", "各组",
                                  "委属部门单位"])
def test_placeholders(name):
    assert B.is_public_body(name) and B.is_generic(name)


@pytest.mark.parametrize("name, body", [
    ("县深化“放管服”改革领导小组办公室", True),  # a short slogan quoted inside the name
    ("规建办等相关单位(部门)", True), ("各旅游局（委）", True), ("各街道办事处(乡)", True),  # …or its other suffix in brackets
    ("县“打非治违”专项行动办公室要全面部署", False),
    ("县应急局“", False), ("县”两违“整治办", False),
    ("县“全面加强安全生产隐患排查治理”领导小组", False),  # a quote too long for a name's slogan
])
def test_quoted_slogans_and_bracketed_kinds_in_names(name, body):
    assert B.is_public_body(name) is body


def test_joint_bodies_keep_their_names():
    assert all(B.is_public_body(n) for n in ("市个体劳动者联合会", "县联合执法大队", "市联合检查组"))


@pytest.mark.parametrize("name", ["青石市", "白沙州", "红柳县", "某某盟", "某某旗", "乌兰浩特市"])
def test_a_place_named_alone_is_its_government(name):
    assert B.PLACE_BODY.match(name) and B.is_public_body(name)


@pytest.mark.parametrize("name", ["全市", "本县", "各县", "文明城市", "城市", "安全示范县", "产粮大县", "省辖市", "县级市",
                                  "设区的市", "老城区", "景区"])
def test_scopes_kinds_and_areas_are_no_place_government(name):
    assert not B.PLACE_BODY.match(name)


@pytest.mark.parametrize("name", ["企业", "生产经营单位", "用人单位", "施工单位", "物业服务企业", "群众", "居民",
                                  "从业人员", "党政领导干部", "主要负责人", "市场主体", "个人", "发布机构", "发文机关",
                                  "居民区厕所"])
def test_regulated_parties_and_persons_are_not_owners(name):
    assert not B.is_public_body(name)


@pytest.mark.parametrize("text", ["加强监管的部门", "检查报告同时抄送属地监管部门", "对推诿扯皮的移交纪检监察机关", "全国三级公立医院", "在各行业各单位", "会议可以召集全体成员单位", "市食安办召开联席会议",
                                  "各省份要出台", "发挥县应急局", "区财政局和相关部门负责牵头", "打造人工智能创新社区",
                                  "拓展特色应用场景布局", "搭建线上开放社区", "查找公共设施规划布局", "高水平建设创新社区",
                                  "县应急局联合县公安局", "集中整治阶段", "国道重点路段", "县住建局为责任单位", "县住建局作为行业主管部门", "这一做法被县发改委",
                                  "市住房和城乡", "报县委", "建强街道消防工作机构", "做实社区消防工作组织", "配强乡镇应急管理机构",
                                  # found by listing every unit parsed from unlabeled and page-set notices
                                  "青石镇联合区交通运输局", "我们编制了《青石县数字政府", "县公安局交警大队民警在清泉乡政府",
                                  "市一线指挥部决定对乡镇(街道)", "第二阶段(2021年5月10日起)公安局交警大队", "14市交通运输局",
                                  "此次整治行动在以乡(镇、街道)政府", "本网讯(记者王某)市城市管理局", "期间自治区应急管理厅",
                                  "市安委会办公室对县政府", "省工业和信息化厅对化工园区", "县应急局将对全县学校",
                                  "参加省防指（办）", "专题请示县人民政府", "协同有关部门", "会同市财政局", "依靠村(居)民委员会", "拼装车辆通报有关部门", "问题线索移交纪检部门", "联合其他部门"])
def test_sentences_are_not_names(text):
    assert not B.is_public_body(text)


@pytest.mark.parametrize("items, accepted", [
    (["县应急局", "县公安局"], True),
    (["广州", "深圳市政府"], True),  # a place borrows the next name's suffix
    (["各乡镇（街道）党（工）委", "政府（办事处）"], True),  # the place before reaches the bare bodies after it
    (["县应急局", "政府"], True),
    (["工作", "政府"], False),
    (["财政", "发展改革", "教育等部门"], True),  # fields share the list's 部门
    (["财政", "发展改革"], False),  # fields alone are not bodies
    (["企业", "县应急局"], False),
    (["安监", "交通", "农业(农机)", "公安等部门"], True),  # a field with its second name in brackets
    (["各部门", "单位"], True),  # 各 reaches a bare kind
    (["村组", "社区"], True),  # a level named bare beside a body
    (["社区", "乡"], False),  # bare levels alone are places, not bodies
    (["各二级单位", "股室"], True),  # 各 reaches a bare kind of office
])
def test_lists(items, accepted):
    assert B.accept_list(items) is accepted


@pytest.mark.parametrize("text, units", [
    ("市工业和信息化局、市市场监管局等有关部门单位", ["市工业和信息化局", "市市场监管局等有关部门单位"]),
    ("县文化和旅游局和县综合行政执法局、县应急局", ["县文化和旅游局", "县综合行政执法局", "县应急局"]),
    ("市安委会道路交通安全专业委员会成员单位，各区县政府", ["市安委会道路交通安全专业委员会成员单位", "各区县政府"]),
    ("各镇（街道、开发区）、县应急局", ["各镇（街道、开发区）", "县应急局"]),
    ("县人力资源和社会保障局", ["县人力资源和社会保障局"]),
    ("市科技和信息化局、市财政局", ["市科技和信息化局", "市财政局"]),
    ("财政和医保部门", ["财政", "医保部门"]),
    ("各有关部门和单位", ["各有关部门和单位"]),
    ("区科技局和相关责任部门", ["区科技局", "相关责任部门"]),
    ("各区人民政府〈含开发区、新区管委会，下同〉", ["各区人民政府"]),
    ("各县(市、区)政府", ["各县(市、区)政府"]),
])
def test_split_units(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize("a, b", [
    ("市应急局", "市应急管理局"), ("市市场监管局", "市市场监督管理局"), ("县住建局", "县住房和城乡建设局"),
    ("市发展改革委", "市发展和改革委员会"), ("县交警大队等有关部门", "县交警大队")])
def test_aliases_share_a_canonical_name(a, b):
    assert canonical(a) == canonical(b)


def test_families_are_level_free():
    assert family("市应急局") == family("县应急管理局") == family("省应急管理厅") == "应急管理部门"
    assert query_keys("应急局") == {"应急管理部门"}
    assert query_keys("市应急局") == {"市应急管理局"}
    assert canonical("市消防救援支队") != canonical("县消防救援大队")
    assert family("市消防救援支队") == family("县消防救援大队")


@pytest.mark.parametrize("field", sorted(B.FIELD_WORDS))
def test_field_of_work(field):
    assert B.accept_list([field, "审计等部门"])


@pytest.mark.parametrize("name", ["智能原生企业）社区", "各乡镇（街道", "区应急局)"])
def test_a_name_with_an_unmatched_bracket_is_no_body(name):
    assert not B.is_public_body(name)
    assert B.is_public_body("各乡镇（街道）")


def test_another_office_of_the_same_kind_named_by_its_number():
    assert B.accept_list(["监管一处", "三处"]) and B.accept_list(["执法二科", "四科"])
    assert not B.accept_list(["办公室", "三处"]) and not B.accept_list(["县应急局", "二科"])
