"""Clean a document's text for parsing and keep a map back to the text as read.

Every step only deletes characters or swaps one character for one other, so the map is a
chain of "kept span" tables: a position in the clean text maps to exactly one position in the
original, and a citation can always show the words as they were written.

Steps: fold full-width digits and Latin letters to ASCII, punctuation a PDF font copied as
GB2312 codes to the punctuation, an ASCII full stop between Chinese sentences to "。", and
traditional characters to simplified (mirrored copies); drop conversion artefacts ([bookmark: _Toc…], HTML comments); turn
the space before each heading of a copy that lost its line breaks into a break; the runs of spaces
between the cells of a space-aligned table into one tab; re-join sentences
that a line break (and blank lines) cut ("三年行\\n\\n动"), never inside a table written as
text; drop spaces that conversions put inside numbers and Chinese text ("2021 年 12 月" ->
"2021年12月"). Punctuation keeps its width: parsing patterns accept both forms.
"""
from __future__ import annotations

import bisect
import io
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ingest import patterns as P
from ingest.script import PINYIN_GLOSS, one_for_one
from ingest.spaces import meaningless_spaces
from ingest.text_tables import SINGLE_SPACED, SPACED_RUN, zone_lines

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
# A line that opens with a short name and a colon: a field ("检查范围：…", "责任单位：…").
LEADING_PIPE_CELL = re.compile(r"^\|\s*[^|\s][^|]*$")  # one cell, its pipe before it (not a pipe alone between cells)
FIRST_CELL_MAX = 30  # a row's first cell, before the piped cells that follow it
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff（）()]{2,10}[:：]")
# A copy that lost its line breaks keeps one space where each heading began: "…分工。 一、全面排查
# (一)彻底排查 1、坚持…". In a line this long, with at least this many such spaces, each is a break.
INLINE_BREAK_MIN_LINE = 200
INLINE_BREAK_MIN_COUNT = 2
INLINE_TITLE_MAX = 20
INLINE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff。；;：:）)”])[ \u3000\xa0]+(?=\S)")
# ... followed by a heading marker, in one pattern (a long line is scanned once)
BREAK_BEFORE_HEADING = re.compile(INLINE_BREAK.pattern + "(?=" + "|".join(
    f"(?:{pattern.pattern})" for _, pattern in P.HEADING_STYLES) + ")")
# A copy that lost its line breaks and its spaces (text read back from a scan) runs its items on
# after any mark: "…制定本方案,一,工作目标…。二、治理任务…". A marker after a separator is a heading
# only where the markers of its level count on in the line (一 then 二, (一) then (二), 1 then 2),
# each a few characters past the last; the numbers of a lower level start again under each higher one.
SEQUENCE_MARKER = re.compile(
    r"(?:(?<=[,，.。;；:：\s])|^)(?:(?P<cn>[一二三四五六七八九十]{1,3})[、,，.．]|[（(](?P<paren_cn>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<arabic>\d{1,2})[、.．])(?=[\u4e00-\u9fff“])")
TABLE_ROW_MARK = re.compile(r"[|\t]")  # a table's row holds its cells' own numbers
SEQUENCE_LEVELS = ("cn", "paren_cn", "arabic")
SEQUENCE_MIN_GAP = 8
# A text cut at a fixed width: at least this many lines of CUT_WIDTH_MIN or more characters,
# and this share of them, are exactly as long as each other.
CUT_WIDTH_MIN, CUT_WIDTH_MIN_LINES, CUT_WIDTH_MIN_SHARE = 20, 5, 0.3
# Fold traditional characters when at least this many change (and this share of the text).
TRADITIONAL_MIN_CHARS = 5
TRADITIONAL_MIN_SHARE = 0.01

# bookmarks, and HTML comments that share their line with text (a comment alone on its line
# is dropped by the line pass, where it also keeps the lines around it apart)
ARTEFACT = re.compile(r"\[bookmark:[^\]\n]*\]|(?<=[^\n])<!--[^\n]*?-->|<!--[^\n]*?-->(?=[^\n])"
                      # question marks a copy left where it lost indenting spaces: "???(一)检查组"
                      r"|(?m:^[ \t\u3000]*[?？]+(?=[ \t\u3000]*(?:[（(]?[一二三四五六七八九十\d]|第)))"
                      # a web copy's page break marker before a page's first line: "[接上页] 5.2.2.3市民政局…"
                      r"|(?m:^[ \t\u3000]*[\[［【(（]接上页[\]］】)）][ \t\u3000]*)")
