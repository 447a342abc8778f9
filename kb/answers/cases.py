"""Which case a clause speaks of, as data (tests/test_answer_cases.py has one example per rule): a law writes
one duty or fine per case ("…的，由X负责；没有物业服务人的，由Y负责", "处…罚款；情节严重的，处…罚款") and a
notice counts what it asks ("提出三点要求"), so of a passage's clauses the one of the case the question puts
answers it:

- the count of people a question gives ("有150名从业人员的") held by the clause's condition ("一百人以上…的，");
- the count of things it gives ("只有2家时") said by the clause ("为2家的，");
- a case it puts in the negative ("没有物业服务人的小区", "an area that has no property service provider", "neither
  A nor B"), the clause whose condition is that negation ("没有物业服务人的，由…负责", "未设A且未设B的小区，由…负责");
- the aggravated case ("情节严重的，处…"), only when the question asks for it: a fine asked plainly is the base one;
- what a count question counts ("how many requirements", "提出了几点要求"): the clause that counts that thing
  ("要达到四个要求"), not one with any number (a date), nor a task's metric counting another ("50项内容" for "how many
  teams");
- a case it puts plainly ("实行施工总承包的，…由谁办理", "when premises … are rented out"): the clause opening on that
  case ("实行施工总承包的，由总承包单位办理。", "（四）出租、出借…的场所的，出租人…"), read with the sentence before
  it, whose duty it splits by case (the thing done is written there only);
- the case an article's first line names for all its paragraphs ("暴雨红色预警响应措施：" over "中小学校应当停课"):
  each paragraph says it, so the red alert's schools answer a question about the red alert.
"""
from __future__ import annotations

import re

from ingest.patterns import cn_to_int
from kb.answers import rules as R
from kb.answers.lexicon import durations, is_english, lexicon_terms
from kb.answers.topic import Topic

# Of a clause's score, what fitting the question's case adds (or taking the other case costs).
COUNT_FIT = 0.2  # per the condition holding (+) or leaving out (-) the count of people given
NUMBER_FIT = 0.2  # a clause that says the count of things the question gives
NEGATED_FIT = 0.2  # a clause whose condition is the negation the question puts
AGGRAVATED_UNASKED = 0.15  # the aggravated case, for a question that does not ask for it
COUNTED_FIT = 0.2  # a clause that counts the thing a count question asks about
CASE_FIT = 0.2  # a clause opening on the case the question puts

# A clause whose condition negates a thing: "没有物业服务人的，", "（三）无证经营的，", "未设置…的，".
NEGATED_CONDITION = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*(?:没有|无|未)(?P<what>[^，,。；;]{1,30}?)的"
                               # … and whose case it is ("未聘请物业服务企业且未成立业主委员会的住宅小区，")
                               r"[\u4e00-\u9fff]{0,8}\s*[，,]")
# A question that puts a case in the negative, and the thing it says is not there ("没有物业服务人的", "has no
# property service provider"): that thing is no answer to who acts in that case.
NEGATION_ASKED = re.compile(r"没有|(?<![并从])无(?!论|关)|未(?!来|成年)|\b(?:no|without|lacks?|lacking|neither|nor)\b", re.I)
# ("neither A nor B": both are not there; "既没有A也没有B" is two 没有)
NEGATED_THING = re.compile(r"(?:没有|(?<![并从])无(?!论|关))(?P<zh>[\u4e00-\u9fff]{2,8})|\b(?:no|without|neither|nor)\s+(?:a |an |any )?"
                           r"(?P<en>(?:(?!nor\b)[a-z'-]+\s*){1,4})", re.I)
