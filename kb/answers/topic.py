"""What a question is about, as weighted words: its words and the dictionary words inside them,
each weighted by how rare it is among the texts being compared, a word matching its synonyms."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ingest.script import reading_form
from kb.answers import rules as R
from kb.indexes.reader import Indexes

# Words found in nearly every passage of a work-safety text: they say nothing about the topic.
GENERIC_WORDS = frozenset({"安全", "生产", "安全生产", "工作", "管理", "单位", "部门", "企业", "有关", "加强"})
CJK_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


@dataclass
class Topic:
    """The question's words, each weighted by how rare it is among the texts being compared:
    a word every candidate has (人才集聚工程 in its own plan) does not choose between them, a
    rare one (实施细则) does."""
    weights: dict[str, float]
    negated: frozenset[str] = frozenset()  # terms the question itself asks in their negation (非居民用户)
    # a term's alternatives: the other Chinese words of the same English word ("fire": 消防, 火灾)
    alternatives: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def says(self, term: str, text: str) -> bool:
        return any(said(t, text, term not in self.negated) for t in self.alternatives.get(term, (term,)))

    def overlap(self, text: str) -> float:
        total = sum(self.weights.values())
        text = reading_form(text)
        return sum(w for term, w in self.weights.items() if self.says(term, text)) / total if total else 0.0

    def terms_in(self, text: str) -> set[str]:
        text = reading_form(text)
        return {term for term in self.weights if self.says(term, text)}

    def without(self, terms: set[str]) -> "Topic":
        kept = {t: w for t, w in self.weights.items() if t not in terms}
        return Topic(kept, self.negated, self.alternatives) if kept else self


def said(term: str, text: str, strict: bool = True) -> bool:
    return _holds(text, term, strict) or any(_holds(text, other, strict) for other in R.SYNONYM_OF.get(term, ()))


def _holds(text: str, term: str, strict: bool = True) -> bool:
    """The text says ``term``, and (``strict``) not only as its negation (非居民用户 is no 居民用户)."""
    if term not in text:
        return False
    if not strict:
        return True
    negated = R.NEGATION + term
    return negated not in text or text.count(term) > text.count(negated)


def topic_of(indexes: Indexes, query: str, pool: list[str], ignored: frozenset[str] = frozenset(),
             alternatives: tuple[tuple[str, ...], ...] = ()) -> Topic:
    """The query's words and the dictionary words inside them (安全诊断 → 诊断), Chinese and at
    least two characters, without those every work-safety text is full of and the ``ignored``.
    The words of one of the ``alternatives`` groups count once, as the first of them the query
    holds: a text saying any of them says it."""
    found = indexes.tokenizer.query(query)
    terms = [t for t in found.terms if CJK_RUN.fullmatch(t) and t not in GENERIC_WORDS and t not in ignored]
    pool = [reading_form(text) for text in pool]  # the question's words are simplified
    n = len(pool)
    query = reading_form(query)
    negated = frozenset(t for t in terms if R.NEGATION + t in query)
    groups: dict[str, tuple[str, ...]] = {}
    for group in alternatives:
        members = [t for t in group if t in terms and t not in groups and not any(t in g for g in groups.values())]
        if len(members) > 1:
            groups[members[0]] = tuple(members)
    merged = {t for members in groups.values() for t in members[1:]}
    topic = Topic({}, negated, groups)
    return Topic({t: math.log(1 + n / (1 + sum(topic.says(t, text) for text in pool))) if n else 1.0
                  for t in dict.fromkeys(terms) if t not in merged}, negated, groups)
