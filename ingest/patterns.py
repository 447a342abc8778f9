"""Every parsing rule as a named constant: heading styles, owner phrases, deadlines (targets: ingest.target_rules).

A new document style should be a new line here (plus its test in tests/test_patterns.py),
not new code. Half- and full-width punctuation are accepted alike by every pattern.
"""
from __future__ import annotations

import re

CN_DIGITS = "零〇一二两三四五六七八九十百"
_NUM_CN = f"[{CN_DIGITS}]+"
LP, RP = "[（(]", "[）)]"
COLON, COMMA, SEMI = "[：:]", "[，,]", "[；;]"

# ---- headings ---------------------------------------------------------------------------
# (style, pattern at line start). Level is not fixed per style: the first style seen in a
# document is level 1, the next new one level 2, and so on (documents reuse styles freely).
HEADING_STYLES: tuple[tuple[str, re.Pattern], ...] = (
    ("chapter", re.compile(rf"第({_NUM_CN}|\d+)章")),
    # 总则 / 附则 on a line of their own: a division without a number (若干措施 end with 附则)
    ("division", re.compile(r"()(?:总\s*则|附\s*则)\s*$")),
    ("part", re.compile(rf"第({_NUM_CN}|\d+)节")),
    ("article", re.compile(rf"第({_NUM_CN}|\d+)条(?:之{_NUM_CN})?")),
    ("cn", re.compile(rf"({_NUM_CN})\s*[、．.](?![是])")),
    # ((壹): a mirror site's copy writes some 一 as 壹)
    ("paren_cn", re.compile(rf"{LP}\s*({_NUM_CN}|壹)\s*{RP}")),
    # 1.1编制目的 / 3.1.1火险预警 (emergency plans and some schemes number by sections): the
    # style carries the depth (decimal2, decimal3…), see match_heading
    # (a number with two dots is no quantity: "4.1.1人员保障"; one with one may be: "3.5万", "1.5倍")
    ("decimal", re.compile(r"(\d{1,2}(?:[.．]\d{1,2}){2,3})(?![\d.．%])\s*(?=[\u4e00-\u9fff“（(])"
                           r"|(\d{1,2}[.．]\d{1,2})(?![\d.．%])\s*(?![倍万亿千百个米吨元人家次项天年度号岁])(?=[\u4e00-\u9fff“（(])")),
    # (an item may open with its year: "1.2009年底前，完成…")
    ("arabic_dot", re.compile(r"(?:(\d{1,2})\s*[.．](?:(?!\d)|(?=(?:19|20)\d{2}\s*年))|([\u2488-\u249b]))")),
    ("arabic_dun", re.compile(r"(\d{1,2})\s*、")),
    # (⑴ and ⒈ are one glyph each: word processors' numbering copied as text)
    ("paren_arabic", re.compile(rf"(?:{LP}\s*(\d{{1,2}})\s*{RP}|([\u2474-\u2487]))")),
    ("circled", re.compile("([\u2460-\u2473])")),
    # 一是…。二是…。 opening lines of their own: the points of a paragraph list
    ("cn_shi", re.compile(rf"({_NUM_CN})是(?=[\u4e00-\u9fff“\"])")),
    # 1总则 / 2组织指挥体系: a plan's top sections, a number and a short title alone on a line
    ("decimal", re.compile(r"(\d{1,2})\s*(?![万千百亿个名人家处项次年月日元号台辆条座所])(?=[\u4e00-\u9fff]{2,12}\s*$)")),
    # 1 落实防汛责任。 (a number and a space: an item only where its numbers run on, see sections)
    ("arabic_space", re.compile(r"(\d{1,2})[ \u3000]*(?![万千百亿个名人家处项次年月日元号台辆条座所])(?=[\u4e00-\u9fff“])")),
)
MARKDOWN_HEADING = re.compile(r"(#{1,6})\s*")
# A numbered line whose text runs on is an item: its title is the first sentence when short.
ITEM_TITLE_MAX = 40
ITEM_TITLE_CLAUSE_MAX = 20
SENTENCE_END = re.compile(r"[。！？!?]")
CLAUSE_END = re.compile(r"[，,；;：:]")

