"""Items -> tasks: the smallest pieces of text that carry their own assignment.

An item (``ingest.items``) is cut into tasks:
- at each owner annotation, in any bracket or on lines of its own (``ingest.owners``), or in prose (``ingest.prose``);
- where it has none, at each sentence or clause whose subject is a public body
  ("…。国家中医药局印发…", "…，3月底前县应急局完成…", "…，财政、教育等部门要…").
A task's owners are its own annotation; else those named in its prose by an explicit phrase
(由X牵头, X会同Y, X牵头…Y配合); else a group block closing the run of items it belongs to;
else owners annotated on an enclosing heading; else the activity's field lines; else — in a
document that does not annotate owners — its sentence subjects. Its deadline is the latest
explicit one in its words, else its annotation's, else a loose or yearly one in its words, else
the item's opening date, the activity's time, the group block's, a target list's horizon.
Regulations are another matter: their tasks are articles that give a government body a duty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from ingest import dates
from ingest import patterns as P
from ingest.bodies import NOT_A_NAME_START, is_public_body
from ingest.heading_owners import duty_heading_bodies, heading_owners
from ingest.items import DocContext, Item, collect_items, group_blocks, in_non_task_section
from ingest.owner_rules import ASSIGNEES_IN_GENERAL, DUTY_SUBJECT, DUTY_VERB
from ingest.owners import Owners, annotations
from ingest.prose import leading_subject, prose_owners
from ingest.sections import Node
from ingest.segments import (
    MIN_TASK_CHARS,
    another_body,
    dated_steps,
    heading_joins_its_words,
    only_cover_letter,
    segments_of,
    without_annotations,
)
from ingest.step_owners import steps_take_their_blocks_owners
from ingest.targets import find_metrics
from ingest.task_deadlines import (
    activity_time,
    choose_deadline,
    heading_deadline,
    horizon,
    opening_date,
    sentence_time,
)
from ingest.units import split_units

# An item longer than this (the longest plan items run to about 1,500 characters; a file
# without line breaks is one item) is cut into tasks a part at a time (``_parts``).
ITEM_PART_CHARS = 20_000
TASK_MAX_CHARS = 3000  # the longest plan items run to about 1,500 characters  # shorter leftovers ("。", "等") join the neighbouring task
ANNOTATED_ITEMS = 3  # items with (or under) owner annotations that make a document "annotated"


@dataclass
class TaskDraft:
    """A task before it gets its document id and sequence number."""
    section: str
    title: str
    text: str
    start: int  # clean-text span
    end: int
    owners: Owners
    deadline: str = ""
    deadline_norm: str = ""
    deadline_inferred: bool = False
    metrics: list[str] = field(default_factory=list)


# ---- cutting an item into tasks ----------------------------------------------------------------
def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the spaces and punctuation at its ends, and at most TASK_MAX_CHARS long (a task
    that runs on, in a file with no structure, ends at the last sentence end within it)."""
    while start < end and text[start] in " \n，,；;。":
        start += 1
    if end - start > TASK_MAX_CHARS:
        cut = max(text.rfind(ch, start, start + TASK_MAX_CHARS) for ch in "。；;\n")
        end = cut + 1 if cut > start else start + TASK_MAX_CHARS
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def _with_prose_roles(labelled: Owners, plain: str) -> Owners:
    """A 责任单位 label under an item whose own words name a lead or co ("县安监局配合…",
    "县安委办牵头，会同有关单位…"): the label's units stay responsible, the words add their roles."""
    explicit, _ = prose_owners(plain)
    if not (explicit.lead or explicit.co):
        return labelled
    return Owners(lead=explicit.lead, co=[u for u in explicit.co if u not in explicit.lead],
                  responsible=labelled.responsible, deadline=labelled.deadline, source=labelled.source)


