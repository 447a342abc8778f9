"""Question-analysis rules as data: intents, what kind of answer each wants (its shape), the
words that carry no topic, relative time, document kinds (the English lexicon: kb/answers/lexicon.py).
A new phrasing is a line here (an organisation question's: kb/answers/orgshapes.py) (tests/test_qa_rules.py and tests/test_answer_shapes.py have one example per entry)."""
from __future__ import annotations

import re

from kb.answers.lexicon import LEXICON, durations, is_english, legal_wording, lexicon_groups, lexicon_terms  # noqa: F401
from kb.answers.orgshapes import (  # noqa: F401
    ACT_SHAPES,
    ACTOR_ASKED,
    ANY_SUBJECT,
    ASIDE,
    ASKED_BODY,
    ASKED_VERB,
    CO_BODY,
    ENGLISH_ASKED_VERB,
    GENERAL_ORGANISATION_SHAPES,
    MEMBERS_ASKED,
    ORG_BODY,
    ORG_END,
    ORGANISATION_SHAPES,
    PLACE_ASKED,
    RESPECTIVE,
    SET_IN,
    organisation_shapes,
)


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


# Intent patterns, tried in order: the first that matches wins. Frequency questions ("多久…一次")
# are targets, not deadlines; "哪一条" beats every other reading.
INTENT_PATTERNS: tuple[tuple[str, re.Pattern], ...] = tuple((intent, _rx(rx)) for intent, rx in (
    ("article", r"哪一?条|第几条|哪个条款|什么条款|哪条规定|which article|what article|which clause|which section"),
    # what follows from a breach is a passage, whoever the question names ("what happens to managers who…")
    ("passage", r"^\W*(?:in [^,?]{1,40},\s*)?what happens\b|会(?:有|受到)什么(?:后果|处理|处罚)"),
    ("metric", r"多久.{0,20}?一次|多长时间.{0,20}?[一1]次|how often|how frequently"),
    # a count of people, whatever they do ("how many members must take part" asks no co-operating body)
    ("quantity", r"how many (?:[a-z-]+ ){0,3}?(?:people|persons|staff|workers|officers|members|personnel|employees|inspectors|directors|deputies|heads|representatives|experts|volunteers)\b"
                 # a count of whatever takes part ("how many cities take part"): no co-operating body asked
                 r"|how many [a-z-]+(?: [a-z-]+){0,2} (?:take part|participate|join)\b"),
    # the body asked is the one that works with others ("由哪个部门会同有关部门建立"): it leads
    ("lead", r"(?:谁|哪(?:个|一)?(?:部门|单位|机关|机构)?)(?:来)?(?:会同|协同|联合)(?!哪)"),
    # where one goes to sue, apply or complain is a body, whatever the topic says ("协助执行…的，向哪里起诉")
    ("organisation", r"向(?:哪里|哪儿|哪个|哪一?级|哪些)[^，。？?]{0,8}?(?:起诉|诉讼|申请|投诉|举报|申诉|求助|反映)"),
    ("co", r"配合|协同|会同|协助|联合了?哪|哪些单位参[加与]|哪些部门参[加与]|\bsupporting (?:units?|departments?|bodies|agencies)\b|\bcooperat|\bassist|\btake part|\bjointly with|\b(?:did|does|do|will)\s+(?:the\s+)?[\w' -]{2,60}?\s+work(?:ed)?\s+with\b|\bwith whom\b"),
    ("lead", r"牵头|\blead(?!er)"),
    ("unit_tasks", r"(?:有|负责|承担|牵头)哪些(?:任务|工作)|哪些任务|任务(?:清单)?(?:有哪些|是什么)|what tasks|which tasks"),
    ("organisation", r"设在|设于|(?:向|报|报送|交)(?:哪里|哪儿|哪(?:个|些|一)?(?:部门|机关|机构|单位))|由哪一?(?:个|级)|哪一?级(?:人民)?政府|哪(?:个|一?级|家)法院|归哪|委托谁|委托哪|由谁(?:来)?(?:处罚|调查|审批|批准|承担|负担|支付|组织|认定|检验|决定)"
                     r"|谁(?:来)?(?:处罚|调查|审批|批准|承担|负担|支付|出钱)|费用由谁|哪个(?:部门|机关|机构)(?:来)?(?:处罚|调查|审批|批准|认定)"
                     r"|which (?:[a-z'-]+ ){0,2}?(?:department|authority|agency|body|level|government|bureau|office|commission|court)|who (?:investigates|pays|bears|approves|penali[sz]es|punishes|fines)"
                     r"|where is .{0,80}(?:located|set up|housed)|\bin charge of\b"
                     r"|whose (?:consent|approval|permission|agreement)|(?:经|征得|需要|要)谁(?:的)?同意"),
    # an owner asked of a target or a date ("下降目标由哪些厅负责", "目标的责任单位有哪些")
    # (a date or span the question's object names is what the doer sets: "起止日期由谁规定", "期限由谁确定")
    ("responsible", r"^\s*(?:in [^,?]{1,40},\s*)?who (?:must|should|is|are|has|have)\b|由(?:哪|谁)[^？?]{0,8}负责|由谁|谁(?:来)?(?:规定|确定|决定|宣布|公布)|责任单位(?:有哪些|是)|(?:哪些|哪个)(?:单位|部门|厅|局|委)负责"),
    # the span of a campaign ("行动到什么时候结束", "when does the campaign end"): read from its
    # 从即日起至… clause, not from one task's deadline
    # (a span asked by both its ends: "从什么时候到什么时候", "From when to when does … run")
    ("period", r"(?:什么时候|何时|哪天|哪一天|几月几[日号])(?:结束|为止)|持续到(?:什么时候|何时|哪)|起止(?:时间|日期)"
               r"|(?:从|自)(?:什么时候|何时|哪天)(?:到|至)|\bfrom when\b(?=[^?]*\b(?:to|until|till)\b)|\bwhen does .{0,100}\brun\b"
               r"|when (?:does|will|did) .{0,100}\b(?:end|finish|close|conclude)\b|until when|until what (?:date|day|time)|how long does .{0,80}\b(?:last|run)\b"),
    ("quantity", r"多少(?:人|名|元|钱|万元|日|天|小时|分钟|次|倍|米|公里|千米|年)|罚款多少|罚多少|罚(?:款)?(?:金额|幅度)|几(?:人|名|日|天|小时|分钟|次|个月)|(?<![近这前后头])几年|(?:多少|几)个人"
                 r"|多长时间内|多久(?:内|之内|以内|要|必须|应当)|时速|速度|多大年龄|年满多少|多少岁|几岁|what age|how old|(?:热线|电话|号码)(?:是|为)?(?:多少|什么|几)|多大比例|百分之几"
                 r"|最高(?:给予|支持|补贴|奖励|资助|可|能)?多少|最多多少|上限是?多少"
                 r"|how many (?:people|persons|days|hours|minutes|times)|(?<!by )how much|how long|how soon|what (?:fine|penalty|speed|number(?! of)|percentage|ratio)|within how|within what (?:time|period)"
                 r"|\bthe (?:largest|most|highest|maximum|top)\b|\bmaximum\b|\bat most\b|\bup to how\b|\b(?:cap|ceiling) (?:on|per|for)\b|\bthe (?:cap|ceiling)\b"
                 r"|how (?:large|big|high|heavy) is the (?:fine|penalty)|\bthe fine\b|\bfine for\b|多少米|多高|多远|长度(?:是|为|有)?多少|能见度(?:是|为|低于|不足)?多少|how (?:far|high|tall|wide|deep)\b|what (?:length|height|width|depth|distance|visibility)\b"),
    ("deadline", r"什么时候|什么时间(?=[^？?，,]{0,4}(?:开展|召开|举行|进行|开始|结束|启动)|的?\s*[？?]?\s*$)|何时|时限|截止|期限|哪一?天|哪几天|什么日期|几月几[日号]|几号|deadline|by when|what date|which day"
                 # "when" that asks (When must…, In X, when is…), not one that sets a condition (…applies when hospitals treat…)
                 r"|^\W*(?:in [^,?]{1,40},\s*)?when\b(?![^?]*?,\s*(?:which|who|whom|whose|what|how|where)\b)|\bwhen (?:must|should|shall|is|are|was|were|does|do|did|will|can|may|has|have|had)\b"),
    # (a count in the classifier of what is counted: "新装了几块标牌", "查了几所学校")
    ("metric", r"多少|(?<!哪)几家|几次|(?<!哪)几个|(?<!哪)几(?:块|所|处|艘|辆|台|座|条|项|份|场|支|批|户|套|件)|比例|占比|频次|频率|目标|指标|合格率|控制在|达到|下降|提高到|"
               r"how many|what number of|what share|percentage|\btarget|\brate\b|by how much"
               # a floor or a threshold asked ("the minimum size", "at least", "above what yearly use"), as 不低于多少 / 多少以上
               r"|\bminimum\b|\bat least\b|\bno (?:less|fewer) than\b|\b(?:above|below|over|under) what\b"),
    ("responsible", r"谁|哪一?位|哪名|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|负责(?!人|制)|责任单位|归哪|哪几(?:个|家|位)(?!月|小时|工作日|区|县|市|镇|乡|街道)|"
                    r"\bwho\b|which department|which unit|responsible"),
))
DEFAULT_INTENT = "passage"
OWNER_INTENTS = ("lead", "co", "responsible")
# How a task writes the role it gives its owners: a task that writes the asked role ("牵头单位：…",
# "…牵头") answers "谁牵头" before one whose lead is read from its form ("A会同B负责").
ROLE_WRITTEN = {"lead": re.compile(r"牵头|主办"), "co": re.compile(r"配合|协同|协助|会同|参与"),
                "responsible": re.compile(r"责任单位|负责")}

