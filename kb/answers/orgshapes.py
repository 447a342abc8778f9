"""Organisation questions as data: the clause forms that name the body a question asks for (设在…, 由…负责,
委托…, 经…批准, the doer of a report's act, the subject of a duty), the kind of body asked, the bodies a lead
works with (tests/test_qa_rules.py, tests/test_answer_shapes.py and tests/test_answer_news_reports.py have one
example per entry). kb/answers/rules.py gives them out with the other question rules."""
from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


# Who did what a news report tells (宣读, 率队, 组织召开, led, attended): the clause writing the act answers, not a task.
ACTOR_ASKED = _rx(r"宣读|率队|带队|率领|主持|召开|出席|讲话|担任|兼任|\bled\b|\bchaired\b|\battended\b|\bspoke\b|\bread out\b|\bconvened\b")

# Organisation questions: (kind, question words, the clause form naming the organisation).
# How the name of a body or a party ends (a verb after 由… may start with 管理, 监督: not a name).
# An organisation named as one ("供销合作组织", "行业组织"), not the verb 组织 after a body ("由县政府组织实施").
ORGANISATION_NAMED = r"(?:合作|社会|行业|自治|群众|中介|服务|基层|经济|专业)组织"
ORG_END = rf"(?:{ORGANISATION_NAMED}|部门|机构|机关|政府|委员会|办公室|局|委|办|厅|组|单位|企业|经营者|负责人|人|院|站|所|队)"
ORG_BODY = r"(?!第[一二三四五六七八九十百零〇\d]+条)[^，。；;：:由\s]{2,40}?"
# Where a body is set: 设在, or the body set up named before 在, its short name aside ("下设办公室(以下简称“森防办”)在镇林业站")
SET_IN = r"(?:设在|设于|(?:下设|内设|设立)[^，,。；;：:\s在]{0,10}?(?:办公室|机构|中心|指挥部|站|组|办)(?:[（(][^（）()]{0,30}[）)])?在)"
ORGANISATION_SHAPES: tuple[tuple[str, re.Pattern, re.Pattern], ...] = tuple(
    (name, _rx(q), re.compile(a)) for name, q, a in (
        # the lead a sentence names in passing ("建立市场监管部门牵头的联席会议制度"), for "由哪个部门牵头"
        ("lead_written", r"牵头|\blead(?!er)",
         r"(?:^|(?<=[，,。；;：:（(\s])|(?<=建立)|(?<=成立)|(?<=实行)|(?<=由)|(?<=要))"
         r"(?P<org>(?:(?!建立|成立|实行|要|由|的)[^，,。；;：:\s]){2,30}?(?:部门|机构|机关|局|委员会|委|办|厅|政府|单位|中心))牵头(?!单位)"),
        ("set_in", r"设在|设于|located|housed|set up", rf"{SET_IN}(?P<org>{ORG_BODY.replace('，', '，,')}(?:部门|机构|办公室|局|委员会|委|办|厅))"),
        # a place, not a body ("活动点设在…路口…门前"), for "设在哪里"
        ("set_at", r"设在哪里|设在哪儿|where is", rf"{SET_IN}(?P<org>[^，,。；;：:\s]{{2,40}}?)(?=[，,。；;)）]|$)"),
        ("entrust", r"委托|entrust", rf"委托(?P<org>{ORG_BODY})(?:组织|进行|负责|调查|实施|开展)"),
        # (a responsibility borne is no cost: "谁承担直接管理责任", "who bears … responsibility")
        ("cost", r"费用|经费|(?:承担|负担)(?![^，,。？?]{0,12}(?:责任|义务))|支付|出钱|谁(?:来)?出(?:资|钱)?(?=\s*[？?。，,]|\s*$)|\bpa(?:ys?|id|ying)\b|\bbears?\b(?![^?]{0,60}?\b(?:responsibilit|liabilit|dut))|cost", rf"(?:费用|经费)?由(?P<org>{ORG_BODY})(?:承担|负担|支付|列入|保障)"),
        # … or the subject that bears them ("老年人家庭根据服务项目的性质和数量，承担相应费用")
        ("cost_subject", r"费用|经费|出钱|pays|bears|cost",
         r"(?:^|(?<=[，。；;]))(?P<org>[^，。；;：:由\s]{2,20}?(?:家庭|单位|人|企业|部门|政府|者|方))(?!家庭|单位|企业|部门)[^。；;]{0,30}?"
         r"(?:承担|负担|支付)(?:相应的?|全部|有关)?(?:费用|经费)"),
        # who holds a post ("召集人由谁担任"): the person or body written before 担任
        ("serves_as", r"担任|\bserves? as\b|\bchairs?\b|\bconvenes?\b",
         r"(?:^|(?<=[，。；;、由]))(?P<org>[^，。；;：:由\s]{2,30}?)(?:担任|兼任)"),
        ("level", r"哪一?级|which level|what level", r"(?P<org>(?:县级以上|设区的市级|省级|市级|县级|国务院)[^，。；]{0,12}?(?:人民政府|应急管理部门|部门)|国务院"
                  # the level of a court ("由哪一级法院受理")
                  r"|(?:[^，。；;：:由\s]{0,20}?)(?:基层|中级|高级|最高)人民法院)"),
        ("report_to", r"报(?:送|请)?(?:哪|谁|给)|向(?:哪|谁)|交给?(?:哪|谁)|申请|to whom|apply to|submit|report to"
                      # a question ending on its preposition asks who receives ("Who must they send the reports to?")
                      r"|\b(?:send|sent|submit|submitted|report|reported|deliver|delivered|hand|handed|give|given)\b[^?]*\bto\s*\?\s*$|\bwhom\b[^?]*\b(?:tell|notify|inform)\b",
         rf"(?:报送|报请|报|向|交由|交给|移交)(?P<org>国务院|{ORG_BODY}(?:部门|机构|机关|人民政府|委员会|办公室|局|委|办|法院|中心|派出所))"
         r"(?:审查|批准|审批|备案|核准|申请|报告|提出|处理|申领|办理|申诉|投诉|举报|反映|起诉|提起诉讼|提交|递交|报送|告知|履行)"),
        # who regulates a thing ("归哪个部门管"): the body that 负责…监督管理 or 主管 it
        # (… or asked as the clause says it: "哪个部门对…实施监督管理")
        ("regulator", r"归(?:哪|谁)|主管部门|监管部门|主管|对[^，,。？?]{2,40}?(?:实施|进行|负责)?(?:监督管理|监管)"
                      r"|\b(?:regulates|supervises|oversees|manages)\b|\bin charge of\b",
         rf"(?:^|[，。；;]|第[一二三四五六七八九十百零〇\d]+条\s*)(?P<org>(?:[县市省]级以上|各级|地方各级)?{ORG_BODY}(?:部门|机构|机关|局|委员会))"
         r"(?:[，,]?负责[^，。；;]{0,60}?(?:监督管理|监管|管理|监督)|主管|对[^，。；;]{2,40}?(?:实施|进行|负责)?(?:监督管理|监管))"),
        # who issues a permit ("许可证归哪个部门发"): the body named with 颁发 / 核发
        ("issuer", r"颁发|核发|发放|签发|(?:部门|机关|单位)(?:来)?发|\bissues?\b|\bissued\b",
         r"(?:取得|领取|持有|由)(?P<org>(?:(?!取得|应当)[^，。；;：:由\s]){2,40}?(?:部门|机构|机关|局|委员会|政府))(?:依法)?(?:颁发|核发|发放|签发)"),
        # who approves ("生产许可由哪个部门审批"): the body of 经…许可 / 经…批准, or the one a plan is 报…批准
        ("approver", r"审批|批准|许可|核准|同意|approv|licen[cs]e|permit|consent",
         r"(?:经|报(?:送|请)?)(?P<org>国务院|海关|(?:(?!经|报)[^，。；;：:由\s]){1,40}?(?:部门|(?<![全内外])部|机构|机关|人民政府|委员会|局|单位|海关|负责人))(?:依法|书面)?(?:许可|批准|审批|核准|同意)"),
        # … or the subject that approves, at the start of its clause ("全国人民代表大会及其常务委员会批准…条约")
        ("approving_subject", r"审批|批准|核准|approv",
         rf"(?:^|[，。；;]|第[一二三四五六七八九十百零〇\d]+条\s*)(?P<org>国务院|{ORG_BODY}(?:部门|机构|机关|人民政府|委员会|局))"
         r"(?:依法)?(?:批准|审批|核准)(?!后)"),
        # who bears a responsibility ("谁对…负直接管理责任", "who bears … responsibility for"): the subject of 对…负…责任,
        # a list of bodies as one ("A、B、C，对码头的消防安全负日常管理责任")
        ("bears_responsibility", r"负[^？?，,]{0,8}责任|负(?:总|全)责|\b(?:bears?|takes?|has|have|holds?)\b[^?]{0,50}?\bresponsibilit"
                                 r"|\bdirect(?:ly)? responsib",
         rf"(?:^|[，。；;]|第[一二三四五六七八九十百零〇\d]+条\s*)(?P<org>{ORG_BODY}{ORG_END})[，,]?对[^。；;]{{2,40}}?负(?:有)?"
         r"(?:[^，,。；;]{0,8}?责任|总责|全责)"),
        # what a body is made up of ("联合采购办公室由谁组成"): the members written between 由 and 组成
        ("made_of", r"组成|构成|\bmade up of\b|\bconsists? of\b|\bcomposed of\b", r"由(?P<org>[^，。；;：:由\s]{2,60}?)(?:共同)?(?:组成|构成)"),
        ("by", r"由谁|由哪|谁来|归谁|交给?谁|交(?:给|由|到)哪|哪个部门|哪(?:个|一?级|家)法院|which (?:department|authority|court|unit|body|organi[sz]ation)|who", rf"由(?P<org>{ORG_BODY}(?:人民政府负责[^，。；;]{{2,24}}?的部门|{ORG_END}))(?:负责(?!人)|组织|调查|处罚|承担|审批|批准|核发|颁发|发放|发布|接收|指定|认定|决定|实施|依法|依据|根据|责令|统一|进行|履行|协调|会同"
                                                # a court's case, a right held ("由…基层人民法院管辖", "由受托人享有"), one
                                                # who acts for another or toward a body ("由…团级以上单位向…代为申请")
                                                r"|受理|管辖|享有|代为|向)"),
        ("duty_holder", r".", rf"(?:^|[，。；;]|第[一二三四五六七八九十百零〇\d]+条\s*)(?P<org>(?:[县市省]级以上|各级|地方各级)?{ORG_BODY}"
                              r"(?:部门|机构|机关|人民政府|委员会|办公室|办事处|局|单位|主要负责人|负责人|企业|经营者|所有人|管理人|共有人|使用人|用户"
                              r"|出租人|承租人|发包人|承包人|委托人|受托人|业主(?!管)|人员|调查组|工作组|专家组|小组"
                              rf"|{ORGANISATION_NAMED})"
                              # bodies whose name may be the whole subject: 工会负责…, 海关应当…
                              r"|(?:[^，。；;：:由\s]{0,12}?)(?:工会|海关))"
                              r"(?:(?<=租人|包人|托人|业主)[^，,。；;：:\s]{0,6}?)?(?:应当|负责|依法|可以|责令|对|是|按照职责"
                              # the lead of joint work ("X会同Y建立…"), the party with the burden of proof
                              r"|会同|负(?=举证)|有权)"),
    ))

