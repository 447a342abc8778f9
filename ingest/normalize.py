"""Clean a document's text for parsing and keep a map back to the text as read.

Every step only deletes characters or swaps one character for one other, so the map is a
chain of "kept span" tables: a position in the clean text maps to exactly one position in the
original, and a citation can always show the words as they were written.

Steps: drop conversion artefacts ([bookmark: _Toc…], HTML comments); re-join sentences that a
line break (and blank lines) cut ("三年行\\n\\n动"); drop spaces that conversions put inside
numbers and Chinese text ("2021 年 12 月" -> "2021年12月"); fold full-width digits and Latin
letters to ASCII. Punctuation keeps its width: parsing patterns accept both forms.
"""
from __future__ import annotations

import bisect
import io
import re
from array import array
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ingest import patterns as P

# Characters a finished paragraph ends with; a line ending otherwise may have been cut.
TERMINAL_PUNCT = "。！？!?；;：:）)】」』”\"…>"
# Lines ending like a document title are never joined to what follows.
TITLE_ENDING = re.compile(
    r"(?:通知|方案|规划|要点|举措|意见|办法|决定|条例|规定|细则|报告|函|纲要|计划|通过|修正|修订|公布|施行)$")
# A line that is only an HTML comment (<!-- INFO END -->) separates paragraphs.
COMMENT_LINE = re.compile(r"^<!--.*-->$")
# A cut line is usually long; short unpunctuated lines are titles, signatures, addressees.
MIN_CUT_LINE = 20
SENTENCE_END = re.compile(r"[。！？!?；;]")

# bookmarks, and HTML comments that share their line with text (a comment alone on its line
# is dropped by the line pass, where it also keeps the lines around it apart)
ARTEFACT = re.compile(r"\[bookmark:[^\]\n]*\]|(?<=[^\n])<!--[^\n]*?-->|<!--[^\n]*?-->(?=[^\n])")
_CJK = r"\u4e00-\u9fff"
_PUNCT_FW = "，。；：、！？“”（）《》〔〕【】"
# Spaces conversions leave between digits and Chinese, inside Chinese, and around full-width
# punctuation carry no meaning in Chinese text.
INNER_SPACE = re.compile(
    rf"(?<=[0-9{_CJK}{_PUNCT_FW}%])(?<![章节条])[ \t\u3000\xa0]+(?=[0-9{_CJK}{_PUNCT_FW}%])"
    rf"|(?<=[（(])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[）)])"
    r"|(?<=[章节条] )[ \t\xa0]+"  # "第二章  安全责任" -> one space
)
FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}  # ０-９
FULLWIDTH_ALNUM[0x3000] = 0x20  # ideographic space
FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
FULLWIDTH_ALNUM.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ


@dataclass
class _Kept:
    """Kept spans of one deletion pass: new text position -> old text position. Arrays of
    machine integers: a pass over a long line may keep millions of spans (8 bytes each here,
    about 36 as Python ints in a list)."""
    new_starts: array
    old_starts: array

    def to_old(self, i: int) -> int:
        k = bisect.bisect_right(self.new_starts, i) - 1
        return self.old_starts[max(k, 0)] + i - self.new_starts[max(k, 0)]


@dataclass
class CleanText:
    text: str
    original: str
    _passes: list[_Kept] = field(default_factory=list)

    def to_original(self, i: int) -> int:
        for kept in reversed(self._passes):
            i = kept.to_old(i)
        return i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Clean [start, end) -> original [start, end)."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def _delete(text: str, spans: Iterable[tuple[int, int]]) -> tuple[str, _Kept]:
    """Remove the given sorted, non-overlapping [start, end) spans. Memory stays near the size
    of the text however many spans there are: they are consumed as they come and the kept
    pieces are written out, not held."""
    out, new_starts, old_starts, pos, new_len = io.StringIO(), array("q"), array("q"), 0, 0
    for start, end in spans:
        if start > pos:
            out.write(text[pos:start])
            new_starts.append(new_len)
            old_starts.append(pos)
            new_len += start - pos
        pos = max(pos, end)
    if pos < len(text) or not new_starts:
        out.write(text[pos:])
        new_starts.append(new_len)
        old_starts.append(pos)
    return out.getvalue(), _Kept(new_starts, old_starts)


def _line_break_spans(text: str) -> Iterator[tuple[int, int]]:
    """Spans to delete so each paragraph is one line: surrounding whitespace of every line,
    blank lines, and the line break itself where a sentence was cut."""
    spans: list[tuple[int, int]] = []  # the spans of one line, handed on before the next
    prev_kept: str | None = None
    prev_end = 0  # end of the previous kept line's content
    barrier = False
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        content = line.strip(" \t\u3000\xa0\r\ufeff")
        if COMMENT_LINE.match(content):
            barrier = True
        elif content:
            c_start = start + line.index(content)
            if prev_kept is None:
                spans.append((0, c_start))
            elif not barrier and _joins(prev_kept, content):
                spans.append((prev_end, c_start))
            else:  # keep exactly one "\n" between paragraphs
                newline = text.index("\n", prev_end)
                spans += [(prev_end, newline), (newline + 1, c_start)]
            prev_kept, prev_end, barrier = content, c_start + len(content), False
        start = end + 1
        yield from ((a, b) for a, b in spans if b > a)
        spans.clear()
    if prev_end < len(text):
        yield prev_end, len(text)


def _joins(prev: str, nxt: str) -> bool:
    if prev[0] in "#|" or nxt[0] in "#|" or "\t" in prev or "\t" in nxt:
        return False
    if prev[-1] in TERMINAL_PUNCT or TITLE_ENDING.search(prev):
        return False
    if P.starts_with_heading(prev) and not SENTENCE_END.search(prev):  # a bare heading line
        return False
    if nxt[0] in "（(" or P.starts_with_heading(nxt):
        return False
    return len(prev) >= MIN_CUT_LINE or prev[-1] in "，,、"


def normalize(original: str) -> CleanText:
    passes: list[_Kept] = []
    text = original.translate(FULLWIDTH_ALNUM)
    for spans_of in (
        lambda t: (m.span() for m in ARTEFACT.finditer(t)),
        _line_break_spans,
        lambda t: (m.span() for m in INNER_SPACE.finditer(t)),
    ):
        text, kept = _delete(text, spans_of(text))
        passes.append(kept)
    return CleanText(text=text, original=original, _passes=passes)