# Words that say what kind of answer is wanted, not what it is about: dropped from the query.
QUESTION_WORDS = re.compile(
    r"归(?:哪个|哪些|什么|哪一?级)(?:部门|单位|机关|机构|政府)?(?:来)?(?:监督管理|监管|管理|主管|管)?|请问|是否|哪些文件|哪个文件|哪份文件|哪些地方|哪个部委|哪些部委|由谁来|由谁|归谁|谁来|是谁|谁|哪(?:一?位|名)(?:[省市县区镇乡]?(?:领导|负责同志|负责人))?|哪个部门|哪些部门|哪个单位|哪些单位|什么部门|哪些|哪个|"
    r"什么时候|何时|什么时间|时候|之前|以前|分别是|分别|这是|出自|说的|什么|一共|总共|哪一天|哪天|几(?:个|名|家|位)(?!月)|"
    # the act a date question ends on ("…是哪天开的", "…是什么时间开展的"): no topic
    r"(?:召开|开展|举行|进行|开)的(?=\s*[？?]?\s*$)|"
    r"多少|大概|大约|大致|多久|多长时间|怎么|怎样|如何|要求|需要|必须|要在|(?<![主重次首纲概摘必只])要|规定|提出了|有哪些|这块|这项工作|工作|"
    r"哪一条|第几条|哪条|哪一级|哪级|设在哪|设在|"
    r"牵头|配合|会同|负责(?!人)|责任单位|按照|按|根据|[？?。，,、！!“”\"'（）()《》]")

