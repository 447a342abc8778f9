"""How notices say who owns a task, as data: role labels, bracket kinds, the conventions a
document may declare, role phrases and the words that start a duty after its subject.

A new document style should be a new line here (plus its example in tests/test_owners.py).
Half- and full-width punctuation are accepted alike everywhere.
"""
from __future__ import annotations

import re

COLON = "[：:]"

# What the bodies a clause names go on to do ("会同气象部门|开展…", "联合县公安局|检查…", "配合县交通局|做好…",
# "组织各村|开展…"): where a list of bodies ends. One list for every pattern that reads bodies before an act; an act
# that names a body with 组/室/站… after it is no act (检查组, 调查组, 监测站).
ACT_AFTER_BODIES = (r"(?!(?:检查|督查|巡查|督导|指导|调查|执法|监测|研究|协调|整治|排查|审查|审核|核查|发布|处置)(?:[组室处科队站所办局院]|中心))"
                    r"(?:切实|认真|积极|全力|密切|进一步|及时|严厉|坚决|依法|全面|深入|集中|广泛)?"  # (an adverb before the act: 配合Y切实做好…)
                    r"(?:对|针对|开展|进行|共同|组织|做好|搞好|办好|做|抓好|加强|加大|实施|推进|落实|研究|制定|依法|检查|查处|执法"
                    r"|排查|整治|督查|督导|督促|巡查|会商|召开|成立|组成|指导|认定|提供|建立|处理|调查|监测|编制|拟订|打击|维护|配备|搭建"
                    r"|拟定|确定|审查|审核|核查|核定|协调|发布|按照|依照|依据|根据|修复|恢复|抢修|安置|处置)")
# …and the bodies one works with or helps may complete the work together ("会同市公安局|完成牌证换发"); the bodies
# one organises (组织Y完成) are those that do it, so 完成 ends only the first kind.
ACT_WITH_BODIES = rf"(?:{ACT_AFTER_BODIES}|完成)"
# …or the bodies' work as a noun ending the clause: "配合公安消防部门工作", "配合好交警的工作"
WORK_OF_BODIES = r"的?(?:各项|相关|有关)?工作(?=[，,。；;、]|$)"

# A post written after its body in a label's value ("责任单位及责任人：县住建局、县消防救援大队主要领导"): the body is the unit.
POST_AFTER_BODY = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:主要|分管)(?:领导|负责人|负责同志)(?:同志)?(?=$|[、，,；;])")

# label -> role. 组织单位 (the body that organises an activity) is read as responsible: it
# answers for the activity; 参加单位 / 参与单位 take part, so they are co.
ROLE_LABELS: dict[str, str] = {
    "牵头单位": "lead", "牵头部门": "lead", "牵头责任单位": "lead", "牵头责任部门": "lead",
    "牵头领导单位": "lead", "主责单位": "lead", "主责部门": "lead", "主办单位": "lead",
    "主办部门": "lead", "主要责任单位": "lead", "汇总单位": "lead", "牵头": "lead",
    "配合单位": "co", "配合部门": "co", "配合责任单位": "co", "协同单位": "co", "协同部门": "co",
    "协同责任单位": "co", "协办单位": "co", "协办部门": "co", "参与单位": "co", "参与部门": "co",
    "参加单位": "co", "参加部门": "co", "协同配合单位": "co", "协作和配合单位": "co", "其他责任单位": "co",
    "会办单位": "co", "协作单位": "co", "主要协作单位": "co", "协作部门": "co", "责任（配合）单位": "co", "责任(配合)单位": "co", "配合": "co",
    "参与": "co", "协办": "co", "协助": "co", "协助单位": "co", "协助部门": "co",
    "责任单位": "responsible", "责任单位及责任人": "responsible", "责任部门": "responsible", "责任主体": "responsible",
    "责任科室": "responsible", "实施单位": "responsible", "实施主体": "responsible",
    "承办单位": "responsible", "落实单位": "responsible", "组织单位": "responsible",
    "负责单位": "responsible", "具体责任单位": "responsible", "主体单位": "responsible",
    "责任": "responsible", "具体负责": "responsible", "负责": "responsible",
    # an office's own plan names its sections: 牵头科室：安全股 / 责任处室：法规处
    "牵头科室": "lead", "牵头处室": "lead", "牵头股室": "lead", "配合科室": "co", "配合处室": "co",
    "配合股室": "co", "责任处室": "responsible", "责任股室": "responsible",
    "完成时限": "deadline", "完成时间": "deadline", "时间节点": "deadline", "时限要求": "deadline",
    "完成期限": "deadline", "时间安排": "deadline", "进度安排": "deadline", "办结时限": "deadline",
    "活动时间": "deadline", "实施时间": "deadline", "时间": "deadline", "时限": "deadline",
    "时间要求": "deadline", "截止时间": "deadline", "截止日期": "deadline", "整改时限": "deadline",
    "整改期限": "deadline", "办理时限": "deadline", "推进时限": "deadline", "工作时限": "deadline",
    "计划完成时间": "deadline", "完成节点": "deadline",
    # persons, not units: their value is skipped (牵头领导：某副局长)
    "牵头领导": "person", "牵头负责领导": "person", "责任领导": "person", "分管领导": "person", "配合领导": "person",
    "责任人": "person", "具体责任人": "person", "联系人": "person",
}
# Labels that lead only beside other units' (主要责任单位 … 协同配合单位); alone they name who is responsible.
LEAD_IF_PAIRED = frozenset({"主要责任单位"})
# The short labels (牵头, 配合, 责任) count only right before a colon, as every label does, so
# prose such as "市应急局牵头，市公安局配合" is never taken for a label.
_LABEL_NAMES = "|".join(sorted(map(re.escape, ROLE_LABELS), key=len, reverse=True))
# A label may also stand in square brackets, colon or not: 〔牵头单位〕县应急局〔配合单位〕各乡镇.
# Text read back from a scan may turn the colon into a stop or a comma ("牵头单位。省编委办"): a
# label ending in 单位/部门 counts there only after a sentence's end or a body's last character (the
# space before the next label is lost too: "牵头单位。省编委办责任单位。省软…") and before a body's
# first character (a place's level or 各), so "明确责任单位。加强…" stays prose.
_UNIT_LABEL_NAMES = "|".join(sorted((re.escape(label) for label in ROLE_LABELS if label.endswith(("单位", "部门"))),
                                    key=len, reverse=True))
