"""Web pages saved from government sites: .html/.htm, and .mhtml/.mht ("save as one file").

The page is parsed with lxml's HTML parser. What is kept is the article: the block of the page
holding most of its prose (navigation, headers, footers, share bars and menus are left out),
with its tables as tables (``RawDocument.tables``, merged cells expanded) so a 任务分工表 on a
page gives one task per row. The 信息公开 box above an article (索引号, 文号, 发文机关,
成文日期…) is read into ``RawDocument.meta``: the article itself often repeats none of it.

Encodings: a BOM, else the charset the page declares in a <meta> (gb2312 and gbk read as
their superset gb18030), else the text reader's detection.
"""
from __future__ import annotations

import email
import re
from email import policy
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from ingest.errors import ReadError
from ingest.models import RawDocument, Table
from ingest.readers.common import read_bytes, require_text, table_row_line
from ingest.readers.txt import BOMS, GB_FAMILY, decode_text

META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)
# Never part of an article.
SKIPPED_TAGS = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "aside", "form",
                "button", "select", "option", "textarea", "svg", "canvas", "object", "embed",
                "template", "head", "title", "link", "meta"}
# class/id words of page furniture (split on spaces, "-" and "_").
FURNITURE_WORDS = {"nav", "navbar", "menu", "footer", "foot", "breadcrumb", "crumb", "share",
                   "sidebar", "copyright", "banner", "search", "login", "toolbar", "topbar",
                   "related", "friendlink", "links", "dqwz", "fenxiang", "bdshare"}
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
              "article", "main", "blockquote", "pre", "dd", "dt", "dl", "center", "table", "tbody",
              "thead", "caption", "body", "hr", "td", "th"}
VOID_TAGS = {"link", "meta"}  # skipped tags that never close
CONTAINER_TAGS = {"div", "article", "section", "main", "td", "body", "center", "blockquote"}
HOLDER_MIN_CHARS = 10  # an element holding this much text of its own is a paragraph of prose
# Labels of the 信息公开 box -> RawDocument.meta keys. A page's 发布日期 is its date only where it
# gives no 成文日期 (a notice is dated when it is written; pages go up days later).
META_LABELS = {
    "number": ("发文字号", "发文文号", "文号"),
    "issuer": ("发文机关", "发布机构", "发布机关", "发文单位", "发布单位", "制发机关"),
    "date": ("成文日期", "发文日期", "印发日期"),
    "published": ("发布日期", "发布时间", "公开日期", "日期"),
}
# The box's other labels: like those above, each ends the value before it when a cell holds
# several fields ("发文机关：某办公室　成文日期：2025年4月10日" is an issuer and a date).
OTHER_LABELS = ("索引号", "主题分类", "体裁分类", "组配分类", "分类", "标题", "文件名称", "名称", "主题词", "关键词",
                "信息来源", "来源", "公开方式", "公开范围", "有效性", "时效性", "生效日期", "废止日期")
LABEL_KEYS = {label: key for key, labels in META_LABELS.items() for label in labels}
META_LABEL = re.compile(r"^\s*(" + "|".join(sorted(LABEL_KEYS, key=len, reverse=True)) + r")\s*[:：]?\s*(.*)$")
NEXT_LABEL = re.compile(r"[\s\u3000]*(" + "|".join(sorted([*LABEL_KEYS, *OTHER_LABELS], key=len, reverse=True))
                        + r")\s*[:：]\s*")
META_VALUE_MAX_CHARS = 60
# Between a page's <title> and the site's name ("…的通知--某某市人民政府"); one dash alone is part of
# a title's year span (2024—2026年), so a dash separates only between spaces or doubled.
TITLE_SITE_SEPARATOR = re.compile(r"\s*[_|｜]\s*|\s+[-—－]\s+|\s*(?:-{2,}|—{2,}|－{2,})\s*")
DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
SPACES = re.compile(r"[ \t\r\n\f\v]+")
# A line break of the page's source inside Chinese text (an editor's wrap) joins the two sides;
# a space written on purpose (安监站 安监所, two names in a cell) stays.
WRAP_BETWEEN_CJK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]*[\r\n][ \t\r\n]*"
                              r"(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])")


def read_html(path: str | Path) -> RawDocument:
    path = Path(path)
    text, encoding = decode_html(str(path), read_bytes(path))
    return html_document(path, text, "html", encoding)