# The bodies a lead works with ("X会同Y按照…划定"): Y answers "会同哪些部门"; an aside in brackets
# ("…部门(在港区内…，报…)和公安机关") is no part of a name. A report writes 联合 as a law writes 会同 ("X联合水利、气象等相关部门").
CO_BODY = re.compile(rf"(?:会同|协同|联合)(?P<org>(?:[、和及与]?{ORG_BODY}(?:部门|机构|机关|人民政府|委员会|办公室|局|委|办|厅|单位|分局))+)")
ASIDE = re.compile(r"[（(][^（）()]{1,60}[）)]")
# Who a body is made up of ("专班由哪些部门的负责人组成"): the clause writing 由…组成 says, a task's owners do not.
MEMBERS_ASKED = _rx(r"由(?:哪|谁)[^？?，,。]{0,12}(?:组成|构成)|\b(?:made up of|consists? of|composed of)\b")
PLACE_ASKED = _rx(r"设在哪(?:里|儿)|设于哪(?:里|儿)|在哪里|在什么地方|\bwhere (?:is|are|was|will)\b")  # where, not who
# "A、B、C分别由X、Y、Z负责": items paired with bodies, in order.
RESPECTIVE = re.compile(r"(?P<items>[^，。；;：:\s]+(?:、[^，。；;：:、\s]+)+)分别由(?P<bodies>[^，。；;：:、\s]+(?:、[^，。；;：:、\s]+)+?)"
                        r"(?:负责|组织|承担|实施|进行|审批|批准|调查)")
