"""Questions → answers with cited sources, without a language model.

1. ``kb.answers.question`` reads the question: intent, the documents it names, the units, relative time,
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

import re
from datetime import date

from ingest.models import Task
from ingest.script import reading_form
from ingest.vocab import ROLE_FIELDS, ROLE_LABELS, ROLE_UNIT_LABELS, ROLES
from kb.answers import acts as A
from kb.answers import parts as P
from kb.answers import rules as R
from kb.answers.candidates import (
    NOT_FOUND,
    OWNER_ASKS,
    Candidate,
    answer_text,
    best_per_document,
    calibrated,
    margin_of,
    not_found_text,
    search_for,
    unit_marks,
)
from kb.answers.cases import counts_another
from kb.answers.clauses import MIN_CONFIDENCE, SLOGAN, clause_answer
from kb.answers.question import Question, analyze
from kb.answers.topic import Topic, topic_of
from kb.indexes.reader import Indexes
from kb.models import Answer, AnswerGroup, Citation, Hit
from kb.tables.tracking import deadline_status, unit_matcher

__all__ = ["NOT_FOUND", "ask"]

TASK_CANDIDATES = 30
# An answer from the tasks stands unless a passage clause matches clearly better, by this much.
CLAUSE_MARGIN = 0.2
# Which roles answer each owner question, in order: a plan that names only 责任单位 answers
# "who leads" with them, and one that names only 牵头单位 answers "who is responsible".
ANSWER_ROLES = {"lead": ("lead", "responsible"), "co": ("co",), "responsible": ("responsible", "lead")}
# Article and chapter numbers say nothing about what a task is about.
STRUCTURAL_HEADING = re.compile(r"第[一二三四五六七八九十百千零〇\d]+[编章节条款]")
# Between the metrics of one task, the year a question names decides ("2024年…40%，2025年…50%").
METRIC_YEAR_BONUS = 0.5
# A task that writes the asked role in words ("牵头单位：…" for "谁牵头") over one whose owners
# take that role only by their form or by default.
ROLE_WRITTEN_BONUS = 0.1


def ask(indexes: Indexes, text: str, today: date | None = None) -> Answer:
    question = analyze(indexes, text, today)
    if question.intent == "unit_tasks" and question.units:
        answer = unit_tasks_answer(indexes, question, today or date.today())
    elif question.intent in TASK_FIRST and not _about_regulations(indexes, question) and \
            not R.in_legal_register(question.query if question.english else question.text):
        from_tasks = TASK_FIRST[question.intent](indexes, question)
        # a passage clause may answer clearly better (a regulation article that names its
        # department without the form of a task, for instance)
        from_passages = clause_answer(indexes, question)
        # a clause that names no body does not answer "who" better than a task's owners
        names_no_owner = question.intent in OWNER_ASKS and not from_passages.units
        # a clause naming the task's own owners says no more than the task, which also knows their roles
        same_owners = from_tasks is not None and bool(from_passages.units) and \
            {u for unit in from_passages.units for u in unit.split("、")} <= set(from_tasks.units)
        # "设在哪里" asks where: a task's owners say who, a clause 设在… says where
        where = from_passages.found and R.PLACE_ASKED.search(question.text)
        # "由哪些单位组成" asks a body's members: the clause 由…组成 names them, a task's owners do not
        members = from_passages.found and R.MEMBERS_ASKED.search(question.text)
        # "哪一天", "which day": a task's deadline that lists several dates does not say which of them, a clause may
        one_day = from_passages.found and from_tasks is not None and question.intent == "deadline" and \
            R.DAY_ASKED.search(question.text) and "；" in from_tasks.deadline
        # a task naming only a fallback role ("责任单位" for "谁牵头") does not outweigh a clause that
        # writes the asked role of a body, which the task's owners missed ("建立X牵头的…制度")
        role_read = _role_written_in_clause(question, from_passages) and not _answers_asked_role(question, from_tasks)
        # "谁宣读了方案", "who led the inspection": the clause writing the act says who, a task's owners do not
        acted = from_passages.found and bool(R.ACTOR_ASKED.search(question.text) or A.act_asked(question.text)
                                             or A.did_asked(question.text))
        if from_tasks is not None and not where and not members and not one_day and not role_read and not acted and \
                (names_no_owner or same_owners or _task_holds(indexes, from_tasks, from_passages)):
            answer = from_tasks
        else:
            answer = from_passages
    else:
        answer = clause_answer(indexes, question)
        if question.intent == "period" and not answer.found:  # no span written: the tasks' deadlines
            answer = deadline_answer(indexes, question) or answer
    answer.query, answer.notes = question.query, question.notes
    return answer


def _task_holds(indexes: Indexes, from_tasks: Answer, from_passages: Answer) -> bool:
    """The tasks' answer stands unless the passages' scores clearly better. Past 1.0 a score
    holds only bonuses, and a plan's passage restating a task earns them as the task does: both
    count as 1.0. A regulation's article is no restatement of a plan's task: one that fits far
    better (its shape, its kind of body, the national rule) answers, scores compared whole."""
    cited = from_passages.citations[0].doc_id if from_passages.found and from_passages.citations else None
    whole = cited is not None and indexes.documents()[cited].kind == "regulation"
    cap = float("inf") if whole else 1.0
    return min(from_tasks.score, cap) + CLAUSE_MARGIN >= min(from_passages.score, cap)


def _role_written_in_clause(question: Question, from_passages: Answer) -> bool:
    """The clause answer names its body with the asked role's word right after it (X牵头, X配合)."""
    if question.intent not in ("lead", "co") or not from_passages.found or not from_passages.citations:
        return False
    cited = from_passages.citations[0].text
    return any(re.search(re.escape(unit) + f"(?:{R.ROLE_WRITTEN[question.intent].pattern})", cited)
               for unit in from_passages.units)


