"""Rules as data for what a news report or a notice says once (tests/test_answer_acts.py has one example per row):
who did the act a question names (主持, not 出席, when it asks who chaired), who did what a question asks
with "是谁…的" (是谁组织研究审定的), a document's 文号, and a fine written in the sentence after the breach
("…的，按照…处理。处以罚款的，罚款数额为三万元以下")."""
from __future__ import annotations

import re


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


# The acts of a meeting a question may name, and how a report writes each: (question words, the act written).
ACTS: tuple[tuple[re.Pattern, str], ...] = tuple((_rx(q), a) for q, a in (
    (r"主持|\bchair(?:ed|s)?\b|\bpresided\b|\bhosted\b", r"主持(?:召开)?"),
    (r"出席|\battend(?:ed|s)?\b", r"出席"),
    (r"讲话|\bspoke\b|\bspeech\b|\baddressed\b", r"(?:出席[^，,。；;]{0,6}?)?(?:并|,|，)?(?:作|做)?(?:了)?(?:重要)?讲话"),
    (r"宣读|\bread out\b", r"宣读了?"),
    (r"传达|\bconvey(?:ed|s)?\b|\brelay(?:ed|s)?\b", r"传达了?"),
    (r"率队|带队|率领|\bled\b", r"率队|带队|率领|率(?=[^，,。；;]{2,30}?组)"),
    (r"组织召开|\bconvened\b", r"组织召开"),
    # "哪个局汇报了…落实情况", "Which bureau reported on how … was carried out": the one written before 汇报
    (r"汇报|\breported on\b|\b(?:gave|made) (?:a |the )?reports? on\b", r"汇报了?"),
    # "谁就河长制工作作全面部署": the one written before 就…作部署
    # ("谁对…进行了全面安排部署", "Who made the overall arrangements": 安排 is part of the act; 对 as 就)
    (r"(?:作|做|进行)了?(?:全面|具体|详细|专题|系统)?(?:安排)?部署|\bdeploy(?:ed|s)?\b|\b(?:gave|made) (?:the )?(?:overall )?arrangements\b",
     r"(?:就|对)[^，,。；;]{1,30}?(?:作|做|进行)了?(?:全面|具体|详细|专题|系统)?(?:安排)?部署"),
    # "哪个部门就…作了发言": the one written before 就…作发言 (or before its 表态发言)
    # (English "spoke" is either: 讲话 above, or a unit's 交流发言)
    (r"(?:作|做)了?(?:表态|交流|典型)?发言|\bmade (?:a |the )?statements?\b|\bspoke\b",
     r"(?:就[^，,。；;]{1,30}?)?(?:作|做)了?(?:表态|交流|典型)?发言"),
))
# A who-question naming one of these acts is answered by the clause writing the act, or not from a clause.
ACT_REQUIRED = _rx(r"主持|宣读|传达|率队|带队|出席|(?:作|做|进行)了?(?:全面|具体|详细|专题|系统)?(?:安排)?部署|(?:作|做)了?(?:表态|交流|典型)?发言|\bchair(?:ed|s)?\b|\bpresided\b"
                   r"|\bread out\b|\bconvey(?:ed|s)?\b|\brelay(?:ed|s)?\b|\battended\b|\bspoke\b|\bdeployed\b|\b(?:gave|made) (?:the )?(?:overall )?arrangements\b")
WHO_ASKED = _rx(r"谁|哪一?位|哪名|哪个|哪些|\bwho\b|\bwhich\b")
# Who a report writes before its act: a name or a post and a name, at a clause's start or after its 由
# ("会议由市政府副秘书长曹建中主持").
# (A clause opening on an act names no one: "出席会议并讲话" is no one who spoke.)
_ACTOR = r"(?:^|(?<=[，,。；;：:\s]))(?:[^，,。；;：:\s由]{0,6}?由)?(?P<org>(?!出席|主持|参加|宣读|传达|讲话|发言|召开)[^，,。；;：:\s]{2,40}?)" \
    r"(?:相关负责人|负责同志)?(?:同志)?"
# "是谁组织研究审定的", "由谁审定的": the act the question ends on, read before its 的.
WHO_DID = re.compile(r"(?:是|由)?谁(?:来)?(?P<act>[\u4e00-\u9fff]{2,8}?)的\s*[？?]?\s*$")
# ... or right after its 谁, done (了) to what follows: "是谁通报了…事故", "会上谁部署了…"; a kind of doer asked
# in its place ("哪些单位汇报了…", "哪个部门介绍了…") asks the doer of that act as 谁 does.
WHO_DID_DONE = re.compile(r"(?:(?:是|由)?谁|哪(?:些|个|几个|一个|家|几家)(?:单位|部门|机关|机构|领导|同志))(?:来)?(?P<act>[\u4e00-\u9fff]{2})了")
# Acts that say nothing of their own (是谁的, 谁负责的): no shape of their own.
BARE_ACTS = re.compile(r"^(?:负责|牵头|配合|管|管理|主管|发布|印发|召开)$")


