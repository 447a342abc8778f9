"""Which text holds tasks: the items of a notice (leaf sections, activities with field sub-items,
lead-ins that assign or date something), clipped to the body (no closing block, no table rows),
and the owners an item gets from around it (a group block closing its run, an annotation on an
enclosing heading).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import patterns as P
from ingest.bodies import is_public_body
from ingest.dates import DateContext
from ingest.owner_rules import OWNER_LABEL
from ingest.owners import Owners, parse_owner_block
from ingest.prose import leading_subject
from ingest.reports import asked_spans, reads_as_report
from ingest.sections import Node

FIELD_GROUP_MIN = 2  # sub-items that make their parent one activity
INTRO_MIN_CHARS = 20  # a section's lead-in beyond its title that may hold tasks
CLOSING_MAX_LINES = 20  # how far from the end a closing block may start
BODY_MIN_HEADINGS = 3  # numbered items before a signature that make it the end of a body
ATTACHMENT_LINE_MAX = 80  # an attachment's title in the list under 附件：, never a sentence
LETTER_HEADER_MAX = 50  # title and document-number lines of a letter without numbered items
ADDRESSEE_MAX = 120  # "各县（市、区）人民政府，市政府各部门：" and longer lists


@dataclass
class DocContext:
    issued: str = ""  # YYYY-MM-DD
    title: str = ""
    year: int | None = None  # the year of year-less deadlines
    convention: str = ""  # what the document says lists of owners mean (ingest.owner_rules)
    regulation: bool = False  # read by its articles (ingest.articles), not by a notice's items
    skip: list[tuple[int, int]] = field(default_factory=list)  # clean-text spans that are no tasks
    # Does the document annotate its owners? Then the subject of a sentence is not an owner
    # ("各级安委会要…" in its closing sections exhorts, it does not assign); explicit phrases
    # (由X牵头, X会同Y) still are.
    annotated: bool = False
    # the period a section of its own gives the whole activity ("三、活动时间 …至6月30日")
    activity_time: str = ""
    activity_is_period: bool = False  # the activity's time ends a period (not the day it takes place)
    # extraction stops at this many tasks (the store keeps no more); tasks_cut says it did
    max_tasks: int | None = None
    tasks_cut: bool = False

    def dates(self, node: Node) -> DateContext:
        """A section headed "2024年…" gives its items that year; a stage dated by month alone
        ("（二）总结阶段（9月上旬）") takes the year of the stage before it that names one."""
        at = node
        while at is not None and at.parent is not None:
            year = _heading_year(at.heading)
            if year is None and YEARLESS_MONTH.search(at.heading):
                earlier = at.parent.children[:at.parent.children.index(at)]
                year = next((y for y in map(_heading_year, (n.heading for n in reversed(earlier))) if y), None)
            if year is not None:
                return DateContext(self.issued, year)
            at = at.parent
        return DateContext(self.issued, self.year)


YEARLESS_MONTH = re.compile(r"(?<![\d年])(?:\d{1,2}|十[一二]|[一二三四五六七八九十])\s*月")


def _heading_year(heading: str) -> int | None:
    years = set(re.findall(r"(20\d{2})\s*年", heading))
    return int(years.pop()) if len(years) == 1 and not P.YEAR_RANGE.search(heading) else None


@dataclass
class Item:
    """Text to cut into tasks: a leaf section, or an activity with its field sub-items."""
    node: Node
    start: int
    end: int
    field_owners: Owners = field(default_factory=Owners)
    field_deadline: str = ""
    # the lead-in of a section with sub-items, or an attachment's text: tasks only where it
    # assigns or dates something
    intro: bool = False


# ---- which text holds tasks -----------------------------------------------------------------
ATTACHMENT_HEADER = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$")


def body_limits(text: str) -> tuple[int, int]:
    """(where the closing block starts, where the attachments start): the signature, date,
    contacts, 抄送 and 附件 list are no tasks; an attachment after the signature ("附件" on a
    line of its own) holds tasks only where it assigns or dates something (or in its tables)."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    attachment, headings = len(lines), 0
    for index, line in enumerate(lines):
        # after a signed body with items of its own; a wrapper notice's "附件" is the plan itself
        if headings >= BODY_MIN_HEADINGS and ATTACHMENT_HEADER.match(line.strip()) and \
                any(P.DATE_ONLY_LINE.match(before.strip()) for before in lines[max(0, index - 6):index]):
            attachment = index
            break
        headings += P.match_heading(line.strip()) is not None
    start = _closing_start(lines, attachment)
    return offsets[start] if start < len(lines) else len(text), \
        offsets[attachment] if attachment < len(lines) else len(text)


