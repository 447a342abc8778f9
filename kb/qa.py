"""Questions → answers with cited sources, without a language model.

1. ``kb.question`` reads the question: intent, the documents it names, the units, relative time,
   the words to search (an English question's in Chinese).
2. Owner questions (lead / co / responsible) and target questions (metric) are answered from the
   structured tasks first: the best task with owners in that role (or a metric), and the best one
   of every other document that answers about as well.
3. Every other question, and those no task answers well, take the best clause of the retrieved
   passages that has the shape the question asks for: an organisation named by the clause
   (设在…, 由…负责, 委托…), a number with the asked unit (…元, …分钟内, …人), a deadline, an
   article number. A clause without that shape cannot be the answer.
4. The confidence is calibrated on the development sets (bench/eval_qa.py prints the table);
   below MIN_CONFIDENCE the answer is "未找到明确答案" with the closest passages.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date

from ingest.models import Task
from ingest.vocab import ROLE_FIELDS, ROLE_UNIT_LABELS
from kb import qa_rules as R
from kb.indexer import Indexes
from kb.models import Answer, AnswerGroup, Citation, Hit
from kb.question import Question, analyze
from kb.search import Filters, search

NOT_FOUND = "未找到明确答案"
MIN_CONFIDENCE = 0.35
# Another document's answer is shown when it scores at least this share of the best one.
OTHER_DOCUMENT_SHARE = 0.5
# ... and a lower share when the question asks across documents (哪些文件, 各地, 分别).
SEVERAL_DOCUMENTS_SHARE = 0.35
# A passage answer is its best clause and what follows, up to about this many characters.
PASSAGE_ANSWER_CHARS = 300
# How far after a task its group's owner block may be, in characters.
OWNER_BLOCK_REACH = 10000
# A citation running from a task to its group's owner block is shown whole up to this length.
CITATION_MAX_CHARS = 1200
HEADING_CHARS = 40
TASK_CANDIDATES = 30
# An answer from the tasks stands unless a passage clause matches clearly better, by this much.
CLAUSE_MARGIN = 0.2
PASSAGE_CANDIDATES = 12
# Which roles answer each owner question, in order: a plan that names only 责任单位 answers
# "who leads" with them, and one that names only 牵头单位 answers "who is responsible".
ANSWER_ROLES = {"lead": ("lead", "responsible"), "co": ("co",), "responsible": ("responsible", "lead")}
# Pairs found in nearly every passage of a work-safety text: they say nothing about the topic.
GENERIC_PAIRS = frozenset({"安全", "全生", "生产", "工作", "管理", "单位", "部门", "企业", "有关", "加强"})
GENERIC_WORDS = frozenset({"安全", "生产", "安全生产", "工作", "管理", "单位", "部门", "企业", "有关", "加强"})
# Article and chapter numbers say nothing about what a task is about.
STRUCTURAL_HEADING = re.compile(r"第[一二三四五六七八九十百千零〇\d]+[编章节条款]")
ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?")
CLAUSE_END = re.compile(r"[。；;\n]")
CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
# Particles: a pair holding one joins two words ("项目的实施" -> 目的, 的实) and says nothing.
STOP_CHARS = frozenset("的了之和及与或等")
# An item marker or a trailing conjunction a name was matched with: "（二）公安机关", "A或者".
ORG_NOISE = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*|(?:或者|或|和|及)$")
# The points of a list in a passage ("一是…。二是…", "（1）…", "1、…"), and its first one.
POINT = re.compile(r"\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[、.．](?!\d))")
FIRST_POINT = re.compile(r"\s*(?:一是|[（(][一1][）)]|1[、.．](?!\d))")
# Bonuses: a clause of the asked shape, a clause naming the year asked about.
SHAPE_BONUS = 0.25
KIND_BONUS = 0.1  # an organisation of the kind asked for (a 部门 for "哪个部门")
NATIONAL_BONUS = 0.1  # a national regulation's clause, for a question that names no place
YEAR_BONUS = 0.2
# Between the metrics of one task, the year a question names decides ("2024年…40%，2025年…50%").
METRIC_YEAR_BONUS = 0.5
# Of a clause's relevance, how much comes from the clause and how much from its passage.
CLAUSE_WEIGHT = 0.75
# A clause from a penalty article for a question about a duty, or the other way round.
PENALTY_MISMATCH = 0.15
# ... except for "which article": the article as a whole is the answer.
ARTICLE_CLAUSE_WEIGHT = 0.4


# --- scoring helpers -------------------------------------------------------------------------
def _pairs(text: str) -> set[str]:
    """Pairs of adjacent characters, never across punctuation or a space (a pair made of the
    end of one word and the start of the next says nothing)."""
    return {pair for run in CJK_RUN.findall(text) for i in range(len(run) - 1)
            if not STOP_CHARS.intersection(pair := run[i:i + 2])}


def topic_pairs(query: str) -> set[str]:
    """The question's character pairs without the ones every notice is full of."""
    pairs = _pairs(query)
    return (pairs - GENERIC_PAIRS) or pairs


