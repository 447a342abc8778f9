"""What the name of a public body looks like, so owners are recognised by a grammar, not a list.

A name is ``[place or scope] core [organisational suffix]``: 县 + 应急管理 + 局, 济南市 + 消防救援
+ 支队, 街道 + 安委会 + 办公室, 国家 + 卫生健康 + 委, 中国电信南充 + 分公司. Beside full names there are
placeholders that stand for a set of bodies (各有关部门, 各镇（街道）, 各省份) and, in lists ending
in 部门, bare fields of work (财政、发展改革、教育等部门). Regulated parties — 企业, 生产经营单位,
群众 — are never the owner of a task in a notice, however a sentence is built.

Every table here is data with a test per entry (tests/test_bodies.py).
"""
from __future__ import annotations

import re
from functools import lru_cache

# Suffixes that end the name of an organisation, longest first where one ends another.
ORG_SUFFIXES = (
    "人民政府", "政府", "办事处", "管委会", "管理委员会", "执委会", "委员会", "工委", "党委", "党组",
    "总工会", "工会", "共青团", "团委", "妇联", "残联", "科协", "工商联", "侨联", "文联", "红十字会", "基金会",
    "领导小组", "领导组", "指挥部", "工作专班", "专班", "小组", "办公室", "办公厅",
    "总局", "分局", "管理局", "局", "委", "办", "厅", "部", "署", "处", "科", "股", "所", "站", "室",
    "成员单位", "组员单位", "责任单位", "主管部门", "监管部门",
    "中心", "总队", "支队", "大队", "中队", "队", "院", "馆", "校", "幼儿园", "电视台", "气象台", "电台",
    "集团", "分公司", "公司", "供销社", "联社", "报社", "分行", "支行", "银行", "海关", "法院", "检察院", "监会", "安委会", "爱卫会",
    "社区", "村委会", "居委会", "委会", "街道", "乡", "镇",  # 委会: 村（居）委会
    "开发区", "高新区", "经开区", "工业区", "园区", "新区", "发展区", "合作区", "示范区", "试验区", "保税区",
    "协会", "学会", "商会", "联合会", "部门", "机构", "机关",
    "督查组", "检查组", "督导组", "巡查组", "考核组", "工作组", "专家组", "联席会议",
    # an emergency plan's working groups (综合协调组, 技术保障组) and a command's short name (省防指)
    "协调组", "技术组", "保障组", "救援组", "宣传组", "监测组", "医疗组", "救治组", "防指",
    # railway depots and road maintenance units (漳州车务段, 县公路养护段); not 段 alone (阶段, 路段)
    "车务段", "工务段", "电务段", "机务段", "供电段", "养护段", "公路段", "管理段",
)
# Suffix words that name a body on their own, inside one organisation: "由监管一科牵头，办公室配合".
# (…and the people's organisations each place has one of, named alone: 供销社, 妇联, 团委)
BARE_BODIES = frozenset({"办公室", "办公厅", "指挥部", "领导小组", "工作专班", "联席会议",
                         "供销社", "总工会", "工会", "妇联", "团委", "残联", "科协", "工商联", "侨联", "文联", "红十字会", "爱卫会",
                         "电视台", "气象台"})  # (宣传部门和电视台要…: the place's station)
# Single-character suffixes end a name only after a place or at least two more characters
# (县委, 市安监一处 — not 全部, 正处).
SHORT_SUFFIX = re.compile(r"^(?:厅|部|署|处|科|股|所|站|室|队|院|馆|校|乡|镇)$")
LEVEL_CHARS = "省市县区镇乡州旗盟"
ORG_SUFFIX = re.compile("(?:" + "|".join(sorted(ORG_SUFFIXES, key=len, reverse=True)) + r")$")