def read_mhtml(path: str | Path) -> RawDocument:
    """The page of a web archive: its first text/html part (quoted-printable or base64)."""
    path = Path(path)
    message = email.message_from_bytes(read_bytes(path), policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            data = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            text, encoding = decode_html(str(path), data, charset)
            return html_document(path, text, "mhtml", encoding)
    raise ReadError(str(path), "网页存档里没有 HTML 页面 (no text/html part in the web archive)")


def decode_html(name: str, data: bytes, declared: str | None = None) -> tuple[str, str]:
    if not any(data.startswith(bom) for bom, _ in BOMS):
        match = META_CHARSET.search(data[:8192])
        declared = declared or (match.group(1).decode("ascii").lower() if match else None)
        if declared:
            codec = "gb18030" if declared in GB_FAMILY else declared
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: detect instead
    return decode_text(name, data)


def html_document(path: Path, text: str, fmt: str, encoding: str) -> RawDocument:
    # huge_tree: libxml2 otherwise stops at 256 levels of nesting and returns an empty page
    parser = lxml_html.HTMLParser(encoding="utf-8", huge_tree=True)
    try:
        root = lxml_html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        if not _too_deep(parser):
            raise ReadError(str(path), f"网页无法解析 (cannot parse the HTML page: {exc})") from exc
        root = None
    if root is None or _too_deep(parser):
        return _deep_page(path, text, fmt, encoding)
    meta = page_meta(root)
    title = _page_title(root)
    for element in list(root.iter(etree.Element)):
        if _is_furniture(element) and element.getparent() is not None:
            element.drop_tree()
    article = _article(root)
    lines: list[str] = []
    tables: list[Table] = []
    _walk(article, lines, tables, [""])
    lines = [line for line in lines if line]
    if title and not any(title in line for line in lines[:5]):
        lines.insert(0, title)
        for table in tables:
            table.after_line += 1
    body = "\n".join(lines)
    require_text(path, body)
    return RawDocument(path=str(path), fmt=fmt, text=body, tables=tables, encoding=encoding, meta=meta)


def _too_deep(parser) -> bool:
    return any("Excessive depth" in entry.message for entry in parser.error_log)


class _FlatText(HTMLParser):
    """A page's text from the tag events alone (no tree, so no depth limit): block tags end a
    line, the text of SKIPPED_TAGS is left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current = [""]
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS and tag not in VOID_TAGS:
            self.skipping += 1
        if tag in BLOCK_TAGS or tag == "br":
            _end_line(self.lines, self.current)

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and tag not in VOID_TAGS:
            self.skipping = max(self.skipping - 1, 0)
        if tag in BLOCK_TAGS:
            _end_line(self.lines, self.current)

    def handle_data(self, data):
        if not self.skipping:
            self.current[0] += data


def _deep_page(path: Path, text: str, fmt: str, encoding: str) -> RawDocument:
    """A page nested deeper than libxml2 parses (2048 levels), read as lines of text: its tables
    as lines, no information box, no article picked out of the page (said in a note)."""
    reader = _FlatText()
    reader.feed(text)
    reader.close()
    _end_line(reader.lines, reader.current)
    body = "\n".join(reader.lines)
    require_text(path, body)
    note = ("网页嵌套超过 2048 层，按纯文本读取：表格按行读入，未识别信息公开栏 "
            "(the page nests deeper than 2048 levels: read as plain text, tables as lines, no information box)")
    return RawDocument(path=str(path), fmt=fmt, text=body, encoding=encoding, notes=[note])


# ---- the 信息公开 box


def page_meta(root) -> dict[str, str]:
    """文号, 发文机关 and 成文日期 (else 发布日期) from label/value pairs anywhere on the page."""
    meta: dict[str, str] = {}
    for element in root.iter(etree.Element):
        if element.tag in SKIPPED_TAGS or any(child.tag in BLOCK_TAGS for child in element):
            continue
        match = META_LABEL.match(_collapse(element.text_content()))
        if not match:
            continue
        value = match.group(2) or _collapse(element.tail or "")
        if not value and element.getnext() is not None:
            value = _collapse(element.getnext().text_content())
        for label, text in _fields(match.group(1), value):
            key = LABEL_KEYS.get(label)
            if key and text and len(text) <= META_VALUE_MAX_CHARS and key not in meta:
                meta[key] = _iso_date(text) if key in ("date", "published") else text
    published = meta.pop("published", "")
    meta["date"] = meta.get("date") or published
    return {key: value for key, value in meta.items() if value}


def _fields(label: str, value: str) -> list[tuple[str, str]]:
    """(label, value) of each field in a cell: the value up to the next label of the box."""
    fields, at = [], 0
    for found in NEXT_LABEL.finditer(value):
        fields.append((label, value[at:found.start()].strip(" \u3000")))
        label, at = found.group(1), found.end()
    return [*fields, (label, value[at:].strip(" \u3000"))]


def _iso_date(value: str) -> str:
    match = DATE.search(value)
    return f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}" if match else ""


def _page_title(root) -> str:
    heading = next((h for h in root.iter("h1", "h2") if 4 <= len(_collapse(h.text_content())) <= 100), None)
    if heading is not None:
        return _collapse(heading.text_content())
    title = root.find(".//title")
    # "标题_某某市人民政府" / "标题-网站名" / "标题--网站名": the site's name follows a separator
    return re.split(TITLE_SITE_SEPARATOR, _collapse(title.text_content()))[0] if title is not None else ""


def _is_furniture(element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    if element.tag in SKIPPED_TAGS:
        return True
    words = re.split(r"[\s_-]+", f"{element.get('class', '')} {element.get('id', '')}".lower())
    return any(word in FURNITURE_WORDS for word in words)


# ---- the article


def _article(root):
    """The container credited with most prose: each element holding text of its own credits
    its container fully and the container's container by half (so the block wrapping the
    paragraphs wins over the page that wraps everything)."""
    credit: dict = {}
    for element in root.iter(etree.Element):
        own = len(_collapse("".join([element.text or "", *(child.tail or "" for child in element)])))
        if own < HOLDER_MIN_CHARS or element.tag in SKIPPED_TAGS:
            continue
        container = _container(element)
        credit[container] = credit.get(container, 0.0) + own
        parent = _container(container.getparent()) if container.getparent() is not None else None
        if parent is not None:
            credit[parent] = credit.get(parent, 0.0) + own / 2
    if not credit:
        return root.find("body") if root.find("body") is not None else root
    return max(credit, key=credit.get)


def _container(element):
    while element.tag not in CONTAINER_TAGS and element.getparent() is not None:
        element = element.getparent()
    return element


def _walk(element, lines: list[str], tables: list[Table], current: list[str]) -> None:
    """Text in reading order into ``lines``: blocks and <br> end a line; data tables become
    Tables (and their rows lines); layout tables are read as blocks."""
    _read_blocks(element, lines, current, keep=lambda child: not _is_furniture(child), tables=tables)


def _read_blocks(top, lines: list[str], current: list[str], keep, tables: list[Table] | None = None) -> None:
    """The walk under ``_walk`` and ``_cell_text``: an element's text, then each kept child and
    the child's tail, block elements ending lines. With ``tables``, data tables are read as
    Tables. A loop over a stack, not recursion: pages nest deeper than Python's recursion limit."""
    stack = [("enter", top)]
    while stack:
        step, element = stack.pop()
        if step == "tail":
            current[0] += element.tail or ""
        elif step == "leave":
            _end_line(lines, current)
        elif tables is not None and element.tag == "table" and _is_data_table(element):
            _end_line(lines, current)
            rows = table_rows(element)
            if rows:
                tables.append(Table(rows=rows, after_line=len([line for line in lines if line])))
                lines.extend(table_row_line(row) for row in rows)
        else:
            if element.tag in BLOCK_TAGS or element.tag == "br":
                _end_line(lines, current)
            current[0] += element.text or ""
            if element.tag in BLOCK_TAGS:
                stack.append(("leave", element))
            for child in reversed(element):
                stack.append(("tail", child))
                if keep(child):
                    stack.append(("enter", child))