# The thing a "who" question asks to be done ("由谁来协调解决" → 协调): the body written doing it fits.
ASKED_VERB = re.compile(r"(?:由谁|谁来|由哪(?:个|一)?(?:部门|单位|机关|机构|级政府)?)(?:来|负责)?([\u4e00-\u9fff]{2})")
# An English "who / which body + verb" question's verb ("Which authority issues…", "Who sets…"), read in the
# lexicon's words (颁发 核发): the body written doing it fits, as ASKED_VERB's does for a Chinese question. A duty
# ("Who must report…", 谁应当报告) asks its holder, however the law words the act (由总承包单位负责上报): no verb read.
ENGLISH_ASKED_VERB = _rx(r"\b(?:who|which (?:[a-z'-]+ ){0,2}?(?:department|authority|agency|body|bureau|office|unit|government"
                         r"|organi[sz]ation|court))\s+(?P<verb>[a-z]+(?: up| out| off)?)\b")
ANY_SUBJECT = "duty_holder"  # the last shape: any clause's subject, for any question
GENERAL_ORGANISATION_SHAPES = ("by", "by_verb_asked", "subject_verb_asked", ANY_SUBJECT)  # the others: asked by name

# What kind of body a question asks for, and the name endings that fit it ("哪个部门" is not
# answered by a government, "哪一级政府" not by a department).
ASKED_BODY: tuple[tuple[re.Pattern, re.Pattern], ...] = (
    (_rx(r"哪个部门|什么部门|哪些部门|哪个机关|which department|what department|which agency|which authority|which bureau"),
     re.compile(r"(?:部门|机构|机关|局|委|办|厅|处|中心)$")),
    (_rx(r"哪一?级(?!法院)|政府|which level|government"), re.compile(r"(?:人民政府|政府|国务院)$")),
    (_rx(r"法院|\bcourts?\b"), re.compile(r"法院$")),
    # a unit, not a person ("哪些单位作了交流发言" is not answered by the deputy mayor who spoke)
    (_rx(r"哪(?:些|个|几个|家)单位|\b(?:which|what) units?\b"),
     re.compile(r"(?:单位|部门|机构|机关|局|委|办|厅|处|中心|队|站|所|院|公司|企业|政府|组)$")),
)