# A day may carry an aside in brackets: its lunar date or weekday ("2月11日(腊月二十四)至3月4日(正月十六)", "3月2日（星期一）起"),
# and the hour a span opens or closes at ("5月1日12时至8月16日12时", "8时30分").
_DAY = (r"(?:\d{4}\s*年)?\d{1,2}\s*月(?:\d{1,2}\s*[日号](?:\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)?)?"
        r"(?:\s*[（(][^（）()，,。；;]{1,8}[）)])?")
# The shape an answer must have, by intent: a clause without it cannot be the answer.
ANSWER_SHAPES = {
    "metric": re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|家|次|人|个|处|项|倍)?|每(?:年|半年|季度|月|周|天|日)|"
                         r"[一二两三四五六七八九十百]+(?:家|次|个|台|项|处|座|辆|名|人|种|条|件|户|所|艘|架|部|套|批)"
                         r"|全覆盖|合格率|以内|以下|[一二两三四五六七八九十百千万]+以上"
                         # a measure in Chinese numerals ("一万吨标准煤以上", "五千平方米")
                         r"|[一二两三四五六七八九十百千万]+(?:吨|千克|公斤|米|公里|平方米|立方米|千瓦|万元|元)"
                         r"|[一二两三四五六七八九十百]+分之[一二两三四五六七八九十]+"),  # a fraction: 五分之一以上
    "deadline": re.compile(r"\d{4}\s*年.{0,6}(?:底|前)|(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]|\d+\s*(?:日|天|个工作日|个月)[内前]|年底前|月底前|之前|\d{1,2}\s*月(?:上旬|中旬|下旬|底|末|初)|每月\d{1,2}\s*[日号]前?"
                           # a day of this month and its part, as a report writes it ("10日下午", "11日凌晨")
                           r"|(?<![\d月])\d{1,2}\s*日(?:凌晨|早晨|上午|中午|下午|傍晚|晚上?|夜间|夜里|上半夜|下半夜|白天)"
                           # a span before or within which ("开工十五日前", "十日内", "提前三日")
                           r"|[一二三四五六七八九十]+(?:日|天|个工作日|个月|小时)[内前]|提前\s*[\d一二两三四五六七八九十]+\s*(?:日|天|个工作日|个月|小时)"
                           # a span of months in a year, a part of a month ("每年六月至九月期间", "三月底")
                           r"|[一二三四五六七八九十\d]{1,2}\s*月(?:至|到|—|－|-)[一二三四五六七八九十\d]{1,2}\s*月|[一二三四五六七八九十]{1,2}月(?:上旬|中旬|下旬|底|末|初)"
                           # a bound on a span ("延长期限不得超过三十日", "最长不超过60日")
                           r"|不(?:得)?超过\s*[\d一二两三四五六七八九十百]+\s*(?:个)?(?:工作日|日|天|个月|年)"),
    # the span of a campaign: 从即日起至…, 自3月1日起至…, …至…结束, 为期…
    "period": re.compile(rf"(?:从|自)?(?:即日|本(?:方案|通知)印发之日|{_DAY}|\d{{4}}\s*年)起?(?:至|到|—|－|～|-)"
                         rf"(?:{_DAY}(?:底|末)?|\d{{4}}\s*年(?:底|末)?|[^，,。；;]{{2,16}}?结束)(?:止|为止)?"
                         r"|至[^，,。；;]{2,16}?(?:结束|为止)|为期[^，,。；;]{1,10}"
                         rf"|有效期(?:截至|截止到?|至|到)\s*(?:{_DAY}|\d{{4}}\s*年(?:底|末)?)"),
    "owner": re.compile(r"由.{2,40}?负责|.{2,30}?牵头|.{2,30}?(?:组织|负责)|设在.{2,20}|"
                        r"(?:部门|机关|机构|委员会)(?:依法|应当|负责)"),
}

