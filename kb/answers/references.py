"""What a penalty clause that names its breach only by number is about (tests/test_answer_references.py): a law
writes "违反本条例第十七条第三项、第四项规定的，…处一万元以上十万元以下罚款", and the breach is what those items say
("（四）特种设备作业人员证书…"): the clause says what it says and what those items say, so of a penalty article's
clauses, each fining the breach of other items, the one whose items say the question's words answers it ("what is
the fine for lending out an operator certificate"). A penalty article that names its breach only by number shares no word
with a question about that duty, so search does not find it: for a fine question, the articles of a retrieved article's
law that name it as breached are read too (``referring_hits``)."""
from __future__ import annotations

import re

from ingest.patterns import cn_to_int
from kb.indexes.reader import Indexes
from kb.models import Hit

_N = r"[一二三四五六七八九十百零〇\d]+"
_PART = rf"(?:第{_N}条)?(?:第{_N}款)?(?:第{_N}项)?"
# "违反本条例第十七条第三项、第四项规定的", "违反本法第二十条、第二十一条规定": the parts named, in order.
REFERENCE = re.compile(rf"违反本(?:条例|法|规定|办法|细则)(?P<parts>{_PART}(?:(?:、|和|或者|或|及){_PART})*)")
PART = re.compile(rf"(?:第(?P<article>{_N})条)?(?:第(?P<paragraph>{_N})款)?(?:第(?P<item>{_N})项)?")
ARTICLE_HEAD = re.compile(rf"^\s*第({_N})条", re.M)
SECTION_ARTICLE = re.compile(rf"第({_N})条(?!之)")  # the article a retrieved passage is ("第四章 … / 第二十七条")
# Of the hits a fine question retrieved, the first this many regulations' articles have their referring articles read,
# at most this many each.
REFERRED_HITS = 6
REFERRING_PER_ARTICLE = 3


def referred_text(clause: str, document: str) -> str:
    """The text of the articles, paragraphs and items of the same law that ``clause`` names as breached."""
    m = REFERENCE.search(clause)
    if not m or not m.group("parts"):
        return ""
    articles = _articles(document)
    said, article = [], ""
    for part in PART.finditer(m.group("parts")):
        if not part.group():
            continue
        article = part.group("article") or article  # "第十七条第三项、第四项": the fourth item of the same article
        text = articles.get(article, "")
        if part.group("paragraph"):
            text = _nth([line for line in text.splitlines() if line.strip()], part.group("paragraph"))
        if part.group("item"):
            item = re.search(rf"^\s*[（(]{part.group('item')}[）)][^\n]*", text, re.M)
            text = item.group() if item else ""
        said.append(text)
    return "\n".join(said)


def _articles(document: str) -> dict[str, str]:
    """The law's articles by their number as written ("十七" → the text of 第十七条)."""
    heads = list(ARTICLE_HEAD.finditer(document))
    return {h.group(1): document[h.start():heads[i + 1].start() if i + 1 < len(heads) else len(document)]
            for i, h in enumerate(heads)}


def _nth(lines: list[str], number: str) -> str:
    n = int(number) if number.isdigit() else cn_to_int(number)
    return lines[n - 1] if 0 < n <= len(lines) else ""


def referred_articles(clause: str) -> list[int]:
    """The numbers of the articles ``clause`` names as breached ("违反本条例第十七条第三项、第二十条规定的" → 17, 20)."""
    numbers, article = [], None
    for m in REFERENCE.finditer(clause):
        for part in PART.finditer(m.group("parts")):
            if part.group("article"):
                article = _number(part.group("article"))
                if article not in numbers:
                    numbers.append(article)
    return numbers


def referring_hits(indexes: Indexes, hits: list[Hit]) -> list[Hit]:
    """The passages of a regulation that name one of the retrieved articles as breached ("违反本条例第二十七条规定的，
    处五十元罚款" for a hit on 第二十七条), not retrieved themselves, in the order of the hits that led to them."""
    docs, seen, found = indexes.documents(), {(h.doc_id, h.start) for h in hits}, []
    by_document = indexes.memo("referring_passages", dict)  # document → article number → passages naming it
    for hit in hits[:REFERRED_HITS]:
        doc = docs.get(hit.doc_id)
        article = SECTION_ARTICLE.findall(hit.section)
        if doc is None or doc.kind != "regulation" or not article:
            continue
        if hit.doc_id not in by_document:
            by_document[hit.doc_id] = _referring(indexes, hit.doc_id)
        for passage_id, passage in by_document[hit.doc_id].get(_number(article[-1]), [])[:REFERRING_PER_ARTICLE]:
            if (hit.doc_id, passage.start) not in seen:
                seen.add((hit.doc_id, passage.start))
                found.append(Hit("passage", passage_id, hit.doc_id, hit.doc_file, hit.doc_title, passage.section,
                                 passage.text, 0.0, passage.start, passage.end, doc_kind=hit.doc_kind))
    return found


def _referring(indexes: Indexes, doc_id: str) -> dict[int, list]:
    referring: dict[int, list] = {}
    for passage_id, passage in indexes.store.passage_items(doc_id):
        for number in referred_articles(passage.text):
            referring.setdefault(number, []).append((passage_id, passage))
    return referring


def _number(written: str) -> int:
    return int(written) if written.isdigit() else cn_to_int(written)