def overlap(query_pairs: set[str], text: str) -> float:
    """Share of the question's character pairs found in ``text``."""
    return len(query_pairs & _pairs(text)) / len(query_pairs) if query_pairs else 0.0


@dataclass
class Topic:
    """The question's words, each weighted by how rare it is among the texts being compared:
    a word every candidate has (人才集聚工程 in its own plan) does not choose between them, a
    rare one (实施细则) does."""
    weights: dict[str, float]

    def overlap(self, text: str) -> float:
        total = sum(self.weights.values())
        return sum(w for term, w in self.weights.items() if _said(term, text)) / total if total else 0.0

    def terms_in(self, text: str) -> set[str]:
        return {term for term in self.weights if _said(term, text)}

    def without(self, terms: set[str]) -> "Topic":
        kept = {t: w for t, w in self.weights.items() if t not in terms}
        return Topic(kept) if kept else self


def _said(term: str, text: str) -> bool:
    return term in text or any(other in text for other in R.SYNONYM_OF.get(term, ()))


def topic_of(indexes: Indexes, query: str, pool: list[str]) -> Topic:
    """The query's words and the dictionary words inside them (安全诊断 → 诊断), Chinese and at
    least two characters, without those every work-safety text is full of."""
    found = indexes.tokenizer.query(query)
    terms = [t for t in found.terms if CJK_RUN.fullmatch(t) and t not in GENERIC_WORDS]
    n = len(pool)
    return Topic({t: math.log(1 + n / (1 + sum(_said(t, text) for text in pool))) if n else 1.0
                  for t in dict.fromkeys(terms)})


# --- answering -------------------------------------------------------------------------------
def ask(indexes: Indexes, text: str, today: date | None = None) -> Answer:
    question = analyze(indexes, text, today)
    if question.intent == "unit_tasks" and question.units:
        answer = unit_tasks_answer(indexes, question)
    elif question.intent in TASK_FIRST and not _about_regulations(indexes, question):
        from_tasks = TASK_FIRST[question.intent](indexes, question)
        # a passage clause may answer clearly better (a regulation article that names its
        # department without the form of a task, for instance)
        from_passages = clause_answer(indexes, question)
        if from_tasks is not None and from_tasks.confidence + CLAUSE_MARGIN >= from_passages.confidence:
            answer = from_tasks
        else:
            answer = from_passages
    else:
        answer = clause_answer(indexes, question)
    answer.query, answer.notes = question.query, question.notes
    return answer


def _about_regulations(indexes: Indexes, question: Question) -> bool:
    """The question names regulations only: their articles answer it, clause by clause (a
    regulation's tasks are whole articles, too coarse to answer from)."""
    docs = indexes.documents()
    return bool(question.doc_ids) and all(docs[d].kind == "regulation" for d in question.doc_ids)


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
    topic = topic_of(indexes, question.query, [h.text for h in hits])
    intent = question.intent if question.intent in R.OWNER_INTENTS else "responsible"
    candidates = []
    docs = indexes.documents()
    for rank, hit in enumerate(hits):
        role, units = _role_units(hit.task, intent)
        if not units or docs[hit.doc_id].kind == "regulation":
            continue  # a regulation's duty holders are read from its clauses
        candidates.append(Candidate(_task_score(topic, hit, rank), hit,
                                    f"{ROLE_UNIT_LABELS[role]}：{'、'.join(units)}", units,
                                    _unit_marks(hit.text, units)))
    return _task_answer(indexes, question, candidates)


def metric_answer(indexes: Indexes, question: Question) -> Answer | None:
    """A target question from the tasks' metrics: the best task with a metric, and the metric
    that shares most of the question's words."""
    hits = _search(indexes, question, kind="task", k=TASK_CANDIDATES)
    topic = topic_of(indexes, question.query, [h.text for h in hits])
    candidates = []
    shape = R.quantity_shape(question.text) if question.intent == "quantity" else None
    for rank, hit in enumerate(hits):
        metrics = [m for m in hit.task.metrics if shape is None or shape[1].search(m)]
        if not metrics:
            continue  # a quantity question wants its unit: "最高多少" a sum in 元, not a share
        metric, fit = _best_metric(question, topic, hit, metrics)
        at = hit.text.find(metric)
        candidates.append(Candidate(_task_score(topic, hit, rank) + 0.5 * fit,
                                    hit, metric, [], [(at, at + len(metric))] if at >= 0 else []))
    return _task_answer(indexes, question, candidates)