def item_tasks(item: Item, text: str, ctx: DocContext, group: Owners | None) -> list[TaskDraft]:
    node, body = item.node, text[item.start:item.end]
    inherited = heading_owners(node, text, ctx.convention, ctx.title)
    # (a heading naming the holder of the duties below: a sentence there opening with a body of its own is
    # that body's — "…切实抓好落实；区有关部门要加强监督检查")
    above = inherited.units() if inherited is not None and inherited.source in ("heading", "prose") else []
    segments = heading_joins_its_words(body, segments_of(
        body, ctx, bool(group or inherited or item.field_owners.has_units() or ctx.annotated), above))
    date_ctx = ctx.dates(node)
    is_target = any(P.TARGET_SECTION.search(h) for h in node.path[:-1]) or \
        bool(P.TARGET_SECTION.search(node.heading))
    target_horizon = horizon(node, text) if is_target else ""
    block_at = body.rstrip().rfind("\n") + 1 if group is not None else len(body)
    # where each annotation of the item ends, with its owners
    annotated_at = [(found[-1][1], o) for _, _, o, found in segments if found and o is not None and o.has_units()]
    # the item's own times, the same for each of its tasks: read once
    opened, under_heading = opening_date(body), heading_deadline(node, date_ctx)
    drafts = []
    for seg_start, seg_end, owners, seg_found in [step for seg in segments for step in dated_steps(body, *seg)]:
        if seg_found and seg_found[0][0] >= block_at:  # the group block itself, not own owners
            owners = None
        start, end = _trim(body, seg_start, seg_end)
        if footer := P.PAGE_FOOTER.search(body[start:end]):  # a web page's footer (主办：…承办：…, 版权所有)
            seg_end = min(seg_end, start + footer.start())
            start, end = _trim(body, seg_start, seg_end)
        uncaptioned = P.TABLE_CAPTION.sub("", body[start:end]).strip()
        if len(re.sub(r"\W", "", body[start:end])) < MIN_TASK_CHARS or \
                (uncaptioned != body[start:end].strip() and uncaptioned in ("", node.title.strip())):  # 表2 …
            continue
        local = [(s - seg_start, e - seg_start, o) for s, e, o in seg_found]
        plain = without_annotations(body[seg_start:seg_end], local)
        if (owners is None or not owners.has_units()) and only_cover_letter(plain, ctx.title):
            continue  # the title and "各单位：现将…印发给你们，请认真落实": no task of their own
        own_deadline = owners.deadline if owners is not None else ""
        subjects = None
        if owners is not None and owners.responsible and not (owners.lead or owners.co):
            owners = _with_prose_roles(owners, plain)
        if owners is None or not owners.has_units():
            explicit, subjects = prose_owners(plain)
            if ctx.annotated and not _addressed_to_assignees(subjects):
                subjects = None
            before = _annotated_before(body, start, annotated_at)
            opens = subjects is not None and subjects.has_units() and leading_subject(plain.lstrip()) is not None
            own_subject = opens and bool(above) and another_body(subjects.units(), plain, above)
            # (…and after an annotation in its paragraph, one opening with another body: "X：负责…。Y要…")
            past_before = opens and before is not None and another_body(subjects.units(), plain, before.units())
            owners = next((o for o in (explicit, subjects if past_before else None, before, group,
                                       subjects if own_subject else None, inherited, item.field_owners, subjects)
                           if o is not None and o.has_units()), Owners())
        if in_non_task_section(node) and owners is subjects:
            owners = Owners()  # a background sentence's subject is not an assignment
        if (in_non_task_section(node) or item.intro) and not owners.has_units():
            found_dates = dates.find_deadlines(plain, date_ctx)
            if item.intro and not any(d.kind in ("explicit", "recurring") for d in found_dates):
                continue
            if not item.intro and not (find_metrics(plain) and found_dates):
                continue
        chosen = choose_deadline(plain, own_deadline, [
            opened if seg_start > 0 else "", item.field_deadline,
            group.deadline if group is not None else "", under_heading,
            target_horizon, ctx.activity_time], date_ctx, sentence_time(body, seg_start, plain))
        drafts.append(TaskDraft(
            section=node.section, title=node.title, text=body[start:end],
            start=item.start + start, end=item.start + end, owners=owners,
            deadline=chosen.raw, deadline_norm=chosen.norm, deadline_inferred=chosen.inferred,
            metrics=find_metrics(plain)))
    if len(drafts) > 1:  # a heading whose lines are the tasks (2.3 成员单位职责 / 县应急局：负责…): no task itself
        drafts = [d for d in drafts if d.text.strip(" ：:\n") != d.title.strip(" ：:") or P.CLAUSE_END.search(d.title)]
    return _in_sequence(_points_take_the_preface_owners(drafts, _title_preface_owners(node.title)))