def asked_acts(question: str) -> list[str]:
    """How a report writes the acts a question asks the doer of (those after its 谁/who, if any)."""
    who = WHO_ASKED.search(question)
    return [act for asks, act in ACTS if asks.search(question[who.end():] if who else question)] or \
        [act for asks, act in ACTS if asks.search(question)]


def opening_act(question: str) -> re.Pattern | None:
    """The acts asked, as a line may open on them ("主持会议"), or None when the question asks no act."""
    did = did_asked(question)
    acts = [*asked_acts(question), *([re.escape(did.group("act"))] if did else [])]
    return re.compile("(?:" + "|".join(acts) + ")") if acts and (WHO_ASKED.search(question) or did) else None


def asked_act_shapes(question: str, shapes: list[tuple[str, re.Pattern]]) -> list[tuple[str, re.Pattern]]:
    """The organisation shapes for a question, with the report's actor read for the act asked only
    (who chaired is not who attended; of several, those after its 谁/who: "传达…会议是谁主持的" asks who chaired) and,
    first, the doer of the act a "是谁…的" question ends on."""
    acts = asked_acts(question)
    if acts:
        actor = re.compile(_ACTOR + "(?:" + "|".join(acts) + ")")
        if not any(name == "actor" for name, _ in shapes):  # an act the organisation shapes do not ask (作部署)
            shapes = [("actor", actor), *shapes]
        shapes = [(name, actor if name == "actor" else shape) for name, shape in shapes
                  if name == "actor" or not act_asked(question)]  # who chaired: no subject of a duty answers
    did = did_asked(question)
    if did:
        shapes = [("did", re.compile(_ACTOR + re.escape(did.group("act")))), *shapes]
    return shapes


# Forms a question asks for by name, and the text that is the answer: a document's 文号.
ASKED_FORMS: tuple[tuple[re.Pattern, re.Pattern], ...] = tuple((_rx(q), re.compile(a)) for q, a in (
    (r"文号|发文字号|document number|reference number",
     r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{1,4}\s*号"),
))


def asked_form(question: str) -> re.Pattern | None:
    return next((form for asks, form in ASKED_FORMS if asks.search(question)), None)


# A sentence that goes on with the one before ("处以罚款的，罚款数额为…", "并处…", "逾期不改正的，处…", "违反前款规定的，
# 处…"): it says the topic of the breach written before it.
CONTINUES = re.compile(r"^\s*(?:处以罚款的|罚款数额为|并处|逾期(?:不|未)改正的|拒不改正的|违反(?:前|本|上)(?:[一二两三四]|\d)?[款条](?:的)?规定的)")


def did_asked(question: str) -> re.Match | None:
    """"是谁组织研究审定的", "是谁通报了…": the act a who-question asks the doer of, when it says something of its own."""
    did = WHO_DID.search(question) or WHO_DID_DONE.search(question)
    return did if did and not BARE_ACTS.match(did.group("act")) else None


# A page that sets its words on lines of their own (a post, a name, then the act: "市教育局党组成员\n程晋鹏\n主持会议"):
# a line opening on the act names its doer on the short lines right above it, the name last. A line with
# punctuation, or one writing an act itself ("出席会议并讲话", "…推进会召开"), is no part of them.
LINE_ABOVE = re.compile(r"[^\n，,。；;：:！!？?、（）()《》“”]{2,20}")
LINE_WITH_ACT = re.compile(r"出席|主持|参加|宣读|传达|讲话|发言|召开|举行|会议|\d\s*[月日]")
LINES_ABOVE_MAX = 3


def actor_above(text: str, start: int, act: re.Pattern) -> tuple[str, int, int] | None:
    """(the doer a page writes on the lines above the act opening its line at ``start``, where those lines
    begin and end), or None when the line does not open on ``act`` or no such lines stand above it."""
    if start == 0 or text[start - 1] != "\n" or not act.match(text, start):
        return None
    lines, end = [], start - 1
    while len(lines) < LINES_ABOVE_MAX and end > 0:
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip()
        if not LINE_ABOVE.fullmatch(line) or LINE_WITH_ACT.search(line):
            break
        lines.insert(0, line)
        if begin == 0:
            break
        end = begin - 1
    if not lines:
        return None
    return "、".join(lines[:-1]) + lines[-1], text.rfind(lines[0], 0, start), start - 1


def act_asked(question: str) -> bool:
    """"由谁主持", "谁就…作全面部署", "Who chaired…": a who-question naming an act a report writes once."""
    return bool(ACT_REQUIRED.search(question) and WHO_ASKED.search(question))