# A mirror site's pinyin glosses (鄉(xiāng)): the rules read the text without them; a document's
# tasks and owners get them back where it writes them (as_written).
MIN_GLOSSES = 3  # fewer is not a glossed copy
CJK_RUNS = re.compile(r"[\u4e00-\u9fff]+")
# A document-sharing site's paragraph mark, a Cyrillic Р after a sentence ("…签订责任状。Р2、乡农机站…"): a line break.
PARAGRAPH_MARK = re.compile(r"(?<=[。；;：:！？!?”])\u0420(?=\S)")
# A copy typed with an ASCII full stop between Chinese sentences ("相结合.各区县政府…", "…管理. 区安监局：…").
ASCII_FULL_STOP = re.compile(r"(?<=[\u4e00-\u9fff）)”])\.(?=[ \t]*[\u4e00-\u9fff“（(]|[ \t]*$)", re.M)
# PDFs typeset with Founder fonts copy punctuation as its GB2312 code taken for a code point
# (U+A3AC "ꎬ" for A3AC "，", U+A1A3 for "。"): Yi syllables no Chinese notice uses.
GB_ROW_PUNCT = {row << 8 | cell: bytes([row, cell]).decode("gb2312", "replace") for row in (0xA1, 0xA3)
                for cell in range(0xA1, 0xFF)}
GB_ROW_PUNCT = {code: char for code, char in GB_ROW_PUNCT.items() if char != "\ufffd"}  # codes GB2312 leaves empty
GB_ROW_PUNCT[0xA3AE] = "。"  # the full-width full stop these fonts set for the ideographic one
FULLWIDTH_ALNUM = {c: c - 0xFEE0 for lo, hi in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B))
                   for c in range(lo, hi)}  # ０-９, Ａ-Ｚ, ａ-ｚ
FULLWIDTH_ALNUM[0x3000] = 0x20  # ideographic space


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
    # a text written in traditional characters is read in simplified ones (the rules are
    # written in them); this maps each folded character back to the one the document uses
    written_forms: dict[int, str] = field(default_factory=dict)

    def as_written(self, piece: str) -> str:
        """``piece`` of the clean text in the document's own script (traditional where it was)."""
        return piece.translate(self.written_forms) if self.written_forms else piece

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


def _line_break_spans(text: str, keep: set[int] = frozenset()) -> Iterator[tuple[int, int]]:
    """Spans to delete so each paragraph is one line: surrounding whitespace of every line,
    blank lines, and the line break itself where a sentence was cut (never next to a line in
    ``keep``: the cells of a table written as text)."""
    spans: list[tuple[int, int]] = []  # the spans of one line, handed on before the next
    width = _cut_width(text)
    prev_kept: str | None = None
    prev_end = 0  # end of the previous kept line's content
    prev_index = -1
    barrier = False
    start = 0
    for index, line in enumerate(text.split("\n")):
        end = start + len(line)
        content = line.strip(" \t\u3000\xa0\r\ufeff")
        if COMMENT_LINE.match(content):
            barrier = True
        elif content:
            c_start = start + line.index(content)
            in_table = index in keep or prev_index in keep
            if prev_kept is None:
                spans.append((0, c_start))
            elif not barrier and not in_table and (_joins(prev_kept, content) or _cut_at_width(prev_kept, content, width)):
                spans.append((prev_end, c_start))
            else:  # keep exactly one "\n" between paragraphs
                newline = text.index("\n", prev_end)
                spans += [(prev_end, newline), (newline + 1, c_start)]
            prev_kept, prev_end, prev_index, barrier = content, c_start + len(content), index, False
        start = end + 1
        yield from ((a, b) for a, b in spans if b > a)
        spans.clear()
    if prev_end < len(text):
        yield prev_end, len(text)


def _cut_width(text: str) -> int:
    """The width a text layer cut its lines at (a PDF's, a fixed-width copy's): the length most
    long lines share, when enough of them share it; 0 when the lines are paragraphs."""
    # (distinct lines: a label line repeated under every item, "主要协作单位：…", is no cut width)
    lengths = Counter(map(len, {line.strip(" \t\u3000\xa0\r") for line in text.split("\n")}))
    long_lines = {length: n for length, n in lengths.items() if length >= CUT_WIDTH_MIN}
    if not long_lines:
        return 0
    width, count = max(long_lines.items(), key=lambda item: item[1])
    return width if count >= CUT_WIDTH_MIN_LINES and count >= CUT_WIDTH_MIN_SHARE * sum(long_lines.values()) else 0