def _annotated_before(body: str, at: int, annotated_at: list[tuple[int, Owners]]) -> Owners | None:
    """The owners annotated earlier in the same paragraph ("推进…建设（县应急局牵头）。2025年底前建成…"):
    they own the words after their annotation too; a paragraph of its own is not theirs."""
    before = [(end, owners) for end, owners in annotated_at if end <= at and "\n" not in body[end:at]]
    return before[-1][1] if before else None


def _addressed_to_assignees(subjects: Owners) -> bool:
    """"各有关部门要加强组织领导" in a notice that annotates its owners: a requirement on the units
    it assigns, spoken of together (owner_rules.ASSIGNEES_IN_GENERAL). It stays a task with the
    placeholder as its responsible unit, as the notices' readers take it: dropping it would lose
    the requirement, an empty owner would hide whom it binds (the unit filters and charts leave
    placeholders out). "各级各部门要…" stays ownerless: every level is exhorted, nobody assigned."""
    units = subjects.lead + subjects.co + subjects.responsible
    return bool(units) and all(ASSIGNEES_IN_GENERAL.match(unit) for unit in units)


def _title_preface_owners(title: str) -> Owners | None:
    """The subject of an item's title that prefaces its points ("县应急局要做好以下工作：一是…")."""
    if not TITLE_PREFACE.search(title):
        return None
    _, subjects = prose_owners(title)
    return subjects if subjects.has_units() else None


TITLE_PREFACE = re.compile(r"(?:如下|下列|以下)[^。；;\n]{0,6}[：:]?\s*$")


def _points_take_the_preface_owners(drafts: list[TaskDraft], preface: Owners | None = None) -> list[TaskDraft]:
    """"各乡镇要抓好以下工作：一是…；二是…" or "县应急局一要…；二要…": the points with no subject of their
    own are the subject's that opens their run (``preface``: the item's title's, before its first point)."""
    out: list[TaskDraft] = []
    for draft in drafts:
        if not P.INLINE_POINT.match(draft.text):
            # (the run's first point, after its subject: "会议要求，县应急局一要…；")
            opens_run = P.INLINE_POINT.search(draft.text) and draft.owners.has_units()
            preface = draft.owners if opens_run else None
        elif out and out[-1].text.rstrip().endswith(("：", ":")) and out[-1].owners.has_units():
            preface = out[-1].owners  # kept as a task too: its words may say more than the points
        if preface is not None and not draft.owners.has_units():
            draft.owners = preface
        out.append(draft)
    return out


def _in_sequence(drafts: list[TaskDraft]) -> list[TaskDraft]:
    """An item's steps run forward in time: a year-less month earlier than the step before it
    ("年底前…；2月中旬前…") falls in the following year — when both are the same owners' steps;
    bodies each given their own work ("X于5月底前…；Y于3月底前…") work side by side."""
    previous, previous_owners = "", None
    for draft in drafts:
        norm, owners = draft.deadline_norm, _roles(draft.owners)
        if draft.deadline_inferred and len(norm) == 7 and len(previous) == 7 and norm < previous \
                and owners == previous_owners:
            year = int(previous[:4]) + (norm[5:] < previous[5:])
            draft.deadline_norm = f"{year:04d}{norm[4:]}"
        previous, previous_owners = draft.deadline_norm or previous, owners
    return drafts