# The aggravated case of a penalty, and a question that asks for it (not "if it is not serious", "情节不严重").
AGGRAVATED = re.compile(r"情节(?:特别|较为|比较)?(?:严重|较重|恶劣)")
AGGRAVATION_ASKED = re.compile(r"(?<!不)(?:严重|较重|恶劣)|(?<!not )(?<!n't )\b(?:serious(?:ly)?|grave|aggravated)\b", re.I)
# A count question, and a clause that counts something: "四个要求", "三点工作要求", "十项重点工作".
COUNT_ASKED = re.compile(r"\bhow many\b|多少(?:个|项|条|点|类|方面)|几(?:个|项|条|点|类|大)(?!月|工作日|小时)", re.I)
_CN = r"[\d一二两三四五六七八九十百]+"
# An article's first line that only names the case its paragraphs are said for ("第十八条 暴雨红色预警响应措施：").
CASE_LEAD = re.compile(r"^\s*(?:第[一二三四五六七八九十百千零〇\d]+条)?\s*(?P<case>[^。；;，,：:\n]{2,30})[：:]\s*$")
COUNTED = re.compile(rf"{_CN}\s*(?:个|项|条|点|类|方面|大)(?!工作日|月|小时|周|年)(?P<what>[\u4e00-\u9fff]{{2,8}})")
# What a count question counts, in its own words ("多少个部门" → 部门, "how many departments"): a generic word (部门, 单位)
# is no topic word, yet it says what is counted. English words for bodies, which translation leaves out, by their stem.
COUNTED_NAMED = re.compile(r"(?:多少|几)(?:个|项|条|类|家|支)(?P<zh>[\u4e00-\u9fff]{2})|\bhow many (?P<en>[a-z-]+)", re.I)
BODIES_COUNTED = (("department", "部门"), ("unit", "单位"), ("agenc", "部门"), ("authorit", "部门"), ("bod", "部门"))
# A date or an ordinal in a clause is no count ("11月12日召开第四次会议" answers no "how many").
NOT_A_COUNT = re.compile(r"(?:19|20)\d\d\s*年度?|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|\d{1,2}\s*月份|"
                         r"第[\d一二三四五六七八九十百]+(?:次|届|批|季度)?")

# A question that puts a case ("…的，", "…的话", "when/if …" after its question words), and a clause opening on a
# condition (after an article's or item's number): "实行施工总承包的，", "（四）出租…的场所的，".
CASE_ASKED = re.compile(r"[\u4e00-\u9fff]的\s*[，,]|的话"
                        r"|\w[^?]*\b(?:when|if)\b(?!\s+(?:is|are|was|were|must|should|does|do|did|will|can)\b)", re.I)
# "违反前款规定的，", "违反本条例第十条规定的，": a breach named by what it breaks, no case of its own (references.py)
BREACH_BY_REFERENCE = re.compile(r"违反(?:本|前|上|该|第)")
CONDITION = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+条\s*)?(?:[（(][一二三四五六七八九十\d]{1,3}[）)])?\s*"
                       r"(?P<what>[^，,。；;：:]{2,40}?)的\s*[，,]")


def case_put(question: str, clause: str, topic: Topic) -> bool:
    """The clause opens on the case the question puts: its condition says one of the question's rarer words
    (weighed among the candidates: 出租, not the 电梯 every item of the article says)."""
    condition = CONDITION.match(clause)
    if not condition or NEGATED_CONDITION.match(clause) or not CASE_ASKED.search(question) or not topic.weights \
            or NEGATION_ASKED.search(question) or AGGRAVATED.search(condition.group("what")) \
            or BREACH_BY_REFERENCE.match(condition.group("what")):
        return False  # a case put in the negative, the aggravated one, a breach named by reference: read elsewhere
    rare = max(topic.weights.values()) / 2  # a word most candidates say weighs far less than the rarest
    return any(topic.weights[term] >= rare for term in topic.terms_in(condition.group("what")))


def case_fit(question: str, clause: str, topic: Topic, body: str = "") -> float:
    """What fitting (or missing) the question's case adds to a clause's score (``body``: whom the clause
    names as the answer)."""
    fit = -NEGATED_FIT if body and absent(question, body) else 0.0
    fit += COUNT_FIT * count_fit(question, clause) + (NUMBER_FIT if says_given_numbers(question, clause) else 0.0)
    condition = NEGATED_CONDITION.match(clause)
    if condition and NEGATION_ASKED.search(question) and topic.terms_in(condition.group("what")):
        fit += NEGATED_FIT
    if AGGRAVATED.search(clause) and not AGGRAVATION_ASKED.search(question):
        fit -= AGGRAVATED_UNASKED
    if COUNT_ASKED.search(question) and any(topic.terms_in(m.group("what")[:4]) or counts_named(question, m.group("what"))
                                            for m in COUNTED.finditer(clause)):
        fit += COUNTED_FIT
    return fit + (CASE_FIT if case_put(question, clause, topic) else 0.0)


