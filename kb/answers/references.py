"""What a penalty clause that names its breach only by number is about (tests/test_answer_references.py): a law
writes "违反本条例第十七条第三项、第四项规定的，…处一万元以上十万元以下罚款", and the breach is what those items say
("（四）特种设备作业人员证书…"): the clause says what it says and what those items say, so of a penalty article's
clauses, each fining the breach of other items, the one whose items say the question's words answers it ("what is
the fine for lending out an operator certificate")."""
from __future__ import annotations

import re

from ingest.patterns import cn_to_int

_N = r"[一二三四五六七八九十百零〇\d]+"
_PART = rf"(?:第{_N}条)?(?:第{_N}款)?(?:第{_N}项)?"
# "违反本条例第十七条第三项、第四项规定的", "违反本法第二十条、第二十一条规定": the parts named, in order.
REFERENCE = re.compile(rf"违反本(?:条例|法|规定|办法|细则)(?P<parts>{_PART}(?:(?:、|和|或者|或|及){_PART})*)")
PART = re.compile(rf"(?:第(?P<article>{_N})条)?(?:第(?P<paragraph>{_N})款)?(?:第(?P<item>{_N})项)?")
ARTICLE_HEAD = re.compile(rf"^\s*第({_N})条", re.M)


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