def _roles(owners: Owners) -> tuple[list[str], list[str], list[str]]:
    return owners.lead, owners.co, owners.responsible


def extract_tasks(root: Node, text: str, ctx: DocContext) -> list[TaskDraft]:
    if ctx.regulation:
        return article_tasks(root, text)
    items = collect_items(root, text, ctx)
    groups = group_blocks(root, items, text, ctx.convention)
    annotated = sum(1 for item in items
                    if id(item) in groups or annotations(text[item.start:item.end], ctx.convention))
    ctx.annotated = annotated >= ANNOTATED_ITEMS
    ctx.activity_time = activity_time(root, text, ctx)
    drafts: list[TaskDraft] = []
    steps = []  # (item's node, its drafts): owners that run down a block's steps
    for item in items:
        for part in _parts(item, text):
            made = item_tasks(part, text, ctx, groups.get(id(item)))
            steps.append((item.node, made))
            drafts += made
            if ctx.max_tasks is not None and len(drafts) >= ctx.max_tasks:
                ctx.tasks_cut = True
                break
        if ctx.tasks_cut:
            break
    steps_take_their_blocks_owners(steps)
    return drafts[:ctx.max_tasks] if ctx.tasks_cut else drafts


def _parts(item: Item, text: str) -> Iterator[Item]:
    """The item, or, when it is far longer than any notice's item (a file without line
    breaks), parts of it of about ITEM_PART_CHARS cut at sentence ends: so extraction can stop
    at the task cap instead of reading all of it first."""
    start = item.start
    while item.end - start > ITEM_PART_CHARS:
        window_end = start + ITEM_PART_CHARS
        end = max(text.rfind(mark, start, window_end) for mark in "。！？；\n") + 1
        end = end if end > start else window_end
        yield replace(item, start=start, end=end)
        start = end
    yield replace(item, start=start) if start > item.start else item


# ---- regulations -----------------------------------------------------------------------------
def duty_owners(text: str) -> Owners:
    owners = Owners(source="prose")
    for m in DUTY_SUBJECT.finditer(text):
        for unit in split_units(m.group("responsible")):
            # (a field in a list of fields is a unit however short: 公安、城市管理等部门; a verb before a body
            # is no part of it: 督促有关行政主管部门)
            if m.group("colon") and not is_public_body(unit):
                continue  # "（一）组织机构：…" is a heading, not a body's duties
            if (m.group("fields") or len(unit) >= 4 and not NOT_A_NAME_START.match(unit)) and unit not in owners.responsible:
                owners.responsible.append(unit)
    return owners


def _item_holder(text: str, leaf: Node, article: Node) -> Owners | None:
    """Whose duty an article's item is, when not the article's subject's: the subject it names, or that of a
    heading above it naming whose duties follow."""
    found = duty_owners(text[leaf.text_start:leaf.end])
    return found if found.has_units() else _holder_heading_owners(leaf, article)


def _holder_heading_owners(leaf: Node, article: Node) -> Owners | None:
    """The bodies a heading between the article and an item names as holding the duties under it
    ("（一）安全生产监督管理部门职责：⏎1、负责…")."""
    node = leaf.parent
    while node is not None and node is not article:
        units = duty_heading_bodies(node.title.strip(" ：:。"))
        if units:
            return Owners(responsible=units, source="heading")
        node = node.parent
    return None