def _cut_at_width(prev: str, nxt: str, width: int) -> bool:
    """A line as long as the text's cut width that does not end a sentence was cut by the width,
    whatever the next line looks like ("…（牵\n头单位：…", "…重点\n二、…" inside a sentence)."""
    return bool(width) and width - 1 <= len(prev) <= width + 1 and prev[-1] not in TERMINAL_PUNCT \
        and not any(mark in prev + nxt for mark in "|\t#")


def _joins(prev: str, nxt: str) -> bool:
    if LEADING_PIPE_CELL.match(nxt) and not prev.endswith("|") and (prev.startswith("|") or len(prev) <= FIRST_CELL_MAX):
        return True  # a web table copied with a pipe opening each cell: "第一组" ⏎ "| 市安监局" ⏎ "| 雁塔区" is one row
    if prev[0] == "#" or nxt[0] == "#" or "|" in prev or "|" in nxt or "\t" in prev or "\t" in nxt:
        return False
    if prev[-1] in TERMINAL_PUNCT or TITLE_ENDING.search(prev):
        return False
    if P.starts_with_heading(prev) and not SENTENCE_END.search(prev):  # a bare heading line
        return False
    if nxt[0] in "（(" or P.starts_with_heading(nxt) or P.CLOSING_LINE.match(nxt) or P.CLOSING_LINE.match(prev):
        return False
    if FIELD_LINE.match(nxt):  # "检查范围：…" starts a field of its own
        return False
    if prev[-1].isdigit() and nxt[0].isdigit():  # "添加时间：2025-07-07 09:27" ⏎ "7月4日，…": two numbers, not one
        return False
    return len(prev) >= MIN_CUT_LINE or prev[-1] in "，,、"


def _spaced_cells(text: str, lines: dict[int, tuple[int, int]]) -> tuple[str, _Kept]:
    """In the given lines, each run of spaces between two cells (all runs of two or more, or the
    first head and the last tail runs of any length) becomes one tab: the run's first character
    is swapped, the rest deleted (the offset map stays one for one)."""
    spans, tabs, start = [], [], 0
    for index, line in enumerate(text.split("\n")):
        if index in lines:
            head, tail = lines[index]
            runs = list(SINGLE_SPACED.finditer(line)) if head or tail else SPACED_RUN.finditer(line)
            if (head or tail) and len(runs) > head + tail:  # the extra spaces are inside a cell between them
                runs = runs[:head] + runs[len(runs) - tail:]
            for m in runs:
                tabs.append(start + m.start())
                spans.append((start + m.start() + 1, start + m.end()))
        start += len(line) + 1
    new, kept = _delete(text, spans)
    chars = list(new)
    for at in tabs:
        chars[_new_position(kept, at)] = "\t"
    return "".join(chars), kept


def _inline_heading_breaks(text: str) -> str:
    """The space before a heading run into the line before it becomes a line break (a swap, so
    positions do not move): in a long line holding several headings, and after a short heading
    that the first item follows on its line ("（一）宣传报道 1、6月1日上午，…")."""
    chars, start = None, 0
    for line in text.split("\n"):
        breaks = []
        if len(line) >= INLINE_BREAK_MIN_LINE:
            breaks = [m.start() for m in BREAK_BEFORE_HEADING.finditer(line)]
            breaks = breaks if len(breaks) >= INLINE_BREAK_MIN_COUNT else []
            if not breaks and not TABLE_ROW_MARK.search(line):
                breaks, swaps = _counted_markers(line)
                if swaps:
                    chars = chars or list(text)
                    for at in swaps:
                        chars[start + at] = "、"
        heading = P.match_heading(line[:INLINE_TITLE_MAX * 2])
        if heading and not breaks:
            at = heading[2].end()
            space = INLINE_BREAK.search(line, at, at + INLINE_TITLE_MAX)
            breaks = [space.start()] if space and _heading_at(line, space.end()) else []
        if breaks:
            chars = chars or list(text)
            for at in breaks:
                chars[start + at] = "\n"
        start += len(line) + 1
    return "".join(chars) if chars else text


