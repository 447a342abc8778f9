"""What a document says about itself where its fields are silent, for routing a question to it.

A web excerpt is often stored without a title (its file's stem "033", or a title cut at a line
break "《2023年") and without a date; its first lines say both ("海南省安委办召开会议再次调度部署
“五一”假期安全生产工作 / 2023-04-28"). Such a document is named by the words and the year of that
head, as a titled one is by its title and date. And a place written with its people's name
(江华瑶族自治县) is also named by its short form (江华县 → 江华).
"""
from __future__ import annotations

import re
from pathlib import PurePath

from ingest.models import Document
from kb.indexes.reader import Indexes

# How much of an untitled document's text stands in for its title: its heading and date lines.
HEAD_CHARS = 100
# A title of digits and marks only (a file's stem "018", a title cut at its line break "《2023年") names
# nothing ("2018年" does not name 018.txt).
NUMBERS_ONLY = re.compile(r"^[\W\d_]*年?[\W\d_]*$")
# ... and of that head, what stands in for the title: up to its first sentence's end or table cell.
HEAD_TITLE_ENDS = "。|"
CJK = re.compile(r"[\u4e00-\u9fff]")
HEAD_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=\s*年|[-./]\d{1,2}[-./])")
# An autonomous county or banner keeps its place before the people's name: 江华瑶族自治 → 江华,
# 长阳土家族自治 → 长阳 (a name of two characters, as nearly all are).
AUTONOMOUS = re.compile(r"^([\u4e00-\u9fff]{2})[\u4e00-\u9fff]{1,4}?族(?:[\u4e00-\u9fff]{1,3}族)*自治$")


def untitled(doc: Document) -> bool:
    """The document's title says nothing: empty, its file's stem in Latin letters and digits
    ("033", "gov_sc_06"; a stem in Chinese is a title), or digits and marks only ("《2023年")."""
    title = doc.title.strip()
    return not title or bool(NUMBERS_ONLY.match(title)) or \
        title == PurePath(doc.file).stem and not CJK.search(title)


def heads(indexes: Indexes) -> dict[str, str]:
    """The head of every untitled or undated document's text, by id (read once per change of the KB)."""
    return indexes.memo("document_heads", lambda: {
        d.doc_id: indexes.store.get_document(d.doc_id).text[:HEAD_CHARS]
        for d in sorted(indexes.documents().values(), key=lambda d: d.doc_id) if untitled(d) or not d.date})


def described_title(doc: Document, head: dict[str, str]) -> str:
    """What names the document: its title, or when it has none the head of its text up to its
    first full stop or table cell (a table's first rows are no heading)."""
    if not untitled(doc):
        return doc.title
    text = head.get(doc.doc_id, "")
    return text[:min(text.find(ch) % (len(text) + 1) for ch in HEAD_TITLE_ENDS)]


def head_years(text: str) -> set[int]:
    """The years a head writes as a date or a year ("2023-04-28", "2021年"), not other numbers."""
    return {int(m.group(1)) for m in HEAD_YEAR.finditer(text)}


def short_place(place: str) -> str | None:
    """An autonomous place's short form (江华瑶族自治 → 江华), None for any other place."""
    m = AUTONOMOUS.match(place)
    return m.group(1) if m else None
