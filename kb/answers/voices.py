"""Who does what a question asks, written with the very verb asked (data; tests/test_answer_voices.py has one
example per entry): a question asks "由哪个部门承担…" or "由谁办理" ("Which authority issues…", in the lexicon's words), and a law names the doer after 由 with that
verb ("由总承包单位办理", a verb the general 由-shape does not list) or as the subject of it ("林业主管部门承担…的
日常工作"). Either answers as a "由X负责" clause does."""
from __future__ import annotations

import re

from kb.answers import rules as R

# Both are among rules.GENERAL_ORGANISATION_SHAPES (they do not make a question ask a form by name); the subject,
# the other voice than the question's, weighs as any clause's subject does (half the bonus of a form asked).
BY = "by_verb_asked"
SUBJECT = "subject_verb_asked"
# Verbs asked that the duty-holder shape reads already (X负责, X应当) or that say nothing of their own.
PLAIN_VERBS = frozenset({"负责", "应当", "依法", "可以", "进行", "实施", "管理", "是谁", "哪个", "哪些"})
# What may stand between the subject and its verb ("…部门应当承担", "…部门具体承担").
BETWEEN = r"(?:应当|依法|具体|统一|负责)?"
_CLAUSE_START = r"(?:^|[，。；;]|第[一二三四五六七八九十百零〇\d]+条\s*)"


def asked_verbs(question: str) -> list[str]:
    """What a "who" question asks to be done, in the documents' words: "由谁来协调解决" → 协调; "Which authority
    issues…" → 颁发, 核发 (the lexicon's words for the English verb, rules.ENGLISH_ASKED_VERB)."""
    verb = R.ASKED_VERB.search(question)
    if verb:
        return [verb.group(1)]
    english = R.ENGLISH_ASKED_VERB.search(question) if R.is_english(question) else None
    return [word for group in R.lexicon_groups(english.group("verb"))[0] for word in group] if english else []


def with_verb_asked(question: str, shapes: list[tuple[str, re.Pattern]]) -> list[tuple[str, re.Pattern]]:
    """``shapes`` with, before the general ones, the body doing the verb a "由谁/由哪个部门 V" question asks
    (or an English "which authority V-s" one)."""
    verbs = [verb for verb in asked_verbs(question) if verb not in PLAIN_VERBS]
    if not verbs:
        return shapes
    asked = "(?:" + "|".join(map(re.escape, verbs)) + ")"
    by = re.compile(rf"由(?P<org>{R.ORG_BODY}{R.ORG_END}){BETWEEN}{asked}")
    subject = re.compile(rf"{_CLAUSE_START}(?P<org>(?:[县市省]级以上|各级)?{R.ORG_BODY}{R.ORG_END}){BETWEEN}{asked}")
    at = next((i for i, (name, _) in enumerate(shapes) if name in R.GENERAL_ORGANISATION_SHAPES), len(shapes))
    return [*shapes[:at], (BY, by), (SUBJECT, subject), *shapes[at:]]
