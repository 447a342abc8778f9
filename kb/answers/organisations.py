"""The organisation a clause names in the asked way (设在…, 由…负责, 委托…, the doer of a report's act, the
subject of a duty): read for organisation questions and, through kb/answers/clauses.py's owner reader, for
who leads, works with or is responsible. The shapes are data in kb/answers/rules.py, kb/answers/acts.py and
kb/answers/voices.py."""
from __future__ import annotations

import re

from ingest.bodies import DUTY_AFTER_BODY, is_public_body
from kb.answers import acts as A
from kb.answers import rules as R
from kb.answers import voices as V
from kb.answers.candidates import SHAPE_BONUS, Read
from kb.answers.question import Question
from kb.models import Hit

# An item marker or a trailing conjunction a name was matched with: "（二）公安机关", "A或者".
ORG_NOISE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*|(?:或者|或|和|及)$")
KIND_BONUS = 0.1  # an organisation of the kind asked for (a 部门 for "哪个部门")
# A body named at a clause's start and what it does ("住建局统筹协调全局，督促…"): a notice's way of
# giving a duty without 负责 or 应当.
BODY_ACTS = re.compile(r"(?:^|[，,。；;：:]\s*)(?P<org>[^，,。；;：:\s由]{2,20}?(?:局|委|办|厅|站|所|队|中心|部门))"
                       rf"(?={DUTY_AFTER_BODY.pattern})")
NOT_A_BODY = re.compile(r"(?:大|全|布|格|结|开|变|新|当)局$")  # words that end as a bureau does: 着眼大局


def organisation_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """The organisation the clause names in the asked way: 设在…, 由…负责, 委托…, 由…承担; a
    bonus when it is the kind of body asked for (a 部门 for "哪个部门")."""
    clause = hit.text[start:end]
    shapes = V.with_verb_asked(question.text, A.asked_act_shapes(question.text, R.organisation_shapes(question.text)))
    # a question asking for one form (向哪里申请, 设在哪) is answered by a clause of that form before
    # the subject of any duty
    specific = any(name not in R.GENERAL_ORGANISATION_SHAPES for name, _ in shapes)
    act = A.opening_act(question.text)
    above = A.actor_above(hit.text, start, act) if act else None
    if above:  # the line opens on the act asked: its doer is on the lines above ("程晋鹏\n主持会议")
        org, at, to = above
        return Read(org, [(at, to)], SHAPE_BONUS + (KIND_BONUS if _kind_fits(question.text, org) else 0.0), org)
    for name, shape in shapes:
        m, read = shape.search(clause), clause
        if m and _unbalanced(m.group("org")):  # a name read across an aside: read without it
            read = R.ASIDE.sub("", clause)
            m = shape.search(read)
        if m:
            org = ORG_NOISE.sub("", m.group("org"))
            at = start + m.start("org") + m.group("org").find(org) if read is clause else start
            paired = respective(question.text, clause)
            if paired is not None:  # "重大、较大事故分别由省级、市级政府…": the one paired with the asked item
                org, at = paired[0], start + paired[1]
            elif not (R.LIST_ASKED.search(question.text) or BODIES_ASKED.search(question.text)) \
                    and (item := named_item(question.query, org)) is not None:
                org, at = item[0], at + item[1]  # "A、B、C，对…负…责任": the one of A, B, C the question's topic names
            fits = _kind_fits(question.text, org)
            # the subject of any duty is the answer only when no clause names one as asked
            bonus = (0.0 if specific else SHAPE_BONUS / 2) if name in (R.ANY_SUBJECT, V.SUBJECT) else SHAPE_BONUS
            # "由谁来协调解决": the body that does the asked thing (由有关人民政府协调解决)
            does = any(clause.find(verb, at - start + len(org)) >= 0 for verb in V.asked_verbs(question.text))
            # "who pays for the test": the clause whose thing paid is the one asked ("检测费用由…承担", not "其余部分由…承担")
            does = does or name == "cost" and bool(_pairs(re.split(r"[，,。；;]", clause[:m.start("org")])[-1])
                                                   & _pairs(question.query))
            return Read(org, [(at, at + len(org))], bonus + (KIND_BONUS if fits else 0.0) + (KIND_BONUS if does else 0.0),
                        org)
    acts = BODY_ACTS.search(clause)
    if acts and is_public_body(acts.group("org")) and not NOT_A_BODY.search(acts.group("org")) \
            and not A.act_asked(question.text):  # the subject of a duty, in a notice's words
        org, at = acts.group("org"), start + acts.start("org")
        return Read(org, [(at, at + len(org))], 0.0 if specific else SHAPE_BONUS / 2, org)
    return None