# A question asking for one day ("是哪一天", "几月几日", "which day"): a task's deadline listing several dates
# ("6月1日至6月30日；6月14日") does not say which, the clause writing the day asked does.
DAY_ASKED = _rx(r"哪一?天|几月几[日号]|什么日期|\bwhich day\b|\bwhat (?:date|day)\b")

# A deadline that comes back ("2020年起，每年3月底前…") answers "by when" less well than a dated
# one ("于2019年12月底前"), unless the question asks for the recurring one (每年…前, every year).
RECURRING = re.compile(r"每(?:年|半年|季度|季|个?月|周|旬)")
RECURRENCE_ASKED = _rx(r"每|定期|\b(?:every|each)\b|annual|yearly|monthly|quarterly|weekly")

# A question asking for a list ("哪些单位必须…", "which kinds of enterprises"), and the lead-in of a
# list in a regulation ("下列单位应当…："): the clause that introduces the asked list fits it.
LIST_ASKED = _rx(r"哪些|哪几(?:类|种)|\b(?:which|what) (?:kinds?|types?|sorts?) of\b|\bwhat are the\b")
LIST_LEAD = re.compile(r"下列|以下(?:单位|企业|情形|人员|场所|事项)")

# A question asking for an upper bound ("最多还能延长多少天", "at most"), and a clause that states one
# ("延长期限不得超过三十日"): the bound fits it better than the time limit beside it.
BOUND_ASKED = _rx(r"最多|最长|最高|上限|\bat most\b|\bmaximum\b|\bup to\b")
BOUND_STATED = re.compile(r"不得超过|不超过|最多|最长|最高|上限")

