"""Answers read from passages, clause by clause: the clause of a retrieved passage that has the
shape the question asks for — an organisation named as asked (设在…, 由…负责, 委托…), a number
with the asked unit, an article number, the holder of a duty list. A clause without that shape
cannot be the answer."""
from __future__ import annotations

import re
from dataclasses import replace

from ingest.script import one_for_one, written_form_table
from kb.answers import acts as A
from kb.answers import events as E
from kb.answers import parts as P
from kb.answers import places as PL
from kb.answers import rules as R
from kb.answers.candidates import (
    SHAPE_BONUS,
    Candidate,
    Read,
    answer_text,
    best_per_document,
    calibrated,
    citation,
    margin_of,
    not_found_text,
    search_for,
)
from kb.answers.cases import after_condition, case_fit, case_lead, case_put, count_said
from kb.answers.organisations import organisation_clause
from kb.answers.question import Question
from kb.answers.references import REFERENCE, referred_text, referring_hits
from kb.answers.topic import Topic, topic_of
from kb.indexes.reader import Indexes
from kb.models import Answer, Hit

MIN_CONFIDENCE = 0.35  # a match score below this answers nothing
# A passage answer whose calibrated chance of being right is below this is withheld.
MIN_CALIBRATED = 0.0
# A passage answer is its best clause and what follows, up to about this many characters.
PASSAGE_ANSWER_CHARS = 300
HEADING_CHARS = 40
PASSAGE_CANDIDATES = 12
ARTICLE = re.compile(r"第[一二三四五六七八九十百千零〇\d]+条(?:之[一二三四五六七八九十]+)?")
CLAUSE_END = re.compile(r"[。；;\n]|……")  # (…… closes the first sentence a long article's later piece repeats)
PERIOD_START = re.compile(r"(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*[日号]")  # the first day of a span
# A slogan's name in quotes (“五个落实”, “四不两直”): its number counts nothing a question asks about.
SLOGAN = re.compile(r"[“\"](?=[^“”\"]{0,7}[\u4e00-\u9fff])[^“”\"]{1,8}[”\"]")  # a name, not a number in quotes (“120”)
# A clause of the document a question names, when every word of the question named that document
# ("津南区“两节”安全生产工作会议是哪天开的"): as relevant as a clause saying half the topic.
TITLE_ONLY_RELEVANCE = 0.5
# The points of a list in a passage ("一是…。二是…", "（1）…", "1、…"), and its first one.
POINT = re.compile(r"\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[、.．](?!\d))")
FIRST_POINT = re.compile(r"\s*(?:一是|[（(][一1][）)]|1[、.．](?!\d))")
# Bonuses (a clause of the asked shape: candidates.SHAPE_BONUS): a national clause, a clause naming the year asked about.
NATIONAL_BONUS = 0.1  # a national regulation's clause, for a question that names no place
YEAR_BONUS = 0.2
LIST_BONUS = 0.1  # the lead-in of a list ("下列单位应当…") for a question asking for one (哪些单位)
BOUND_BONUS = 0.1  # a clause stating an upper bound, for a question asking for one (最多, at most)
CONTINUED = 0.9  # of the relevance of the sentence a "处以罚款的，…" goes on with
# Of a clause's relevance, how much comes from the clause and how much from its passage.
CLAUSE_WEIGHT = 0.75
# A clause from a penalty article for a question about a duty, or the other way round.
PENALTY_MISMATCH = 0.15
# The question's words in the clause's order: per shared character past a run of this many.
WORDING_MIN_RUN = 4
WORDING_PER_CHAR = 0.02
WORDING_MAX = 0.1
# A number or date asked: a clause without any of the question's words is about the heading or lead-in line right before
# it in its passage (or its section's heading), at this share of their relevance.
NUMBER_INTENTS = ("metric", "deadline", "quantity", "period")
NEIGHBOUR_SHARE = 0.8
LEAD_LINE = re.compile(r"^[^。；;]{2,30}[：:]\s*$|^[^。；;，,：:]{2,24}\n$")  # "检查频次：", a heading line ("二、活动时间")
# ... except for "which article": the article as a whole is the answer.
ARTICLE_CLAUSE_WEIGHT = 0.4


