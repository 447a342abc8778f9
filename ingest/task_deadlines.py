"""A task's deadline, from the most specific source: an explicit date in its words; its own
annotation's; a loose or recurring one in its words; then the item's opening date, the
activity's field, the group block's, a stage heading's, a target list's horizon written above
it, the period an activity-time section gives. Year-less forms take the section's or the
document's year (flagged)."""
from __future__ import annotations

import re
from dataclasses import replace

from ingest import dates
from ingest import patterns as P
from ingest.cue_rules import DOCUMENT_DATES
from ingest.dates import DateContext
from ingest.items import DocContext
from ingest.sections import Node


def horizon(node: Node, text: str) -> str:
    """A target list's deadline: "到2025年" written in an enclosing section. The plan's name
    (十四五, 2021—2025年) dates no target of its own: the notices' readers leave those undated."""
    parent = node.parent
    while parent is not None and parent.parent is not None:
        m = P.HORIZON.search(text[parent.text_start:parent.end])
        if m:
            return m.group()
        parent = parent.parent
    return ""


def choose_deadline(plain: str, own: str, fallbacks: list[str], ctx: DateContext, opened: str = "") -> dates.Chosen:
    """The most specific deadline: an explicit one in the task's words; its own annotation's;
    a loose or recurring one in its words; then the item's opening date, the group block's, the
    plan's horizon. ``opened``: the time its sentence opened with (``sentence_time``), read
    with the words for their year but never shown as theirs."""
    text = opened + plain.lstrip() if opened else plain
    found = [_as_written(d, len(opened)) for d in due_dates(text, ctx)]
    explicit = dates.choose([d for d in found if d.kind == "explicit"])
    if explicit.raw:
        return explicit
    if own:
        return dates.deadline_field(own, ctx)
    rest = dates.choose(found)
    if rest.raw:
        return rest
    for fallback in fallbacks:
        if fallback:
            chosen = dates.deadline_field(fallback, ctx)
            if chosen.raw:
                return chosen
    return dates.NONE


DUE_WORD = re.compile(r"(?:于|在|定于|截止到?|到|至)?\s*")  # before a deadline's date: the date is what a rule holds


def due_dates(text: str, ctx: DateContext) -> list[dates.Deadline]:
    """The deadlines in ``text`` that are due dates: not the date of a reported meeting, of taking
    effect, of validity… (``cue_rules.DOCUMENT_DATES``, the coverage check's table, held the same
    way: a deadline's date inside a row's match)."""
    found = dates.find_deadlines(text, ctx)
    if not found:
        return found
    not_due = [m.span() for _, pattern, _ in DOCUMENT_DATES for m in pattern.finditer(text)]
    return [d for d in found if not any(a <= d.start + len(DUE_WORD.match(d.raw).group()) and
                                        d.start + len(d.raw) <= b for a, b in not_due)]


def _as_written(deadline: dates.Deadline, opened: int) -> dates.Deadline:
    """A deadline read across the sentence's opening time ("2020年起，每年" + "3月底前") keeps
    the task's own words as its text ("3月底前"); its date keeps the year the opening gave."""
    if deadline.start >= opened:
        return deadline
    return replace(deadline, raw=deadline.raw[opened - deadline.start:].lstrip(" ，,"), start=opened)


# "2020年起，每年2月底前A完成…，3月底前B完成…": B's month belongs to the same years.
SENTENCE_TIME = re.compile(r"(?:20\d{2}\s*年起[，,]?\s*)?每年|20\d{2}\s*年(?!\d|起|底|末)")


def sentence_time(body: str, seg_start: int, plain: str) -> str:
    """The year (or the "每年") the sentence of a task opened with, when the task starts inside
    that sentence with a month and no year: its deadline's year, not its words."""
    if seg_start == 0 or body[seg_start - 1:seg_start] not in "，," or not re.match(r"\s*\d{1,2}\s*月", plain):
        return ""
    sentence_start = max(body.rfind(ch, 0, seg_start) for ch in "。！？!?；;\n") + 1
    m = SENTENCE_TIME.match(body, sentence_start)
    return m.group().rstrip("，, ") if m else ""


def heading_deadline(node: Node, ctx: DateContext) -> str:
    """A stage heading's date is the deadline of the work under it: （一）动员部署（4月1日—4月30日）,
    the item's own heading included (its text is the work under it)."""
    for heading in reversed(node.path):
        found = [d for d in due_dates(heading, ctx) if d.kind == "explicit"]
        if found:
            return found[-1].raw
    return ""


def activity_time(root: Node, text: str, ctx: DocContext) -> tuple[str, bool]:
    """The end of the period a section of its own gives the activity ("三、活动时间\n本次活动
    于6月1日启动，持续至6月30日"): the deadline of its tasks that name none; and whether it ends a
    period (standing requirements are not due at its end) rather than naming the day it takes place."""
    for node in root.walk():
        name = re.split(r"[：:]", node.title, maxsplit=1)[0].strip()  # "视察时间：2021年4月7日" on one line
        if node.parent is not None and P.ACTIVITY_TIME_HEADING.fullmatch(name):
            section = text[node.text_start:node.end]
            period = bool(PERIOD_MARK.search(section))
            found = [d for d in due_dates(section, ctx.dates(node)) if d.kind == "explicit"]
            if found:
                return found[-1].raw, period
            days = BARE_DAY.findall(section) if len(section) <= TIME_SECTION_MAX else []
            if days:  # "四、视察时间：2021年4月7日。": the day the activity takes place
                return days[-1], period
    # or a sentence of its own: "此次专项行动时间为2016年12月1日至2017年2月28日。"
    for m in P.ACTIVITY_PERIOD.finditer(text):
        found = [d for d in due_dates(m.group("period") or m.group("run"), ctx.dates(root)) if d.kind == "explicit"]
        if found:
            return found[-1].raw, True
    return "", False


PERIOD_MARK = re.compile(r"至|到|—|－|~|～|起")  # "即日起至2018年3月31日": a period's end, not a day


BARE_DAY = re.compile(r"(?:(?:19|20)\d{2}\s*年)?\d{1,2}\s*月\d{1,2}\s*日")
TIME_SECTION_MAX = 100  # a time section this short holding a bare date names the activity's day


TIME_OF_DAY = re.compile(r"\s*(?:上午|下午|晚上|晚间|早上|中午|凌晨)")  # 5月20日上午，…: the hour a report tells


def opening_date(item_text: str) -> str:
    """The time an item opens with, which dates its later steps; not a report's own date
    ("2020年5月20日上午，市住建局召开…": the day it happened, ``cue_rules.DOCUMENT_DATES``)."""
    m = P.TIME_OPENER.match(item_text)
    if not m:
        return ""
    sentence = re.split(r"[。！？!?\n]", item_text, maxsplit=1)[0]
    if TIME_OF_DAY.match(item_text, m.end()) or any(pattern.match(sentence) for _, pattern, _ in DOCUMENT_DATES):
        return ""
    return m.group().strip(" ，,、")