def _closing_start(lines: list[str], end: int) -> int:
    start = end
    for index in range(end - 1, max(-1, end - CLOSING_MAX_LINES), -1):
        line = lines[index].strip()
        if not line or _closing_line(line) or (_attachment_title(line) and _attachment_above(lines, index)):
            start = index
            continue
        break
    return start


def _attachment_title(line: str) -> bool:
    return len(line) <= ATTACHMENT_LINE_MAX and not P.SENTENCE_END.search(line)


def _attachment_above(lines: list[str], index: int) -> bool:
    """A short line in a list under "附件：" (the attachments' titles, numbered)."""
    for line in reversed(lines[max(0, index - CLOSING_MAX_LINES):index + 1]):
        if re.match(r"^附件?\s*[:：\d]", line.strip()):
            return True
        if not _attachment_title(line.strip()):
            return False
    return False


def _closing_line(line: str) -> bool:
    return bool(P.CLOSING_LINE.match(line)) or _signature_line(line)


def _signature_line(line: str) -> bool:
    """The issuer's name alone on its line, or the date."""
    return bool(P.DATE_ONLY_LINE.match(line)) or \
        (len(line) <= 30 and all(is_public_body(part) for part in line.split()))


def _field_group(node: Node) -> bool:
    return len(node.children) >= FIELD_GROUP_MIN and all(
        not c.children and P.FIELD_ITEM.match(c.title or c.heading.lstrip("0123456789.、（）() "))
        for c in node.children)


def _subtree_end(node: Node) -> int:
    while node.children:
        node = node.children[-1]
    return node.end


def collect_items(root: Node, text: str, ctx: DocContext) -> list[Item]:
    """Leaves, activities and lead-ins, clipped to the body (no closing block, no table rows);
    an attachment's items are kept only where they assign or date something."""
    limit, attachments = body_limits(text)
    items: list[Item] = []

    def add(item: Item) -> None:
        if item.node.start >= attachments:
            item.intro = True
            items.extend(_clipped(item, len(text), ctx, text))
        elif item.node.start < limit:
            items.extend(_clipped(item, limit, ctx, text))

    def visit(node: Node) -> None:
        if _field_group(node):
            owners, deadline = Owners(source="label"), ""
            for child in node.children:
                line = text[child.text_start:child.end].strip()
                found = parse_owner_block(line, ctx.convention)
                if found is not None:
                    owners.merge(found)
                    deadline = deadline or found.deadline
            add(Item(node, node.text_start, _subtree_end(node), owners, deadline))
            return
        if not node.children:
            add(Item(node, node.text_start, node.end))
        elif len(re.sub(r"\W", "", text[node.text_start:node.end])) - len(node.title) >= INTRO_MIN_CHARS or \
                _heading_gives_work(node, text):
            add(Item(node, node.text_start, node.end, intro=True))
        for child in node.children:
            visit(child)

    # the letter before the first heading: all of a notice without numbered items; else its
    # cover letter, a lead-in (tasks only where it assigns or dates something)
    start = letter_body_start(text, root.text_start, root.end)
    end = _signature_start(text, start, root.end)
    if not root.children and reads_as_report(text[start:end]):
        for ask_start, ask_end in asked_spans(text, start, end):  # a meeting report: what it asks for
            add(Item(root, ask_start, ask_end))
    elif len(re.sub(r"\W", "", text[start:end])) >= INTRO_MIN_CHARS:
        add(Item(root, start, end, intro=any(child.start < limit for child in root.children)))
    for child in root.children:
        visit(child)
    return items


def _heading_gives_work(node: Node, text: str) -> bool:
    """A heading that is a sentence giving a body its work ("（一）区民政局作为主管部门总体负责平台的运行。" over the
    duties that follow): a task of its own."""
    subject = leading_subject(node.title)
    return subject is not None and "负责" in node.title[subject[1]:] and \
        text[node.text_start:node.end].rstrip().endswith("。")