_CN = r"[\d一二两三四五六七八九十百千万零〇]+"
# Numeric questions: (kind, question words, the number-with-unit the answer must hold).
QUANTITY_SHAPES: tuple[tuple[str, re.Pattern, re.Pattern], ...] = tuple(
    (name, _rx(q), re.compile(a)) for name, q, a in (
        ("fine", r"罚款|罚多少|罚金|处罚多少|\bfine|penalt", rf"{_CN}(?:\.\d+)?\s*(?:万)?元(?:以上|以下)?(?:[^，。；;]{{0,8}}?{_CN}\s*(?:万)?元(?:以下|以上)?)?"
         # a fine as a multiple or share of a sum ("货值金额二倍以下的罚款", "价款百分之十至百分之二十的罚款")
         rf"|{_CN}倍以[上下](?:[^，。；;]{{0,6}}?{_CN}倍以[下上])?的?罚款|百分之{_CN}(?:至百分之{_CN})?的?罚款"),
        # whether there is a limit ("比例有上限吗"): the clause that sets one or sets none
        ("limit", r"有(?:没有)?(?:上限|下限)|(?:上限|下限)吗|有无(?:上限|下限)|是否设(?:置)?(?:上限|下限)",
         r"不设(?:上限|下限)|上不封顶|不受[^，。；;]{0,8}限制|(?:上限|下限)为[^，。；;]{1,12}|(?:不超过|不得超过|不低于|不少于)[^，。；;]{1,12}"),
        # a change by a share ("下降多少", "by how much … cut"): a percentage, not a sum
        ("change", r"by how much|(?:下降|降低|减少|压降|提高|提升|增长|上升|增加|降|减)(?:了)?多少(?!个?(?:天|日|工作日|小时|分钟|月|年|人|名|元|万元|钱|次|家|米|岁))|多少个百分点",
         rf"{_CN}(?:\.\d+)?\s*(?:[%％]|个百分点)|百分之{_CN}|{_CN}成"),
        ("phone", r"热线|电话|号码|hotline|phone|telephone", r"(?<!\d)(?:1\d{2}|12\d{3}|\d{3,4}-?\d{7,8})(?!\d)"),
        ("speed", r"速度|时速|多快|speed", rf"(?:时速|速度)[^，。；]{{0,6}}?{_CN}\s*(?:公里|千米)|{_CN}\s*(?:公里|千米)\s*(?:/|每)\s*(?:小时|时)"),
        # (a share of a total, "占…总额的多少"; not a total itself, "年能源消费总量多少以上")
        ("ratio", r"比例|百分之|占比|多大比例|总(?:额|数|量|金额|资金|投资|收入|支出)的多少|占[^，,。？?]{0,12}?总(?:额|数|量|金额|资金|投资|收入|支出)的?多少|percentage|\bratio|proportion|\bshare", rf"百分之{_CN}|{_CN}分之{_CN}|\d+(?:\.\d+)?\s*[%％]|{_CN}(?:成|倍)"),
        ("frequency", r"多久.{0,20}?一次|多长时间.{0,20}?[一1]次|几次|频次|频率|how often|how frequently|how many times",
         rf"每(?:{_CN})?(?:年|半年|季度|个月|月|周|日|天|学期)[^，。；]{{0,20}}?{_CN}次|{_CN}(?:年|个月|季度|周)(?:至少)?(?:进行|开展|组织)?[一1]次"
         # a duty done every period, its count unsaid ("每年向…报送", "每季度开展", "每年编制")
         rf"|每(?:{_CN})?(?:年|半年|季度|个月|月|周|学期)(?!度)|每[日天](?=[\u4e00-\u9fff]{{2}})(?!按|起|以)"),
        ("time_limit", r"多少(?:分钟|小时|日|天|个工作日|个月|年)|几(?:天|日|小时|分钟|个月|年)|多长时间内|多久|多少时间|within how(?! (?:many|much) (?!(?:working )?(?:days|hours|minutes|months|years|weeks)\b))|within what (?:time|period)|how (?:long|soon)|how much time|how many (?:days|hours|minutes)|how far (?:in advance|ahead)"
         # notice given ahead ("how much advance notice"): a span of time, not a sum
         r"|how much (?:advance |prior )?(?:notice|warning)|how much in advance",
         rf"{_CN}\s*(?:个)?(?:工作日|分钟|小时|秒|日|天|个月|年)(?:内|以内|之内|前)?|立即"),
        # an area asked ("面积多少", "how much floor space"): a number of square metres or mu, not a sum
        ("area", r"面积|多少平方米|多少平米|多少亩|多少公顷|floor (?:space|area)|square (?:metres|meters)|\bhectares?\b|\bacres?\b",
         rf"{_CN}(?:\.\d+)?\s*(?:万)?(?:平方米|平米|平方公里|亩|公顷)"),
        # a sum asked with 最多/at most, once a span of time is not what is asked ("for how long at most")
        ("amount", r"最高|最多|上限|多少钱|多少万|金额|补贴多少|资助多少|largest|maximum|the most|highest|\bthe top\b|at most|how much|\b(?:cap|ceiling) (?:on|per|for)\b|\bthe (?:cap|ceiling)\b",
         rf"{_CN}(?:\.\d+)?\s*(?:万|亿)?元"),
        ("people", r"多少个?人|多少名|几个?人|几名|how many (?:[a-z-]+ ){0,3}?(?:people|persons|staff|workers|officers|managers|members|personnel|employees|inspectors)\b",
         rf"{_CN}\s*(?:余|多)?\s*(?:名|人)(?:以上|以下)?"),
        ("length", r"多少米|几米|多高|多长距离|多远|多宽|多深|长度|能见度|how (?:high|tall|far|wide|deep)|what (?:length|height|width|depth|distance|visibility)|\bmetres?\b|\bmeters?\b",
         rf"{_CN}\s*(?:米|公里|千米|厘米|毫米)"),
        ("age", r"多大年龄|年满多少|多少岁|几岁|what age|how old", rf"{_CN}\s*周?岁(?:以上|以下)?"),
        ("count", r"多少|几个|几家|how many|\bwhat number of\b", rf"{_CN}\s*(?:余|多)?\s*(?:个|家|项|次|处|座|台|人|名|辆|种|箱|件|只|套)"),
    ))