OWNER_LABEL = re.compile(
    rf"[〔【\[]\s*(?P<boxed>{_LABEL_NAMES})\s*[〕】\]]\s*(?:{COLON})?"
    rf"|(?P<plain>{_LABEL_NAMES})(?:[（(](?:部门|单位)[）)])?\s*{COLON}"
    rf"|(?:(?<=[。.，,；;\s办局委厅室会队府院所站心司处])|^)(?P<garbled>{_UNIT_LABEL_NAMES})[。.，,、](?=[省市县区镇乡各])")


def label_name(m: re.Match) -> str:
    """The label a match of ``OWNER_LABEL`` found, boxed or not."""
    return m.group("boxed") or m.group("plain") or m.group("garbled")

# Labels that are also role words of prose: right after a unit's name ("各乡镇配合：") they are
# the phrase's verb, not a label.
SHORT_LABELS = tuple(label for label in ROLE_LABELS if len(label) <= 2)

# Brackets that may hold an owner annotation: （…） (…) 〔…〕 【…】 [...]; the two widths of
# round brackets close each other (copies mix them: "(县应急局牵头）").
BRACKETS = {"（": "）)", "(": "）)", "〔": "〕", "【": "】", "[": "]"}

# Conventions a document declares for lists of owners without labels, usually in the first
# annotation ("列第一位者为牵头单位，下同") or a note. name -> pattern.
CONVENTIONS: tuple[tuple[str, re.Pattern], ...] = (
    ("before_first_comma_leads", re.compile(
        r"(?:第一个|首个)?逗号(?:之)?前(?:的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)")),
    ("before_semicolon_leads", re.compile(r"分号(?:之)?前(?:的)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)")),
    ("first_listed_leads", re.compile(
        r"(?:列|排|位)(?:在|于|居)?(?:第一位|首位|第一|前面|最前)(?:的|者)?(?:责任)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?"
        r"|(?:第一|首个|首位)(?:个)?(?:单位|部门)(?:为|是)牵头(?:单位|部门)?")),
)
# The part a listed unit takes, written after its name inside a label's list ("责任单位：县教育局，
# 各乡镇人民政府按属地负责"): the name is the unit.
UNIT_ROLE_SUFFIX = re.compile(r"(?:按照?(?:属地|职责|职能)(?:分工)?|分别|共同|具体)?(?:负责|落实|配合|参与)(?:落实|实施)?$")
# A sentence after an annotation's last label naming bodies that answer for their area
# ("（牵头单位：…。各镇（园区）落实属地管理责任）"): they are responsible too.
BODIES_ANSWER = re.compile(r"\s*(?P<units>[^，,。；;：:]{2,40}?)(?:按照?(?:属地|职责)?)?(?:落实|负责|承担)(?:属地|属地管理|监管|主体)?(?:管理)?责任")
# A unit marked as the lead inside a list: 县应急局（牵头）、县公安局.
LEAD_MARK = re.compile(r"[（(]\s*牵头(?:单位|部门)?\s*[）)]")

# The rest of a convention statement that is not a unit: "多个牵头部门的按照职责分工负责，下同".
CONVENTION_REMARK = re.compile(r"(?:多个牵头(?:单位|部门)的?)?(?:按照?职责分工负责)?[，,]?\s*下同|多个牵头(?:单位|部门)的?按照?职责分工负责")

# Text that ends an unlabelled owner annotation: （A会同B负责） ends with 负责.
OWNER_TAIL = re.compile(r"(?:负责|牵头|配合|组织实施|参与|落实|实施|承办|协办|指导|督导)(?:实施|落实)?$")

