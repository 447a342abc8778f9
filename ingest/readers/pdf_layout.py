"""PDF page geometry -> text: characters into lines, wrapped lines into paragraphs, ruled tables
into expanded grids (a table broken by a page is joined again).

Everything here works on positions only (no pdfium objects), in page coordinates with the
origin top-left; ``ingest.readers.pdf`` feeds it the characters and ruled cells of each page.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from ingest.models import Table
from ingest.readers.common import table_row_line

# Layout tolerances, in multiples of the line's glyph height (≈ the font size).
FIT_SLACK = 0.4  # a wrapped line ends short of the margin by less than what didn't fit, plus this
CELL_PADDING = 0.6  # room between a table cell's ruling and its text
LATIN_ADVANCE = 0.55  # width of an ASCII character relative to a CJK one
INDENT_MIN = 1.0  # a first line indented this much starts a paragraph (公文: two characters)
PARAGRAPH_GAP = 0.5  # extra vertical space, beyond the usual, that separates paragraphs
LATIN_WORD_GAP = 0.25  # a gap this wide between two Latin characters is a space
SAME_GLYPH = 0.3  # a glyph drawn again this close is fake bold, not a second character
ITEM_START = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇两\d]+[编章节条]"
    r"|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[）)]"
    r"|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)]"
    r"|[①-⑳])"
)


# Line-breaking glue (a simplification of UAX #14 as LibreOffice and Word apply it to Chinese):
# no break before closing punctuation, none after opening punctuation, none on either side of a
# quotation mark (“ and ” look alike to the line breaker), none inside a Latin/digit run.
NO_BREAK_BEFORE = set("，。、；：！？）》」』】〕%‰℃°．,.;:!?)]}…")
NO_BREAK_AFTER = set("（《「『【〔([{+＋$¥￥#＃")
QUOTES = set("“”‘’\"'")
# LibreOffice writes the extra spacing it puts between Chinese and Latin text as a space character.
CJK_ADJACENT_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")

@dataclass
class Char:
    text: str
    x0: float  # page coordinates with the origin top-left, as pdfplumber has them
    x1: float
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median glyph height
    page: int
    page_width: float

    @property
    def right_gap(self) -> float:
        return self.page_width - self.x1


@dataclass
class CellText:
    text: str
    # Room after the last line, in character widths: when the page breaks a row, a cell whose
    # text did not fit goes on overleaf, and that is told the way wrapped lines are (_wrapped).
    room_left: float = math.inf


@dataclass
class TableBlock:
    # Expanded grid: the positions a merged cell covers hold the same CellText object.
    grid: list[list[CellText]]
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    page: int

    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def rows(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.grid]


@dataclass
class Layout:
    """Where body text sits in this document, learnt from its own lines."""
    left: float
    right_gap: float
    line_gap: float  # usual space between two lines of one paragraph


def inside(char: Char, bbox: tuple) -> bool:
    x0, top, x1, bottom = bbox
    cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
    return x0 <= cx < x1 and top <= cy < bottom


def group_lines(chars: list[Char], page: int, page_width: float) -> list[Line]:
    """Cluster characters into visual lines (vertical centres within the line's band), left to right."""
    lines: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        centre = (char.top + char.bottom) / 2
        if lines and lines[-1][0].top <= centre <= lines[-1][0].bottom:
            lines[-1].append(char)
        else:
            lines.append([char])
    built = (_make_line(sorted(line, key=lambda c: c.x0), page, page_width) for line in lines)
    return [line for line in built if line.text]


def _make_line(chars: list[Char], page: int, page_width: float) -> Line:
    size = statistics.median(c.height for c in chars) or 1.0
    parts = [chars[0].text]
    for prev, char in zip(chars, chars[1:]):
        if char.text == prev.text and abs(char.x0 - prev.x0) < SAME_GLYPH * size:
            continue
        if _between_latin_words(prev.text, char.text) and char.x0 - prev.x1 > LATIN_WORD_GAP * size:
            parts.append(" ")
        parts.append(char.text)
    return Line(
        text="".join(parts).strip(),
        x0=min(c.x0 for c in chars), x1=max(c.x1 for c in chars),
        top=min(c.top for c in chars), bottom=max(c.bottom for c in chars),
        size=size, page=page, page_width=page_width,
    )


def _between_latin_words(left: str, right: str) -> bool:
    """Could a space stand here? Not inside a number: justified or narrow cells stretch 2021."""
    both_latin = left.isascii() and right.isascii() and not (left.isspace() or right.isspace())
    return both_latin and not (left.isdigit() and right.isdigit())


# ---- tables


def page_tables(found_tables: list, chars: list[Char], page: int) -> list[TableBlock]:
    blocks = []
    for found in found_tables:
        grid = _cell_grid(found.cells, chars)
        if len(grid[0]) >= 2:  # a box around a paragraph is not a table; one row may be (overleaf)
            blocks.append(TableBlock(grid=grid, bbox=found.bbox, page=page))
    return blocks


def _cell_grid(cells: list[tuple], chars: list[Char]) -> list[list[CellText]]:
    """Expand pdfplumber's cells to a full grid: each grid position takes the text of the cell
    covering it, so a merged cell repeats across the rows and columns it spans."""
    col_starts = sorted({cell[0] for cell in cells})
    row_starts = sorted({cell[1] for cell in cells})
    texts = {cell: _cell_text(cell, chars) for cell in cells}
    return [[_covering_text(texts, x, y) for x in col_starts] for y in row_starts]


def _covering_text(texts: dict[tuple, CellText], x: float, y: float) -> CellText:
    probe_x, probe_y = x + 0.5, y + 0.5  # just inside the grid position's top-left corner
    for (x0, top, x1, bottom), text in texts.items():
        if x0 <= probe_x < x1 and top <= probe_y < bottom:
            return text
    return CellText("")


def _cell_text(cell: tuple, chars: list[Char]) -> CellText:
    """A cell's lines, wrapped lines joined back; a line ending short of the ruling ends a paragraph."""
    x1 = cell[2]
    lines = group_lines([c for c in chars if inside(c, cell)], 0, x1)  # right_gap: room to the ruling
    paragraphs: list[str] = []
    for prev, line in zip([None, *lines], lines):
        if prev is not None and _wrapped(prev, line, margin_gap=CELL_PADDING * prev.size):
            paragraphs[-1] = _join_wrapped(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
    if not lines:
        return CellText("")
    last = lines[-1]
    return CellText("\n".join(paragraphs), room_left=last.right_gap / last.size - CELL_PADDING)



# ---- paragraphs


def assemble(blocks: list[Line | TableBlock]) -> tuple[str, list[Table]]:
    """Join wrapped lines into paragraphs; put each table's rows in the text where it stood."""
    layout = _learn_layout([b for b in blocks if isinstance(b, Line)])
    lines: list[str] = []
    tables: list[Table] = []
    prev: Line | TableBlock | None = None
    for block in blocks:
        if isinstance(block, TableBlock):
            _add_table(block, prev, lines, tables)
        elif isinstance(prev, Line) and _continues(prev, block, layout):
            lines[-1] = _join_wrapped(lines[-1], block.text)
        else:
            lines.append(block.text)
        prev = block
    return "\n".join(lines), tables


def _add_table(block: TableBlock, prev, lines: list[str], tables: list[Table]) -> None:
    if isinstance(prev, TableBlock) and len(prev.grid[0]) == len(block.grid[0]):
        table = tables[-1]
        last_row = len(table.rows) - 1
        rows = _continue_table(table, prev, block.grid)
        lines[-1] = table_row_line(table.rows[last_row])  # a row broken by the page was joined
    else:
        rows = block.rows
        tables.append(Table(rows=rows, after_line=len(lines)))
    lines.extend(table_row_line(row) for row in rows)


def _continue_table(table: Table, prev: TableBlock, grid: list[list[CellText]]) -> list[list[str]]:
    """A table straight after a table with as many columns is the same table across a page
    break. Overleaf a repeated header is dropped, a row the page broke in two is joined again,
    and a merged cell that carries on from the last page (empty, spanning rows) gets its text.
    Returns the rows added to ``table``."""
    if [cell.text for cell in grid[0]] == table.rows[0]:
        grid = grid[1:]
    if not grid:
        return []
    last, first = table.rows[-1], [cell.text for cell in grid[0]]
    room = [cell.room_left for cell in prev.grid[-1]]
    broken = _continues_row(last, first, room)
    for col, cell in enumerate(grid[0]):
        if not cell.text and len(grid) > 1 and grid[1][col] is cell:
            cell.text = last[col]
    if broken:
        table.rows[-1] = _join_row(last, first, room)
        grid = grid[1:]
    rows = [[cell.text for cell in row] for row in grid]
    table.rows.extend(rows)
    return rows


def _continues_row(last: list[str], first: list[str], room: list[float]) -> bool:
    """Overleaf, a row the page broke has text only in cells that had text before the break,
    not in all of them (those that fitted are empty), and goes on where text did not fit."""
    filled = {col for col, text in enumerate(first) if text}
    before = {col for col, text in enumerate(last) if text}
    return filled < before and any(_cell_runs_on(room[col], first[col]) for col in filled)


def _cell_runs_on(room_left: float, tail: str) -> bool:
    return room_left <= _leading_unit_chars(tail) + FIT_SLACK


def _join_row(last: list[str], first: list[str], room: list[float]) -> list[str]:
    return [
        (_join_wrapped(head, tail) if _cell_runs_on(room[col], tail) else f"{head}\n{tail}") if tail else head
        for col, (head, tail) in enumerate(zip(last, first))
    ]


def _learn_layout(lines: list[Line]) -> Layout:
    if not lines:
        return Layout(left=0.0, right_gap=0.0, line_gap=0.0)
    gaps = [line.top - prev.bottom for prev, line in zip(lines, lines[1:])
            if line.page == prev.page and line.top >= prev.bottom]
    return Layout(
        left=_low_percentile([line.x0 for line in lines]),
        right_gap=_low_percentile([line.right_gap for line in lines]),
        line_gap=statistics.median(gaps) if gaps else 0.0,
    )


def _low_percentile(values: list[float]) -> float:
    """The 10th percentile: the body margin, robust to a few lines that stick out."""
    ordered = sorted(values)
    return ordered[len(ordered) // 10]


def _continues(prev: Line, line: Line, layout: Layout) -> bool:
    """Does ``line`` carry on the paragraph of ``prev`` (a break forced by the page width)?"""
    indented = line.x0 > layout.left + INDENT_MIN * line.size
    spaced = line.page == prev.page and line.top - prev.bottom > layout.line_gap + PARAGRAPH_GAP * prev.size
    return not indented and not spaced and _wrapped(prev, line, margin_gap=layout.right_gap)


def _wrapped(prev: Line, line: Line, margin_gap: float) -> bool:
    """Was ``line`` pushed down because its first unbreakable piece did not fit after ``prev``?
    A line ending shorter than that piece's width ended on purpose; so did one before an item marker."""
    room_left = (prev.right_gap - margin_gap) / prev.size
    return room_left <= _leading_unit_chars(line.text) + FIT_SLACK and not ITEM_START.match(line.text)


def _leading_unit_chars(text: str) -> float:
    """Width, in CJK character widths, of the characters at the start of ``text`` that cannot be
    split: 实“六 in 实“六个一”, 庭。2024 in 庭。2024年."""
    text = CJK_ADJACENT_SPACE.sub("", text)
    end = 1
    while end < len(text) and _glued(text[end - 1], text[end]):
        end += 1
    return sum(LATIN_ADVANCE if ch.isascii() else 1.0 for ch in text[:end])


def _glued(left: str, right: str) -> bool:
    if right in NO_BREAK_BEFORE or left in NO_BREAK_AFTER or left in QUOTES or right in QUOTES:
        return True
    return _is_latin_alnum(right) and (_is_latin_alnum(left) or left in NO_BREAK_BEFORE)


def _is_latin_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _join_wrapped(head: str, tail: str) -> str:
    """CJK lines join directly; English words broken at the margin get their space back, but a
    number broken in a narrow cell (202|1年) does not."""
    if _between_latin_words(head[-1:], tail[:1]) and _is_latin_alnum(head[-1:]) and _is_latin_alnum(tail[:1]):
        return f"{head} {tail}"
    return head + tail