def clause_answer(indexes: Indexes, question: Question) -> Answer:
    hits = search_for(indexes, question, kind=None, k=PASSAGE_CANDIDATES)
    if question.doc_ids:  # a named notice's tasks fill the hits and hide its sentences outside every task
        # ("…等110多人参加了会议", "会议由…主持"), or its passages lose to its tasks: its passages are read after them
        seen = {(hit.doc_id, hit.start, hit.end) for hit in hits}
        hits += [hit for hit in search_for(indexes, question, kind="passage", k=PASSAGE_CANDIDATES)
                 if (hit.doc_id, hit.start, hit.end) not in seen]
    penalty_asked = bool(R.PENALTY_QUESTION.search(question.text))
    if penalty_asked:  # "违反本条例第二十七条规定的，处…罚款" shares no word with the duty of 第二十七条 it fines
        hits += referring_hits(indexes, hits)
    # the clause rules are written in simplified characters: a passage in traditional ones is
    # read in its one-for-one fold, and what is read is given back as the document writes it
    folded = [replace(hit, text=one_for_one(hit.text), section=one_for_one(hit.section)) for hit in hits]
    as_written = {id(f): w for f, w in zip(folded, hits)}
    spans = [_clauses(hit.text) for hit in folded]
    clauses = [hit.text[a:b] for hit, own in zip(folded, spans) for a, b in own]
    topic = topic_of(indexes, question.query, clauses, question.title_words, question.alternatives)
    read = CLAUSE_READERS.get(question.intent, _shaped_clause)
    candidates = []
    list_asked = bool(R.LIST_ASKED.search(question.text))
    bound_asked = bool(R.BOUND_ASKED.search(question.text))
    place_asked = bool(PL.level_asked(question.text))
    # an English question's Chinese is a list of words in the lexicon's order, not a sentence:
    # its words are said in order only each by itself
    asked = question.query.split() if question.english else ["".join(question.query.split())]
    docs, texts = indexes.documents(), {}
    for rank, (hit, own) in enumerate(zip(folded, spans)):
        context = topic.overlap(f"{hit.doc_title}\n{hit.section} {hit.text}")
        # a question naming no place asks about the national rule before a city's
        national = NATIONAL_BONUS if not question.doc_ids and docs[hit.doc_id].kind == "regulation" \
            and not docs[hit.doc_id].region else 0.0
        # the article that punishes a breach is not the one that lays down the duty: read from its
        # heading and its first sentence (the lead-in of a penalty list), and each clause's own words
        # (a duty's article may mention a penalty in a later sentence)
        first = CLAUSE_END.search(hit.text)
        lead_in = f"{hit.section} {hit.text[:first.end() if first else len(hit.text)]}"
        penal_article = bool(R.PENALTY_CLAUSE.search(lead_in))
        for start, end in own:
            found = read(question, hit, start, end)
            if found is None:
                continue  # a clause without the asked shape cannot be the answer
            if found.body and found.answer == found.body:  # "由谁责令改正，可以并处多少罚款": the body with the sum's clause
                found = found._replace(answer=P.with_clause(question.text, found.body, hit.text[start:end]))
            clause = hit.text[start:end]
            relevance = _relevance(topic, clause, hit.doc_title)
            if goes_on := A.CONTINUES.match(clause):  # "违反前款规定的，处…" says the breach written before it (its own
                # words "违反…规定" say none), whatever the rest of it says
                said = hit.text[:start] + clause[goes_on.end():]
                relevance = max(relevance, CONTINUED * _relevance(topic, said, hit.doc_title))
            if (at := own.index((start, end))) and case_put(question.text, clause, topic):  # a case of the one before
                relevance = max(relevance, _relevance(topic, hit.text[own[at - 1][0]:end], hit.doc_title))
            around = context
            if REFERENCE.search(clause):  # "违反本条例第五条第二项规定的，…" is about what that item says (and so is its article)
                said = referred_text(clause, _document_text(indexes, hit.doc_id, texts))
                relevance = max(relevance, _relevance(topic, f"{clause}\n{said}", hit.doc_title))
                around = max(context, topic.overlap(f"{hit.doc_title}\n{hit.section} {hit.text}\n{said}"))
            if not relevance and not found.body and A.asked_form(question.text):
                relevance = context  # a document's 文号 is about the document its passage is from
            if not relevance and E.signature_date(question.text, hit.text, start, end):
                relevance = context  # a notice's signature date is about the notice it signs
            if not relevance and not topic.weights and question.doc_ids and hit.doc_id in question.doc_ids:
                relevance = TITLE_ONLY_RELEVANCE  # the question's words all named its document: any clause of it may answer
            if not relevance and question.intent in NUMBER_INTENTS:  # the number's clause says none of the question's
                # words, the heading or lead-in line it answers does ("二、活动时间\n5月10日至20日。", "检查频次：\n每季度一次。")
                heads = [hit.text[a:b] for a, b in own[at - 1:at] if LEAD_LINE.match(hit.text[a:b])]
                relevance = NEIGHBOUR_SHARE * _relevance(topic, "\n".join([_last_heading(hit.section), *heads, clause]),
                                                         hit.doc_title)
            if at and (lead := case_lead(hit.text[own[0][0]:own[0][1]])):  # "暴雨红色预警响应措施：" over an article's paragraphs
                # is the case each of them is said for, as much their words as their own: the red alert's schools close,
                # the yellow one's stay watchful
                relevance = max(relevance, _relevance(topic, f"{lead}\n{clause}", hit.doc_title))
            if (question.intent in NUMBER_INTENTS or place_asked) and (lead := _list_lead(hit.text, own, at)):
                # an item of a list ("（三）地下车站…50米内；", "（一）某区行政区域内；") is about its lead-in ("下列范围为安全
                # 保护区：") too: the item saying the question's own words beside the lead-in's answers, not the first item
                # read by its lead-in alone
                relevance = max(relevance, NEIGHBOUR_SHARE * _relevance(topic, f"{lead}\n{clause}", hit.doc_title))
            if question.intent in NUMBER_INTENTS and not relevance:
                continue  # a number or date in a clause about something else answers nothing
            weight = ARTICLE_CLAUSE_WEIGHT if question.intent == "article" else CLAUSE_WEIGHT
            score = weight * relevance + (1 - weight) * around
            penal = penal_article or bool(R.PENALTY_CLAUSE.search(clause))
            mismatch = PENALTY_MISMATCH if penal != penalty_asked else 0.0
            score += found.bonus + 0.05 / (rank + 1) - mismatch + national + _wording(asked, clause)
            if question.year and str(question.year) in clause and not _year_names_document(question.year, hit.doc_title):
                score += YEAR_BONUS
            score += case_fit(question.text, clause, topic, found.body)  # the case the question puts (cases.py)
            if list_asked and R.LIST_LEAD.search(clause):
                score += LIST_BONUS
            if bound_asked and R.BOUND_STATED.search(clause):
                score += BOUND_BONUS
            candidates.append(Candidate(score, hit, found.answer, [found.body] if found.body else [], found.marks))
    candidates = P.with_second_body(question.text, [_written(c, as_written[id(c.hit)])
                                                    for c in sorted(candidates, key=lambda c: -c.score)])
    score = candidates[0].score if candidates else 0.0
    margin = margin_of(candidates)
    confidence = calibrated("clause", score, margin, question, candidates[0] if candidates else None)
    if not candidates or score < MIN_CONFIDENCE or confidence < MIN_CALIBRATED:
        return Answer(question.text, question.intent, not_found_text(question), found=False, confidence=confidence,
                      citations=[citation(hit, []) for hit in hits[:3]], answered_from="clause",
                      score=round(score, 3), margin=round(margin, 3))
    groups = best_per_document(indexes, candidates, question, "clause", margin)
    return Answer(question.text, question.intent, answer_text(groups), units=candidates[0].units,
                  confidence=confidence, citations=[g.citation for g in groups], groups=groups, answered_from="clause",
                  score=round(score, 3), margin=round(margin, 3))