_CO_VERBS = r"(?:按照?职责)?(?:配合|参与|协助|分工负责|共同负责|按职责分工负责|按照职责分工负责|负责|组织实施|协同配合|落实|实施)"
# Role phrases, tried in order on owner text without labels (and on a label's value that itself
# says who leads, as in 责任单位：街道安委会办公室、应急办牵头，…组织实施).
ROLE_PHRASES: tuple[tuple[str, re.Pattern], ...] = (
    # 市生态环境局牵头，市发改局、市工信局参与，各县区人民政府负责落实 (who leads, who helps, who carries it out)
    ("lead_co_responsible", re.compile(
        r"^(?P<lead>[^，,；;]+?)牵头(?:负责|抓总|督导|督办)?[，,；;](?P<co>[^，,；;]+?)(?:参与|配合|协助|协同配合)[，,；;]"
        r"(?P<responsible>[^，,；;]+?)(?:按照?(?:属地|职责)(?:分工)?)?(?:负责落实|负责实施|具体落实|落实|具体实施)$")),
    # 县应急局牵头，各有关部门分工负责 / A、B分别牵头，会同C… / A牵头负责，B配合 / A、B牵头督导，C参与
    ("lead_then_co", re.compile(
        r"^(?P<lead>.+?)(?:分别|共同)?(?:负责)?牵头(?:负责|抓总|督导|督办)?(?:[，,；;、])?"
        rf"(?:(?:会同|协同|联合|由)?(?P<co>.+?){_CO_VERBS}?)?$")),
    # 县委宣传部、县安委会办公室会同各有关部门分工负责 / 县应急局同各有关部门分工负责
    ("lead_with_co", re.compile(
        r"^(?P<lead>.+?)、?(?:会同|协同|(?<=[局委办部队心室])同)(?P<co>.+?)"
        r"(?:按照?职责)?(?:分工|共同)?(?:负责|落实|实施|推进)?$")),
    # 县交通运输局负责，县公安局按职责配合(，市应急局指导) (who does it, then who helps: the first leads)
    ("responsible_then_co", re.compile(
        r"^(?P<lead>[^，,；;]+?)(?:具体|主要)?负责[，,；;](?P<co>[^，,；;]+?)(?:按照?职责)?(?:协助|配合|参与)(?:实施|落实)?"
        r"(?:[，,；;][^，,；;]{2,20}?(?:指导|督导))?$")),  # (…，区爱卫办指导: who guides the work has no part in it)
    # 县应急局配合
    ("co_only", re.compile(r"^(?P<co>.+?)(?:按照?职责)?(?:协助|配合|参与)(?:实施|落实)?$")),
    # 县财政局、县消防救援大队分工负责 / 县应急局负责 / 区科技局组织实施
    ("responsible", re.compile(
        r"^(?P<responsible>.+?)(?:按照?职责)?(?:分工|共同|各自|具体|分别)?"
        r"(?:负责|组织实施|承办|落实|指导|督导)(?:落实|实施)?$")),
)

# "县应急局负责，县发改委按职责分工负责": two clauses of units sharing the work, read as one list.
SHARED_DUTY_JOIN = re.compile(r"(?:具体|主要)?负责[，,；;](?=[^，,；;]+?(?:按照?职责)?(?:分工|共同|各自|分别)负责$)")