# A heading that is only "duties" (二、主要职责) under a preface that set up the body they belong to
# ("决定成立X关爱帮扶小组，现将组成人员及主要职责公布如下："): the body the preface set up holds them.
BARE_DUTY_HEADING = re.compile(r"(?:主要|工作|具体)?职责(?:分工|任务)?")
CREATED_IN_PREFACE = re.compile(r"成立了?[“\"]?(?P<name>[^，,。；;：:、“”\"]{2,40}?(?:领导小组|工作小组|小组|指挥部|委员会|专班|工作组))")
# A document's statement of purpose ("第一条 为了加强…，根据…，制定本规定。"): no one's task.
PURPOSE_CLAUSE = re.compile(r"^(?:第[一1]条\s*)?(?:为了?|根据|依据)[^。\n]*?(?:制定|制订)本(?:规定|办法|细则|方案|条例|措施|意见|规则|制度)。?$")
# Sections that describe rather than assign (guiding ideas, principles, background).
NON_TASK_SECTION = re.compile(
    r"指导思想|基本原则|工作原则|总体要求|总体思路|基础与形势|取得成效|面临形势|发展环境|编制依据|适用范围|总\s*则|附\s*则"
    r"|现状与形势|现状和形势|形势分析|发展现状|进展与成效|进展和成效|发展基础|组成人员|成员名单|人员组成")
# A table's caption on its own line (表2 宣传培训任务 / 附表1：…): it names the table below, no task.
TABLE_CAPTION = re.compile(r"^[ \t]*(?:附)?表\s*(?:\d{1,2}(?![\d.．%])|[一二三四五六七八九十]{1,3})\s*[：:.、．-]?[^\n。；;]{0,30}$", re.M)
# A web page's footer copied with the notice: who runs the site, its copyright and address.
PAGE_FOOTER = re.compile(r"版权所有|版权声明|COPYRIGHT|Copyright|©|ICP备|网站标识码|网站地图|网站简介|(?:主办|主管)(?:单位)?[：:][^\n]{0,40}?承办(?:单位)?[：:]"
                         r"|[•·]?\s*[上下]一篇(?:文章)?\s*[：:]|扫描(?:下方)?二维码|新闻邮箱[：:]|有奖报料|责任编辑[：:]|打印本页|关闭窗口"
                         r"|^\s*(?:地址|邮编|联系电话|电话/传真|电子信箱)[：:]")
# A line of a table of contents: a heading with its page number ("1.完善应急管理体系 - 22 -",
# "二、主要任务……………8"): not the heading itself, which follows later in the text.
CONTENTS_ENTRY = re.compile(r"(?:\s+-\s*\d{1,3}\s*-|[.·…．]{3,}\s*\d{1,3}|\t\d{1,3})\s*$")
# Sections whose numbered items are targets of the plan (each is a task with the horizon).
TARGET_SECTION = re.compile(r"目标")

# ---- item layout -------------------------------------------------------------------------
# Sub-items that describe one activity rather than being tasks of their own: 1.活动时间：…
# 2.活动内容：… 3.组织单位：…; their parent is the task (owners and time from these lines).
FIELD_ITEM = re.compile(
    r"^(?:活动|工作|检查|培训|演练|宣传)?(?:时间|内容|主题|地点|对象|方式|形式|范围|重点|要求|步骤|安排)"
    r"|^(?:组织|牵头|责任|参加|参与|配合|协办|承办|主办)(?:单位|部门)|^完成时限|^时间节点")
# Lines that close a document or sit outside its tasks: signatures, dates, contacts, 抄送.
CLOSING_LINE = re.compile(
    r"^(?:附件\s*[:：\d一二三四五六七八九十]|附件$|附[:：]|抄送|抄报|印发|主送|联系人|联系电话|联系方式|咨询电话|电话[:：]"
    r"|电子邮箱|邮箱[:：]|传真[:：]|地址[:：]|邮编|（此件|\(此件|此件公开|主题词|信息公开选项|责任编辑|来源[:：])")
# A lead-in whose numbered items are its subject's duties ("联席会议履行以下职责：",
# "市应急局的主要职责是：", "各乡镇负责以下工作。", "…履行以下综合协调、督促指导等职责："): the items
# inherit the subject.
DUTY_LIST_INTRO = re.compile(r"(?:以下|下列|如下)[^。；;：:\n]{0,16}?(?:职责|任务|工作)[:：。]?$|(?:主要|其|的)职责(?:是|为|有)?[:：]$"
                             r"|(?:以下|下列)[^。；;：:\n]{1,20}?[:：]$")  # 各级政府应当组织实施下列防火设施建设：