def _answers_asked_role(question: Question, from_tasks: Answer | None) -> bool:
    """The tasks' best answer names owners in the asked role, not only in a fallback one."""
    return from_tasks is not None and bool(from_tasks.groups) and \
        from_tasks.groups[0].answer.startswith(ROLE_UNIT_LABELS[question.intent])


def _about_regulations(indexes: Indexes, question: Question) -> bool:
    """The question names regulations only: their articles answer it, clause by clause (a
    regulation's tasks are whole articles, too coarse to answer from)."""
    docs = indexes.documents()
    return bool(question.doc_ids) and all(docs[d].kind == "regulation" for d in question.doc_ids)


def owner_answer(indexes: Indexes, question: Question) -> Answer | None:
    unit_filter = question.units[0] if question.units and question.intent == "co" else None
    hits = search_for(indexes, question, kind="task", k=TASK_CANDIDATES, unit=unit_filter)
    topic = topic_of(indexes, question.query, [h.text for h in hits], question.title_words, question.alternatives)
    intent = question.intent if question.intent in R.OWNER_INTENTS else "responsible"
    candidates = []
    docs = indexes.documents()
    also = [role for role in R.asked_roles(question.text) if role != intent]  # 由谁牵头，联合哪些部门
    for rank, hit in enumerate(hits):
        role, units = _role_units(hit.task, intent)
        if not units or docs[hit.doc_id].kind == "regulation":
            continue  # a regulation's duty holders are read from its clauses
        # "由哪些单位负责" of a task with a lead and co units (列第一位的为牵头单位): all of them
        shown_roles = [*also, "co"] if intent == "responsible" and role == "lead" and "co" not in also else also
        named = sorted([(role, units), *((r, getattr(hit.task, ROLE_FIELDS[r])) for r in shown_roles)],
                       key=lambda found: ROLES.index(found[0]))
        named = [(r, u) for r, u in named if u]
        shown = "；".join(f"{ROLE_UNIT_LABELS[r]}：{'、'.join(u)}" for r, u in named)
        everyone = [unit for _, u in named for unit in u]
        written = role == intent and R.ROLE_WRITTEN[role].search(reading_form(hit.text))
        candidates.append(Candidate(_task_score(topic, hit, rank) + (ROLE_WRITTEN_BONUS if written else 0.0),
                                    hit, shown, everyone, unit_marks(hit.text, everyone)))
    return _task_answer(indexes, question, candidates)


def metric_answer(indexes: Indexes, question: Question) -> Answer | None:
    """A target question from the tasks' metrics: the best task with a metric, and the metric
    that shares most of the question's words."""
    hits = search_for(indexes, question, kind="task", k=TASK_CANDIDATES)
    topic = topic_of(indexes, question.query, [h.text for h in hits], question.title_words, question.alternatives)
    candidates = []
    shape = R.quantity_shape(question.text) if question.intent == "quantity" else None
    if question.intent == "metric" and (specific := R.metric_shape(question.text)):
        shape = ("metric", specific)
    # "几天", "多少小时内": a span of time in the unit asked ("为期三个月" does not answer "几天")
    unit = R.time_unit(question.text) if shape and shape[0] == "time_limit" else None
    for rank, hit in enumerate(hits):
        # a metric whose number is a slogan's (“五个落实”) counts nothing
        metrics = [m for m in hit.task.metrics if (shape[1] if shape else R.ANSWER_SHAPES["metric"]).search(SLOGAN.sub("", m))
                   and not counts_another(question.text, m, topic)  # "how many teams": not its "50项内容"
                   and not (unit and not unit.search(m))]
        if not metrics:
            continue  # a quantity question wants its unit: "最高多少" a sum in 元, not a share
        metric, fit = _best_metric(question, topic, hit, metrics)
        metric = P.with_sentence(question.text, hit.text, metric)  # "共查出多少项，其中…多少项": the sentence holding both
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