# More organisation shapes, tried after lead_written (tests/test_answer_news_reports.py: one example each):
ACT_SHAPES: tuple[tuple[str, re.Pattern, re.Pattern], ...] = tuple(
    (name, _rx(q), re.compile(a)) for name, q, a in (
        # who did what a news report tells ("市建设局相关负责人宣读了方案", "局长廖政望率队"): the one written before the act
        ("actor", ACTOR_ASKED.pattern, r"(?:^|(?<=[，,。；;：:\s]))(?P<org>[^，,。；;：:\s]{2,40}?)(?:相关负责人|负责同志)?"
                                      r"(?:宣读了?|率队|带队|率领|率(?=[^，,。；;]{2,30}?组)|主持(?:召开)?|组织召开|出席)"),
        # who announces or decides, asked so ("由谁公告", "who announces"): 由X公告 / 决定由X作出
        ("by_announcing", r"公告|公布|发布|作出|决定|\bannounc|\bpublish|\bdecides?\b",
         rf"由(?P<org>{ORG_BODY}{ORG_END})(?:统一)?(?:公告|公布|发布|作出)"),
        # who holds a post, written 由X任组长 ("由分管领导任组长")
        ("serves_as_ren", r"担任|组长|主任|召集人|指挥长|\bserves? as\b|\bchairs?\b|\bheads?\b",
         r"由(?P<org>[^，。；;：:由\s]{2,30}?)任(?:副?组长|副?主任|召集人|总指挥|副?指挥长)"),
    ))


def organisation_shapes(question: str) -> list[tuple[str, re.Pattern]]:
    """The clause forms that can answer an organisation question, the specific ones first."""
    shapes = (*ORGANISATION_SHAPES[:1], *ACT_SHAPES, *ORGANISATION_SHAPES[1:])
    return [(name, shape) for name, asks, shape in shapes if asks.search(question)]
