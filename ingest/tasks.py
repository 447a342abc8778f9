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
Regulations are another matter (``ingest.articles``): their tasks are articles that give a government body a duty.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from ingest import dates
from ingest import owner_rules as R
from ingest import patterns as P
from ingest.articles import article_tasks
from ingest.bodies import accept_list
from ingest.drafts import TaskDraft, trim
from ingest.heading_owners import heading_owners
from ingest.items import DocContext, Item, collect_items, group_blocks, in_non_task_section
from ingest.owner_rules import ASSIGNEES_IN_GENERAL
from ingest.owners import Owners, annotations
from ingest.prose import leading_subject, prose_owners
from ingest.sections import Node
from ingest.segments import (
    MIN_TASK_CHARS,
    another_body,
    clause_roles,
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
ANNOTATED_ITEMS = 3  # items with (or under) owner annotations that make a document "annotated"


def _with_prose_roles(labelled: Owners, plain: str) -> Owners:
    """A 责任单位 label under an item whose own words name a lead or co ("县安监局配合…",
    "县安委办牵头，会同有关单位…"): the label's units stay responsible, the words add their roles."""
    explicit, _ = prose_owners(plain)
    if not (explicit.lead or explicit.co):
        return labelled
    return Owners(lead=explicit.lead, co=[u for u in explicit.co if u not in explicit.lead],
                  responsible=labelled.responsible, deadline=labelled.deadline, source=labelled.source)


def _holder_in_its_role(holder: Owners, plain: str) -> Owners:
    """A duty under a heading naming its holder that opens by working with another body ("（二）法制部门 ⏎
    3.配合有关部门起草…", "会同有关部门调查…"): the holder takes the role the words give it."""
    words = plain.lstrip()
    number = P.match_heading(words)
    m = R.ROLE_CLAUSE.match(words[number[2].end():] if number else words)
    others = split_units(m.group("others")) if m else []
    if not others or not accept_list(others) or set(others) & set(holder.responsible):
        return holder
    return replace(clause_roles(m.group("verb"), holder.responsible, others, holder.source), deadline=holder.deadline)


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
    # (standing requirements are not due when the activity's period ends: they hold through it)
    requirements = ctx.activity_is_period and any(P.REQUIREMENTS_SECTION.search(h) for h in node.path)
    drafts, footer_at = [], _footer_start(body)
    for seg_start, seg_end, owners, seg_found in [step for seg in segments for step in dated_steps(body, *seg)]:
        if seg_found and seg_found[0][0] >= block_at:  # the group block itself, not own owners
            owners = None
        start, end = trim(body, seg_start, min(seg_end, footer_at))
        if footer := P.PAGE_FOOTER.search(body[start:end]):  # a web page's footer (主办：…承办：…, 版权所有)
            seg_end = min(seg_end, start + footer.start())
            start, end = trim(body, seg_start, seg_end)
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
        if owners is inherited and owners.responsible and not (owners.lead or owners.co):
            owners = _holder_in_its_role(owners, plain)
        if not owners.has_units() and P.PURPOSE_CLAUSE.match(plain.strip()):
            continue
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
            target_horizon, "" if requirements else ctx.activity_time], date_ctx, sentence_time(body, seg_start, plain))
        drafts.append(TaskDraft(
            section=node.section, title=node.title, text=body[start:end],
            start=item.start + start, end=item.start + end, owners=owners,
            deadline=chosen.raw, deadline_norm=chosen.norm, deadline_inferred=chosen.inferred,
            metrics=find_metrics(plain)))
    if len(drafts) > 1:  # a heading whose lines are the tasks (2.3 成员单位职责 / 县应急局：负责…): no task itself
        drafts = [d for d in drafts if d.text.strip(" ：:\n") != d.title.strip(" ：:") or P.CLAUSE_END.search(d.title)]
    return _in_sequence(_points_take_the_preface_owners(drafts, _title_preface_owners(node.title)))


FOOTER_TAIL_MAX = 300  # characters after a page's footer line: more, and the line was no footer of the page


def _footer_start(body: str) -> int:
    """Where a web page's footer lines begin ("深圳市应急管理局 版权所有\n主办单位：…"), near the item's end:
    only the lines starting in its last FOOTER_TAIL_MAX characters are read."""
    at = body.find("\n", max(0, len(body) - FOOTER_TAIL_MAX) - 1) + 1 if len(body) > FOOTER_TAIL_MAX else 0
    for line in body[at:].split("\n"):
        if P.PAGE_FOOTER.search(line):
            return at
        at += len(line) + 1
    return len(body)


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
    ctx.activity_time, ctx.activity_is_period = activity_time(root, text, ctx)
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
    for run in _adjacent_runs(drafts, text):  # (points read as items of their own: a lead-in's points still)
        _points_take_the_preface_owners(run)
    return drafts[:ctx.max_tasks] if ctx.tasks_cut else drafts


def _adjacent_runs(drafts: list[TaskDraft], text: str) -> Iterator[list[TaskDraft]]:
    """Drafts that follow one another with nothing between them but spaces, line breaks and the
    punctuation a task's span leaves out (，；。)."""
    run: list[TaskDraft] = []
    for draft in drafts:
        if run and text[run[-1].end:draft.start].strip(" \n\u3000，,；;。"):
            yield run
            run = []
        run.append(draft)
    if run:
        yield run


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