# A heading naming whose duties follow ("二、县应急管理局安全生产工作职责", "（一）县应急局负责："): the tail after the bodies.
DUTY_HEADING_TAIL = re.compile(r"(?:的)?[\u4e00-\u9fff（）()]{0,10}?(?:职责|职责清单|职责分工|主要职责|工作任务|任务清单|负责)"
                               r"(?:[、和及与](?:任务|义务|分工|要求|权限))?(?:是|为|如下)?$")  # (…职责、任务: two words for one list)
# A heading naming a kind of enterprise that holds the duties under it ("（四十）通信单位。"),
# read as an owner only among sibling headings that are bodies (a duty list by holder).
HOLDER_HEADING = re.compile(r"[\u4e00-\u9fff]{2,10}(?:单位|企业|公司)")
# A preface that hands over to what follows ("…现将有关事项通知如下："): never part of a task.
# A cover letter's sentence that passes the document on and asks for it to be carried out: no
# task of its own ("现将《…》印发给你们，请认真贯彻落实。", "请结合实际认真组织实施。", "特此通知。").
TRANSMITTAL = re.compile(r"(?:现将[^。]{0,80}?)?(?:印发|转发|下发)给你们[^。]{0,30}|请[^。]{0,12}?(?:贯彻落实|遵照执行|贯彻执行|组织实施|抓好落实)"
                         r"|特此通知")
TRANSMITTAL_REST_MAX = 12  # characters a transmittal sentence may hold besides its formula


def is_transmittal(text: str) -> bool:
    """Every sentence passes the document on or asks for it to be carried out."""
    sentences = [s for s in re.split(r"[。！!；;\n]", text) if re.sub(r"\W", "", s)]
    return bool(sentences) and all(
        TRANSMITTAL.search(s) and len(re.sub(r"\W", "", TRANSMITTAL.sub("", s))) < TRANSMITTAL_REST_MAX
        for s in sentences)


