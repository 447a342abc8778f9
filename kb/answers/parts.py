"""A question that asks for more than one thing in its clauses ("共查出多少项问题，其中重大隐患多少项",
"由谁责令改正，可以并处多少罚款"), as data: the kinds of part a clause of the question asks (a number, a body),
the shape an answer holds for each, and an answer widened to hold every part (the sentence that holds both
numbers, the body with the clause that holds the sum). tests/test_answer_probe13.py has one example per entry."""
from __future__ import annotations

import re
from dataclasses import replace

from kb.answers import rules as R

# What one clause of a question asks: (kind, its question words). The first kind that matches is the clause's.
PART_WORDS: tuple[tuple[str, re.Pattern], ...] = tuple((kind, re.compile(words, re.I)) for kind, words in (
    ("number", r"多少|几(?:个|项|家|名|人|台|次|天|日|小时|分钟|年|倍|处|辆|座|种)|多长时间|多久"
               r"|\bhow (?:many|much|long|often|large|big|high)\b|\bwhat (?:fine|sum|amount)\b"),
    ("body", r"谁|哪一?位|哪名|哪(?:个|些|一|几个|家)(?:部门|单位|机关|机构|领导)|\bwho\b"
             r"|\bwhich (?:department|unit|body|authority|agency|office)\b"),
))
# Where a question's clauses part: its commas and question marks ("交给谁？保管费谁出？"), a 和 / 及 / 以及 right before a
# second question word ("检查了多少家企业和多少处场所"), a 并 before a sum asked ("由谁责令改正并处多少罚款"), or an English
# "and" before a question word.
PART_BREAK = re.compile(r"[，,；;？?]|(?:以及|[和及])(?=多少|几|谁|哪)|并(?=处?(?:多少|几))|\band (?=(?:how|who|which|what)\b)", re.I)
# An article's number opening the clause given with a body: no part of what it says.
ARTICLE_NUMBER = re.compile(r"^\s*第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?\s*")


def asked_parts(question: str) -> list[tuple[str, str]]:
    """(kind, clause) for each clause of the question that asks something, in order."""
    parts = []
    for clause in PART_BREAK.split(question):
        kind = next((kind for kind, words in PART_WORDS if words.search(clause)), None)
        if kind:
            parts.append((kind, clause))
    return parts


def several(question: str) -> bool:
    return len(asked_parts(question)) >= 2


# Any number a bare "多少" is answered by: digits, or Chinese numerals with what they count ("二十分钟", "五十台").
ANY_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万半]+\s*(?:个|名|人|次|年|月|日|天|周|小时|分钟|秒|元|万元|米"
                        r"|公里|千米|倍|项|家|辆|处|户|所|台|条|批|组|成|以上|以下|以内|分之)")


def number_shape(clause: str) -> re.Pattern:
    """What answers a number part: a number with the classifier it asks ("多少项": 52项), the number of the
    quantity asked (a sum for a fine, a span for 多长时间), any number for a bare 多少."""
    found = R.CLASSIFIER_ASKED.search(clause)
    if found:
        return R.counted_in(found.group("c"))
    shape = R.quantity_shape(clause)
    return shape[1] if shape and shape[0] != "count" else ANY_NUMBER


def missing(question: str, answer: str, units: list[str]) -> int:
    """How many of a several-part question's parts the answer does not hold (0 for a one-part question): the
    numbers asked, counted by their shapes, and the bodies asked, one per part asking one ("交给谁？保管费谁出？"
    answered by one body lacks one)."""
    parts = asked_parts(question)
    if len(parts) < 2:
        return 0
    lacking = max(0, sum(kind == "body" for kind, _ in parts) - len(units))
    numbers = [clause for kind, clause in parts if kind == "number"]
    for shape in {number_shape(clause).pattern: number_shape(clause) for clause in numbers}.values():
        wanted = sum(number_shape(clause).pattern == shape.pattern for clause in numbers)
        lacking += max(0, wanted - len(shape.findall(answer)))
    return lacking


def with_sentence(question: str, text: str, phrase: str, units: list[str] = ()) -> str:
    """``phrase`` (a metric, an answer clause) of ``text`` widened to its sentence, when the question asks
    several parts and the sentence holds more of them."""
    at = text.find(phrase)
    if at < 0 or not several(question):
        return phrase
    start = max(text.rfind(ch, 0, at) for ch in "。；;\n") + 1
    ends = [e for e in (text.find(ch, at + len(phrase)) for ch in "。；;\n") if e >= 0]
    widened = text[start:min(ends, default=len(text))].strip()
    return widened if missing(question, widened, units) < missing(question, phrase, units) else phrase


def with_clause(question: str, body: str, clause: str) -> str:
    """A body answering a question that also asks a number ("由谁责令改正，可以并处多少罚款"): the body with the
    clause that holds the number, when the clause holds it."""
    if not body or not several(question) or missing(question, body, [body]) <= missing(question, clause, [body]):
        return body
    return f"{body}（{ARTICLE_NUMBER.sub('', clause).strip().rstrip('；;')}）"


def with_second_body(question: str, candidates: list) -> list:
    """A question asking two bodies ("捡到的危险化学品交给谁？处理费用谁出？"): the best answer joined with the body of
    the same passage whose sentence says most of the other part's words ("由公安机关接收…" for the first part when
    "…费用由国家财政负担" answered the second)."""
    bodies = [clause for kind, clause in asked_parts(question) if kind == "body"]
    if not candidates or len(bodies) < 2:
        return candidates
    first = candidates[0]
    same = [c for c in candidates[1:] if (c.hit.kind, c.hit.id) == (first.hit.kind, first.hit.id)
            and c.marks and c.units and not set(c.units) & set(first.units)]
    if not first.marks or not same:
        return candidates
    answered = max(bodies, key=lambda part: _share(_pairs(part), _sentence_of(first)))
    rest = _pairs("".join(part for part in bodies if part is not answered))
    other = max(same, key=lambda c: _share(rest, _sentence_of(c)))  # (ties: the better scored, first)
    one, two = (first, other) if answered is bodies[0] else (other, first)  # (in the order the question asks)
    joined = replace(first, answer=f"{one.answer}；{two.answer}", units=[*one.units, *two.units],
                     marks=sorted([*first.marks, *other.marks]))
    return [joined, *candidates[1:]]


def _sentence_of(candidate) -> str:
    text, at = candidate.hit.text, candidate.marks[0][0]
    start = max(text.rfind(ch, 0, at) for ch in "。；;\n") + 1
    ends = [e for e in (text.find(ch, at) for ch in "。；;\n") if e >= 0]
    return text[start:min(ends, default=len(text))]


def _share(words: set[str], sentence: str) -> float:
    """How much of a sentence says the words: a short sentence saying them before a long one saying as many."""
    said = _pairs(sentence)
    return len(words & said) / len(said) if said else 0.0


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1) if all("\u4e00" <= ch <= "\u9fff" for ch in text[i:i + 2])}