# Stand-ins for a set of bodies: kept as written, never counted as one unit in charts.
GENERIC_UNIT = re.compile(
    r"^(?:各级各(?:有关|相关)?(?:部门|单位|部门单位|部门和单位)|各部门各单位|各单位各部门|(?:(?:市|县|区|省|镇|乡)直(?:机关)?|(?:市|县|区|省)[级属]|驻(?:市|县|区))?"
    r"(?:全(?:市|县|区|乡|镇))?各(?:有关|相关)?(?:基层|行业主管|主管|监管|二级|下属|所属|直属)?(?:部门|单位|成员单位|部门单位|部门和单位|部门[（(]单位[）)]|单位[（(]部门[）)]|机构|站所|科室|股室)"
    r"|(?:有关|相关)(?:地方政府和单位|政府和单位|部门|单位|成员单位|部门和单位|部门单位|责任部门|责任单位)"
    # bodies addressed by their role in this very notice: 各责任单位, 各主要责任单位, 各协同配合单位
    r"|各(?:有关|相关)?(?:主要|其他)?(?:责任|牵头|配合|协同配合|协同|参与|承办|实施)(?:单位|部门)"
    r"|(?:市|县|区|省|镇|乡|街道)?(?:政府|委)?(?:级)?(?:有关|相关)(?:部门|单位|部门和单位|单位[（(]部门[）)]|部门[（(]单位[）)])"
    r"|(?:市|县|区|省)级(?:有关|相关)?部门|(?:安委会)?(?:各)?成员单位"
    r"|(?:全(?:市|县|区|乡|镇))?各(?:地|地区|辖市|辖区|省份|省|市|州|县|区|县市区|市县区|区县|县区|市县|县市|市州|旗县区|旗县|盟市|镇|乡|乡镇|街道|镇街|街镇|乡镇街|"
    r"镇（街道）|镇\(街道\)|村|村居|行政村|村组|村小组|村民小组|社区|网格|学校|校|高校|有关高校|组|小组)"
    r"(?:（[^）]*）|\([^)]*\))?(?:、?[市县区])?(?:人民政府|政府|党委|党委政府|党委和政府)?"  # (各县(市)、区: 各县(市、区) typed apart)
    # the notice's own roles, named bare as a subject: 牵头单位要…, 责任部门负责…
    r"|(?:牵头|责任|协同配合|配合|主责|协办|承办|参会|与会|牵头责任|协同责任|配合责任)(?:单位|部门)|各(?:参会|与会)单位"
    r"|(?:其他|其余)(?:有关|相关)?(?:行业)?(?:部门|单位)"
    # bodies named by their standing toward the work: 属地管理单位, 行业主管部门
    r"|(?:属地|属地管理|行业主管|行业监管|职能)(?:单位|部门)"
    r"|各级(?:党委|政府|党委政府|党委和政府|人民政府|安委会|单位|部门|各类单位)"
    # levels named bare in a county's notice: 乡镇要…, 镇（街道）负责…
    r"|乡镇|镇街|街镇|乡镇街|属地(?:乡镇|镇街|街道)|行政村|村组|村小组|镇[（(]街道[）)]|村[（(]社区[）)]|乡[（(]镇[）)]"
    r"|(?:市|县|区)直(?:有关|相关)?(?:部门|单位|部门和单位|部门单位|各部门)"
    r"|(?:委|局|厅|办)属(?:各)?(?:部门|单位|部门单位|部门和单位|事业单位))$")  # 委属部门单位: those under the commission

# The issuer naming itself (我局决定成立…专班 / 我厅将对…抽查): a body, written as the notice writes it.
SELF_NAME = re.compile(r"^我(?:局|厅|委|办|院|中心|站|所|队)$")

# Kinds and levels a list may name bare after a body: 各部门、单位 / 村组、社区.
BARE_KINDS = frozenset({"单位", "部门", "机构", "站所", "科室", "股室"})
BARE_LEVELS = frozenset({"村", "社区", "乡", "镇", "街道", "村委会", "居委会", "村居"})

