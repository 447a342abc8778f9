"""OCR boxes -> lines in reading order, each with its confidence.

The recogniser returns one box per run of text it saw (a quadrilateral, the text, a score).
Here the page is straightened by the boxes' own slant (a photo taken 2° off), boxes that are
not lines of the page are dropped (the arcs of a seal, vertical marks in the margin), a gutter
between two columns is found when there is one, and boxes are grouped into lines: the left
column down to the next line that spans both columns, then the right column, and so on.

Out come ``OcrLine``s in page coordinates (the same units as a PDF's text lines), so that
``pdf_layout.assemble`` joins wrapped lines into paragraphs for scans as it does for text PDFs.
"""
from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

from ingest.readers.pdf_layout import LATIN_ADVANCE, Line

TEXT_LINE_RATIO = 3.0  # a box this many times longer than high is a line of text (its slant counts)
ORIENTED_RATIO = 1.5  # a box this much longer than high has a direction worth checking
MAX_TILT_DEG = 8.0  # boxes slanting more than this against the page are a seal's arc, not a line
SAME_LINE_OVERLAP = 0.3  # two boxes overlapping horizontally by more than this share are two lines
SPACE_GAP = 1.5  # a gap of this many character widths between two boxes of a line is a space
COLUMN_NARROW = 0.5  # boxes narrower than this share of the text width may sit in a column
COLUMN_SHARE = 0.6  # a two-column page has at least this share of narrow boxes
COLUMN_MIDDLE = (0.3, 0.7)  # a gutter lies in this part of the text width
COLUMN_PROBES = 100  # places across that part where the boxes crossing it are counted
COLUMN_CROSSING = 0.1  # a gutter is crossed by at most this share of the narrow boxes (titles)
COLUMN_MIN_BOXES = 3  # ... with at least this many boxes on each side
COLUMN_MIN_SIDE = 0.25  # ... and at least this share of the narrow boxes


@dataclass
class OcrLine(Line):
    confidence: float = 1.0


@dataclass
class Box:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    confidence: float

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0


# ---- what OCR gets wrong in notices, each with a test (tests/test_ocr.py)