# The summary of a year's work that a notice asks for: the year its year-less dates are in.
SUMMARY_OF_THE_YEAR = re.compile(r"(20\d{2})\s*年度?[^，,。；;《》\n\d]{0,24}?(?:工作)?总结")
# A deadline written with its year ("于2018年11月20日前", "2019年6月底前"): a text whose year-less dates take it.
DATED_DEADLINE = re.compile(r"(20\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日|[上中下]旬|底|末)?\s*(?:前|之前|以前)")
PREFACE_END = re.compile(r"(?:如下|下列|以下)[^。；;\n]{0,6}[:：]\s*$")
DATE_ONLY_LINE = re.compile(
    r"^\s*(?:[\u4e00-\u9fff（）()]{2,40}\s*)?(?:(?:19|20)\d{2}|[二〇○O零一三四五六七八九]{4})\s*年"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{0,3}\s*日?(?:印发|发布)?[。.]?\s*$")
# A time phrase that may open a clause before its subject: "2019年3月底前，", "每年2月底前".
# A section that gives the whole activity its period: 三、活动时间 / （二）时间安排 / 实施时间
# A sentence giving the whole activity's period, where no section of its own does.
# (… or the activity said to run from one day to another: "集中整治行动从今年11月1日起至明年3月底结束")
ACTIVITY_PERIOD = re.compile(r"(?:此次|本次)?(?:专项)?(?:行动|活动|整治|检查|督查)(?:(?:时间|期限)(?:为|是|[：:])\s*(?P<period>[^。；;\n]{4,40})"
                             r"|(?:从|自)(?P<run>[^。；;，,\n]{2,20}?(?:起|开始)?至[^。；;，,\n]{2,20}?(?:结束|止)))")
ACTIVITY_TIME_HEADING = re.compile(r"(?:活动|实施|行动|整治|整改|检查|工作|督查|督导|视察|巡查|考核|演练|排查|集中|专项){0,3}"
                                   r"(?:时间|时间安排|时间节点|起止时间)")
# Sections of standing requirements (三、工作要求): the activity's period does not date them.
REQUIREMENTS_SECTION = re.compile(r"(?:工作|有关|相关|具体|几点)要求|保障措施|组织保障")
# A slogan in quotes naming how the work is shared ("形成“政府主导、民政组织、部门配合”的格局"): a formula, no owners.
SLOGAN = re.compile(r"[“\"‘][^“”\"‘’]{2,12}(?:、[^“”\"‘’]{2,12})+[”\"’]")


# A point numbered inside a paragraph, as meeting reports and speeches list them: 一是…；二是…,
# 一要…。二要…, 首先…其次…
INLINE_POINT = re.compile(r"(?:[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]要|首先|其次|再次|最后)(?=[\u4e00-\u9fff“\"])")
# The name of a stage of a campaign: 动员部署阶段 / 第二阶段 / 集中整治期 / 巩固提升
STAGE_NAME = re.compile(r"[\u4e00-\u9fff]{0,10}(?:阶段|期)|第[一二三四五六七八九十\d]+阶段[\u4e00-\u9fff]{0,8}")
# A clause opening with the date it is due by: one dated step of several in an item ("…：9月底前
#完成排查，年底前完成整改；次年1月底前组织验收").
STEP_START = re.compile(
    r"(?:次年|明年|今年)?(?:(?:19|20)\d{2}年)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:\d{1,2}日|上旬|中旬|下旬|底|末|份)?"
    r"|年底|年内|上半年|下半年|第[一二三四1-4]季度)(?:前|之前|以前|内)")
TIME_OPENER = re.compile(
    r"(?:(?:从|自|在|于|到|至|力争)?(?:(?:19|20)\d{2}年(?:\d{1,2}月(?:\d{1,2}日)?|第[一二三四1-4]季度|[上下]半年)?|(?:\d{1,2}|十[一二]|[一二三四五六七八九十])月(?:\d{1,2}日)?"
    r"|上半年|下半年|年底|年内|今年|明年|第[一二三四1-4]季度|每年\d{1,2}月|每年|每季度|每月)"
    r"(?:底|末|初|上旬|中旬|下旬)?(?:前|之前|以前|起|开始|以来|内|以内|期间)?)[，,、]?\s*")

# ---- document kind ---------------------------------------------------------------------------
# A regulation says so itself: its title, a 总则 chapter, an entry-into-force article. Articles
# alone do not make one (若干措施 number their measures 第一条, 第二条 … and assign owners).
REGULATION_TITLE = re.compile(
    r"(?:条例|办法|规定|规则|细则|实施细则|法|守则|规程|准则)(?:[（(][^（）()]*[）)])?$")
REGULATION_SIGN = re.compile(
    r"第[一1]章\s*总\s*则|本(?:条例|办法|规定|细则|规则|法)自\s*\S{0,20}?(?:起施行|起实施|施行)")

# ---- plan horizons ---------------------------------------------------------------------------
# a year span in a title: （2024—2026年） / 2021-2023年
YEAR_RANGE = re.compile(r"(20\d{2})\s*[—\-–~～至到]+\s*(20\d{2})\s*年")
# a plan's target year in the text around its targets: 到2025年 / 到2027年底
HORIZON = re.compile(r"(?:到|至)\s*(?P<y>20\d{2})\s*年(?P<ye>底|末)?")


def cn_to_int(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 12 -> 12 (enough for headings and durations)."""
    if text.isdigit():
        return int(text)
    values = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
    total, current = 0, 0
    for ch in text:
        if ch in values:
            current = values[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


# the code point of the glyph numbered 1 in styles written as one glyph per number (① ⑴ ⒈)
GLYPH_ONE = {"circled": 0x2460, "paren_arabic": 0x2474, "arabic_dot": 0x2488}


def match_heading(line: str) -> tuple[str, int, re.Match] | None:
    """(style, ordinal, match) when a line starts with a heading or item marker."""
    for style, pattern in HEADING_STYLES:
        m = pattern.match(line)
        if m:
            token = next(group for group in m.groups() if group is not None)
            if style == "decimal":  # 3.1.1: depth 3, ordinal 1
                parts = re.split(r"[.．]", token)
                return f"decimal{len(parts)}", int(parts[-1]), m
            ordinal = ord(token) - GLYPH_ONE[style] + 1 if style in GLYPH_ONE and not token.isascii() else cn_to_int(token)
            return style, ordinal, m
    return None


def starts_with_heading(line: str) -> bool:
    return bool(MARKDOWN_HEADING.match(line) and line.startswith("#")) or match_heading(line) is not None