def _best_metric(question: Question, topic: Topic, hit: Hit, metrics: list[str]) -> tuple[str, float]:
    """The task's metric whose clause fits the question best, by the words that tell its
    metrics apart (特种设备 names the task, 定检率 one metric) and the year asked about."""
    around = {m: _context(hit.text, m) for m in metrics}
    shared = set.intersection(*(topic.terms_in(c) for c, _ in around.values())) if len(around) > 1 else set()
    # the words that found the task (its heading) and those all its metrics share do not
    # choose between them
    telling = topic.without(shared | topic.terms_in(f"{hit.task.title} {hit.section}"))

    def fit(metric: str) -> float:
        clause, sentence = around[metric]
        year = question.year and str(question.year) in sentence
        return telling.overlap(clause) + (METRIC_YEAR_BONUS if year else 0.0)
    best = max(metrics, key=fit)
    return best, min(fit(best), 1.0)


def _context(text: str, phrase: str) -> tuple[str, str]:
    """(the clause holding ``phrase``, its sentence)."""
    at = text.find(phrase)
    if at < 0:
        return phrase, phrase
    start = max(text.rfind(ch, 0, at) for ch in "。；;\n") + 1
    clause_start = max(start, max(text.rfind(ch, 0, at) for ch in "，,") + 1)
    clause_ends = [e for e in (text.find(ch, at + len(phrase)) for ch in "。；;，,\n") if e >= 0]
    ends = [e for e in (text.find(ch, at + len(phrase)) for ch in "。；;\n") if e >= 0]
    return (text[clause_start:min(clause_ends) if clause_ends else len(text)],
            text[start:min(ends) if ends else len(text)])


# Questions the structured tasks may answer first: "谁负责…" / "由哪个单位负责…" from the owners,
# "控制在多少" / "几次" from the metrics.
TASK_FIRST = {"lead": owner_answer, "co": owner_answer, "responsible": owner_answer,
              "organisation": owner_answer, "metric": metric_answer, "quantity": metric_answer}


def _task_score(topic: Topic, hit: Hit, rank: int) -> float:
    """A task's title and headings say what it is about (unless they are only 第X条): a match
    there counts more, but the words of the task alone may carry the answer too."""
    heading = STRUCTURAL_HEADING.sub("", f"{hit.task.title} {hit.section}")
    in_text = topic.overlap(hit.text)
    return max(in_text, 0.6 * topic.overlap(heading) + 0.4 * in_text) + 0.1 / (rank + 1)


def _task_answer(indexes: Indexes, question: Question, candidates: list[Candidate]) -> Answer | None:
    candidates.sort(key=lambda c: -c.score)
    if not candidates or candidates[0].score < MIN_CONFIDENCE:
        return None  # no task answers this well enough: try the passages
    best = candidates[0]
    groups = _best_per_document(indexes, candidates, question.several)
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
        if c.units and len(marks) < len(c.units):  # owners named after the task, in a block
            hit, marks = _with_owner_block(indexes, hit, c.units)
        groups[c.hit.doc_id] = AnswerGroup(hit.doc_id, hit.doc_file, hit.doc_title,
                                           docs[hit.doc_id].region, c.answer, c.units,
                                           _citation(hit, marks))
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
            return cited, _unit_marks(cited.text, units)
        pos = line_end + 1
    return hit, []


def _answer_text(groups: list[AnswerGroup]) -> str:
    if len(groups) == 1:
        return groups[0].answer
    return "；".join(f"{g.region or g.doc_title}：{g.answer}" for g in groups)


def _citation(hit: Hit, marks: list[tuple[int, int]]) -> Citation:
    return Citation(hit.doc_id, hit.doc_file, hit.doc_title, hit.section, hit.text,
                    hit.start, hit.end, marks)


# --- clauses ---------------------------------------------------------------------------------
def clause_answer(indexes: Indexes, question: Question) -> Answer:
    hits = _search(indexes, question, kind=None, k=PASSAGE_CANDIDATES)
    topic = topic_of(indexes, question.query, [hit.text[a:b] for hit in hits for a, b in _clauses(hit.text)])
    read = CLAUSE_READERS.get(question.intent, _shaped_clause)
    candidates = []
    penalty_asked = bool(R.PENALTY_QUESTION.search(question.text))
    docs = indexes.documents()
    for rank, hit in enumerate(hits):
        context = topic.overlap(f"{hit.section} {hit.text}")
        # a question naming no place asks about the national rule before a city's
        national = NATIONAL_BONUS if not question.doc_ids and docs[hit.doc_id].kind == "regulation" \
            and not docs[hit.doc_id].region else 0.0
        # the article that punishes a breach is not the one that lays down the duty
        mismatch = PENALTY_MISMATCH if bool(R.PENALTY_CLAUSE.search(f"{hit.section} {hit.text}")) != penalty_asked else 0.0
        for start, end in _clauses(hit.text):
            found = read(question, hit, start, end)
            if found is None:
                continue  # a clause without the asked shape cannot be the answer
            answer, marks, bonus = found
            clause = hit.text[start:end]
            weight = ARTICLE_CLAUSE_WEIGHT if question.intent == "article" else CLAUSE_WEIGHT
            score = weight * topic.overlap(clause) + (1 - weight) * context
            score += bonus + 0.05 / (rank + 1) - mismatch + national
            if question.year and str(question.year) in clause:
                score += YEAR_BONUS
            candidates.append(Candidate(score, hit, answer, [], marks))
    candidates.sort(key=lambda c: -c.score)
    if not candidates or candidates[0].score < MIN_CONFIDENCE:
        return Answer(question.text, question.intent, NOT_FOUND, found=False,
                      confidence=round(candidates[0].score, 3) if candidates else 0.0,
                      citations=[_citation(hit, []) for hit in hits[:3]])
    groups = _best_per_document(indexes, candidates, question.several)
    return Answer(question.text, question.intent, _answer_text(groups),
                  confidence=round(min(candidates[0].score, 1.0), 3),
                  citations=[g.citation for g in groups], groups=groups)