def counts_named(question: str, what: str) -> bool:
    """The thing a clause counts (``what``) is the one the question names after its count word."""
    m = COUNTED_NAMED.search(question)
    if not m:
        return False
    if m.group("zh"):
        return m.group("zh") in what
    asked = m.group("en").lower()
    words = [zh for stem, zh in BODIES_COUNTED if asked.startswith(stem)] or lexicon_terms(asked)[0].split()
    return any(word in what for word in words)


def count_said(question: str, clause: str) -> str:
    """The clause as a count question reads its numbers: without its dates and ordinals."""
    return NOT_A_COUNT.sub(" ", clause) if COUNT_ASKED.search(question) else clause


def counts_another(question: str, metric: str, topic: Topic) -> bool:
    """A count question ("how many supervision teams", "派出几个督导组") and a task's metric that counts a thing of
    its own none of the question's words name ("检查事项清单50项内容"): the metric does not answer it."""
    counted = [m.group("what")[:4] for m in COUNTED.finditer(metric)]
    return bool(COUNT_ASKED.search(question) and counted and not any(topic.terms_in(what) for what in counted))


def absent(question: str, body: str) -> bool:
    """The question says ``body`` is not there ("没有物业服务人的", "that has no property service provider")."""
    for m in NEGATED_THING.finditer(question):
        if m.group("zh") and body in m.group("zh"):
            return True
        if m.group("en") and any(body in word or word in body for word in lexicon_terms(m.group("en"))[0].split()):
            return True
    return False


def count_fit(question: str, clause: str) -> int:
    """1 when the clause's condition ("从业人员一百人以上不足三百人的，…") holds the count of people the
    question gives ("有150名从业人员的", "with 150 employees"), -1 when it leaves it out, else 0."""
    given = R.GIVEN_COUNT.search(question)
    condition = R.CONDITION_END.search(clause)
    if not given or not condition:
        return 0
    count, head = int(given.group(1)), clause[:condition.start()]
    fits = [count >= n for n in _numbers(R.COUNT_AT_LEAST, head)] + \
        [count < n for n in _numbers(R.COUNT_BELOW, head)] + [count <= n for n in _numbers(R.COUNT_AT_MOST, head)]
    return 0 if not fits else 1 if all(fits) else -1


def says_given_numbers(question: str, clause: str) -> bool:
    """The clause says every count of things the question gives ("只有2家时" → "为2家的"), if it gives any."""
    given = [m.group() for m in R.GIVEN_NUMBER.finditer(question)]
    return bool(given) and all(number in clause for number in given)


def after_condition(question: str, clause: str) -> int:
    """Where the answer may start in a clause: after its condition ("…不足三百人的，") when the
    question gives a count of people (the condition's numbers bound it, they answer nothing), or a span of
    time the condition says ("停水超过十二小时的，" for "when water is off for over 12 hours": its answer is
    the notice given, not the 12 hours)."""
    condition = R.CONDITION_END.search(clause)
    if condition and (R.GIVEN_COUNT.search(question) or spans_given(question) & _spans(clause[:condition.start()])):
        return condition.end()
    return 0


# A span of time as a number and its unit ("十二小时", "3天", "12 hours" read as 12小时): one day is 日 or 天.
SPAN = re.compile(rf"({_CN})\s*(?:个)?(小时|分钟|日|天|月)(?!底|末|初|上旬|中旬|下旬)")


def spans_given(question: str) -> set[tuple[int, str]]:
    """The spans of time a question gives ("for over 12 hours", "超过12小时的"), as (number, unit)."""
    return _spans(" ".join(durations(question)) if is_english(question) else question)


def _spans(text: str) -> set[tuple[int, str]]:
    return {(int(n) if n.isdigit() else cn_to_int(n), unit.replace("天", "日")) for n, unit in SPAN.findall(text)}


def _numbers(pattern: re.Pattern, text: str) -> list[int]:
    """The numbers of a pattern's matches, in digits or Chinese up to 百 (一百五十)."""
    return [int(n) if n.isdigit() else cn_to_int(n) for n in pattern.findall(text) if n.isdigit() or not set(n) & set("千万")]


def case_lead(first_clause: str) -> str:
    """The case an article's first clause names for all its paragraphs, or ""."""
    m = CASE_LEAD.match(first_clause)
    return m.group("case") if m else ""