def letter_body_start(text: str, start: int, end: int) -> int:
    """Where a letter's body begins: after its title lines, document number and addressee
    ("各辖市、区安监局：")."""
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        header = (len(stripped) <= LETTER_HEADER_MAX and not P.SENTENCE_END.search(stripped)) or \
            (len(stripped) <= ADDRESSEE_MAX and stripped.endswith((":", "：")))
        if not header:
            break
        start += len(line) + 1
    return min(start, end)


def _signature_start(text: str, start: int, end: int) -> int:
    """Where a cover letter's signature and date begin (the plan it sends follows them)."""
    pos = start
    for line in text[start:end].split("\n"):
        if line.strip() and _signature_line(line.strip()):
            return pos
        pos += len(line) + 1
    return end


def _clipped(item: Item, limit: int, ctx: DocContext, text: str) -> list[Item]:
    """The item's text before ``limit``, in pieces around the spans to skip (tables); a piece
    that is only the item's heading (the table was all it had) is no task."""
    pieces, start, cut = [], item.start, False
    for s, e in sorted(ctx.skip):
        if e <= start or s >= item.end:
            continue
        cut = True
        if s > start:
            pieces.append((start, s))
        start = max(start, e)
    pieces.append((start, item.end))
    pieces = [(a, min(b, limit)) for a, b in pieces if min(b, limit) > a]
    if cut:
        title = re.sub(r"\W", "", item.node.title)
        pieces = [(a, b) for a, b in pieces if len(re.sub(r"\W", "", text[a:b])) > len(title) + 1]
    return [Item(item.node, a, b, item.field_owners, item.field_deadline, item.intro) for a, b in pieces]


def in_non_task_section(node: Node) -> bool:
    """Guiding ideas, principles, background: no tasks unless owned (targets count)."""
    path = node.path
    return any(P.NON_TASK_SECTION.search(h) for h in path) and not any(P.TARGET_SECTION.search(h) for h in path)


def trailing_block(item_text: str, convention: str) -> Owners | None:
    """The item's last paragraph(s) are a labelled owner annotation on their own: in brackets,
    or lines that are nothing but labels (牵头单位：…\\n责任单位：…)."""
    lines = [line.strip() for line in item_text.rstrip().split("\n")]
    block: list[str] = []
    while lines and lines[-1]:
        if lines[-1][:1] in "（(〔【[" and lines[-1][-1:] in "）)〕】]" and OWNER_LABEL.search(lines[-1]):
            block.insert(0, lines.pop()[1:-1])
            break
        if not OWNER_LABEL.match(lines[-1]):
            break
        block.insert(0, lines.pop())
    if not block or not lines:  # the whole item is the block: it is the item's own annotation
        return None
    if P.PAGE_FOOTER.search(lines[-1]):  # a web page's footer (…版权所有\n主办单位：…): the site's, no owners
        return None
    return parse_owner_block("；".join(block), convention)


def _depth(node: Node) -> int:
    depth = 0
    while node.parent is not None:
        depth, node = depth + 1, node.parent
    return depth


def _top(node: Node) -> Node:
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def ancestors(node: Node):
    parent = node.parent
    while parent is not None and parent.parent is not None:
        yield parent
        parent = parent.parent


def group_blocks(root: Node, items: list[Item], text: str, convention: str) -> dict[int, Owners]:
    """id(item) -> owners of the group block that covers it: a trailing annotation closing a
    run of items applies to the whole run when the next heading is shallower."""
    order = [n for n in root.walk() if n.parent is not None]
    next_node = {id(a): b for a, b in zip(order, order[1:])}
    covered: dict[int, Owners] = {}
    run: list[Item] = []
    for item in items:
        if run and _top(run[0].node) is not _top(item.node):
            run = []
        run.append(item)
        block = trailing_block(text[item.start:item.end], convention)
        if block is None:
            continue
        following = next_node.get(id(item.node))
        if following is None or _depth(following) < _depth(item.node):
            for member in run:
                covered[id(member)] = block
        run = []
    return covered