# An official of a body, named by the post ("县应急局局长", "各成员单位分管负责同志"): the body is the unit.
OFFICIAL = r"(?:主要|分管|班子|相关|有关)?(?:负责同志|负责人|领导|局长|副局长|主任|副主任|大队长|支队长|队长|书记|同志|干部|人员)"
# The body a supervision team tells what to fix, over the points that follow (督导组对县交通专班指出：一是…；二是…):
# an owner in running text, and the lead-in of those points (ingest.prose.subject_starts).
TOLD_TO_FIX = re.compile(r"(?:对|向)(?P<responsible>[^，,。；;：:对向]{2,30}?)(?:指出|反馈|交办|通报)了?[^，,。；;：:\n]{0,16}?[：:]")
# Owners named in running text, anywhere in a clause: rule name -> pattern. Unit groups must
# pass the body grammar (ingest.bodies) to count.
PROSE_OWNERS: tuple[tuple[str, re.Pattern], ...] = (
    # 由市交通运输局负责，市公安局交警支队配合 / 由县文旅局承办，县教育局协办 (an event's host and co-hosts)
    ("by_unit_lead_co", re.compile(
        r"由(?P<lead>[^，,。；;由]{2,40}?)(?:牵头|负责|承办|主办)[，,](?P<co>[^，,。；;]{2,60}?)(?:给予|予以)?(?:支持和|大力)?"
        r"(?:配合|参与|协助|协办|(?:具体|负责)?组织实施|具体实施)")),  # (…，Y等部门给予支持和配合)
    # 由罗湖区科技局会同OPC社区组织开展
    ("by_unit_with_co", re.compile(
        r"由(?P<lead>[^，,。；;由]{2,40}?)(?:会同|协同|联合)(?P<co>[^，,。；;由]{2,40}?)"
        rf"(?:{ACT_WITH_BODIES}|负责|联合|解释|筛选|遴选|评选|审定)")),
    # 村（居）民委员会协助乡镇人民政府做好… / 县公安局配合县交通局开展… (who helps whom: the one helped leads)
    ("co_helps_lead", re.compile(
        r"(?:^|(?<=[，,。；;：:\s]))由?(?P<co>[^，,。；;：:\s由]{2,40}?)(?:积极|主动|全力)?(?:协助|配合)(?:好)?"
        rf"(?P<lead>[^，,。；;：:\s]{{2,40}}?)(?:{ACT_WITH_BODIES}|{WORK_OF_BODIES}|在(?=[^，,。；;]{{2,20}}?(?:设置|开展|进行|做好|组织)))")),
    # 县住建局牵头，县市场监管局、县消防救援大队按职责分工负责 (those sharing out the work under a lead are co,
    # as in a bracketed owner list)
    ("lead_then_shared", re.compile(
        r"(?:由)?(?P<lead>[^，,。；;由]{2,40}?)(?:负责)?牵头[，,](?P<co>[^，,。；;]{2,60}?)(?:按照?职责)?分工(?:负责|落实|配合)")),
    # 由市应急局牵头 / 由区科技局负责牵头 / 由区财政局统筹平衡 / 由事故调查组牵头部门负责
    ("by_unit_lead", re.compile(r"由(?P<lead>[^，,。；;由]{2,40}?)(?:各司其职|按照?职责分工|分别|共同)?(?:负责)?牵头")),
    # 第一组：由县应急局局长带队 (the unit whose official leads the group leads; a name alone is no unit)
    ("by_unit_official_leads", re.compile(
        rf"由(?P<lead>[^，,。；;由\d]{{2,40}}?){OFFICIAL}?带队")),
    # 市旅发委党组成员、副主任王某带队，… (without 由: the body of the official named leads; their name is no unit)
    ("unit_official_leads", re.compile(
        r"(?:^|(?<=[，,。；;\s]))(?P<lead>[^，,。；;、：:由\d\s]{2,30}?(?:局|委|办|厅|队|中心|政府|站|所|院))"
        rf"(?:(?:党组|党委)(?:成员|委员|书记)|副?调研员|{OFFICIAL}|[、，,])+[\u4e00-\u9fff]{{2,3}}?(?:同志)?(?:一行)?(?:带队|率队)")),
    # 由市煤炭工业局1名县级领导带队 (the unit leads the team)
    ("by_unit_team", re.compile(
        r"由(?P<lead>[^，,。；;由\d]{2,40}?)(?:\d+|[一二三四五六七八九十]+)名[^，,。；;]{0,10}?(?:带队|牵头)")),
    # 由县住建局2名干部负责 (the unit's staff do it)
    ("by_unit_staff", re.compile(
        r"由(?P<responsible>[^，,。；;由\d]{2,40}?)(?:\d+|[一二三四五六七八九十]+)名[^，,。；;]{0,10}?负责")),
    # 县应急管理局为牵头单位，县公安局、县交通运输局为配合单位
    # (县应急局作为牵头单位，要…)
    ("named_as_lead", re.compile(r"(?:^|(?<=[，,。；;\s]))(?!以)(?P<lead>[^，,。；;：:\s]{2,40}?)(?:作为|为)(?:[^，,。；;：:\s]{0,20}?的?)?(?:牵头|主责|主办)(?:单位|部门)")),
    ("named_as_co", re.compile(r"(?:^|(?<=[，,。；;\s]))(?!以)(?P<co>[^，,。；;：:\s]{2,60}?)(?:作为|为)(?:[^，,。；;：:\s]{0,20}?的?)?(?:配合|协同|参与|协办|协助)(?:单位|部门)")),
    # 县住建局为责任单位 / 各乡镇人民政府是本辖区燃气安全的责任主体
    ("named_as_responsible", re.compile(
        r"(?:^|(?<=[，,。；;\s]))(?!以)(?P<responsible>[^，,。；;：:\s]{2,60}?)(?:作为|为|是)(?:[^，,。；;：:\s]{0,20}?的)?责任(?:单位|部门|主体)")),
    # 指挥部下设办公室在县消防大队，具体负责… / 办公室设在县应急局，负责日常工作 (the body hosting the office)
    ("office_hosted_by", re.compile(
        r"办公室(?:设在|设于|在|于)(?P<responsible>[^，,。；;]{2,30}?)[，,](?:[^，,。；;]{0,12}?[，,])?\s*(?:具体|主要)?(?:负责|承担)(?!人|同志)")),
    # …or named after the office's duty: 领导小组下设办公室，负责日常协调。办公室设在县应急局。
    ("office_hosted_after", re.compile(
        r"下设办公室[，,]\s*(?:具体|主要)?(?:负责|承担)(?!人|同志)[^。；;]{2,60}?[。；;]\s*(?:办公室)?(?:设在|设于)"
        r"(?P<responsible>[^，,。；;]{2,30}?)(?=[，,。；;]|$)")),
    ("told_to_fix", TOLD_TO_FIX),
    # a duty handed over: 将城市客运管理职责移交市交通运输局承担 / 交由各街道负责
    ("handed_to", re.compile(r"(?:移交|交由|交给|划归|划转|下放)(?:给|至|到)?(?P<responsible>[^，,。；;]{2,30}?)(?:承担|负责(?!人|同志)|管理|实施)")),
    # 以村小组为责任单位 / 以乡镇为责任主体
    ("as_responsible", re.compile(r"以(?P<responsible>[^，,。；;以]{2,30}?)为责任(?:单位|主体)")),
    # 由X根据《…》的名单进行牵头排查 (what X goes by comes first, then that X leads)
    ("by_unit_leads_by", re.compile(
        r"由(?P<lead>[^，,。；;由]{2,60}?)(?:根据|按照|依据|结合)[^，,。；;]{2,60}?(?:进行|负责)?牵头")),
    ("by_unit_responsible", re.compile(
        r"由(?P<responsible>[^，,。；;由]{2,60}?)(?:(?:按照?职责)?(?:分工|共同|分别|各自|全面|具体|总体|直接|主要)?负责(?!人|同志)|组织实施|组织|承担|(?:承办|主办)(?!的|、)|统筹|统一(?:部署|布置|安排|组织)|布置|具体实施|落实|挂牌督办"
        r"|部署|协调|督办|汇总|上报|报送|根据|按照|依据|依照|结合|对(?!于|照|标)|联合(?=采取|开展|实施|组织)"
        # a body acting toward another or issuing something (由县安委办向治理单位发出通知书, 由县安委办报告县政府)
        r"|向(?=[^，,。；;]{2,30}?(?:发出|下达|报告|通报|移交|提出))|报告|下达|发出|通报|指定|复查|核查|验收"
        r"|(?:指导|督导|督促|监督|审核|审定|核定|制定|编制|开展)(?![组室处科队站所办局院委]|中心|部门))")),
)