def _list_lead(text: str, own: list[tuple[int, int]], at: int) -> str:
    """The lead-in line of the list whose item is clause ``at`` ("第十八条 下列范围为…：" above "（一）…；（二）…；"), or ""."""
    if not POINT.match(text, own[at][0]):
        return ""
    for a, b in reversed(own[:at]):
        if text[a:b].rstrip().endswith(("：", ":")):
            return text[a:b]
        if not POINT.match(text, a):
            return ""
    return ""


def _last_heading(section: str) -> str:
    """The heading right above a passage ("二、活动时间" of "一、… / 二、活动时间"), not its article's number."""
    return ARTICLE.sub("", section.rsplit(" / ", 1)[-1])


def _document_text(indexes: Indexes, doc_id: str, texts: dict[str, str]) -> str:
    if doc_id not in texts:
        texts[doc_id] = one_for_one(indexes.store.get_document(doc_id).text)
    return texts[doc_id]


def _year_names_document(year: int, title: str) -> bool:
    """The year asked is the one year of the document's title ("2009年全市安全生产重点任务"): it says which
    document, not which of its clauses (a range, "2023—2025年", still tells its years' clauses apart)."""
    return re.findall(r"(?:19|20)\d\d", title) == [str(year)]


def _relevance(topic: Topic, clause: str, title: str) -> float:
    """How much of the question a clause says: its own words and, when it says some, those of its
    document's title (a clause of the 三级公立医院绩效考核 notice is about 三级公立医院 without
    repeating it, as much as the clause beside it that does)."""
    return topic.overlap(f"{clause}\n{title}") if topic.overlap(clause) else 0.0