# A place named alone in a list of governments: 广州、深圳市政府 (广州 is 广州市政府).
PLACE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
PLACE_GOVERNMENT = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:[省市县区州](?:人民)?(?:政府|党委|委员会)|街道|乡|镇)$")
# A city, prefecture, county or banner named by its place name alone, as the subject a provincial
# notice gives its work to (铜仁市要…, 黔南州负责…): its government. Not 区 (景区, 辖区, 小区 are
# areas), not scopes (全市, 本县) nor titles of places (文明城市, 示范县).
PLACE_BODY = re.compile(r"^(?![全本该我各每其])[\u4e00-\u9fff]{2,5}(?<!城)(?<!示范)(?<!试点)(?<!重点)(?<!先进)(?<!贫困)(?<!大)(?<!强)(?<!辖)(?<!级)(?<!的)[市州县盟旗]$")
# Bodies of a level named bare after the first of a list, sharing its place: 各乡镇党委、政府.
LEVEL_BODIES = frozenset({"政府", "人民政府", "党委", "党工委", "工委", "管委会", "办事处", "人大", "政协"})
# Fields of public administration: a body may be named by its field alone inside a list that
# ends in 部门 / 机构 (财政、教育等部门). A closed vocabulary, unlike names.
FIELD_WORDS = frozenset("""
财政 发展改革 发改 教育 教体 人力资源社会保障 人力资源和社会保障 人社 卫生健康 卫健 医保 医疗保障 中医药 应急管理 应急
公安 公安交警 交警 住房城乡建设 住房和城乡建设 住建 交通运输 交通 市场监管 市场监督管理 生态环境 环保 自然资源 自然资源和规划
农业农村 农业 水利 水务 商务 民政 司法 司法行政 审计 统计 税务 文化和旅游 文旅 文化 旅游 工业和信息化 工信 经信 经济和信息化
科技 科学技术 林业 气象 消防 消防救援 城管 城市管理 综合执法 综合行政执法 网信 宣传 组织 编制 机构编制 国资 金融 地方金融
医疗 医药 药监 体育 广电 广播电视 邮政 能源 粮食 人防 地震 海事 铁路 民航 电力 通信 海关 外事 侨务 民族宗教 退役军人事务
供水 供气 供热 燃气 信访 档案 保密 机关事务 行政审批 大数据 数据 政务服务 新闻出版 规划 国土 林草 草原 渔业 畜牧 供销 残联 妇联 工会 共青团
行业主管 行业监管 各行业主管 各行业监管 退役军人 文体 综治 供电 水文 食药 城乡规划 质检 公路 农机 农经 水产 扶贫 乡村振兴 移民 统战 政法 应急救援 交通执法
安监 安全监管 质监 质量技术监督 工商 食药监 城建 建设 房管 住房 环卫 园林 市政 旅游 卫生 计生 物价 保险 银行 证券 旅文 交管 公安交管 运管 路政 港航 航道 口岸 电信 烟草 盐务 文物 教委
卫体 疾控 疾病预防控制 执法 城管执法 市监 民宗 人武 武警 自规 食品药品 防疫 通讯 边防 边检
工商行政管理 农林 城乡建设 劳动人事 劳动保障 民族事务 市容 土地 地名 武装 新闻 经贸 经济贸易 农牧 商贸 森防 森林防火 经济发展
""".split())
_FIELDS = "|".join(sorted(FIELD_WORDS, key=len, reverse=True))  # longest first
# one field, or two run together (公安消防), after an optional level (市国土) or the same level's (同级建设)
# (…two joined by 和: 卫生和食品药品)
FIELD_NAME = re.compile(f"^(?:同级|本级|各级)?[省市县区]?(?:{_FIELDS})(?:和?(?:{_FIELDS}))?$")
# 各文旅单位 / 各教育部门: every body of a field, a stand-in like 各有关部门
# (…or of a kind the notice names: 各新闻单位, 各燃放单位; regulated parties are no owners, see NOT_OWNER)
FIELD_GENERIC = re.compile(f"^各(?:{_FIELDS}|[\u4e00-\u9fff]{{2,4}}?)(?:单位|部门|系统)$")
LIST_END_OF_FIELDS = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:等)?(?:多家|多个)?(?:有关|相关|行政|主管|管理)?(?:单位)?(?:部门|机构|机关)(?:和?单位)?$"
                                r"|^[\u4e00-\u9fff]{1,10}?等[局委办]$")  # 市发改、经贸等局

# Parties a notice regulates or persons: never owners in a notice (regulations name them as
# duty holders, which is another rule).
NOT_OWNER = re.compile(
    r"(?:企业|生产经营单位|经营单位|用人单位|建设单位|施工单位|监理单位|设计单位|使用单位|产权单位"
    r"|物业服务企业|承包商|承包方|发包方|服务商|经营者|经营户|业主|个人|群众|居民|村民|公民|家长|学生"
    r"|人员|职工|员工|干部|领导干部|党员|负责人|从业人员|驾驶人|车主|游客|市场主体|社会组织|场所|住所|处所|厕所|控股|参股|入股|持股"
    # kinds of body, as a heading names them ("（一）工作机构"), not a body
    r"|^(?:工作|组织|领导|办事|议事|议事协调|管理|执法|监管|责任|专门|专业|服务)机构)$"
    # the field names of a web page's information box (发布机构：某镇人民政府)
    r"|^(?:发布|发文|制发|来源)(?:机构|机关|单位)$"
    r"|(?:格局|布局|大局|结局)$")  # a state of things, not a bureau: 多元办学格局