# A role word right after the public bodies it names, anywhere in running text ("…，市应急局牵头，
# 市消防救援支队配合，…"): (role, pattern, whether the bodies must open their clause). 参与 and
# 协助 also follow the objects of a verb ("聘请专家、技术服务机构参与排查"): only a clause's own subject takes part as a co unit.
ROLE_AFTER_BODIES: tuple[tuple[str, re.Pattern, bool], ...] = (
    ("lead", re.compile("牵头"), False),
    # (…，县消防救援大队予以配合)
    ("co", re.compile("(?:(?:予以|积极|全力|主动|密切)(?=配合))?(?<!协作)(?<!协调)(?<!相互)(?<!加强)配合(?!机制)"), False),  # 加强协作配合: everyone together, no lead
    ("co", re.compile("参与|协助|协办|参加(?!会议|培训|活动)"), True),
)
# A line naming a group and its work: "第一组：由A带队，B、C参加，负责…" is the group's task.
# (第一检查督导组；责任领导：… — the group's kind may be longer, a semicolon may end its name, or the line)
# (or named for its field: "煤矿安全督查组，由…任组长", "道路交通、水上交通安全督查组")
_GROUP_NAME = (r"(?:第[一二三四五六七八九十\d]+[\u4e00-\u9fff]{0,4}?(?:组|小组)"
               r"|[\u4e00-\u9fff、]{2,16}?(?:督查|检查|督导|指导|巡查|暗访)组(?=[，,：:；;]|[ \t\u3000]*$))")
# (or run into one paragraph after a colon or a semicolon: "具体安排如下：第一组：…；第二组：…")
GROUP_LINE = re.compile(rf"^\s*{_GROUP_NAME}(?:[：:；;]|[ \t\u3000]*$)|(?<=[；;。：:])[ \t\u3000]*{_GROUP_NAME}[：:]", re.M)
# An inspection group's leader and members, as fields or phrases (组长由县应急局局长担任，成员由县住建局、县交通局派员组成 /
# 组长：县住建局局长 ⏎ 成员：县交通局、县市场监管局各1名同志): the bodies their officials come from lead and take part.
GROUP_START = re.compile(rf"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十\d]+[、.．])?\s*{_GROUP_NAME}")
GROUP_ROLES: tuple[tuple[str, re.Pattern], ...] = (
    ("lead", re.compile(rf"组长(?:[：:]\s*|由)(?P<units>[^，,。；;：:\n由\d]{{2,40}}?){OFFICIAL}")),
    # 由市公安局副局长韩某任组长 / 由市安监局周某处长任组长: the body the leader comes from
    ("lead", re.compile(r"由(?P<units>[^，,。；;：:\n由\d]{2,40}?(?:局|委|办|厅|队|中心|政府))[\u4e00-\u9fff]{0,7}?(?:任|担任)组长")),
    ("co", re.compile(r"(?:成员|组员)(?:单位)?(?:[：:]\s*|由)(?P<units>[^，,。；;：:\n由\d]{2,80}?)"
                      rf"(?:各?(?:\d+|[一二三四五六七八九十]+)名|派员|抽调|选派|{OFFICIAL}|组成|参加|(?=[，,。；;\n]|$))")),
)
# The regulated parties a subject list may name beside the bodies ("各有关部门、各煤矿企业要…"): never owners.
REGULATED_PARTIES = re.compile(r"^(?!.*(?:和|及|与|部门))(?:各类?|全[县市区镇乡]|相关|有关)[\u4e00-\u9fff]{0,6}?"
                               r"(?:企业|生产经营单位|经营单位|经营户|经营者)$")
# Who a body is made of is no duty: "领导小组由A、B负责人组成", "成员单位：A、B".
MEMBERSHIP = re.compile(r"由[^。；;]{2,120}?组成|成员(?:单位|名单)?[:：]")
# …unless the body is what a duty creates: "各区县政府要建立由政府领导、专家组成的检查组".
CREATES_WHAT_FOLLOWS = re.compile(r"(?:建立|成立|组建|设立|抽调|组织)$")

# A line that opens with the units owning it, then its duties: "区委宣传部：制订…", and in duty lists "市安监局。负责指导…".
# The role a duty line's first words give its units ("县住建局：牵头负责…", "县消防救援大队：配合开展…",
# "市新闻办 会同有关部门做好…" leads as 'X会同Y' does in prose);
# any other duty leaves them responsible.
# (after what it goes by: "惠州海事局：根据指挥部的要求，协助组织救助…" is co)
_DUTY_LINE_OPENER = r"\s*(?:(?:根据|按照|依据)[^，,。；;：:]{2,20}?[，,]\s*)?"
DUTY_LINE_ROLES: tuple[tuple[str, re.Pattern], ...] = (
    ("lead", re.compile(_DUTY_LINE_OPENER + rf"(?:负责)?(?:牵头(?!单位|部门)|会同(?=[^，,。；;]{{2,30}}?{ACT_WITH_BODIES}))")),
    # (a line opening with 参与 gives its unit a part of its own: "市安监局：参与事故救援，组织或参与事故调查"; so does
    # one helping no body it names, "区商务局：配合做好瓶改管工作" — its own duty, as three page sets' labellers read it;
    # one helping a named body, "派出所：配合有关部门开展…", is read by the body's clause: that body leads)
)
_UNITS_THEN_MARK = r"(?P<units>[^：:\n，,。；;]{2,40})[：:。]"
UNIT_LED_LINE = re.compile(rf"^{_UNITS_THEN_MARK}(?=[^\n]{{4,}})", re.M)
# a two-column table left one row per line, the unit cell parted from its duty by a space (the space
# is kept by ingest.spaces): "市财政局 综合协调事故救援资金的保障工作。"
UNIT_COLUMN_LINE = re.compile(r"^(?:\d{1,3}(?=[省市县区镇乡]))?(?P<units>[^：:\n，,。；;\s]{2,40})[ \t\u3000]+(?=[\u4e00-\u9fff][^\n]{3,})", re.M)
UNIT_LED_INLINE = re.compile(rf"(?<=[。；;：:]){_UNITS_THEN_MARK}(?=(?:具体|主要)?负责(?!人|同志)|配合|协助|会同)")
# …or with a colon after the unit, as a duty list gives it: "…抢修公路。 市水利局：掌握汛情…"
UNIT_LED_INLINE_COLON = re.compile(r"(?:(?<=[。；;])|(?<=[\u4e00-\u9fff][ \t\u3000]))[ \t\u3000]*(?P<units>[^：:\n，,。；;\s（(【\[]{2,40})[：:](?=[\u4e00-\u9fff])")
# what the bodies a subject joins or organises go on to do (X联合Y|检查…, X组织Y|开展…)
# (…与Y|合作; …带领Y|人员深入…: the bodies' staff are theirs)
JOINT_ACTION_AFTER = re.compile(rf"[\s，,]*(?:等|等有关部门|等部门)?\s*(?:(?:工作|执法)?(?:人员|干部)(?=深入|{ACT_AFTER_BODIES}))?"
                                rf"(?:{ACT_AFTER_BODIES}|合作|协作|深入)")