def _counted_markers(line: str) -> tuple[list[int], list[int]]:
    """The separators before the item markers that count on in ``line`` (each to become a line
    break) and the commas or stops after a counted 一 (to become "、", the heading mark)."""
    expected = dict.fromkeys(SEQUENCE_LEVELS, 1)
    kept: dict[str, list[re.Match]] = {level: [] for level in SEQUENCE_LEVELS}
    last = -SEQUENCE_MIN_GAP
    for m in SEQUENCE_MARKER.finditer(line):
        level = m.lastgroup
        number = P.cn_to_int(m.group(level))
        # (an excerpt that left items out counts on with gaps: "…,(三)…,(六)…,(十七)…" — bracketed numbers only)
        skipped = level == "paren_cn" and number > expected[level] and bool(kept[level])
        if (number != expected[level] and not skipped) or m.start() - last < SEQUENCE_MIN_GAP:
            continue
        kept[level].append(m)
        last = m.start()
        expected[level] = number + 1
        for lower in SEQUENCE_LEVELS[SEQUENCE_LEVELS.index(level) + 1:]:
            expected[lower] = 1
    counted = sorted((m for ms in kept.values() if len(ms) >= INLINE_BREAK_MIN_COUNT for m in ms),
                     key=lambda m: m.start())
    ends = [line[:m.start()].rstrip()[-1:] for m in counted[1:]]
    if sum(end.isdigit() for end in ends) * 2 >= len(ends):  # a table of contents: "(一)形势4 (二)目标7"
        return [], []
    swaps = [m.end("cn") for m in counted if m.lastgroup == "cn" and line[m.end("cn")] != "、"]
    return [m.start() - 1 for m in counted if m.start()], swaps


def _heading_at(line: str, pos: int) -> bool:
    """Does a heading marker start at ``pos``?"""
    return any(pattern.match(line, pos) for _, pattern in P.HEADING_STYLES)


def _new_position(kept: _Kept, old: int) -> int:
    k = bisect.bisect_right(kept.old_starts, old) - 1
    return kept.new_starts[k] + old - kept.old_starts[k]


def fold_traditional(text: str) -> str:
    """Traditional characters -> simplified (OpenCC t2s), one for one, when the text is
    written in them (mirrored and Hong Kong/Taiwan-hosted copies); simplified text is kept as
    it is, so the rare character both scripts share is not touched."""
    folded = one_for_one(text)
    changed = sum(a != b for a, b in zip(text, folded))
    cjk = len(text) - len(CJK_RUNS.sub("", text))  # counted without a list of characters
    return folded if changed >= max(TRADITIONAL_MIN_CHARS, TRADITIONAL_MIN_SHARE * cjk) else text


def normalize(original: str) -> CleanText:
    passes: list[_Kept] = []
    unfolded = original.translate(GB_ROW_PUNCT).translate(FULLWIDTH_ALNUM)
    text = fold_traditional(unfolded)
    written_forms = _written_forms(unfolded, text)
    text = ASCII_FULL_STOP.sub("。", text)
    text = PARAGRAPH_MARK.sub("\n", text)
    text, kept = _delete(text, (m.span() for m in ARTEFACT.finditer(text)))
    passes.append(kept)
    text = _inline_heading_breaks(text)
    table_lines, spaced_lines = zone_lines(text.split("\n"))
    if spaced_lines:
        text, kept = _spaced_cells(text, spaced_lines)
        passes.append(kept)
    text, kept = _delete(text, _line_break_spans(text, table_lines))
    passes.append(kept)
    text = _inline_heading_breaks(text)  # again: a copy cut at a fixed width hid its long lines
    # after the lines are joined: a copy cut at a fixed width counted the glosses
    glosses = list(PINYIN_GLOSS.finditer(text))
    if len(glosses) >= MIN_GLOSSES:
        written_forms = _with_glosses(written_forms, text, glosses)
        text, kept = _delete(text, (m.span() for m in glosses))
        passes.append(kept)
    text, kept = _delete(text, meaningless_spaces(text))
    passes.append(kept)
    return CleanText(text=text, original=original, _passes=passes, written_forms=written_forms)


def _written_forms(unfolded: str, folded: str) -> dict[int, str]:
    """Folded character -> the character the document writes most often for it (the fold is
    one for one, so the two texts are aligned)."""
    if unfolded == folded:
        return {}
    counts = Counter((f, u) for u, f in zip(unfolded, folded) if u != f)
    forms: dict[int, str] = {}
    for (f, u), _ in counts.most_common():
        forms.setdefault(ord(f), u)
    return forms


def _with_glosses(forms: dict[int, str], text: str, glosses: list[re.Match]) -> dict[int, str]:
    """The written forms with each character's gloss after it, for the characters the document
    glosses at least as often as not."""
    glossed = Counter((text[m.start() - 1], m.group()) for m in glosses)
    forms = dict(forms)
    for (char, gloss), count in glossed.most_common():
        if ord(char) in forms and forms[ord(char)].endswith(")"):
            continue  # its most common gloss is in already
        if count * 2 >= text.count(char):
            forms[ord(char)] = forms.get(ord(char), char) + gloss
    return forms
