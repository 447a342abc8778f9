"""When a reported event happened (tests/test_answer_events.py has one example per row): a question asking on
which day a meeting was held or a notice issued ("是哪天召开的", "是哪天开的", "When was … held?") is answered by
the clause that writes a date right before the act ("2月5日,左贡县召开…", "5月13日上午,全县…工作会议召开"), not
by a deadline nor by the page's own publication stamp ("…收心会2025年02月10日09时44分"); one asking where it
was held ("在哪里召开的", "Where was … held?") by the clause that writes the place before the act ("…会议在县政府
小礼堂召开"); one asking which accident by the clause telling one happened ("…发生一起…爆炸事故")."""
from __future__ import annotations

import re

# Questions asking when an event happened: (the words that ask when) … (the act), in Chinese or English.
EVENT_ASKED = re.compile(
    r"(?:哪一?天|什么时候|何时|什么时间|什么日期|几月几[日号])[^？?，,]{0,6}?(?:召开|开的|开会|举行|举办|印发|发布|发生|成立)"
    r"|(?:召开|举行|举办|印发|发布|发生)(?:的)?(?:时间|日期)(?:是)?(?:什么|哪)"
    r"|\b(?:when|(?:on )?(?:what|which) (?:date|day)) (?:was|were|did)\b[^?]{0,160}?\b(?:held|hold|convened?|issued?|published?|happen(?:ed)?|took place"
    r"|take place|occur(?:red)?)\b",
    re.I)
# A date and, in the same sentence, the act after it: "6月23日,延吉市召开…", "5月13日上午,全县…会议召开",
# "会议于4月28日在…召开", "巡查工作于1月19日至2月6日全面开展". A page's stamp writes the act before its date and is not read.
_DAY = r"(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[〇○零一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]"
EVENT_DATE = re.compile(rf"(?P<date>{_DAY})(?:[上下]午|晚上?|早上)?[^。；;！!?？]{{0,60}}?"
                        r"(?:召开|举行|举办|开幕|开展|启动|印发|发布|发生|成立)")
# A notice's signature: its date alone on a line, right under the issuer's name alone on the line above
# ("…办公厅\n2018年6月1日"): the day it was issued, for a question asking when it was issued.
ISSUE_ASKED = re.compile(r"印发|发布|下发|\bissued?\b|\bpublished?\b", re.I)
_SIGNED_DAY = r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
SIGNATURE_DATE = re.compile(rf"\s*(?:{_SIGNED_DAY})\s*")
SIGNER_LINE = re.compile(r"[^\n，,。；;：:！!？?、《》“”]{1,28}(?:厅|局|委|会|部|院|府|室|办|中心|处|队|所|站)")
# Of a clause's score, what writing the asked event's date adds (a shape bonus is 0.25).
EVENT_BONUS = 0.3


# Questions asking where an event took place, and the place a clause writes right before the act.
PLACE_ASKED = re.compile(
    r"在(?:哪里|哪儿|哪|什么地方|何处)[^？?，,]{0,4}?(?:召开|开的|开会|举行|举办)|(?:召开|举行|举办|会议)的?地点"
    r"|\bwhere (?:was|were|is|will|did)\b[^?]{0,160}?\b(?:held|hold|convened?|take place|took place|taking place)\b",
    re.I)
# (… the doer's own act of holding it after a comma, too: "民警在清泉乡政府,组织召开了…联席会")
EVENT_PLACE = re.compile(r"在(?P<place>[^，,。；;：:在]{2,30}?)[，,]?(?:隆重|组织|联合|集中)?(?:召开|举行|举办|开幕)")


# A question asking which accident ("吸取了哪起事故的教训", "Which accident made … check …"), and the clause telling one
# that happened ("邻市发生一起燃气爆炸事故"): it answers, not the one drawing its lessons ("为吸取事故教训，…").
ACCIDENT_ASKED = re.compile(r"哪一?(?:起|次|场)[^？?，,]{0,4}?(?:事故|火灾|爆炸)|什么(?:事故|火灾|爆炸)|哪里(?:发生|出)了?(?:事故|火灾|爆炸)"
                            r"|\b(?:which|what) (?:[a-z-]+ ){0,2}?(?:accident|incident|fire|explosion|blast)\b(?!s)", re.I)
ACCIDENT_TOLD = re.compile(r"发生(?:了)?[^。；;，,]{0,30}?(?:事故|火灾|爆炸|中毒|坍塌|泄漏)")


def event_asked(question: str) -> bool:
    return bool(EVENT_ASKED.search(question))


def event_date(clause: str) -> re.Match | None:
    """The date a clause writes before its act, if it writes one."""
    return EVENT_DATE.search(clause)


def place_asked(question: str) -> bool:
    return bool(PLACE_ASKED.search(question))


def event_place(clause: str) -> re.Match | None:
    """The place a clause writes before its act ("在县政府招待所小礼堂召开"), if it writes one."""
    return EVENT_PLACE.search(clause)


def event_bonus(question: str, clause: str) -> float:
    """A clause dating (or placing) the event asked outscores one whose date is a deadline or a page's
    stamp (or that writes no place)."""
    if place_asked(question):
        return EVENT_BONUS if event_place(clause) else 0.0
    if ACCIDENT_ASKED.search(question):
        return EVENT_BONUS if ACCIDENT_TOLD.search(clause) else 0.0
    return EVENT_BONUS if event_asked(question) and event_date(clause) else 0.0


def accident_told_before(question: str, text: str, start: int, end: int) -> int:
    """Where the answer to "which accident" starts: at the sentence right before the clause ``text[start:end]`` when
    that clause draws an accident's lessons ("为吸取事故教训，…") and the sentence tells the accident; else at ``start``."""
    if not ACCIDENT_ASKED.search(question) or "事故" not in text[start:end] or ACCIDENT_TOLD.search(text, start, end):
        return start
    before = max(text.rfind(mark, 0, max(0, start - 1)) for mark in "。；;！!\n") + 1
    return before if ACCIDENT_TOLD.search(text, before, start) else start


def signature_date(question: str, text: str, start: int, end: int) -> bool:
    """The clause ``text[start:end]`` is a notice's signature date (its own line, the signer's name alone on the
    line above) and the question asks when the notice was issued."""
    if not (event_asked(question) and ISSUE_ASKED.search(question)) or not SIGNATURE_DATE.fullmatch(text, start, end):
        return False
    if start == 0 or text[start - 1] != "\n":
        return False
    above = text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip()
    return bool(SIGNER_LINE.fullmatch(above))