# A body another works with (联合X检查, 联合X对…): co, whatever role the one that acts has.
JOINT_CO = re.compile(rf"联合(?P<co>[^，,。；;]{{2,30}}?)(?:{ACT_AFTER_BODIES}|联合)")
# Issuers of a document that then lists what it requires ("X等10部门联合出台《意见》，要求…"):
# they are not the owners of what it requires.
ISSUER_OF_REQUIREMENTS = re.compile(r"\s*(?:联合)?(?:出台|印发|发布|下发|制定出台)(?:了)?《[^》]{2,60}》[^。；;]{0,12}?要求")
# Bodies the lead organises to do the work ("镇应急办牵头，组织各村（居）委会及网格员开展…"): co;
# persons and regulated parties among them are not (only public bodies count).
# So are the bodies it works with ("由县市场监管局牵头，会同县教育局开展…").
# (or named right after 牵头: "…，并牵头县应急管理局、消防大队开展夜查": they are co and the owner leads)
ORGANISED_CO = re.compile(rf"牵头[，,]?\s*(?:组织|会同|协同)?(?!联合)(?P<co>[^，,。；;]{{2,40}}?)(?:等(?:单位|部门))?{ACT_AFTER_BODIES}")
# What a subject's words may hold before its role clause and still be one task with it ("各成员单位按照职责分工，
# 积极配合领导小组开展工作"): a manner, no act of their own.
MANNER_BEFORE_ROLE = re.compile(r"[\s、，,和及等]*(?:要|应)?(?:按照|根据|依照)?(?:各自)?的?(?:职责|职能)?(?:分工)?[\s，,]*")
# A clause of a unit's duty line that gives it another role (派出所：配合有关部门开展水域排查；研究制定预案；
# 会同有关部门对非法取土…): a task of its own, the bodies helped lead (配合/协助) or the line's units lead
# those they work with (会同); the clauses between keep the line's roles.
# (…or joins them: "并与省自然资源厅联合做好预警", read as 会同)
_TAKES_ROLE = (rf"(?P<verb>配合|协助|会同|与(?=[^，,。；;]{{2,40}}?(?:联合|共同|协同)))(?P<others>[^，,。；;]{{2,40}}?)"
               rf"(?:(?:联合|共同|协同)?{ACT_WITH_BODIES}|{WORK_OF_BODIES})")
ROLE_CLAUSE = re.compile(r"(?:^|(?<=[；;，,]))\s*(?:并|同时)?\s*(?:(?:根据|按照|依据)[^，,。；;]{1,10}?[，,]?)?(?:积极|主动|负责)?"
                         + _TAKES_ROLE)
# …and in prose, after a comma, once the sentence's subject has its own duty (卫计部门负责制定预案，并会同有关部门开展
# 科普宣教；教育部门要督促学校开展宣传，配合公安交管部门落实校车审查), or leads a part of it on its own
# (县自然资源局负责暂停审批许可证，牵头负责沿河采砂场点的关停); a sentence without a subject of its own
# that opens so goes with the subject of the one before it (…负责综合协调。会同气象部门做好预警。)
PROSE_ROLE_CLAUSE = re.compile(r"(?:[，,；;。]\s*(?:并|同时[，,]?)?(?:还|也)?要?|(?<=[\u4e00-\u9fff])并)\s*(?:按照?规定|依法|积极|主动)?"
                               rf"(?:{_TAKES_ROLE}|(?P<lead>牵头)(?=负责|{ACT_WITH_BODIES}))")
# Inside a unit's duty, a body it works with or organises ("…，联合市消防局对志愿者进行培训", "组织气象、
# 水利等部门进行会商") is co, not owner.
CO_INSIDE_DUTY = re.compile(rf"(?:联合|会同|协同|组织(?!领导|协调|实施|开展|指导|动员))(?P<co>[^，,。；;]{{2,40}}?){ACT_AFTER_BODIES}")