def deadline_answer(indexes: Indexes, question: Question) -> Answer | None:
    """A "by when" question from the tasks' deadlines: the best task that has one."""
    hits = search_for(indexes, question, kind="task", k=TASK_CANDIDATES)
    topic = topic_of(indexes, question.query, [h.text for h in hits], question.title_words, question.alternatives)
    candidates = []
    for rank, hit in enumerate(hits):
        deadline = hit.task.deadline
        if not deadline:
            continue
        at = hit.text.find(deadline)
        candidates.append(Candidate(_task_score(topic, hit, rank), hit, f"完成时限：{deadline}", [],
                                    [(at, at + len(deadline))] if at >= 0 else []))
    return _task_answer(indexes, question, candidates)


# Questions the structured tasks may answer first: "谁负责…" / "由哪个单位负责…" from the owners,
# "控制在多少" / "几次" from the metrics, "什么时候前…" from the deadlines.
TASK_FIRST = {"lead": owner_answer, "co": owner_answer, "responsible": owner_answer,
              "organisation": owner_answer, "metric": metric_answer, "quantity": metric_answer,
              "deadline": deadline_answer}


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
    margin = margin_of(candidates)
    groups = best_per_document(indexes, candidates, question, "task", margin)
    return Answer(question.text, question.intent, answer_text(groups), units=best.units,
                  deadline=best.hit.task.deadline, deadline_norm=best.hit.task.deadline_norm,
                  metrics=best.hit.task.metrics, confidence=calibrated("task", best.score, margin, question, best),
                  citations=[g.citation for g in groups], groups=groups, answered_from="task",
                  score=round(best.score, 3), margin=round(margin, 3))


def _role_units(task: Task, intent: str) -> tuple[str, list[str]]:
    """The role that answers the question, and its units."""
    for role in ANSWER_ROLES[intent]:
        if getattr(task, ROLE_FIELDS[role]):
            return role, getattr(task, ROLE_FIELDS[role])
    return intent, []


def unit_tasks_answer(indexes: Indexes, question: Question, today: date) -> Answer:
    """"X负责哪些任务": the unit's tasks as a table grouped by document (most recent first), with
    its role, the deadline and the deadline's status today; one citation per document."""
    unit = question.units[0]
    year = question.year
    filters = {"due_after": str(year), "due_before": str(year)} if year else {}
    stored = indexes.store.tasks(unit=unit, **filters)
    if question.doc_ids:
        stored = [s for s in stored if s.document.doc_id in question.doc_ids]
    if not stored:
        return Answer(question.text, "unit_tasks", not_found_text(question), found=False, units=[unit])
    # the same table whatever order the files were ingested in
    stored.sort(key=lambda s: (s.document.title, s.document.file, s.task.seq))
    stored.sort(key=lambda s: s.document.date, reverse=True)
    is_unit = unit_matcher(unit)
    table, groups = [], {}
    for s in stored:
        roles = [ROLE_LABELS[r] for r in ROLES if any(map(is_unit, getattr(s.task, ROLE_FIELDS[r])))]
        table.append({"doc_id": s.document.doc_id, "doc_title": s.document.title or s.document.file,
                      "role": "、".join(roles), "task": s.task.title or s.task.text, "deadline": s.task.deadline,
                      "deadline_norm": s.task.deadline_norm,
                      "status": deadline_status(s.task.deadline_norm, today)})
        if s.document.doc_id not in groups:
            groups[s.document.doc_id] = (s, [])
        groups[s.document.doc_id][1].append(s)
    answer_groups = [AnswerGroup(first.document.doc_id, first.document.file, first.document.title,
                                 first.document.region, f"{len(tasks)}项任务", [unit],
                                 Citation(first.document.doc_id, first.document.file, first.document.title,
                                          first.task.section, first.task.text, first.task.start, first.task.end),
                                 confidence=1.0)
                     for first, tasks in groups.values()]
    summary = "；".join(f"《{g.doc_title or g.doc_file}》{g.answer}" for g in answer_groups)
    return Answer(question.text, "unit_tasks", f"{unit}共{len(stored)}项任务，在{len(groups)}份文件中：{summary}",
                  units=[unit], confidence=1.0, citations=[g.citation for g in answer_groups],
                  groups=answer_groups, tasks=[s.task for s in stored], table=table, answered_from="unit_list")