# A count of people a question gives ("a company with 150 employees", "有150名从业人员的"), and the
# bounds a clause's condition ("…的，") puts on such a count ("一百人以上不足三百人的"): a clause
# whose condition leaves the given count out does not apply to it; "以上"/"以下" hold the bound.
GIVEN_COUNT = _rx(r"(\d+)\s*(?:名|人|(?:full-time |part-time )?(?:employees|workers|staff|people|persons|members)\b)")
COUNT_AT_LEAST = re.compile(rf"({_CN})\s*(?:名|人)以上")
COUNT_BELOW = re.compile(rf"(?:不足|不满|少于|低于|未满)\s*({_CN})\s*(?:名|人)")
COUNT_AT_MOST = re.compile(rf"({_CN})\s*(?:名|人)以下")
CONDITION_END = re.compile(r"的\s*[，,]")
# A count of things a question gives ("入围企业只有2家时", "3 suppliers"): the clause that says the same
# count is about that case ("入围生产企业为2家的，…"), not its neighbours (1家的, 3家及以上的).
# ("一个", "一次" say "a", not a count; "三个月" is a span of time)
GIVEN_NUMBER = re.compile(r"(?:\d+|[两二三四五六七八九十百][一二两三四五六七八九十百]*)\s*(?:家|个(?!月|工作日|小时)|次|项|台|辆|座|种|类|批)")

# The unit of time a question asks in ("多少天内", "几个小时"): the answer's number must be in it
# (三十日内 for 多少天, not 6个月前). (question words, the units that answer them)
TIME_UNITS: tuple[tuple[re.Pattern, re.Pattern], ...] = tuple((_rx(q), re.compile(a)) for q, a in (
    (r"(?:多少|几)(?:个)?(?:天|日|工作日)|how many (?:working )?days", rf"{_CN}\s*(?:个)?(?:工作日|日|天)"),
    (r"(?:多少|几)(?:个)?小时|how many hours", rf"{_CN}\s*(?:个)?小时"),
    (r"(?:多少|几)分钟|how many minutes", rf"{_CN}\s*分钟"),
    (r"(?:多少|几)个月|how many months", rf"{_CN}\s*个?月"),
    (r"(?:多少|几)年|how many years", r"(?<![\d零〇])(?:\d{1,3}|[一二两三四五六七八九十百]+)\s*(?:周)?年(?!代|度)"),
))


# A span asked before something ("how many days before the season starts", "开工前多少日", "提前几天"): its number is the
# one written before which (十五日前, 提前三日), not a span within which (二十日内) beside it.
BEFORE_ASKED = _rx(r"(?:多少|几)个?(?:天|日|工作日|小时|分钟|个月|年)(?:以|之)?前|(?:提前|(?<![目当此以之])前)(?:多少|几)"
                   # ("how many days before the season starts", not "how many years may it be used before a check")
                   r"|\bhow many (?:working )?(?:days|hours|minutes|months|years) (?:before|in advance|ahead)\b")


def time_unit(question: str) -> re.Pattern | None:
    unit = next((answer for asks, answer in TIME_UNITS if asks.search(question)), None)
    if unit is not None and BEFORE_ASKED.search(question):
        return re.compile(rf"(?:{unit.pattern})\s*(?:以|之)?前|(?:提前|前)\s*(?:{unit.pattern})")
    return unit


AT_ONCE = "立即"  # a time limit without a number

# Words a question and a document use for the same thing: a question word matches any of its
# group ("算力补贴" finds "给予最高20万元补助").
SYNONYMS: tuple[frozenset[str], ...] = tuple(frozenset(group.split()) for group in (
    "补贴 补助 资助 奖补 扶持资金",
    "罚款 罚金",
    "时限 期限",
    "热线 电话",
    "电梯 升降机",
    "货币 币种 人民币",
))
SYNONYM_OF = {word: group for group in SYNONYMS for word in group}
NEGATION = "非"  # 非居民用户, 非法: a word after it is its opposite