# Words that make a stretch of text a sentence, not a name (names may hold 管理, 服务, 监督, 组织).
NOT_A_NAME = re.compile(
    r"加强|推进|开展|建立|落实|要求|进行|完善|做好|确保|推动|督促|会同|带领|率领|(?<=[局委办厅部队府心镇乡所站室])联合|按照|根据|通过|"
    r"负责(?!单位|部门)|牵头(?!单位|部门)|配合(?!单位|部门)|要(?!素)|应当|必须|"
    r"实现|提高|提升|强化|严格|深入|积极|全面|进一步|健全|切实|及时|依法|研究|制定|组织开展|不再|以下(?!各级)|部署|"
    r"组织(?!部|委|办|处|科|股|$)|指导|由|下设|成立|报告|同步|报送|上报|抄送|部门(?!$|和单位$|单位$|[（(][^（）()]{1,8}[）)]$|[）)]$)|正处|身处|所处|地处|处于|"
    r"并经|的(?=管理(?:机关|机构)$)|是(?=[^，,。；;]{0,30}?(?:主管|管理)(?:部门|机关|机构)$)|作为|被|坐镇|决定|阶段|(?<=[局委办厅部队府心室站组])在|记者|民警|(?<=[\u4e00-\u9fff])了(?!解)|报(?=[省市县区乡镇国])|(?<=[局委办厅队府心室所站])为(?=[\u4e00-\u9fff]{0,20}?(?:单位|部门|主体|机构))|(?<=[局委办厅部队府心室所站关门构])是|带队|局长|主任(?!科|室|办)|书记(?!处)|指出|强调|设在|设立|组成(?!部门|单位)|组建|抽调|选派|汇总|可以|召集|召开|举行|举办|率队|(?<!城)[厅处科县市区镇乡]长(?!效|期|远|江|沙|治|安|春)|"
    # work a body does after its name (县住建局清理…), not names (整治办, 检查组, 巡查组 are)
    r"排查(?!组|治理)|检查(?!组|站|所|队|大队|中队|支队)|巡查(?!组|办|队)|查处(?!办)|打击(?!办)|摸排|整改(?!办|组)|"
    r"通报(?!组|科|室)|移交|移送|发现|"  # (…车辆通报有关部门: what is passed to a body, not its name)
    r"[，。；：,;:！？!?\"《》]|(?<=\S)[ \u3000](?=\S)"  # a space left by normalising parts a title from a label (…任务 责任单位:)
    # quotes only around a short slogan inside the name (县“放管服”改革办公室), closed
    r"|“(?![^“”]{1,8}”)|^[^“]*”")
# A second name in brackets after a body's name: 县住建局（县人防办）, 区委组织部(人才办).
SECOND_NAME = re.compile(r"[（(](?:[^（）()]{2,20}|[局委办厅乡镇])[）)]$")  # …or its other suffix: 各旅游局（委）, 各街道办事处（乡）
# Words a name never starts with (对推诿扯皮…, 在各行业…, 不担当…).
NOT_A_NAME_START = re.compile(
    r"^(?:[（(〔【\[〈《“\"]|\d+(?=[省市县区镇乡])|\d{1,2}(?=[将把对在从向为以按])|此次|本次|这次|期间|完成|本(?:网|报|台|站)讯|本(?:办法|条例|规定|细则|规则|决定|法)(?=所|中|的)|有(?!关)|即(?!墨)|报(?=[省市县区乡镇国])|送(?=[省市县区乡镇国局])|分成|分为|对|不|在|将|把|从|向|为|以|按|经(?!济|信|贸|开|管|营)|由|请|使|让|被|要|应当|应该|并|但|而|如|若|凡|因|发挥|依托|支持|鼓励|"
    rf"引导|推动|督促|提请|需要|违反|决定并|可以|须经|需经|前款|本款|本条|指导|协调|协助|配合|协同|会同|依靠|联合(?=[省市县区乡镇各]|有关|相关|其他|其它|{_FIELDS})|便于|以便|实行|实施|强化|充分|持续|全力|认真|坚持|结合|利用|围绕|聚焦|针对|通过|"
    r"调整|充实|组建|设立|组成|抽调|选派|注重|突出|坚决|全面|深入|加快|加大|提高|提升|构建|健全|推行|实现|确保|落实|做好|开展|"
    r"完善|建立|加强|推进|严格|规范|优化|整合|压实|明确|细化|探索|积极|大力|切实|进一步|打造|拓展|搭建|培育|深化|查找|高水平|"
    r"迁建|新建(?!区)|扩建|改建|续建|启动|开工|建成|参加|参与|请示|专题|组织(?=协调|开展|指导|落实)|监督(?=指导)|"  # a project's verb before the body built (迁建县政务服务中心)
    # verbs that open an item's title: （一）建强街道消防工作机构, 做实社区消防组织
    r"帮助|明晰|分级|分类|建强|建好|建优|做实|做强|做优|做细|配强|配齐|织密|筑牢|夯实|增强|补齐|补强|守牢|抓实|抓好|用好|管好|提档|"
    r"[一二三四五六七八九十]是)")