Read = tuple[str, list[tuple[int, int]], float]  # (answer, marks in the hit's text, bonus)


def _shaped_clause(question: Question, hit: Hit, start: int, end: int) -> Read:
    """Deadline, target, owner and passage questions: the clause (what follows, for a passage
    question), with a bonus when it has the shape the intent asks for."""
    intent = "owner" if question.intent in R.OWNER_INTENTS else question.intent
    shape = R.ANSWER_SHAPES.get(intent)
    clause = hit.text[start:end]
    bonus = SHAPE_BONUS if shape is not None and shape.search(clause) else 0.0
    if question.intent != "passage":
        return clause.strip(), [(start, end)], bonus
    # one point of a list ("四是…"): the answer is the list from its first point, when it fits
    first = next((a for a, _ in _clauses(hit.text) if a < start and FIRST_POINT.match(hit.text, a)), start)
    top = first if POINT.match(clause) and end - first <= PASSAGE_ANSWER_CHARS else start
    return hit.text[top:_extend(hit.text, top, end)].strip(), [(start, end)], bonus


def _article_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """"Which article…": the article's number first, then the clause that says it."""
    articles = ARTICLE.findall(hit.section)
    if not articles:
        return None
    clause = hit.text[start:end].strip()
    return f"《{hit.doc_title}》{articles[-1]}：{clause}", [(start, end)], SHAPE_BONUS


def _organisation_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """The organisation the clause names in the asked way: 设在…, 由…负责, 委托…, 由…承担; a
    bonus when it is the kind of body asked for (a 部门 for "哪个部门")."""
    clause = hit.text[start:end]
    for name, shape in R.organisation_shapes(question.text):
        m = shape.search(clause)
        if m:
            org = ORG_NOISE.sub("", m.group("org"))
            at = start + m.start("org") + m.group("org").find(org)
            fits = all(ending.search(org) for asks, ending in R.ASKED_BODY if asks.search(question.text))
            # the subject of any duty is the answer only when no clause names one as asked
            bonus = SHAPE_BONUS / 2 if name == R.ANY_SUBJECT else SHAPE_BONUS
            return org, [(at, at + len(org))], bonus + (KIND_BONUS if fits else 0.0)
    return None


def _owner_clause(question: Question, hit: Hit, start: int, end: int) -> Read:
    """Who leads / who is responsible, asked of a regulation's text: the body or person the
    clause names as its subject or with 由; for an item of a duty list ("（五）每年向职工代表
    大会报告…"), the subject of its lead-in ("主要负责人对本单位…负有下列职责："); else the
    clause itself."""
    found = _organisation_clause(question, hit, start, end)
    if found is None and POINT.match(hit.text, start):
        lead_in = hit.text.find("：", 0, start)
        if 0 <= lead_in:
            holder = _organisation_clause(question, hit, 0, lead_in + 1)
            if holder is not None:
                clause = hit.text[start:end].strip()
                return f"{holder[0]}（{clause}）", holder[1] + [(start, end)], holder[2]
    return found or _shaped_clause(question, hit, start, end)


def _quantity_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """A number with the asked unit (…元, …分钟内, …人, a hotline): the clause that has it."""
    found = R.quantity_shape(question.text)
    clause = hit.text[start:end]
    m = found[1].search(clause) if found else R.ANSWER_SHAPES["metric"].search(clause)
    if not m:
        return None
    return clause.strip(), [(start + m.start(), start + m.end())], SHAPE_BONUS


CLAUSE_READERS = {"article": _article_clause, "organisation": _organisation_clause,
                  "quantity": _quantity_clause, "lead": _owner_clause, "co": _owner_clause,
                  "responsible": _owner_clause}


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