# A penalty clause, and a question that asks about penalties: a question about a duty is not
# answered by the article that punishes breaking it, nor the other way round.
PENALTY_CLAUSE = re.compile(r"罚款|处罚|罚金|违反本(?:条例|法|办法|规定|细则)|责令(?:限期)?(?:改正|停止|停产)|吊销|拘留|法律责任|追究刑事责任")
PENALISED_PARTIES = ("个人", "单位")  # a fine for the one a question names is not the other's
PENALTY_QUESTION = re.compile(r"罚|处罚|法律责任|追究|违反|违规|擅自|没收|吊销|拘留|\bfined?\b|penalt|punish|sanction|confiscat|revok", re.I)

# Relative time in a question, resolved against today: (words, years from this year).
RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "明年": 1, "来年": 1, "去年": -1, "上年": -1,
                  "this year": 0, "next year": 1, "last year": -1}
# A year a target falls in ("到2025年…稳定在多少", "By 2020, what…"): it says when, not which document
# (a plan of 2018 sets targets for 2020 and 2025), so documents are not narrowed by it.
TARGET_YEAR = _rx(r"(?:到|至|截至|截止到?|\bby(?: the end of)?|\buntil)\s*(?:19|20)\d\d")
# Five-year periods: 十四五 = 2021–2025.
FIVE_YEAR_PERIOD = re.compile(r"十([一二三四五六七八九])五")

# The English word "plan" as a noun names a kind of document and may be part of a title ("the work-safety month
# plan"); as a verb ("does the county plan to …", "planned to") it names neither (its forms "plans to",
# "planned to" are words of no topic: kb/answers/lexicon.py).
PLAN_NOUN = r"\bplan\b(?!\s+(?:to|on)\b)"

# Words in a question that say which kind of document it is about.
# A kind word names the document only as a word of its own: 实施方案中…, not 改动方案 or 措施费.
_KIND_END = r"(?=[中里的对是有第说]|规定|要求|提出|[^\u4e00-\u9fff]|$)"
# (English kind words in any case: "the Urban Gas Regulations")
KIND_WORDS = {"regulation": _rx(rf"(?:条例|办法|法律|法规){_KIND_END}|\blaws?\b|regulations?\b"),
              "notice": _rx(rf"(?:实施方案|行动方案|工作方案|工作要点|要点|规划|意见|举措|通知|计划|应急预案){_KIND_END}"
                            rf"|{PLAN_NOUN}|\bnotice\b")}

# A kind word that is the thing a document asks to be made ("各省出台具体实施办法", "制定应急预案
#管理办法"): it does not say which kind of document answers.
KIND_AS_OBJECT = re.compile(r"(?:出台|制定|制订|印发|修订|起草|发布|具体|配套|细化)[^，,。？?\s]{0,12}?(?:条例|办法|法规|方案|规划|意见|通知|计划|预案)"
                            # in English, a plan a body draws up or works on ("draws up the master plan for the parks",
                            # "works with X on the flood control plan"), and a law's master plan (总体规划)
                            r"|(?i:\b(?:draw|draws|drew|drawn|drawing) up\b[^?]{0,60}?\bplans?\b"
                            r"|\b(?:drafts?|drafted|drafting|formulates?|formulated|prepares?|prepared|compiles?|compiled)\b"
                            r"[^?]{0,60}?\bplans?\b|\bwork(?:s|ed)? with\b[^?]{0,60}?\bon (?:the |a )?(?:[\w'-]+ ){0,4}?plans?\b"
                            r"|\bmaster plans?\b)")

# The register of a question. Worded as a law's duties, permits and liabilities, it asks what a
# regulation says and is answered from clauses before the tasks of plans; worded with a plan's
# words as well (牵头, 完成时限, 专项整治 …), it stays a question about plans.
LEGAL_PHRASES = ("应当", "负总责", "全面负责", "许可证", "审批", "申请", "罚款", "罚多少", "义务",
                 "主管部门", "组织调查", "法律责任", "责任人")
PLAN_PHRASES = ("牵头", "配合", "责任单位", "完成时限", "任务", "方案", "要点", "行动", "整治", "专项",
                "攻坚", "清单", "规划", "目标")


def in_legal_register(question: str) -> bool:
    return any(p in question for p in LEGAL_PHRASES) and not any(p in question for p in PLAN_PHRASES)


# Words that say a question names a document by its title, in English ("the Regulations on
# Emergency Response to …", "the Special Equipment Safety Law").
TITLE_CUE = re.compile(rf"\b(?:regulations?|law|measures|provisions|rules|act|opinions)\b|{PLAN_NOUN}", re.I)