def _wording(asked: list[str], clause: str) -> float:
    """A clause that says the question's words in its order ("报告事故应当包括", not "事故调查
    报告应当包括"): a small bonus for the longest run of characters they share past
    WORDING_MIN_RUN (a run within one of the ``asked`` texts)."""
    best = 0
    for text in asked:
        n = len(text)
        for i in range(n):
            length = best + 1
            while i + length <= n and text[i:i + length] in clause:
                best, length = length, length + 1
    return min(WORDING_MAX, WORDING_PER_CHAR * max(0, best - WORDING_MIN_RUN))


def _written(candidate: Candidate, hit: Hit) -> Candidate:
    """A candidate read from a folded passage, in the passage's own characters."""
    if hit.text == candidate.hit.text:
        return candidate
    table = written_form_table(candidate.hit.text, hit.text)
    return Candidate(candidate.score, hit, candidate.answer.translate(table),
                     [unit.translate(table) for unit in candidate.units], candidate.marks)


# Intents whose answer must have its shape: a number for a target, a date for a deadline.
SHAPE_REQUIRED = ("metric", "deadline")
ITEM_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[）)])")


def _shaped_clause(question: Question, hit: Hit, start: int, end: int) -> Read:
    """Deadline, target, owner and passage questions: the clause (what follows, for a passage
    question), with a bonus when it has the shape the intent asks for."""
    intent = "owner" if question.intent in R.OWNER_INTENTS else question.intent
    shape = R.ANSWER_SHAPES.get(intent)
    if intent == "metric":  # "多久…一次" wants a frequency, "下降多少" a share: not any number
        shape = R.metric_shape(question.text) or shape
    clause = hit.text[start:end]
    form = A.asked_form(question.text)  # a form asked by name (文号): the text of that form, or no answer
    if form is not None:
        m = form.search(clause)
        return Read(m.group(), [(start + m.start(), start + m.end())], SHAPE_BONUS) if m else None
    # an item's own number (1.  / （二）) is no number of the answer
    said = clause[after_condition(question.text, clause):]  # not the bounds of a count the question gives
    if intent == "metric":
        said = count_said(question.text, said)  # "how many": not a date's numbers
    bonus = SHAPE_BONUS if shape is not None and shape.search(SLOGAN.sub("", ITEM_NUMBER.sub("", said))) else 0.0
    if bonus and intent == "deadline" and R.RECURRING.search(clause) and not R.RECURRENCE_ASKED.search(question.text):
        bonus = SHAPE_BONUS / 2  # a yearly deadline for "by when": the dated one fits better
    bonus += E.event_bonus(question.text, clause)  # "是哪天召开的": the date written before the act
    if E.signature_date(question.text, hit.text, start, end):  # "是哪天印发的": the signature's date
        bonus += E.EVENT_BONUS
    if question.intent in SHAPE_REQUIRED and not bonus:
        return None  # "预算是多少" is not answered by a sentence without a number
    if question.intent != "passage":
        return Read(clause.strip(), [(start, end)], bonus)
    if (level := PL.level_asked(question.text)) and not (named := PL.places_answering(question.text, level, clause)):
        if level in PL.DICTIONARY_LEVELS:
            return None  # "哪个区…" is not answered by a clause naming no district
    elif level:
        bonus += SHAPE_BONUS  # a clause naming a district answers, an item with its list's lead-in
        own = _clauses(hit.text)
        lead = _list_lead(hit.text, own, own.index((start, end))) if (start, end) in own else ""
        return Read(P.ARTICLE_NUMBER.sub("", lead).strip() + clause.strip(),
                    [(start + m.start(), start + m.end()) for m in named], bonus)
    if E.place_asked(question.text):  # "在哪里召开的": only a sentence placing the event answers, by itself
        place = E.event_place(clause)
        return Read(clause.strip(), [(start + place.start("place"), start + place.end("place"))], bonus) \
            if place else None
    # one point of a list ("四是…"): the answer is the list from its first point, when it fits
    first = next((a for a, _ in _clauses(hit.text) if a < start and FIRST_POINT.match(hit.text, a)), start)
    top = E.accident_told_before(question.text, hit.text, first if POINT.match(clause) and end - first <= PASSAGE_ANSWER_CHARS
                                 else start, end)  # "which accident": the sentence telling it, before its lessons
    return Read(hit.text[top:_extend(hit.text, top, end)].strip(), [(start, end)], bonus)