# 等 inside a name only opens its vague tail (…等有关部门), never something after it.
DENG_TAIL = r"等(?:\d+|[一二三四五六七八九十]+)?个?(?:重点)?(?:行业)?(?:有关|相关)?(?:主管|监管)?(?:部门|单位|部门和单位|部门单位|机构)(?:[（(](?:部门|单位)[）)])?"
MIDDLE_DENG = re.compile(rf"等(?!{DENG_TAIL[1:]}$|$)")
# A name is rarely longer than this (中国人民银行广东省分行, 市委组织部（人才办） fit).
NAME_MAX = 30
# Where a body's name may end inside a longer string, and what follows a body that acts.
INNER_SUFFIX = re.compile(r"(?:局|委|办|厅|部|站|所|队|室|处|院|中心|政府)")
DUTY_AFTER_BODY = re.compile(r"(?:统筹|协调|督促|负责|牵头|组成(?!的)|组建|抽调|严管|严控|严查|加强|组织|指导|做好|开展|落实|推进|配合|会同|要|从|对|将)")
# Scope words that open a phrase about everyone, not a body: 全国三级公立医院全部纳入…
SCOPE_PREFIX = re.compile(r"^(?:全国|全省|全市|全县|全区|全镇|全街道|全体|所有)(?!各)")


KIND_ALTERNATIVE = re.compile(r"(?<=[台站所队局处室])[（(][台站所队局处室务]{1,2}[）)]$")


@lru_cache(maxsize=65536)
def is_public_body(name: str) -> bool:
    """Does ``name`` (one list item, as written) read as the name of a public body or a
    placeholder for several? Place names alone (广州) and bare fields (财政) do not; see
    ``accept_list`` for lists where they do."""
    name = strip_remarks(name.strip())
    if GENERIC_UNIT.match(name) or FIELD_GENERIC.match(name) or SELF_NAME.match(name):  # first: 各主要责任单位 holds 要
        return True
    if not name or len(name) > NAME_MAX or NOT_A_NAME.search(name) or NOT_A_NAME_START.match(name) \
            or MIDDLE_DENG.search(name) or not _brackets_balance(name):
        return False
    core = re.sub(rf"(?:{DENG_TAIL}|等)$", "", name) or name
    if core != name and FIELD_NAME.match(core):
        return True  # a field and the bodies like it: 建设等部门
    core = SECOND_NAME.sub("", core) or core  # 市住建局（市人防办）: a body with two names
    core = KIND_ALTERNATIVE.sub("", core) or core  # 气象台（站）: the other kind it may be
    if NOT_OWNER.search(core) or SCOPE_PREFIX.match(core):
        return False
    if PLACE_BODY.match(core):
        return True
    suffix = ORG_SUFFIX.search(core)
    if not suffix or (core in ORG_SUFFIXES and core not in BARE_BODIES) or core.endswith("城乡"):
        return False  # (住房和城乡 is a name cut short, not a township)
    if SHORT_SUFFIX.match(suffix.group()) and len(core) < 3 and core[0] not in LEVEL_CHARS:
        return False
    return not _body_then_duty(core)


def _brackets_balance(name: str) -> bool:
    """A name closes every bracket it opens and opens every one it closes: "企业）社区" is the tail
    of a bracketed remark cut off by a line break, never a name."""
    depth = 0
    for ch in name:
        depth += ch in "（(〔【["
        depth -= ch in "）)〕】]"
        if depth < 0:
            return False
    return depth == 0