def _end_line(lines: list[str], current: list[str]) -> None:
    line = _collapse(WRAP_BETWEEN_CJK.sub("", current[0]))
    if line:
        lines.append(line)
    current[0] = ""


def _is_data_table(table) -> bool:
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    nested = table.xpath(".//table")
    return len(rows) >= 2 and not nested and max(len(row.xpath("./td | ./th")) for row in rows) >= 2


def table_rows(table) -> list[list[str]]:
    """Cell texts with rowspan/colspan expanded: a merged cell repeats over what it covers."""
    grid: dict[tuple[int, int], str] = {}
    for r, row in enumerate(table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")):
        c = 0
        for cell in row.xpath("./td | ./th"):
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            for dr in range(_span(cell, "rowspan")):
                for dc in range(_span(cell, "colspan")):
                    grid[(r + dr, c + dc)] = text
            c += _span(cell, "colspan")
    if not grid:
        return []
    n_rows, n_cols = max(r for r, _ in grid) + 1, max(c for _, c in grid) + 1
    rows = [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]
    return [row for row in rows if any(row)]


def _span(cell, attribute: str) -> int:
    match = re.match(r"\s*(\d+)", cell.get(attribute, "") or "")
    return min(max(int(match.group(1)), 1), 100) if match else 1


def _cell_text(cell) -> str:
    """A cell's paragraphs (<p>, <br>, <div>) one per line, as docx cells give them."""
    lines: list[str] = []
    _read_blocks(cell, lines, [""], keep=lambda child: isinstance(child.tag, str) and child.tag not in SKIPPED_TAGS)
    return "\n".join(line for line in lines if line)


def _collapse(text: str) -> str:
    return SPACES.sub(" ", text.replace("\xa0", " ")).strip()