# 文号 brackets: 〔2021〕 is read as 【2021] or [2021] or (2021).
DOC_NUMBER_BRACKETS = re.compile(r"(?<=[\u4e00-\u9fff])\s*[【\[(（〔［]\s*((?:19|20)\d{2})\s*[】\])）〕］]\s*(?=\d{1,4}\s*号)")
# ASCII punctuation between Chinese characters is the full-width mark the notice has.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
ASCII_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff])\s*([,:;?!])\s*(?=[\u4e00-\u9fff\d“（(]|$)")
ASCII_PAREN_CJK = re.compile(r"\(([^()]*[\u4e00-\u9fff][^()]*)\)")
STRAIGHT_QUOTE = '"'
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


def fix_text(text: str) -> str:
    text = DOC_NUMBER_BRACKETS.sub(r"〔\1〕", text)
    text = ASCII_BETWEEN_CJK.sub(lambda m: FULL_WIDTH[m.group(1)], text)
    text = ASCII_PAREN_CJK.sub(r"（\1）", text)
    return _curly_quotes(text)


def _curly_quotes(text: str) -> str:
    """Straight double quotes in Chinese text are “ and ”: the recogniser reads one as the
    other. A quote opens when the character before it is not Chinese-quoted text in progress,
    that is, quotes alternate open/close along the line, continuing any curly ones."""
    if STRAIGHT_QUOTE not in text or not CJK.search(text):
        return text
    out, open_ = [], False
    for char in text:
        if char == STRAIGHT_QUOTE:
            char = "”" if open_ else "“"
        if char in "“”":
            open_ = char == "“"
        out.append(char)
    return "".join(out)


# ---- boxes


def page_lines(results: list, page: int, page_width: float, scale: float) -> list[OcrLine]:
    """rapidocr's ``[quad, text, score]`` results for one page (pixels) -> lines in reading
    order in page units (pixels / ``scale``)."""
    boxes = straightened_boxes(results, scale)
    lines = [_make_line(line, page, page_width) for line in _reading_order(boxes)]
    return [line for line in lines if line.text]


def straightened_boxes(results: list, scale: float) -> list[Box]:
    quads = [([(x / scale, y / scale) for x, y in quad], text, float(score))
             for quad, text, score in results if text.strip()]
    slant = _page_slant([quad for quad, _, _ in quads])
    boxes = []
    for quad, text, score in quads:
        if not _lies_along_page(quad, slant):
            continue
        xs, ys = zip(*_rotate(quad, -slant))
        boxes.append(Box(text.strip(), min(xs), max(xs), min(ys), max(ys), score))
    return boxes


def _edges(quad: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Length along the text, height across it, and direction (degrees) of a box's top edge."""
    (x0, y0), (x1, y1), _, (x3, y3) = quad
    return math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0), math.degrees(math.atan2(y1 - y0, x1 - x0))


def _page_slant(quads: list) -> float:
    angles = [angle for length, height, angle in map(_edges, quads) if length > TEXT_LINE_RATIO * height]
    return statistics.median(angles) if angles else 0.0


def _lies_along_page(quad: list, slant: float) -> bool:
    length, height, angle = _edges(quad)
    if height > ORIENTED_RATIO * length:
        return False  # vertical text: a seal's legend or a margin mark, not a line of the notice
    return length < ORIENTED_RATIO * height or abs(angle - slant) <= MAX_TILT_DEG


def _rotate(quad: list, degrees: float) -> list[tuple[float, float]]:
    """Rotate about the origin: only positions relative to each other matter."""
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [(x * cos - y * sin, x * sin + y * cos) for x, y in quad]


# ---- reading order


def _reading_order(boxes: list[Box]) -> list[list[Box]]:
    gutter = _gutter(boxes)
    if gutter is None:
        return _group(boxes)
    spanning = [b for b in boxes if b.x0 < gutter < b.x1]
    columns = [[b for b in boxes if b.x1 <= gutter], [b for b in boxes if b.x0 >= gutter]]
    ordered: list[list[Box]] = []
    for cut in [*_group(spanning), None]:
        limit = min(b.top for b in cut) if cut else math.inf
        for i, column in enumerate(columns):
            ordered += _group([b for b in column if b.centre < limit])
            columns[i] = [b for b in column if b.centre >= limit]
        if cut:
            ordered.append(cut)
    return ordered


def _gutter(boxes: list[Box]) -> float | None:
    """The x of an empty vertical strip between two columns of text, or None (one column).
    A column's lines are narrow; a title centred over both columns may cross the strip."""
    if not boxes:
        return None
    left, right = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    span = right - left
    narrow = [b for b in boxes if b.width < COLUMN_NARROW * span]
    if len(narrow) < COLUMN_SHARE * len(boxes):
        return None
    min_gap = statistics.median(b.bottom - b.top for b in boxes)
    crossing_allowed = COLUMN_CROSSING * len(narrow)
    run: list[float] = []
    for i in range(COLUMN_PROBES + 1):
        x = left + span * (COLUMN_MIDDLE[0] + (COLUMN_MIDDLE[1] - COLUMN_MIDDLE[0]) * i / COLUMN_PROBES)
        if i < COLUMN_PROBES and sum(b.x0 < x < b.x1 for b in narrow) <= crossing_allowed:
            run.append(x)
            continue
        if run and run[-1] - run[0] >= min_gap:
            middle = (run[0] + run[-1]) / 2
            sides = sum(b.x1 <= middle for b in narrow), sum(b.x0 >= middle for b in narrow)
            if min(sides) >= max(COLUMN_MIN_BOXES, COLUMN_MIN_SIDE * len(narrow)):
                return middle
        run = []
    return None


def _group(boxes: list[Box]) -> list[list[Box]]:
    """Boxes into lines, top to bottom: a box whose centre falls in the band of the line above,
    and that does not sit over a box of it, belongs to that line."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.centre):
        if lines and _joins(lines[-1], box):
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _joins(line: list[Box], box: Box) -> bool:
    band = line[0]
    if not band.top <= box.centre <= band.bottom:
        return False
    return all(min(b.x1, box.x1) - max(b.x0, box.x0) <= SAME_LINE_OVERLAP * min(b.width, box.width)
               for b in line)


def _units(text: str) -> float:
    return sum(LATIN_ADVANCE if ch.isascii() else 1.0 for ch in text) or 1.0


def _make_line(boxes: list[Box], page: int, page_width: float) -> OcrLine:
    char_width = sum(b.width for b in boxes) / sum(_units(b.text) for b in boxes)
    parts = [boxes[0].text]
    for prev, box in zip(boxes, boxes[1:]):
        parts.append((" " if box.x0 - prev.x1 > SPACE_GAP * char_width else "") + box.text)
    chars = sum(len(b.text) for b in boxes)
    return OcrLine(
        text=fix_text("".join(parts)),
        x0=boxes[0].x0, x1=max(b.x1 for b in boxes),
        top=min(b.top for b in boxes), bottom=max(b.bottom for b in boxes),
        size=char_width, page=page, page_width=page_width,
        confidence=sum(b.confidence * len(b.text) for b in boxes) / chars)