def _article_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """"Which article…": the article's number first, then the clause that says it."""
    articles = ARTICLE.findall(hit.section)
    if not articles:
        return None
    clause = hit.text[start:end].strip()
    return Read(f"《{hit.doc_title}》{articles[-1]}：{clause}", [(start, end)], SHAPE_BONUS)


def _owner_clause(question: Question, hit: Hit, start: int, end: int) -> Read:
    """Who leads / who is responsible, asked of a regulation's text: the body or person the
    clause names as its subject or with 由; for an item of a duty list ("（五）每年向职工代表
    大会报告…"), the subject of its lead-in ("主要负责人对本单位…负有下列职责："); else the
    clause itself."""
    co = R.CO_BODY.search(hit.text, start, end) if question.intent == "co" else None
    if co:  # "X会同Y…": who works with the lead is Y
        return Read(co.group("org"), [(co.start("org"), co.end("org"))], SHAPE_BONUS, co.group("org"))
    found = organisation_clause(question, hit, start, end)
    if found is None and POINT.match(hit.text, start):
        lead_in = hit.text.find("：", 0, start)
        if 0 <= lead_in:
            holder = organisation_clause(question, hit, 0, lead_in + 1)
            if holder is not None:
                clause = hit.text[start:end].strip()
                return Read(f"{holder.body}（{clause}）", holder.marks + [(start, end)], holder.bonus, holder.body)
    return found or (None if A.act_asked(question.text) else _shaped_clause(question, hit, start, end))


