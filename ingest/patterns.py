"""Every parsing rule as a named constant: heading styles, owner phrases, deadlines, metrics.

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
    ("part", re.compile(rf"第({_NUM_CN}|\d+)节")),
    ("article", re.compile(rf"第({_NUM_CN}|\d+)条(?:之{_NUM_CN})?")),
    ("cn", re.compile(rf"({_NUM_CN})\s*[、．.](?![是])")),
    ("paren_cn", re.compile(rf"{LP}\s*({_NUM_CN})\s*{RP}")),
    ("arabic_dot", re.compile(r"(\d{1,2})\s*[.．](?!\d)")),
    ("arabic_dun", re.compile(r"(\d{1,2})\s*、")),
    ("paren_arabic", re.compile(rf"{LP}\s*(\d{{1,2}})\s*{RP}")),
    ("circled", re.compile("([\u2460-\u2473])")),
)
MARKDOWN_HEADING = re.compile(r"(#{1,6})\s*")
# A numbered line whose text runs on is an item: its title is the first sentence when short.
ITEM_TITLE_MAX = 40
ITEM_TITLE_CLAUSE_MAX = 20
SENTENCE_END = re.compile(r"[。！？!?]")
CLAUSE_END = re.compile(r"[，,；;：:]")

# Sections that describe rather than assign (guiding ideas, principles, background).
NON_TASK_SECTION = re.compile(
    r"指导思想|基本原则|工作原则|总体要求|总体思路|基础与形势|取得成效|面临形势|发展环境|编制依据|适用范围|总\s*则|附\s*则")
# Sections whose numbered items are targets of the plan (each is a task with the horizon).
TARGET_SECTION = re.compile(r"目标")

# ---- owners -----------------------------------------------------------------------------
# Labelled owner blocks: （完成时限：2021年12月，牵头单位：市应急局，配合单位：…）
OWNER_LABELS: dict[str, str] = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主责单位": "lead",
    "配合单位": "co", "配合部门": "co", "协办单位": "co", "参与单位": "co", "协同单位": "co",
    "责任单位": "responsible", "责任部门": "responsible", "实施单位": "responsible",
    "完成时限": "deadline", "完成时间": "deadline", "时间节点": "deadline", "时限要求": "deadline",
}
OWNER_LABEL = re.compile(rf"({'|'.join(OWNER_LABELS)})\s*{COLON}")

# Role phrases, tried in order on owner text without labels (and on a label's value that
# itself says who leads, as in 责任单位：街道安委会办公室、应急办牵头，…组织实施).
_CO_VERBS = r"(?:配合|参与|分工负责|共同负责|按职责分工负责|负责|组织实施|协同配合|落实|实施)"
ROLE_PHRASES: tuple[tuple[str, re.Pattern], ...] = (
    # 县应急局牵头，各有关部门分工负责 / A、B分别牵头，会同C… / A牵头，B组织实施
    ("lead_then_co", re.compile(
        rf"^(?P<lead>.+?)(?:分别|共同)?牵头(?:负责)?(?:{COMMA}|{SEMI}|、)?"
        rf"(?:(?:会同|协同|联合|由)?(?P<co>.+?){_CO_VERBS}?)?$")),
    # 县委宣传部、县安委会办公室会同各有关部门分工负责 / 县应急局同各有关部门分工负责
    ("lead_with_co", re.compile(
        rf"^(?P<lead>.+?)、?(?:会同|协同|(?<=[局委办部队心室])同)(?P<co>.+?){_CO_VERBS}?$")),
    # 县财政局、县消防救援大队分工负责 / 县应急局负责
    ("responsible", re.compile(
        r"^(?P<responsible>.+?)(?:按职责)?(?:分工|共同|各自|具体|分别)?负责(?:落实|实施)?$")),
)
# Text that ends an owner parenthesis (used to tell owners from ordinary asides).
OWNER_TAIL = re.compile(r"(?:负责|牵头|配合|组织实施|参与|落实)(?:实施)?$")
# An owner parenthesis anywhere in the text.
PAREN_GROUP = re.compile(rf"{LP}([^（）()]{{2,400}}){RP}")

# Owners named in prose, for documents without owner annotations.
PROSE_OWNERS: tuple[tuple[str, re.Pattern], ...] = (
    # 应急管理、发展改革、工业和信息化…等部门联合研究制定…
    ("listed_departments", re.compile(
        r"(?P<responsible>(?:[\u4e00-\u9fff]{2,12}、){2,}[\u4e00-\u9fff]{2,12}等(?:有关|相关)?部门)"
        r"(?:要|应|联合|共同|分别|负责)")),
    # 由市交通运输局负责，市公安局交警支队配合 (a named helper makes the first the lead)
    ("by_unit_lead_co", re.compile(
        r"由(?P<lead>[\u4e00-\u9fff、]{2,40}?)(?:牵头|负责)[，,](?P<co>[\u4e00-\u9fff、]{2,60}?)(?:配合|参与|协助)")),
    # 由事故调查组牵头部门负责
    ("by_unit_responsible", re.compile(r"由(?P<responsible>[\u4e00-\u9fff]{2,20}?(?:部门|机构|单位|局|委员会|办公室|组))负责")),
    # 由市应急局牵头
    ("by_unit_lead", re.compile(r"由(?P<lead>[\u4e00-\u9fff、]{2,40}?)牵头")),
)
# Prose rules explicit enough to apply even in documents that annotate owners elsewhere.
EXPLICIT_PROSE_OWNERS = ("by_unit_lead_co", "by_unit_responsible", "by_unit_lead")
# Owner labels written without parentheses run to the end of their line: 牵头部门：…；配合部门：…
BARE_OWNER_BLOCK = re.compile(rf"(?:{'|'.join(OWNER_LABELS)})\s*{COLON}[^\n]*")
# Regulations: a clause whose subject is a government body and that assigns a duty.
_BODY = r"[\u4e00-\u9fff]{0,16}?(?:部门|机构|人民政府|委员会|办公室|街道办事处)"
_OTHER_BODY = r"[\u4e00-\u9fff]{2,16}?(?:部门|机构|人民政府|委员会|办公室|企业|单位|机关)"
DUTY_SUBJECT = re.compile(
    r"(?:^|[。；;])\s*(?P<responsible>(?:[省市县乡镇]级以上|各级|地方各级)?(?:地方)?(?:人民政府)?"
    rf"{_BODY}(?:(?:和|及|以及|、|与){_OTHER_BODY})*)"
    r"(?:应当|负责|依法|按照|依照|对|统一|组织|会同)"
)
DUTY_VERB = re.compile(r"负责|应当|组织|监督|管理")

# ---- deadlines --------------------------------------------------------------------------
# 2024年5月底前 / 2024年底前 / 2022年年底前 / 2021年12月31日前
DEADLINE_BEFORE = re.compile(
    r"(?P<y>20\d{2})\s*年\s*(?:(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?|(?P<ye>年?[底末]))?"
    r"\s*(?:(?P<me>[底末])|[上中下]旬)?\s*(?:前|之前|以前)")
# 本方案印发后10日内 / 印发之日起3个月内
DEADLINE_RELATIVE = re.compile(
    r"(?:本方案|本通知|本意见|本规划|本办法|文件)?(?:印发|发布|下发)(?:后|之日起)\s*(?P<n>\d+|[一二两三四五六七八九十]+)\s*(?P<unit>日|天|个月|月|周)内")
# 从现在起到2026年 / 到2025年底
DEADLINE_UNTIL = re.compile(r"(?:从现在起)?(?:到|至)\s*(?P<y>20\d{2})\s*年(?P<ye>底|末)?")
# a clause opening with a bare year: "2024年，按照…"
DEADLINE_YEAR_CLAUSE = re.compile(r"(?:^|[。；;！])\s*(?P<y>20\d{2})\s*年\s*[，,]")
# a year span in a title: （2024—2026年） / 2021-2023年
YEAR_RANGE = re.compile(r"(20\d{2})\s*[—\-–~～至到]+\s*(20\d{2})\s*年")
# plans named after the five-year period: "十四五" -> 2025
FIVE_YEAR_PLAN = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")

# ---- metrics ----------------------------------------------------------------------------
_N = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万半]+)"
METRIC_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("percent", re.compile(r"\d+(?:\.\d+)?\s*[%％]")),
    ("rate_bound", re.compile(r"(?:控制在|低于|不高于|不超过|不低于|不少于|达到|降至|下降至|下降|上升|提高|减少)\s*\d+(?:\.\d+)?")),
    ("at_least", re.compile(rf"至少[\u4e00-\u9fff]{{0,4}}?{_N}\s*(?:次|项|个|名|人|家|天|小时)")),
    ("frequency", re.compile(rf"每(?:年|半年|季度|季|月|周|旬|天|日)(?:[^，。；,;]{{0,20}}?){_N}\s*次")),
    ("cadence", re.compile(r"一(?:周|月|季度|年)一[\u4e00-\u9fff]{1,3}")),
    ("count", re.compile(r"(?<![\d.年第])\d+(?:\.\d+)?\s*(?:万|千)?\s*(?:家|户|个|项|名|人|所|座|处|条|台|辆|套|支|类|场|批|次)(?![年月日号])")),
)
# Numbers that are not targets: dates, years, document numbers, ordinals.
NOT_METRIC = re.compile(r"20\d{2}\s*年|〔\d{4}〕|第\s*\d+|\d+\s*号|十[一二三四五六七八九]五")
CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?]")


def cn_to_int(text: str) -> int:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 12 -> 12 (enough for headings and durations)."""
    if text.isdigit():
        return int(text)
    values = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
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


def match_heading(line: str) -> tuple[str, int, re.Match] | None:
    """(style, ordinal, match) when a line starts with a heading or item marker."""
    for style, pattern in HEADING_STYLES:
        m = pattern.match(line)
        if m:
            token = m.group(1)
            ordinal = ord(token) - 0x245F if style == "circled" else cn_to_int(token)
            return style, ordinal, m
    return None


def starts_with_heading(line: str) -> bool:
    return bool(MARKDOWN_HEADING.match(line) and line.startswith("#")) or match_heading(line) is not None
