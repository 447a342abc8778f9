"""What every kind of answer shares: a candidate, its calibrated confidence, the best answer of
each document, and citations that show the answer in the document's own words."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from ingest.units import is_placeholder
from kb.answers import parts as P
from kb.answers import places as PL
from kb.answers import rules as R
from kb.answers.question import Question
from kb.indexes.reader import Indexes
from kb.models import AnswerGroup, Citation, Hit
from kb.search import Filters, search

NOT_FOUND = "未找到明确答案"
# What a question found nothing of, said plainly: "知识库中没有找到…的数字".
MISSING_THING = {"lead": "牵头单位", "co": "配合单位", "responsible": "责任单位", "organisation": "单位",
                 "unit_tasks": "任务", "deadline": "时限", "period": "起止时间", "metric": "数字", "quantity": "数字",
                 "article": "条文"}
TOPIC_SHOWN_CHARS = 24
# ... and in English, for a question asked in English (its Chinese topic is a dictionary's guess)
MISSING_THING_EN = {"lead": "lead unit", "co": "cooperating units", "responsible": "responsible units",
                    "organisation": "body", "unit_tasks": "tasks", "deadline": "deadline", "period": "period",
                    "metric": "figure", "quantity": "figure", "article": "article"}
# Words of a question that are not what it is about, for saying what was not found.
SHOWN_TOPIC_NOISE = re.compile(r"^(?:今年|明年|去年|本年度|当前)?的?|(?:的|是|有|为)+$|[?？。]+$")
# Weights of calibration_features in the logistic calibration, per answer path; fit by
# bench/fit_calibration.py on the four development sets (qa, qa_more, qa_web, qa_laws) asked in
# one KB of all their documents and 60 more regulations (bench/eval_qa.py --mixed 60), which
# also prints how each set fares when the fit leaves it out.
CALIBRATION = {"task": (-1.53, 2.26, 4.05, -0.83, 1.34), "clause": (-1.53, 1.78, 5.1, -0.04, 0.63)}
# What the development sets cannot teach the fit, seen on the first answers of two blind sets (probe4,
# probe5: shown at >= 0.9, right 70 of 80): an answer without the asked shape (a "how many" answered
# with no number, a "who" answered with no body) or a candidate with no rival at a weak match (its lead
# is its whole score, so the fit's weight on the lead overrates it) is shown below 0.9, at most this.
UNSURE_CAP = 0.85
# ... a candidate with no rival saying something else is weak below this match score.
SOLE_WEAK_SCORE = 0.7
# A number with what it counts, or how often: what a "how many / how much" answer must hold.
NUMBER_SHAPE = re.compile(r"\d|[零〇一二两三四五六七八九十百千万半]+(?:个|名|人|次|年|月|日|天|周|小时|分钟|元|米|公里|倍|项|家|辆|处|户|所|"
                          r"台|条|批|组|成|%|％|万|亿|以上|以下|以内|分之)|每(?:年|半年|季度|月|周|天|日)")
# A place named as a task's owner ("大姚县"), with no body of it: it says where the work is done, not who does it.
BARE_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|县|区|旗|镇|乡|街道)$")
# Questions whose answer is a body: another document's row must name one.
OWNER_ASKS = (*R.OWNER_INTENTS, "organisation")
# Another document's answer is shown when it scores at least this share of the best one.
OTHER_DOCUMENT_SHARE = 0.5
# ... and a lower share when the question asks across documents (哪些文件, 各地, 分别).
SEVERAL_DOCUMENTS_SHARE = 0.35
# How far after a task its group's owner block may be, in characters.
OWNER_BLOCK_REACH = 10000
# A citation running from a task to its group's owner block is shown whole up to this length.
CITATION_MAX_CHARS = 1200


@dataclass
class Candidate:
    score: float
    hit: Hit
    answer: str  # this candidate's answer, as shown
    units: list[str]
    marks: list[tuple[int, int]]  # the answer's spans within hit.text


def not_found_text(question: Question) -> str:
    """"未找到明确答案：知识库中没有找到“安全生产预算”的数字" — what was asked, in its words."""
    if question.english:  # said in the question's language, not cut inside a word
        thing = MISSING_THING_EN.get(question.intent, "clear answer")
        return f"{NOT_FOUND}：no {thing} for this question was found in the knowledge base"
    topic = SHOWN_TOPIC_NOISE.sub("", "".join(question.query.split()))[:TOPIC_SHOWN_CHARS]
    thing = MISSING_THING.get(question.intent, "明确答案")
    return f"{NOT_FOUND}：知识库中没有找到“{topic}”的{thing}" if topic else NOT_FOUND


SAME_SENTENCE_CHARS = 8  # an answer this long held whole in another (a table row with and without its number) says it


def margin_of(candidates: list[Candidate]) -> float:
    """How far the best candidate is ahead of the best one that says something else."""
    if not candidates:
        return 0.0
    other = next((c.score for c in candidates[1:] if not _says_same(c.answer, candidates[0].answer)), 0.0)
    return candidates[0].score - other


def _says_same(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    short, long = sorted((a, b), key=len)
    return a == b or len(short) >= SAME_SENTENCE_CHARS and short in long


def calibration_features(score: float, margin: float, question: Question) -> tuple[float, ...]:
    """What the confidence is read from: the match score, the lead over the next different
    answer, whether the question was English (its Chinese words are a dictionary's guess) and
    whether it named its document."""
    return (1.0, score, margin, float(question.english), float(bool(question.doc_ids)))


def calibrated(path: str, score: float, margin: float, question: Question,
               candidate: Candidate | None = None) -> float:
    """The chance the answer is right: a logistic fit on the development sets
    (bench/fit_calibration.py), held below 0.9 when the answer is unsure (unsure_reasons)."""
    z = sum(w * x for w, x in zip(CALIBRATION[path], calibration_features(score, margin, question)))
    confidence = round(1 / (1 + math.exp(-z)), 3)
    if unsure_reasons(score, margin, question, candidate):
        return min(confidence, UNSURE_CAP)
    return confidence


def unsure_reasons(score: float, margin: float, question: Question, candidate: Candidate | None) -> list[str]:
    """Why an answer the fit rates highly may still be wrong: "shape" (a number asked and none
    given, a body asked and none named), "sole" (no rival answer, and a weak match), "where" (a
    place asked, and a task's owners given), "part" (a question asking several things, answered with fewer), "stand-in" (a
    task's owners, asked who, are all stand-ins or places: 有关部门, 各乡镇, 大姚县), "echo" (every body answered is one the question names itself:
    it asks what that body does, or who in it acted)."""
    reasons = []
    if candidate is not None and (
            question.intent in ("metric", "quantity") and not NUMBER_SHAPE.search(candidate.answer)
            or question.intent in OWNER_ASKS and not candidate.units):
        reasons.append("shape")
    if candidate is not None and P.missing(question.text, candidate.answer, candidate.units):
        reasons.append("part")  # "共查出多少项问题，其中重大隐患多少项" answered with one number
    if margin >= score and score < SOLE_WEAK_SCORE:
        reasons.append("sole")
    if candidate is not None and candidate.hit.kind == "task" and (R.PLACE_ASKED.search(question.text)
                                                                   or PL.level_asked(question.text)):
        reasons.append("where")  # a task's owners say who does it, not where a thing is nor which places ("哪几个市")
    if candidate is not None and candidate.hit.kind == "task" and question.intent in OWNER_ASKS and candidate.units \
            and all(is_placeholder(u) or BARE_PLACE.match(u) for u in candidate.units):
        reasons.append("stand-in")  # a task's owners that name no body one can ask ("有关部门", "各乡镇", "大姚县")
    if candidate is not None and candidate.units and all(_bare(u) in _bare(question.text) for u in candidate.units):
        reasons.append("echo")  # the bodies the question names itself ("县自然资源局负责什么", "杨梅镇那次会上是谁…")
    return reasons


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text)


# What a reader adds to a clause that has the shape the question asks for (an organisation named as asked, a
# number with the asked unit, a date).
SHAPE_BONUS = 0.25


class Read(NamedTuple):
    """What a clause reader found in one clause."""
    answer: str
    marks: list[tuple[int, int]]  # in the hit's text
    bonus: float
    body: str = ""  # the organisation or person the answer names, if it names one


def best_per_document(indexes: Indexes, candidates: list[Candidate], question: Question, path: str,
                      margin: float) -> list[AnswerGroup]:
    """The best candidate of each document that scores close to the overall best, best first,
    each with its own calibrated confidence (from its own score, with the answer's lead over the
    next different answer), shown beside it."""
    docs = indexes.documents()
    groups: dict[str, AnswerGroup] = {}
    share = SEVERAL_DOCUMENTS_SHARE if question.several else OTHER_DOCUMENT_SHARE
    for c in candidates:
        if c.hit.doc_id in groups or c.score < share * candidates[0].score:
            continue
        if groups and question.intent in OWNER_ASKS and not c.units:
            continue  # another document's row names nobody: it does not answer "who"
        confidence = calibrated(path, c.score, margin, question, c)
        hit, marks = c.hit, c.marks
        if c.units and len(marks) < len(c.units):  # owners named after the task, in a block
            hit, marks = _with_owner_block(indexes, hit, c.units)
        groups[c.hit.doc_id] = AnswerGroup(hit.doc_id, hit.doc_file, hit.doc_title,
                                           docs[hit.doc_id].region, c.answer, c.units,
                                           citation(hit, marks),
                                           c.hit.task.deadline if c.hit.task else "", confidence)
    return list(groups.values())


def _with_owner_block(indexes: Indexes, hit: Hit, units: list[str]) -> tuple[Hit, list]:
    """A task whose owners are written in a block after a group of items: cite the task
    through that block (or the block alone when the group is long), so the citation shows who
    was named, in the document's own words."""
    text = indexes.store.get_document(hit.doc_id).text
    pos = hit.start
    while pos < min(len(text), hit.start + OWNER_BLOCK_REACH):  # the first line naming them all
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        if all(unit in text[pos:line_end] for unit in units):
            start = hit.start if line_end - hit.start <= CITATION_MAX_CHARS else pos
            cited = replace(hit, text=text[start:line_end], start=start, end=line_end)
            return cited, unit_marks(cited.text, units)
        pos = line_end + 1
    return hit, []


def answer_text(groups: list[AnswerGroup]) -> str:
    if len(groups) == 1:
        return groups[0].answer
    return "；".join(f"{g.region or g.doc_title}：{g.answer}" for g in groups)


def unit_marks(text: str, units: list[str]) -> list[tuple[int, int]]:
    return sorted((at, at + len(unit)) for unit in units for at in [text.find(unit)] if at >= 0)


def citation(hit: Hit, marks: list[tuple[int, int]]) -> Citation:
    return Citation(hit.doc_id, hit.doc_file, hit.doc_title, hit.section, hit.text,
                    hit.start, hit.end, marks)


def search_for(indexes: Indexes, question: Question, kind: str | None, k: int,
            unit: str | None = None) -> list[Hit]:
    return search(indexes, question.query or question.text, "hybrid", k,
                  Filters(doc_ids=question.doc_ids, unit=unit, kind=kind))