def _quantity_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """A number with the asked unit (…元, …分钟内, …人, a hotline): the clause that has it."""
    found = R.quantity_shape(question.text)
    clause = hit.text[start:end]
    after = after_condition(question.text, clause)
    searched = SLOGAN.sub(lambda s: " " * len(s.group()), clause)  # the same length: the same offsets
    m = (found[1] if found else R.ANSWER_SHAPES["metric"]).search(searched, after)
    if not m:
        return _lead_in_number(question, hit, start, end, found)
    if m.group() == R.AT_ONCE:  # "立即" answers "多久内" less well than a number does
        return Read(clause.strip(), [(start + m.start(), start + m.end())], SHAPE_BONUS / 2)
    unit = R.time_unit(question.text)
    if unit is not None and found and found[0] == "time_limit":  # "多少天内" is not answered in months
        m = unit.search(searched, after)
        if not m:
            return None
    return Read(clause.strip(), [(start + m.start(), start + m.end())], SHAPE_BONUS)


def _lead_in_number(question: Question, hit: Hit, start: int, end: int, found) -> Read | None:
    """An item of a penalty list ("（二）在…吸烟的；") says what is punished, its lead-in ("有下列
    行为之一的，处…罚款：") the number: for a fine question, the item with the lead-in's clause
    that holds it."""
    colon = max(hit.text.rfind(ch, 0, start) for ch in "：:")
    if not found or found[0] != "fine" or colon < 0 or not POINT.match(hit.text, start):
        return None
    m = found[1].search(hit.text, 0, colon)
    asked = [party for party in R.PENALISED_PARTIES if party in question.text]
    if not m or asked and not any(party in hit.text[:colon] for party in asked):
        return None  # "个人…罚多少" is not answered by the list that fines 单位
    begin = max(hit.text.rfind(ch, 0, m.start()) for ch in "。；;\n") + 1
    said = P.ARTICLE_NUMBER.sub("", hit.text[begin:colon])
    return Read(f"{said.strip()}：{hit.text[start:end].strip()}", [(m.start(), m.end()), (start, end)], SHAPE_BONUS)


def _period_clause(question: Question, hit: Hit, start: int, end: int) -> Read | None:
    """The span of a campaign (从即日起至…, 至…结束, 为期…): the clause that gives it."""
    clause = hit.text[start:end]
    m = R.ANSWER_SHAPES["period"].search(clause)
    if not m:
        return None
    # the span's own part of a long sentence ("…，从即日起至12月31日，在全县开展…"; "…特通告如下：允许燃放的时段为…至…")
    begin = max(clause.rfind(ch, 0, m.start()) for ch in "，,：:") + 1
    # "将于6月1日正式启动，并持续至6月30日结束": a span that gives only its end starts at the date written before it
    start_day = list(PERIOD_START.finditer(clause, 0, begin)) if m.group().startswith("至") else []
    if start_day:
        begin = max(clause.rfind(ch, 0, start_day[-1].start()) for ch in "，,：:") + 1
    stops = [at for at in (clause.find(ch, m.end()) for ch in "，,。；;：:") if at >= 0]
    if m.group()[-1] in ")）":  # a last day's aside closes the span (a page that runs its next sentence on)
        stops.append(m.end())
    return Read(clause[begin:min(stops, default=len(clause))].strip(), [(start + m.start(), start + m.end())],
                SHAPE_BONUS)


CLAUSE_READERS = {"article": _article_clause, "period": _period_clause, "organisation": organisation_clause,
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
