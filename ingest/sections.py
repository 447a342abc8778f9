"""Clean text -> a tree of headed sections, and passages with their heading paths.

Heading levels come from the order styles appear in (一、 then （一） then 1. …), so a
document that nests （1） directly under 一、 still gets a sensible tree. Numbered paragraphs
that run on ("1. 广泛开展专题学习教育。认真组织…") are items: nodes whose title is their
first sentence and whose body is the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import patterns as P


@dataclass
class Node:
    heading: str  # marker + title as written, the path element ("1. 广泛开展专题学习教育")
    title: str
    style: str
    ordinal: int
    start: int  # clean-text offset of the heading line
    text_start: int  # where the node's own text starts (after the marker)
    end: int = 0  # end of the node's own text (before the first child or next heading)
    parent: "Node | None" = None
    children: list["Node"] = field(default_factory=list)

    @property
    def path(self) -> list[str]:
        node, parts = self, []
        while node is not None and node.parent is not None:
            parts.append(node.heading)
            node = node.parent
        return parts[::-1]

    @property
    def section(self) -> str:
        return " / ".join(self.path)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Paragraph:
    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line:
            out.append(Paragraph(pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _split_title(rest: str) -> tuple[str, bool]:
    """(title, heading_only) for the text after a marker."""
    stripped = rest.rstrip("。.：: ")
    end = P.SENTENCE_END.search(rest)
    if len(stripped) <= P.ITEM_TITLE_MAX and (end is None or end.end() >= len(rest.rstrip())):
        return stripped, True
    if end and end.start() <= P.ITEM_TITLE_MAX:
        return rest[: end.start()], False
    clause = P.CLAUSE_END.search(rest)
    if clause and clause.start() <= P.ITEM_TITLE_CLAUSE_MAX:
        return rest[: clause.start()], False
    return "", False


def build_tree(text: str) -> Node:
    root = Node(heading="", title="", style="root", ordinal=0, start=0, text_start=0)
    stack: list[Node] = [root]
    seen_numbered = False
    for para in paragraphs(text):
        line, md_level = para.text, 0
        md = P.MARKDOWN_HEADING.match(line) if line.startswith("#") else None
        if md:
            md_level, line = len(md.group(1)), line[md.end():]
        offset = para.start + (len(para.text) - len(line))
        found = P.match_heading(line)
        if found:
            style, ordinal, m = found
            seen_numbered = True
            rest = line[m.end():].lstrip()
            title, heading_only = ("", False) if style == "article" else _split_title(rest)
            if style == "article":
                rest = ""  # an article's path element is its number: 第十条
            marker = line[: m.end()]
            gap = line[m.end(): len(line) - len(rest)]
            shown = title or (rest[:P.ITEM_TITLE_CLAUSE_MAX] + "…" if rest else "")
            heading = marker + (gap + shown if shown else "")
            node = Node(heading.rstrip(), title, style, ordinal, offset, offset + m.end())
            _attach(stack, node, heading_only)
        elif md and seen_numbered:
            node = Node(line, line, f"md{md_level}", 0, offset, offset + len(line))
            _attach(stack, node, True)
        stack[-1].end = para.end
    return root


def _attach(stack: list[Node], node: Node, heading_only: bool) -> None:
    level = _level_for(stack, node, heading_only)
    del stack[level:]
    node.parent = stack[-1]
    stack[-1].children.append(node)
    stack.append(node)


# Legal structure ranks: a chapter holds parts, a part holds articles, whatever order the
# styles first appear in (a 节 may follow some of its chapter's articles).
STRUCTURAL_RANK = {"chapter": 1, "part": 2, "article": 3}


def _level_for(stack: list[Node], node: Node, heading_only: bool) -> int:
    """Stack depth the node goes to: a style already open closes back to that level;
    a new style nests one deeper. A bare heading whose number continues an open level of
    another style (a "3、" typed for "三、") is taken as that level's next sibling.
    Chapters, parts and articles go under the deepest open node of a higher rank."""
    rank = STRUCTURAL_RANK.get(node.style)
    if rank is not None:
        for depth in range(len(stack) - 1, 0, -1):
            if STRUCTURAL_RANK.get(stack[depth].style, 99) < rank:
                return depth + 1
        structural = [d for d in range(1, len(stack)) if stack[d].style in STRUCTURAL_RANK]
        return structural[0] if structural else 1
    for depth in range(1, len(stack)):
        if stack[depth].style == node.style:
            return depth
    if heading_only and node.ordinal >= 2:
        for depth in range(1, len(stack)):
            other = stack[depth]
            if other.ordinal == node.ordinal - 1 and other.style != node.style \
                    and other.style not in STRUCTURAL_RANK:
                return depth
    return len(stack)


# ---- passages ----------------------------------------------------------------------------
SENTENCE_BREAK = re.compile(r"(?<=[。；;！？!?])")


def chunk(text: str, start: int, cap: int) -> list[tuple[int, int]]:
    """Split [start, start+len(text)) at sentence ends into pieces of at most ``cap`` chars."""
    pieces, piece_start, length = [], 0, 0
    sentences = [s for s in SENTENCE_BREAK.split(text) if s]
    pos = 0
    for sentence in sentences:
        if length and length + len(sentence) > cap:
            pieces.append((piece_start, pos))
            piece_start, length = pos, 0
        rest = len(sentence)
        while rest > cap:  # one sentence longer than the cap: cut it hard (by offsets, not copies)
            if length:
                pieces.append((piece_start, pos))
            pieces.append((pos, pos + cap))
            pos += cap
            rest -= cap
            piece_start, length = pos, 0
        pos += rest
        length += rest
    if length:
        pieces.append((piece_start, pos))
    return [(start + a, start + b) for a, b in pieces if text[a:b].strip()]