def article_tasks(root: Node, text: str) -> list[TaskDraft]:
    """A regulation's duties: each article whose subject is a public body with a duty verb is a
    task, its items with it; an article that lists its subject's duties ("市消防安全委员会应当
    履行下列职责：（一）…（二）…") is one task per item, each with that subject; an excerpt opening
    inside an article ("[接上页]（二）公安部门：负责…") has its items before the first article as tasks of
    the subjects they name."""
    drafts = [_leading_item_task(text, node) for node in _before_first_article(root)]
    drafts = [draft for draft in drafts if draft is not None]
    for node in root.walk():
        if node.style != "article":
            continue
        own = text[node.text_start:node.end].strip()
        owners = duty_owners(own)
        items = [leaf for leaf in node.walk() if leaf is not node and not leaf.children]
        # an item naming a subject of its own ("（二）公安行政部门负责…"), or under a heading naming whose
        # duties follow, is that subject's
        holders = [_item_holder(text, leaf, node) for leaf in items]
        owned = owners.has_units() and bool(DUTY_VERB.search(own))
        if not owned and not any(holders):
            continue  # (…的工作职责：（一）气象部门负责…: the items name whose duties they are)
        # (start, end, section, holder: None for the article's own owners)
        item_spans = [(leaf.text_start, leaf.end, leaf.section, holder) for leaf, holder in zip(items, holders)]
        if items and (P.DUTY_LIST_INTRO.search(own) or own.endswith(("：", ":"))):
            spans = item_spans
        elif items and any(holders):  # the article's own words, then each item with its holder
            spans = [(node.text_start, node.end, node.section, None), *item_spans]
        elif not items and len(paragraphs := _paragraphs_with_subjects(text, node)) > 1:
            # paragraphs each naming its own holder ("…人民政府应当…⏎住房和城乡建设部门是…⏎消防救援机构负责…")
            spans = [(start, end, node.section, found) for start, end, found in paragraphs]
        else:  # the article with all its items
            spans = [(node.text_start, max([node.end, *(leaf.end for leaf in items)]), node.section, None)]
        for span_start, span_end, section, holder in spans:
            start, end = _trim(text, span_start, span_end)
            if end - start < 2 or not (owned or holder is not None):
                continue
            drafts.append(_span_draft(text, start, end, section, node.heading, owners if holder is None else holder))
    return drafts


def _span_draft(text: str, start: int, end: int, section: str, title: str, owners: Owners) -> TaskDraft:
    return TaskDraft(section=section, title=title, text=text[start:end], start=start, end=end, owners=owners,
                     metrics=find_metrics(text[start:end]))


def _before_first_article(root: Node) -> list[Node]:
    nodes = []
    for node in root.children:
        if node.style == "article":
            break
        if not node.children:
            nodes.append(node)
    return nodes


def _leading_item_task(text: str, node: Node) -> TaskDraft | None:
    own = text[node.text_start:node.end].strip()
    owners = duty_owners(own)
    if not owners.has_units() or not DUTY_VERB.search(own):
        return None
    return _span_draft(text, *_trim(text, node.text_start, node.end), node.section, node.heading, owners)


def _paragraphs_with_subjects(text: str, node: Node) -> list[tuple[int, int, Owners]]:
    """An article's paragraphs, or sentences that open with a holder of their own ("县应急局负责…。县公安局
    负责…。"), each with the holder it names (its own, or the one before's), when at least two name one:
    the smallest pieces that carry their own assignment."""
    found, start = [], node.text_start
    while start < node.end:
        end = min(i for i in (text.find("\n", start, node.end), text.find("。", start, node.end) + 1, node.end) if i > 0)
        piece = text[start:end]
        if piece.strip():
            # (a sentence inside a paragraph stands apart only when it opens with its holder)
            opens = text[start - 1:start] in ("", "\n") or DUTY_SUBJECT.match(piece.lstrip()) is not None
            owners = duty_owners(piece) if opens else Owners()
            if owners.has_units() or not found:
                found.append((start, end, owners))
            else:  # a paragraph or sentence naming no one goes on the one before
                found[-1] = (found[-1][0], end, found[-1][2])
        start = end + (text[end:end + 1] == "\n")
    if len(found) > 1 and not found[0][2].has_units():  # a lead-in naming no one goes with the first holder's
        found[:2] = [(found[0][0], found[1][1], found[1][2])]
    return found if sum(o.has_units() for _, _, o in found) > 1 else []