def _body_then_duty(name: str) -> bool:
    """A body's name followed by what it does: 住建局统筹协调全局 is 住建局 + a duty, whatever
    the last character (全局, 布局) looks like."""
    for m in INNER_SUFFIX.finditer(name[:-1]):
        rest = name[m.end():]
        duty = DUTY_AFTER_BODY.match(rest)
        if duty and len(rest) - duty.end() >= 3 and ORG_SUFFIX.search(name[:m.end()]):  # 市委组织部 stays
            return True
    return False


ORDINAL_OFFICE = re.compile(r"^[一二三四五六七八九十]{1,3}([处科室股队组])$")


def _same_office_numbered(first: str, item: str) -> bool:
    m = ORDINAL_OFFICE.match(item)
    return bool(m) and bool(re.search(r"[一二三四五六七八九十]" + m.group(1) + "$", first))


def is_generic(name: str) -> bool:
    """各有关部门, 有关成员单位, 各镇（街道）…: a stand-in, not a unit of its own."""
    name = strip_remarks(name.strip())
    return bool(GENERIC_UNIT.match(name) or FIELD_GENERIC.match(name))


# A bracket that comments on a name instead of being part of it: 〈含开发区，下同〉.
REMARK_BRACKET = re.compile(r"[（(〈<《【\[〔][^（）()〈〉<>《》【】\[\]〔〕]*(?:含|包括|下同|简称|以下|即|详见|见附件)[^（）()〈〉<>《》【】\[\]〔〕]*[）)〉>》】\]〕]"
                            r"|[（(](?:以下)?简称[“\"][^”\"]{1,20}[”\"][）)]")  # (以下简称“镇（街道）”): a short name in quotes


def strip_remarks(name: str) -> str:
    return REMARK_BRACKET.sub("", name).strip()


def accept_list(items: list[str]) -> bool:
    """Are these list items, taken together, names of public bodies? Besides full names, a
    list may elide: 广州、深圳市政府 (the place takes the next item's suffix) and 财政、教育等
    部门 (fields take the last item's 部门)."""
    items = [strip_remarks(i) for i in items if i.strip()]
    if not items or any(not GENERIC_UNIT.match(i) and (len(i) > NAME_MAX or NOT_A_NAME.search(i)
                                                       or NOT_A_NAME_START.match(i) or NOT_OWNER.search(i))
                        for i in items):
        return False
    if all(is_public_body(i) for i in items):
        return True
    if LIST_END_OF_FIELDS.search(items[-1]) and all(FIELD_NAME.match(SECOND_NAME.sub("", i)) for i in items[:-1]):
        return True  # 财政、教育、农业（农机）等部门: the fields share the last item's 部门
    ends = [at for at, i in enumerate(items[1:-1], 1) if LIST_END_OF_FIELDS.search(i)]
    if ends and accept_list(items[:ends[0] + 1]) and accept_list(items[ends[0] + 1:]):
        return True  # 公安、信访等部门和相关乡镇 / 水利、气象部门及各镇人民政府: the fields' list, then bodies of their own
    if items[0].startswith("各") and is_generic(items[0]) and \
            all(is_public_body(i) or i in ORG_SUFFIXES or i in BARE_KINDS for i in items[1:]):
        return True  # 各学校、幼儿园 / 各部门、单位: 各 reaches the bare kinds after it
    if any(is_public_body(i) for i in items) and all(is_public_body(i) or i in BARE_LEVELS for i in items):
        return True  # 村组、社区 / 乡派出所、乡: a level named bare beside bodies is its own body
    if is_public_body(items[0]) and all(is_public_body(i) or _same_office_numbered(items[0], i) for i in items[1:]):
        return True  # 监管一处、三处: the number of another office of the same kind
    if is_public_body(items[0]) and all(is_public_body(i) or SECOND_NAME.sub("", i) in LEVEL_BODIES for i in items[1:]):
        return True  # 各乡镇（街道）党（工）委、政府（办事处）: the place before reaches the bodies after it
    # places borrowing the next government's suffix: 广州、深圳市政府
    for index, item in enumerate(items):
        if not is_public_body(item):
            following = next((i for i in items[index + 1:] if is_public_body(i)), "")
            if not PLACE_NAME.match(item) or not PLACE_GOVERNMENT.match(following) or is_generic(following):
                return False
    return True