def _kind_fits(question: str, org: str) -> bool:
    """The name is of the kind of body asked for ("哪个部门": a 部门, a 局; "哪一级政府": a government)."""
    return all(ending.search(org) for asks, ending in R.ASKED_BODY if asks.search(question))


def _unbalanced(name: str) -> bool:
    return sum(name.count(b) for b in "(（") != sum(name.count(b) for b in ")）")


def respective(question: str, clause: str) -> tuple[str, int] | None:
    """"A、B、C分别由X、Y、Z负责": the body paired with the one item the question names (较大事故
    → Y), and where it is in the clause; None when the clause pairs nothing or the question
    names no one item."""
    m = R.RESPECTIVE.search(clause)
    if not m:
        return None
    items, bodies = m.group("items").split("、"), m.group("bodies").split("、")
    asked = [i for i, item in enumerate(items) if len(item) >= 2 and item in question]
    if len(items) != len(bodies) or len(asked) != 1:
        return None
    before = m.start("bodies") + sum(len(b) + 1 for b in bodies[:asked[0]])
    return bodies[asked[0]], before


# Brackets around a character a level's name may hold or not ("乡（镇）人民政府", "县（市、区）"): a question writes 乡镇.
BRACKETS = re.compile(r"[（）()]")
PARTICLES = set("的之和与及或在对")  # a pair of characters holding one is no word ("市场的")
BODY_WORDS = {"单位", "部门", "政府", "人民", "机关", "机构"}  # what any body is: no word naming one of a list
# Bodies asked in the plural ("Which units spoke…"): the list answers, not one of it.
BODIES_ASKED = re.compile(r"\b(?:which|what) (?:[a-z-]+ ){0,2}?(?:units|departments|bodies|authorities|agencies|bureaus|offices"
                          r"|organi[sz]ations|governments)\b", re.I)
BODY_NAME = re.compile(rf"{R.ORG_END}$")


def named_item(asked: str, org: str) -> tuple[str, int] | None:
    """Of a list of bodies that share a duty ("市场开办单位、集贸市场所在乡（镇）人民政府、企业自办市场的主办单位"),
    the one the question names by a word none of the others has ("a township market": 乡镇), and where it is in
    ``org``; None when the question names none of them or several."""
    items = org.split("、")
    if len(items) < 2 or not all(BODY_NAME.search(item) for item in items):
        return None  # one body, or one of several levels ("省、自治区、直辖市人民政府…部门")
    pairs, asked_pairs = [_pairs(item) for item in items], _pairs(asked)
    named = [i for i, own in enumerate(pairs) if own - set().union(*(p for j, p in enumerate(pairs) if j != i)) & asked_pairs]
    if len(named) != 1:
        return None
    return items[named[0]], sum(len(item) + 1 for item in items[:named[0]])


def _pairs(text: str) -> set[str]:
    """The text's pairs of characters that may be words (not across a particle, a bracket or a space)."""
    text = BRACKETS.sub("", text)
    return {text[i:i + 2] for i in range(len(text) - 1)
            if not (PARTICLES | set(" 、，,")) & set(text[i:i + 2]) and text[i:i + 2] not in BODY_WORDS}
