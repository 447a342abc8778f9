"""Clean text -> a tree of headed sections, and passages with their heading paths.

Heading levels come from the order styles appear in (一、 then （一） then 1. …), so a
document that nests （1） directly under 一、 still gets a sensible tree; a style that the
official order (一、 （一） 1. （1）) puts outside the document's first one goes back to the top
(a copy that starts inside a section). Numbered paragraphs
that run on ("1. 广泛开展专题学习教育。认真组织…") are items: nodes whose title is their
first sentence and whose body is the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import patterns as P
from ingest.bodies import is_public_body


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
    """The lines of ``text``, with numbered items that run together on one line ("1.…。2.…。",
    "（五）…。（六）…") and a regulation's articles run into the sentence before them ("…管理。第三条 县交通局…")
    taken apart: the text is not changed, only where a paragraph starts."""
    out, pos, next_article = [], 0, None
    for line in text.split("\n"):
        if line:
            articles, next_article = _run_in_articles(line, next_article)
            starts = sorted({0, *_run_on_items(line), *articles})
            for a, b in zip(starts, [*starts[1:], len(line)]):
                out.append(Paragraph(pos + a, pos + b, line[a:b]))
        pos += len(line) + 1
    return out


# An article's number right after a sentence end inside a line (a web copy that lost the regulation's
# line breaks), not a reference to one ("…。第三条规定的…", "第五条所称…").
RUN_IN_ARTICLE = re.compile(rf"(?<=[。；;])[ \t\u3000]*(?=第[{P.CN_DIGITS}\d]+条(?!规定|所[称列指]|中|的|之|第|[款项]))")


def _run_in_articles(line: str, expected: int | None) -> tuple[list[int], int | None]:
    """Offsets where an article run into ``line`` starts, each the next number after the last article seen
    (any number for the first), and the number expected next."""
    first = P.match_heading(line.lstrip())
    if first and first[0] == "article":
        expected = first[1] + 1
    cuts = []
    for m in RUN_IN_ARTICLE.finditer(line):
        found = P.match_heading(line[m.end():])
        if found and found[0] == "article" and (expected is None or found[1] == expected):
            cuts.append(m.end())
            expected = found[1] + 1
    return cuts, expected


# An item marker right after a sentence end, inside a line.
INLINE_MARKER = re.compile(r"(?<=[。；;！？!?）)])\s*(?=(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
                           r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[\u2460-\u249b]|[一二三四五六七八九十]是(?=[\u4e00-\u9fff])))")


def _run_on_items(line: str) -> list[int]:
    """Offsets in ``line`` where an item of the same numbering as the line's own first item
    starts, each the next number ("1.…。2.…。3.…")."""
    first = P.match_heading(line)
    if first is None:
        return []
    style, ordinal, _ = first
    cuts = []
    for m in INLINE_MARKER.finditer(line):
        found = P.match_heading(line[m.end():])
        if found and found[0] == style and found[1] == ordinal + 1:
            cuts.append(m.end())
            ordinal += 1
    return cuts


def _split_title(rest: str) -> tuple[str, bool]:
    """(title, heading_only) for the text after a marker. A date opening the item ("6月1日前，
    组织…") is its deadline, not its title."""
    opener = P.TIME_OPENER.match(rest)
    if opener and opener.end() < len(rest) and rest[opener.end() - 1:opener.end()] in "，,":
        title, heading_only = _split_title(rest[opener.end():])
        return title, heading_only and not rest[:opener.end()].strip()
    stripped = rest.rstrip("。.：:；; ")
    end = P.SENTENCE_END.search(rest)
    if len(stripped) <= P.ITEM_TITLE_MAX and (end is None or end.end() >= len(rest.rstrip())):
        return stripped, True
    if end and end.start() <= P.ITEM_TITLE_MAX:
        return rest[: end.start()], False
    clause = P.CLAUSE_END.search(rest)
    if clause and clause.start() <= P.ITEM_TITLE_CLAUSE_MAX:
        return _before_open_bracket(rest[: clause.start()]), False
    return "", False


def _before_open_bracket(title: str) -> str:
    """A title cut at a comma inside a bracket ("开展燃气排查（县住建局牵头，…）") ends before the bracket."""
    depth, opened = 0, -1
    for i, ch in enumerate(title):
        if ch in "（(":
            depth, opened = depth + 1, i if depth == 0 else opened
        elif ch in "）)" and depth:
            depth -= 1
    return title[:opened].rstrip() if depth and opened > 0 else title


def build_tree(text: str, article_titles: bool = False) -> Node:
    """The heading tree of ``text``. ``article_titles``: articles (第X条) are measures with a
    title (若干措施), not a regulation's articles named by their number alone."""
    root = Node(heading="", title="", style="root", ordinal=0, start=0, text_start=0)
    stack: list[Node] = [root]
    seen_numbered = False
    paras = paragraphs(text)
    for index, para in enumerate(paras):
        line, md_level = para.text, 0
        md = P.MARKDOWN_HEADING.match(line) if line.startswith("#") else None
        if md:
            md_level, line = len(md.group(1)), line[md.end():]
        offset = para.start + (len(para.text) - len(line))
        found = P.match_heading(line) if not P.CONTENTS_ENTRY.search(line) else None
        if found and found[0] in LOOSE_STYLES and not _numbers_run_on(stack, found):
            found = None  # "12 处隐患已整改" where a PDF's line was cut: no item
        if found:
            style, ordinal, m = found
            seen_numbered = True
            rest = line[m.end():].lstrip()
            if style == "article" and not article_titles:
                title, heading_only = "", False
                rest = ""  # a regulation's article is named by its number: 第十条
            else:
                title, heading_only = _split_title(rest)
            marker = line[: m.end()]
            gap = line[m.end(): len(line) - len(rest)]
            shown = title or (rest[:P.ITEM_TITLE_CLAUSE_MAX] + "…" if rest else "")
            heading = marker + (gap + shown if shown else "")
            node = Node(heading.rstrip(), title, style, ordinal, offset, offset + m.end())
            _attach(stack, node, heading_only)
        elif md and seen_numbered:
            node = Node(line, line, f"md{md_level}", 0, offset, offset + len(line))
            _attach(stack, node, True)
        elif seen_numbered and (unit := _unit_line(line, paras[index + 1].text if index + 1 < len(paras) else "")):
            node = Node(line.strip(), unit, "unit_line", 0, offset, offset + len(line))
            _attach(stack, node, True)
        elif _annotated_line(line, paras[index + 1].text if index + 1 < len(paras) else ""):
            node = Node(line.strip(), line.strip(), "annotated_line", 0, offset, offset)  # its text holds the owners
            _attach(stack, node, True)
        stack[-1].end = para.end
    return root


# A line naming one body over the numbered duties below it ("县应急局：" then "1.负责…"): a heading
# without a number, whose items are that body's.
UNIT_LINE = re.compile(r"^\s*(?P<name>[^\s：:，,。、；;]{2,30}?)(?:主要职责|工作职责|职责)?\s*[：:]\s*$")


def _unit_line(line: str, next_line: str) -> str:
    m = UNIT_LINE.match(line)
    if m and is_public_body(m.group("name")) and P.match_heading(next_line.strip()):
        return m.group("name")
    return ""


# A line without a number naming a place or thing with its owners in brackets over the numbered items below it
# ("某商场（责任单位：甲区、市消防支队）" then "1.…"): a heading whose items carry those owners.
ANNOTATED_LINE = re.compile(r"^\s*[^\s。；;，,：:]{2,40}?[（(](?:责任单位|牵头单位|责任部门|负责单位)[：:][^（）()]{2,60}[）)]\s*$")


def _annotated_line(line: str, next_line: str) -> bool:
    return bool(ANNOTATED_LINE.match(line)) and P.match_heading(next_line.strip()) is not None


# Markers that make a heading only as the first of their list or the next number after one.
LOOSE_STYLES = ("arabic_space",)


def _numbers_run_on(stack: list[Node], found: tuple) -> bool:
    style, ordinal, _ = found
    if ordinal == 1:
        return True
    return any(node.style == style and node.ordinal == ordinal - 1 for node in stack)


def _attach(stack: list[Node], node: Node, heading_only: bool) -> None:
    level = _level_for(stack, node, heading_only)
    del stack[level:]
    node.parent = stack[-1]
    stack[-1].children.append(node)
    stack.append(node)


# Legal structure ranks: a chapter holds parts, a part holds articles, whatever order the
# styles first appear in (a 节 may follow some of its chapter's articles).
STRUCTURAL_RANK = {"chapter": 1, "division": 1, "part": 2, "article": 3}

# The order GB/T 9704 sets for numbering a notice's levels (一、 （一） 1. （1）). Styles nest in
# the order they appear, except that a style this order puts outside the document's first one
# goes back to the top.
OFFICIAL_RANK = {"cn": 1, "paren_cn": 2, "arabic_dot": 3, "arabic_dun": 3, "arabic_space": 3, "paren_arabic": 4,
                 "circled": 5}


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
    first = stack[0].children[0].style if stack[0].children else ""
    if node.style in OFFICIAL_RANK and first in OFFICIAL_RANK and OFFICIAL_RANK[node.style] < OFFICIAL_RANK[first]:
        return 1  # a copy that starts inside a section ("（四）…" before "三、…"): the outer style
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