# What may follow the subject of a duty: "X要…", "X负责…", "X于…前完成…", "X建立…".
DUTY_START = re.compile(
    r"(?:要|应当|应(?!急)|须|必须|需|负责(?!人)|具体负责|统一负责|负(?:总|主|首)责|牵头|会同|联合|共同|分别|按照|按|依法|依据|结合|统筹|组织|加强|建立"
    r"|完成|制定|开展|推进|落实|督促|指导|做好|对(?!面|岸)|于|在|将|把|研究|出台|建设(?![局厅部委])|推动|印发(?!时间|日期)|推行|监督|调整"
    r"|带领|率领|协同(?=做好|开展|推进|落实|抓好|处置)"
    r"|实施|抓好|协调|配合|参与|承担|牵头|强化|健全|完善|严格|加快|持续|全面|深入|积极|切实|进一步"
    r"|定期|每年|每季度|每月|每半年|每周|每旬|每日|每天|适时|及时|尽快|分别|共同|采取|确保|制订|编制|发布(?!时间|日期|机构)|报送|审核|核查"
    r"|依照|依职责|根据|接到|接警|接报|收到|自行|接受|认真|立即|立刻|马上|迅速|务必|继续|主动|重点|通过|利用|用|履行|决定(?=成立|组建|设立|抽调|对|于)|严管|严控|严查|严厉|从|调度|汇总|组成(?!的)|组建|抽调"
    r"|清理|整治|排查|检查|巡查|查处|打击|摸排|整改|密切|全力|通力|大力|一定|也要|也将|作为"
    r"|[一二三四五六七八九十]是要|[一二三四五六七八九十]要(?=[\u4e00-\u9fff])|(?:近期|当前|今年|年内)(?:要|应|须)"  # 各单位一是要…，二是要… / 各镇近期要再组织…
    r"|如(?:在|发现|遇|有|出现)|跟进|跟踪|筛选|遴选|评选|审定|核定"  # X如发现…，请及时上报
    r"|的(?:主要)?(?:职责|工作任务)(?:包括|是|为)"  # 县公安局的职责包括定期… / 管理办公室的主要工作任务是，…
    r"|(?:主要|分管)(?:领导|负责人|负责同志)(?=要|应|须|必须|亲自|带队)"  # 县政府主要领导要带队…: the body's task
    r"|是(?=[^，,。；;]{0,30}?(?:责任(?:主体|单位|部门)|职能部门|(?:主管|管理)(?:部门|机关|机构)))"  # 各乡镇是秸秆禁烧工作的责任主体 / X是本市燃气主管部门
    r"|为(?=[^，,。；;]{0,30}?(?:协调|领导|指挥|议事)机构)"  # 区教育局为运动会的总协调机构 (为…牵头单位: a role phrase)
    r"|与(?=[^，,。；;]{1,30}?签订)"  # 县教育局与各学校签订安全责任书
    r"|以(?=[^，,。；;]{1,40}?为(?:重点|主|核心|突破口|抓手))"  # 某县以城区、铁路沿线为重点
    r"|(?:成立|设立|准备|储备|配备|安排|保障|提供|部署|修订|上报|启动|实行|规范|引导|压实|筹措|明确|细化"
    r"|加大|颁发|下发|派驻|派出|出动|投入|拨付|划拨|审批|办理|受理|开通|聘请|邀请|保持|关注|增加|关停)(?![局厅部委办组室科处站所队中心])"
    r"|(?:\d{1,2}|十[一二]|[一二三四五六七八九十])月(?:\d{1,2}日)?(?:上旬|中旬|下旬|底)?(?:前|至|到|—|-))")  # 县交通局7月中旬至9月开展…
# Role of a subject from the words right after it.
# (searched in the rest of the clause: "X要加强统筹，会同Y…", "X按照职责分工…密切配合").
SUBJECT_ROLE = (
    # (X与Y合作…: the first named leads, as the X of X会同Y does)
    ("lead_with_co", re.compile(r"(?:会同|协同|(?:^|将|要|应|还|也)与(?=[^，,。；;]{2,60}?(?:合作|协作)))")),
    ("lead", re.compile(r"^(?:要|应|应当|须|负责)?(?:继续|切实)?(?:做好|抓好|发挥)?(?:分别|共同)?牵头")),
    # (协助 helping no one it names is the subject's own work: "X依职责协助有关工作", as every set's labels read it)
    ("co", re.compile(r"(?<!不)(?<!协作)(?<!协调)(?<!相互)(?<!加强)配合(?!机制)(?![^，,。；;]*牵头)|^\s*(?:要|积极|共同)?(?:参与|参加)(?!会议|培训|活动)"
                      r"|^\s*(?:要|积极)?协同(?=做好|开展|推进|落实|抓好|处置)")),  # (Y协同做好道路抢通: Y takes part)
)
# …and the bodies it helps, right after it ("公安部门要配合乡镇街做好执法", "…也将各司其职，积极配合Y，共同维护…",
# "配合好交警工作", "还要配合市、区政府继续做好…"): they lead, the subject takes part.
SUBJECT_HELPS = re.compile(rf"(?:[，,]?\s*(?:也将|也要|要|将)?(?:各司其职|各负其责))?[，,]?\s*(?:还要|也要|要|应|应当|须|将)?(?:负责)?"
                           rf"(?:积极|主动|全力|密切)?(?:配合|协助)好?(?P<others>[^，,。；;]{{2,40}}?)(?:{ACT_WITH_BODIES}|打击|继续|[的之]?工作|(?=[，,；;。]))")
# …and, in its own sentence, the bodies it joins or organises to act ("X联合Y检查…", "X组织Y开展…"):
# it leads them, as the X of X会同Y does.
SUBJECT_ORGANISES = re.compile(r"(?:联合|组织|召集|带领|率领)")  # (县住建局带领各乡镇开展危房排查)

# Words that open a clause before its subject and carry no owner: time, discourse.
CLAUSE_OPENER = re.compile(r"(?:同时|此外|另外|其中|为此|对此|今后|届时|此后|之后|随后|下一步|近期|目前|请|责成|要求|必要时"
                           # a purpose before the subject: 为确保赛事安全，县公安局…
                           r"|为(?:确保|保障|保证|做好|切实|进一步|全力|有效|扎实|防止|预防|防范|推进|加强|营造)[^，,。；;：:\n]{1,30}[，,]"
                           r"|(?:视|根据|按照|结合)[\u4e00-\u9fff]{1,8}(?:情况|需要|要求|实际)(?=[，,])"  # 视天气情况，区政府…
                           r"|[一二三四五六七八九十]{1,3}是|首先|其次|再次|最后|\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）]"
                           r"|(?:会议|会上|文件|通知|方案)(?:指出|强调|要求|明确|提出)"
                           r"|(?:如|例如|比如)(?=[\u4e00-\u9fff]{2,12}?(?:部门|局|委|办)(?:要|负责|应))"  # 如教育部门负责…
                           r"|[\u4e00-\u9fff]{2,12}[ \u3000\xa0](?=[\u4e00-\u9fff])"
                           # a stage's name and dates run into its first sentence: 督查阶段（8月-11月）市安委办组织…
                           r"|(?:[\u4e00-\u9fff]{0,10}阶段|第[一二三四五六七八九十\d]{1,2}阶段)[（(][^（）()\n]{2,24}[）)])[，,]?")
