"""Questions → answers with cited sources, without a language model.

1. Analysis: intent (kb/qa_rules.py), the documents the question names (a place, a title, a
   文号), the units it names, and a search query made of its topic words (English words the
   lexicon knows are added in Chinese).
2. Owner questions (lead / co / responsible) are answered from the structured tasks: the best
   matching task with owners in that role, and the best one of every other document that
   answers about as well.
3. Everything else, and owner questions no task answers, are answered from the best clause
   of the retrieved passages: the clause that shares most of the question's words and has the
   shape the intent asks for (a number, a deadline, "由X负责" …).
4. Below MIN_CONFIDENCE the answer is "未找到明确答案" with the closest passages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from datetime import date

from ingest.models import Document, Task
from ingest.units import all_names
from ingest.vocab import ROLE_FIELDS, ROLE_UNIT_LABELS
from kb.indexer import Indexes
from kb.models import Answer, AnswerGroup, Citation, Hit
from kb.qa_rules import (ANSWER_SHAPES, OWNER_INTENTS, QUESTION_WORDS, intent_of, is_english,
                         translate_terms)
from kb.search import Filters, search

NOT_FOUND = "未找到明确答案"
MIN_CONFIDENCE = 0.35
# Another document's answer is shown when it scores at least this share of the best one.
OTHER_DOCUMENT_SHARE = 0.5
# ... and a lower share when the question asks across documents (哪些文件, 各地, 分别).
SEVERAL_DOCUMENTS_SHARE = 0.4
SEVERAL_DOCUMENTS = re.compile(r"哪些文件|哪些地方|各地|各文件|分别|which documents|which cities")
# A passage answer is its best clause and what follows, up to about this many characters.
PASSAGE_ANSWER_CHARS = 200
# How far after a task its group's owner block may be, in characters.
OWNER_BLOCK_REACH = 3000
HEADING_CHARS = 40
TASK_CANDIDATES = 30
# An owner question is answered from the best task unless a passage clause matches clearly
# better, by this much.
CLAUSE_MARGIN = 0.2
PASSAGE_CANDIDATES = 12
# Which roles answer each owner question, in order: a plan that names only 责任单位 answers
# "who leads" with them, and one that names only 牵头单位 answers "who is responsible".
ANSWER_ROLES = {"lead": ("lead", "responsible"), "co": ("co",), "responsible": ("responsible", "lead")}
# Pairs found in nearly every passage of a work-safety notice: they say nothing about the topic.
GENERIC_PAIRS = frozenset({"安全", "全生", "生产", "工作", "管理", "单位", "部门", "企业", "有关", "加强"})
# Article and chapter numbers say nothing about what a task is about.
STRUCTURAL_HEADING = re.compile(r"第[一二三四五六七八九十百千零〇\d]+[编章节条款]")
CLAUSE_END = re.compile(r"[。；;\n]")
LEVEL_SUFFIX = re.compile(r"(.{2,}?)(?:省|自治区|市|县|区|街道|镇|乡)")


@dataclass
class Question:
    text: str
    intent: str
    english: bool
    query: str  # what is searched: the topic words
    doc_ids: set[str] | None  # documents the question names
    units: list[str]  # units the question names
    year: int | None
    several: bool  # asks across documents


def analyze(indexes: Indexes, text: str) -> Question:
    english = is_english(text)
    docs = named_documents(indexes, text)
    topic = text
    for name in _document_names(indexes, docs):
        topic = topic.replace(name, " ")
    topic = QUESTION_WORDS.sub(" ", topic)
    if english:
        topic = f"{translate_terms(text)} {topic}"
    year = re.search(r"(20\d\d)(?:\s*年|\b)", text)
    this_year = "今年" in text or "this year" in text.lower()
    return Question(text, intent_of(text), english, " ".join(topic.split()),
                    {d.doc_id for d in docs} or None, named_units(indexes, text),
                    int(year.group(1)) if year else date.today().year if this_year else None,
                    bool(SEVERAL_DOCUMENTS.search(text)))


def named_documents(indexes: Indexes, text: str) -> list[Document]:
    """Documents named by title or 文号 if any; else by place."""
    docs = indexes.documents().values()
    by_title = [d for d in docs if (len(d.title) >= 6 and d.title in text) or (d.number and d.number in text)]
    if by_title:
        return by_title
    lowered = text.lower()
    return [doc for doc in docs if any(name in lowered for name in _names_of(doc))]


def _names_of(doc: Document) -> tuple[str, ...]:
    """How a question may name a document (lowercased): its title, 文号, or the places of its
    region (济宁市兖州区 → 济宁, 兖州), also in pinyin for English questions (Yanzhou)."""
    return _names(doc.title, doc.number, doc.region)


@lru_cache(maxsize=None)  # pinyin for every document on every question is most of ask's time
def _names(title: str, number: str, region: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    places = [p for p in LEVEL_SUFFIX.findall(region) if len(p) >= 2]
    names = [*places, *("".join(lazy_pinyin(p)) for p in places)]
    return tuple(n.lower() for n in (title if len(title) >= 6 else "", number, *names) if n)


def _document_names(indexes: Indexes, docs: list[Document]) -> list[str]:
    return sorted({n for doc in docs for n in _names_of(doc)}, key=len, reverse=True)


def named_units(indexes: Indexes, text: str) -> list[str]:
    found: list[str] = []
    for name in indexes.memo("unit_names", lambda: _unit_names(indexes)):
        if name in text and not any(name in f for f in found):
            found.append(name)
    return found


def _unit_names(indexes: Indexes) -> list[str]:
    """Unit names a question may use (aliases and the KB's own), longest first."""
    names = set(all_names()) | {name for name, _, _ in indexes.store.units()}
    return sorted((n for n in names if len(n) >= 3), key=len, reverse=True)


# --- scoring helpers -------------------------------------------------------------------------
def _pairs(text: str) -> set[str]:
    chars = "".join(re.findall(r"[\u3400-\u9fff]+", text))
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def topic_pairs(query: str) -> set[str]:
    """The question's character pairs without the ones every notice is full of."""
    pairs = _pairs(query)
    return (pairs - GENERIC_PAIRS) or pairs


def overlap(query_pairs: set[str], text: str) -> float:
    """Share of the question's character pairs found in ``text``."""
    return len(query_pairs & _pairs(text)) / len(query_pairs) if query_pairs else 0.0


# --- answering -------------------------------------------------------------------------------
def ask(indexes: Indexes, text: str) -> Answer:
    question = analyze(indexes, text)
    if question.intent == "unit_tasks" and question.units:
        return unit_tasks_answer(indexes, question)
    if question.intent in OWNER_INTENTS:
        from_tasks = owner_answer(indexes, question)
        # a passage clause may answer clearly better (a regulation article that names its
        # department without the form of a task, for instance)
        from_passages = clause_answer(indexes, question)
        if from_tasks is not None and from_tasks.confidence + CLAUSE_MARGIN >= from_passages.confidence:
            return from_tasks
        return from_passages
    return clause_answer(indexes, question)


@dataclass
class Candidate:
    score: float
    hit: Hit
    answer: str  # this candidate's answer, as shown
    units: list[str]
    marks: list[tuple[int, int]]  # the answer's spans within hit.text


def owner_answer(indexes: Indexes, question: Question) -> Answer | None:
    unit_filter = question.units[0] if question.units and question.intent == "co" else None
    hits = _search(indexes, question, kind="task", k=TASK_CANDIDATES, unit=unit_filter)
    qpairs = topic_pairs(question.query)
    candidates = []
    for rank, hit in enumerate(hits):
        role, units = _role_units(hit.task, question.intent)
        if not units:
            continue
        # a task's title and headings say what it is about (unless they are only 第X条): a
        # match there counts more, but the words of the task alone may carry the answer too
        heading = STRUCTURAL_HEADING.sub("", f"{hit.task.title} {hit.section}")
        in_text = overlap(qpairs, hit.text)
        score = max(in_text, 0.6 * overlap(qpairs, heading) + 0.4 * in_text) + 0.1 / (rank + 1)
        candidates.append(Candidate(score, hit, f"{ROLE_UNIT_LABELS[role]}：{'、'.join(units)}", units,
                                    _unit_marks(hit.text, units)))
    candidates.sort(key=lambda c: -c.score)
    if not candidates or candidates[0].score < MIN_CONFIDENCE:
        return None  # no task answers this well enough: try the passages
    best = candidates[0]
    groups = _best_per_document(indexes, candidates)
    return Answer(question.text, question.intent, _answer_text(groups), units=best.units,
                  deadline=best.hit.task.deadline, deadline_norm=best.hit.task.deadline_norm,
                  metrics=best.hit.task.metrics, confidence=round(min(best.score, 1.0), 3),
                  citations=[g.citation for g in groups], groups=groups)


def _role_units(task: Task, intent: str) -> tuple[str, list[str]]:
    """The role that answers the question, and its units."""
    for role in ANSWER_ROLES[intent]:
        if getattr(task, ROLE_FIELDS[role]):
            return role, getattr(task, ROLE_FIELDS[role])
    return intent, []


def _unit_marks(text: str, units: list[str]) -> list[tuple[int, int]]:
    return sorted((at, at + len(unit)) for unit in units for at in [text.find(unit)] if at >= 0)


def _best_per_document(indexes: Indexes, candidates: list[Candidate],
                       several: bool = False) -> list[AnswerGroup]:
    """The best candidate of each document that scores close to the overall best, best first."""
    docs = indexes.documents()
    groups: dict[str, AnswerGroup] = {}
    share = SEVERAL_DOCUMENTS_SHARE if several else OTHER_DOCUMENT_SHARE
    for c in candidates:
        if c.hit.doc_id in groups or c.score < share * candidates[0].score:
            continue
        hit, marks = c.hit, c.marks
        if c.units and not marks:
            hit, marks = _with_owner_block(indexes, hit, c.units)
        groups[c.hit.doc_id] = AnswerGroup(hit.doc_id, hit.doc_file, hit.doc_title,
                                           docs[hit.doc_id].region, c.answer, c.units,
                                           _citation(hit, marks))
    return list(groups.values())


def _with_owner_block(indexes: Indexes, hit: Hit, units: list[str]) -> tuple[Hit, list]:
    """A task whose owners are written in a block after a group of items: cite the task
    through that block, so the citation shows who was named, in the document's own words."""
    text = indexes.store.get_document(hit.doc_id).text
    found = [at for unit in units for at in [text.find(unit, hit.start)] if at >= 0]
    if not found or min(found) - hit.start > OWNER_BLOCK_REACH:
        return hit, []
    line_end = text.find("\n", min(found))
    end = len(text) if line_end < 0 else line_end
    widened = replace(hit, text=text[hit.start:end], end=end)
    return widened, _unit_marks(widened.text, units)


def _answer_text(groups: list[AnswerGroup]) -> str:
    if len(groups) == 1:
        return groups[0].answer
    return "；".join(f"{g.region or g.doc_title}：{g.answer}" for g in groups)


def _citation(hit: Hit, marks: list[tuple[int, int]]) -> Citation:
    return Citation(hit.doc_id, hit.doc_file, hit.doc_title, hit.section, hit.text,
                    hit.start, hit.end, marks)


def clause_answer(indexes: Indexes, question: Question) -> Answer:
    hits = _search(indexes, question, kind=None, k=PASSAGE_CANDIDATES)
    qpairs = topic_pairs(question.query)
    shape = (ANSWER_SHAPES["owner" if question.intent in OWNER_INTENTS else question.intent]
             if question.intent in ANSWER_SHAPES or question.intent in OWNER_INTENTS else None)
    candidates = []
    for rank, hit in enumerate(hits):
        for start, end in _clauses(hit.text):
            clause = hit.text[start:end]
            score = overlap(qpairs, clause) + 0.05 / (rank + 1)
            if shape is not None and shape.search(clause):
                score += 0.25
            if question.year and str(question.year) in clause:
                score += 0.2
            if question.intent == "passage":  # what a passage says: the clause and what follows
                end = _extend(hit.text, start, end)
            candidates.append(Candidate(score, hit, hit.text[start:end].strip(), [], [(start, end)]))
    candidates.sort(key=lambda c: -c.score)
    if not candidates or candidates[0].score < MIN_CONFIDENCE:
        return Answer(question.text, question.intent, NOT_FOUND, found=False,
                      confidence=round(candidates[0].score, 3) if candidates else 0.0,
                      citations=[_citation(hit, []) for hit in hits[:3]])
    groups = _best_per_document(indexes, candidates, question.several)
    return Answer(question.text, question.intent, _answer_text(groups),
                  confidence=round(min(candidates[0].score, 1.0), 3),
                  citations=[g.citation for g in groups], groups=groups)


def _extend(text: str, start: int, end: int) -> int:
    """Where a passage answer starting at ``start`` ends: the following clauses that fit in
    PASSAGE_ANSWER_CHARS, and always the next one after a heading-length clause."""
    result = end
    for _, clause_end in _clauses(text[end:]):
        if end + clause_end - start > PASSAGE_ANSWER_CHARS and result - start >= HEADING_CHARS:
            break
        result = end + clause_end
    return result


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in CLAUSE_END.finditer(text):
        if m.end() - start > 1:
            spans.append((start, m.end()))
        start = m.end()
    if len(text) - start > 1:
        spans.append((start, len(text)))
    return spans


def unit_tasks_answer(indexes: Indexes, question: Question) -> Answer:
    unit = question.units[0]
    year = question.year
    filters = {"due_after": str(year), "due_before": str(year)} if year else {}
    stored = indexes.store.tasks(unit=unit, **filters)
    if question.doc_ids:
        stored = [s for s in stored if s.document.doc_id in question.doc_ids]
    if not stored:
        return Answer(question.text, "unit_tasks", NOT_FOUND, found=False, units=[unit])
    lines = [f"{i}. {s.task.title or s.task.text[:40]}（{s.task.deadline or '无时限'}）"
             for i, s in enumerate(stored, 1)]
    citations = [Citation(s.document.doc_id, s.document.file, s.document.title, s.task.section,
                          s.task.text, s.task.start, s.task.end) for s in stored]
    return Answer(question.text, "unit_tasks", f"{unit}共{len(stored)}项任务：" + "；".join(lines),
                  units=[unit], confidence=1.0, citations=citations, tasks=[s.task for s in stored])


def _search(indexes: Indexes, question: Question, kind: str | None, k: int,
            unit: str | None = None) -> list[Hit]:
    return search(indexes, question.query or question.text, "hybrid", k,
                  Filters(doc_ids=question.doc_ids, unit=unit, kind=kind))
