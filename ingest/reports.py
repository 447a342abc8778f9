"""A report of a meeting (会议召开… 会议要求…) assigns work only in what it asks for: the
lead saying who met and who attended, what was heard or passed on, and the review of the past
year are no tasks. In a report without numbered items, each sentence that asks for something
(要…, 必须…, 确保…), or that opens with a body and its duty ("应急局严管…；"), or that dates work, is a task of its own; the usual prose rules then read its owners.
"""
from __future__ import annotations

import re

from ingest.dates import find_deadlines
from ingest.prose import leading_subject, prose_owners

# A document that reports a meeting, from its opening text.
REPORT_LEAD = re.compile(r"(?:召开|举行|举办|主持召开)了?[^。；;\n]{0,40}?(?:会议|会|座谈)"
                         r"|(?:会议|会)[^。；;\n]{0,6}?(?:在[^。；;\n]{1,20}?)?(?:召开|举行)")
REPORT_LEAD_CHARS = 300  # where a report says it reports a meeting: its headline and lead
# A sentence that asks for work, not one that reports (要求 alone is "会议要求" before the ask).
ASKS = re.compile(r"(?<![需主重纪概我])要(?!求|点|素|闻|害|是|么|紧|道|件|以|把握)|必须|务必|确保|应当|切实|坚决|严禁|力争|需(?![求要])|(?<!的)决定(?!》|书)"
                  r"|(?<!工作|文件|上级|相关|有关|具体)(?<!的)要求(?=[\u4e00-\u9fff])"  # 要求各村先行摸排, not 工作要求
                  r"|(?<![即必])将(?!近|来|军|其)"  # 即日起至5月31日，新区将重点排查…
                  r"|[一二三四五六七八九十]是(?=[\u4e00-\u9fff])")  # the points of what was laid out
SENTENCE = re.compile(r"[^。！？!?；;：:\n]+[。！？!?；;：:]?")
MIN_ASK_CHARS = 12  # a sentence shorter than this is a fragment ("要求：")


def reads_as_report(text: str) -> bool:
    return bool(REPORT_LEAD.search(text[:REPORT_LEAD_CHARS]))


def asked_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences between ``start`` and ``end`` that ask for work, as (start, end); a
    sentence is cut at 。！？；, a new line, or a semicolon between points."""
    spans = []
    for m in SENTENCE.finditer(text, start, end):
        sentence = m.group()
        if len(re.sub(r"\W", "", sentence)) >= MIN_ASK_CHARS and (ASKS.search(sentence) or _duty_clause(sentence) or _due(sentence)):
            spans.append(m.span())
    return spans


def _duty_clause(sentence: str) -> bool:
    """A clause opening with a public body and its duty ("应急局严管工业燃料违规民用行为；"), or
    naming who does it ("由县住建局牵头推进…")."""
    return leading_subject(sentence.strip()) is not None or prose_owners(sentence)[0].has_units()


def _due(sentence: str) -> bool:
    """A sentence with work due by a date ("即日起至5月31日，重点排查…")."""
    return any(d.kind == "explicit" for d in find_deadlines(sentence))