# (a line's short title before the body that acts, its space kept by ingest.normalize: "联合巡查 秀山县…")
# A body set up to do the work ("成立以分管副县长为组长的工作领导小组，负责…"): the body is the subject
# of its duty when 负责/统筹 follows it; what it is set up to do otherwise is not its task.
# (after who set it up: "我乡还成立了烟花爆竹巡逻队，负责定期巡查"; under whom: "领导小组下设办公室，负责…")
CREATED_BODY = re.compile(r"(?:[\u4e00-\u9fff]{1,8}?(?:还|又|也|已)(?=成立|组建|设立)|[\u4e00-\u9fff]{2,12}?(?=下设))?"
                          r"(?:成立|组建|设立|调整充实|组成|下设)了?(?:专门的|相应的)?"
                          r"(?:以[^，,。；;]{2,60}?为(?:组长|指挥长|主任)[^，,。；;]{0,80}?的)?")
CREATED_BODY_DUTY = re.compile(r"[，,]?\s*(?:具体)?(?:负责|统筹)")
# A clause that only names the lead ("市应急局牵头，" / "由市应急局负责牵头，"): the clauses after it
# in the same sentence ("市消防救援支队配合，开展…") are the rest of one owner phrase, not new tasks.
LEAD_CLAUSE = re.compile(r"\s*由?[^，,。；;：:]{2,40}?(?:分别|共同)?(?:负责)?牵头(?:负责|抓总)?\s*")
CO_CLAUSE = re.compile(r"\s*[^，,。；;：:]{2,60}?(?:配合|参与|协助|协同|参加)\s*")
# Clauses sharing out one task among units ("县交通运输局负责国省干线，县公路中心负责县道，各乡镇
# 负责村道"): each names its unit and a short share; together they are one task.
DIVISION_CLAUSE = re.compile(r"\s*[^，,。；;：:]{2,40}?负责(?!人|同志)[^，,。；;：:]{1,12}\s*")
# A clause that only names units and the part they take in the task it follows ("县住建局配合",
# "县应急局负责指导"): never a task of its own.
ROLE_ONLY_CLAUSE = re.compile(r"\s*(?P<units>[^，,。；;：:]{2,60}?)(?:(?:要|应|须)?(?:积极|主动|全力|密切|认真|予以|给予)?(?:支持和|做好)?"
                              r"(?:按照?(?:职责|职能)(?:分工)?)?(?:具体|统一|全面|牵头|共同|分别)?)"
                              r"(?:协同配合|配合|参与|协助|协同|参加|(?:负责)?(?:业务)?(?:指导|督导)|负责(?:实施|落实)?)"
                              r"(?:、(?:加强|做好|密切|主动)?(?:沟通|衔接|协调|对接))?\s*")  # 各村要积极配合、加强沟通
# (the words before the role are the units themselves: 县应急局开展督导 is a task, not a role)
# A sentence that only says who does the work just described ("此项工作由X部署，Y落实，Z负责
# 协调"): its clauses are owners of that work, never new tasks.
OWNER_SENTENCE = re.compile(r"\s*(?:此项|该项|这项|本项|上述|以上|各项)(?:工作|任务|活动|措施)")
# A clause naming who does it after another that did (由公安分局负责管控烟花爆竹，由区交警队负责限行): a task of its own.
BY_UNIT_CLAUSE = re.compile(r"由[^，,。；;由]{2,30}?(?:负责|牵头)(?!人|同志)")
# A sentence opening with the body after 由 and going on with work of its own (由市安委办对各地挂牌隐患进行抽查): a task
# of its own, not the owners of the sentence before ("由X负责。", "由X负责，Y配合。").
BY_UNIT_OWN_WORK = re.compile(r"由(?P<body>[^，,。；;由]{2,30}?)(?:对|向|组织|开展|进行|统一|牵头(?:组织|开展)"
                              r"|负责(?:对|组织|开展|做好|牵头))[^。；;！？!?\n]{6,}")
# Words right before a body named in the middle of a clause (强化省发展改革委牵头抓总作用).
BODY_INTRODUCER = re.compile(r"由|请|强化|发挥|支持|推动|明确|依托|经|并|和|及|与|、|，|,|；|;|。|^")

# The notice's own assignees spoken of together (各有关部门, 各相关单位, 各责任单位, 有关成员单位):
# where a notice annotates its owners, a sentence addressed to them ("各有关部门要加强组织领导")
# binds the units it assigns, so the placeholder is the task's responsible unit. Every level
# (各级各部门, 各级安委会) or every place (各地, 各乡镇) is not this: there the words exhort.
ASSIGNEES_IN_GENERAL = re.compile(
    r"^(?!(?:部门|单位)$)(?:各|全体)?(?:有关|相关)?(?:责任|牵头|配合|协办|成员)?(?:部门|单位|部门和单位|部门单位|部门（单位）)$"
    r"|^(?:各|有关|相关|[县市区]?安委会)?(?:有关|相关)?成员单位$|^各(?:工作组|专项组|小组)$")