# The words of a title an English question names, when it names one with a cue: "the Waterway
# Law", "under the accident reporting and investigation regulations", "the Regulations on Urban
# Gas Administration". Only they pick the document by its title (the question's other words, "the
# national waterway plan", name no document).
# A title an English question names: the words before its kind word ("the Waterway Law") and the
# words after "regulation on" ("… on reservoir dam safety management"); a question may give both
# ("the national regulation on reservoir dam safety management"), the second the more telling.
TITLE_BEFORE_CUE = re.compile(r"\bthe\s+((?:[\w'-]+\s+){1,6}?)(?:law|regulations?|measures|provisions|rules|act)\b", re.I)
TITLE_AFTER_CUE = re.compile(
    r"\b(?:law|regulations?|measures|provisions|rules|act)\s+(?:on|of|for|concerning)\s+(?:the\s+)?"
    r"([\w' -]{3,80}?)(?=\s*(?:[,?.;:]|$|\b(?:who|which|what|when|how|does|do|must|is|are|says?|require|requires"
    r"|apply|applies)\b))", re.I)


def title_phrase(question: str) -> str:
    """The words of the title an English question names around a cue, or ""."""
    found = (m.group(1).strip() for m in (TITLE_BEFORE_CUE.search(question), TITLE_AFTER_CUE.search(question)) if m)
    return " ".join(found)


# Words before a level that make no place of it: "指导镇街…", "督促县区…", "帮扶村" are things
# done to towns and counties, not a town named 指导.
NOT_A_PLACE = re.compile(r"(?:建立|成立|设立|设置|维护|保护|管理|监督|检查|建设|发展|规划|实施|开展|加强|推进|落实|完善|健全|促进|保障|指导|督促|组织|推动|协调|要求|帮助|帮扶|支持|带领|动员|服务|覆盖|深入|走进|前往|进入|联系|包保|挂钩|下沉|所在|属地|辖)$")

# Levels a question may name: the document's level must be the same.
LEVEL_WORDS = {"省": "省", "市级": "市", "市里": "市", "县级": "县", "县里": "县", "区级": "区",
               "街道": "街道", "镇": "镇"}


def intent_of(question: str) -> str:
    for intent, pattern in INTENT_PATTERNS:
        if pattern.search(question):
            return intent
    return DEFAULT_INTENT


def asked_roles(question: str) -> list[str]:
    """The owner roles a question asks for: "由谁牵头，联合哪些部门" asks lead and co."""
    return [intent for intent, pattern in INTENT_PATTERNS if intent in ("lead", "co") and pattern.search(question)]


def quantity_shape(question: str) -> tuple[str, re.Pattern] | None:
    for name, asks, shape in QUANTITY_SHAPES:
        if asks.search(question) and not (name == "amount" and re.search(r"\b(?:how many|what (?:length|height|width|depth|distance|visibility))\b", question, re.I)) \
                and not (name in ("fine", "amount") and time_unit(question)):  # "几日内缴纳罚款": days, not a sum
            return name, shape  # "how many … at most", "what length … at most": a count or a length, no sum
    return None


# Target questions whose number has a form of its own: a frequency (每季度1次), a change by a
# share (下降10%), a ratio; any other target takes any number.
SPECIFIC_METRIC_SHAPES = ("limit", "frequency", "change", "ratio", "people", "area")


def metric_shape(question: str) -> re.Pattern | None:
    """The form a target question's number must have, if it asks for one: a frequency, a change,
    a ratio, a count of people, or a number of the asked unit of time ("after how many years")."""
    found = quantity_shape(question)
    if found and found[0] in SPECIFIC_METRIC_SHAPES:
        return found[1]
    if COUNTED_ASKED.search(question):
        return COUNTED
    classifier = CLASSIFIER_ASKED.search(question)
    return counted_in(classifier.group("c")) if classifier else time_unit(question)


# A count asked with its classifier ("派出了几个巡查组"): a number with one answers ("多少个示范社区" takes any number).
COUNTED_ASKED = re.compile(r"几(?:个|家|项|座|台|辆|种|处)(?!月|工作日|小时)")
COUNTED = re.compile(rf"{_CN}\s*(?:余|多)?\s*(?:个|家|项|次|处|座|台|辆|种)")
# ... "多少" with a classifier other than 个 ("不得超过多少台", "共查出多少项"): a number with that very classifier
# answers, not a frequency or a span written beside it ("每周检查一次", "留存三年").
CLASSIFIER_ASKED = re.compile(r"多少(?P<c>台|辆|座|项|处|家|艘|架|部|套|件|条|种|所|户)")


def counted_in(classifier: str) -> re.Pattern:
    """A number counted in ``classifier`` ("三十台", "52项")."""
    return re.compile(rf"{_CN}\s*(?:余|多)?\s*{classifier}")
