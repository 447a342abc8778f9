"""Passages: the pieces of a document that search finds and answers cite.

A regulation's unit is the article: an article and its items (（一）（二）…) are one passage, so
a citation never shows "（三）复工复产…" without the article that lists it. A long article is cut
at sentence ends, and each later piece repeats the article's number and first sentence. Every
other section gives its own text (after its heading) as passages; a heading alone ("第六章 安全
管理", "四、重点工程") is no passage: it is in the section path of the passages under it.
"""
from __future__ import annotations

import re

from ingest.models import Passage
from ingest.normalize import CleanText
from ingest.sections import Node, chunk

FIRST_SENTENCE = re.compile(r"^.+?[。；;：:]")
CONTINUED_MAX = 60  # characters of an article's first sentence repeated on its later pieces


def passages(doc_id: str, root: Node, clean: CleanText, cap: int) -> list[Passage]:
    out: list[Passage] = []

    def emit(node: Node, start: int, end: int, lead: str = "") -> None:
        for i, (a, b) in enumerate(chunk(clean.text[start:end], start, cap)):
            body = clean.text[a:b].strip()
            text = f"{lead}{body}" if i and lead else body
            o_start, o_end = clean.span(a, b)
            # shown and cited as the document writes it (traditional characters too)
            out.append(Passage(doc_id=doc_id, seq=len(out), section=clean.as_written(node.section),
                               text=clean.as_written(text), start=o_start, end=o_end))

    def visit(node: Node) -> None:
        if node.style == "article":
            end = _subtree_end(node)
            emit(node, node.start, end, _continued(node, clean.text[node.text_start:end]))
            return
        if node.parent is None or _has_body(node, clean.text) or _says_it_in_its_title(node):
            emit(node, node.start, node.end)
        for child in node.children:
            visit(child)

    visit(root)
    return out


def _has_body(node: Node, text: str) -> bool:
    own = re.sub(r"\W", "", text[node.text_start:node.end])
    return len(own) > len(re.sub(r"\W", "", node.title)) + 1


def _says_it_in_its_title(node: Node) -> bool:
    """An item with nothing under it whose line is a sentence, not a heading ("1.亿元GDP生产安全事故死亡率
    控制在0.01以内", "（二）公安部门：负责…。" at the start of an excerpt): its words would be in no passage."""
    title = node.title.strip()
    return not node.children and (bool(SENTENCE_END.search(title)) or len(title) >= SENTENCE_TITLE_MIN)


SENTENCE_END = re.compile(r"[。；;]$")
SENTENCE_TITLE_MIN = 15  # characters: a heading is shorter (四、保障措施, （三）强化宣传引导)


def _continued(node: Node, body: str) -> str:
    """What a later piece of a long article starts with: its number and first sentence."""
    first = FIRST_SENTENCE.match(body.strip())
    sentence = first.group() if first else body.strip()[:CONTINUED_MAX]
    return f"{node.heading} {sentence[:CONTINUED_MAX]}……"


def _subtree_end(node: Node) -> int:
    while node.children:
        node = node.children[-1]
    return node.end
