"""An item's text cut into the segments that become its tasks: at owner annotations, else at
sentences whose subject is a public body; a line that a unit's name opens is one; a heading line
carrying the owners takes its words below in; a segment with several dated steps is one per step."""
from __future__ import annotations

import re

from ingest import dates
from ingest import owner_rules as R
from ingest import patterns as P
from ingest.bodies import accept_list
from ingest.items import DocContext
from ingest.owner_rules import GROUP_LINE
from ingest.owners import Owners, annotations, co_inside_duty, unit_led_lines
from ingest.prose import leading_subject, prose_owners, subject_starts
from ingest.units import split_units

MIN_TASK_CHARS = 4

# After a labelled block, lines that are only fields ("检查范围：…") still describe its task.
FIELD_LINES = re.compile(r"^\s*(?:[\u4e00-\u9fff（）()]{2,10}[:：][^\n]*(?:\n|$)\s*)+$")
PARAGRAPH_TASK_MIN = 20  # a lead-in paragraph this long, before a subject's, is a task of its own
MIN_TRAILING_TASK = 15  # text after the last annotation becomes its own task if longer
MIN_STEP_CHARS = 6  # a dated step this long (date included) is a task of its own


def split_by_annotations(text: str, found) -> list[tuple[int, int, Owners | None, list]]:
    """(start, end, owners, annotations) segments, one per owner annotation."""
    segments: list[tuple[int, int, Owners | None, list]] = []
    if len(found) == 1 and len(re.sub(r"\W", "", text[:found[0][0]])) < MIN_TASK_CHARS:
        return [(0, len(text), found[0][2], list(found))]  # "【责任单位：X】开展…": its owners lead the item
    pos = 0
    for start, end, owners in found:
        body = re.sub(r"\W", "", text[pos:start])
        if len(body) < MIN_TASK_CHARS and segments:  # a second annotation right after one
            s, _, prev, prev_found = segments[-1]
            prev.merge(owners)
            segments[-1] = (s, end, prev, prev_found + [(start, end, owners)])
        else:
            group = GROUP_LINE.search(text, pos, start) if segments else None
            if group and FIELD_LINES.match(text[pos:group.start()].strip("\n")):
                s, _, prev, prev_found = segments[-1]  # the last group's field lines (检查范围：…) are its own
                segments[-1], pos = (s, group.start(), prev, prev_found), group.start()
            segments.append((pos, end, owners, [(start, end, owners)]))
        pos = end
    tail = re.sub(r"\W", "", text[pos:])
    if not segments:
        segments.append((0, len(text), None, []))
    elif len(tail) >= MIN_TRAILING_TASK and not FIELD_LINES.match(text[pos:]):
        segments.append((pos, len(text), None, []))
    elif tail:
        s, _, owners, fs = segments[-1]
        segments[-1] = (s, len(text), owners, fs)
    return segments


def split_by_subjects(text: str) -> list[tuple[int, int, None, list]]:
    """Prose: a new task at each sentence or clause opening with a public body; the item's
    lead-in (its title, a preamble without a subject) goes with the first of them, unless it is a
    preface ending "…通知如下："; a stage's name and dates opening the line a subject starts on go
    with that subject ("自查自纠阶段（7月15日前）：各地要…")."""
    starts = _cell_dates_go_above(text, [_with_its_stage(text, start) for start in subject_starts(text)])
    lead_in = text[:starts[0]] if starts else ""
    preface = bool(lead_in) and bool(P.PREFACE_END.search(lead_in))
    # a preface naming whose the points are ("县应急局要做好以下工作：一是…") passes its subject on to them
    subject_preface = preface and leading_subject(lead_in) is not None
    if subject_preface or (lead_in and not preface and not _stage_name(lead_in) and (_dated(lead_in) or _paragraph(lead_in))):
        starts = [0, *starts]  # a lead-in with a deadline or a paragraph of its own is a task
    starts = [s for i, s in enumerate(starts) if i == 0 or not _helps_the_clause_before(text, starts[i - 1], s)]
    first = starts[0] if preface and not subject_preface else 0
    cuts = [first, *starts[1:], len(text)] if starts else [0, len(text)]
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            segments += _prose_role_clauses(text, a, b)
    return segments


def _helps_the_clause_before(text: str, before: int, start: int) -> bool:
    """A clause of bodies that only help ("…，由消防部门负责督促整改，市场监管部门配合落实整改"), right after the
    clause of the body doing the work: one task, that body leading and they taking part."""
    if text[start - 1:start] not in ("，", ","):
        return False
    end = _clause_end(text, start, len(text), "，,。；;")
    own, _ = prose_owners(text[start:end])
    if own.lead or own.responsible or not own.co:
        return False
    together, _ = prose_owners(text[before:end])
    return bool(together.lead) and set(own.co) <= set(together.co)


def _cell_dates_go_above(text: str, starts: list[int]) -> list[int]:
    """A line holding only a deadline between two tasks ("…取缔占道经营。⏎2008年5月1日前⏎区商务局负责…"): a
    flattened table's time cell, which closes the row above when that row has no date of its own and the
    rows do not open with their dates."""
    moved = list(starts)
    for i in range(1, len(starts)):
        after = _deadline_lines_end(text, starts[i])
        above = text[moved[i - 1]:starts[i]]
        if after > starts[i] and not dates.find_deadlines(above) and _deadline_lines_end(text, moved[i - 1]) == moved[i - 1]:
            moved[i] = after
    return moved


def _deadline_lines_end(text: str, start: int) -> int:
    """The end of the lines from ``start`` that hold only a deadline ("2008年5月30日前完成"), ``start`` if none."""
    pos = start
    while (line_end := text.find("\n", pos)) > pos:
        line = text[pos:line_end].strip()
        found = dates.find_deadlines(line)
        if len(found) != 1 or found[0].kind != "explicit" or line.replace(found[0].raw, "", 1) not in ("", "完成"):
            break
        pos = line_end + 1
    return pos


def _prose_role_clauses(text: str, start: int, end: int) -> list[tuple]:
    """A sentence whose subject then takes another role in a clause of its own ("卫计部门负责制定预案，
    并会同有关部门开展科普宣教；…"): that clause is a task, the bodies helped leading (配合/协助) or
    the subject leading those it works with (会同); the rest keeps the sentence's own owners."""
    pieces, pos, after = [], start, None  # after: the subject, for what follows a role clause
    # (a segment may open with such a sentence: its subject is in the sentence before, in the same paragraph)
    opens = start > 0 and text[start - 1] == "。"
    for m in R.PROSE_ROLE_CLAUSE.finditer(text, start - opens, end):
        lookback = start if m.start() >= start else text.rfind("\n", 0, start) + 1
        # the subject of the clause before, or of the sentence ("县公安局负责…；坚决阻止…；配合乡镇做好…")
        subject = _subject_before(text, lookback, m.start(), "。；;！？!?\n") or \
            _subject_before(text, lookback, m.start(), "。！？!?\n")
        if subject is None:  # (…工作。要会同Y… / …。负责督促…，并会同Y…: the subject of a sentence further back)
            subject = _nearest_subject(text, max(lookback, text.rfind("\n", 0, m.start()) + 1), m.start())
        others = split_units(m.group("others") or "")
        if subject is None or not m.group("lead") and (not others or not accept_list(others)
                                                        or any(u in subject[0] for u in others)):
            continue
        clause_start = max(start, m.start() + len(m.group()) - len(m.group().lstrip("，,。 \t")))
        clause_end = _clause_end(text, m.end(), end, "，,。；;")
        subject_at = max(lookback, *(text.rfind(ch, lookback, m.start()) + 1 for ch in "。；;！？!?\n"))
        before = text[subject_at:clause_start]
        for unit in subject[0]:
            before = before.replace(unit, "", 1)
        if subject_at >= pos and R.MANNER_BEFORE_ROLE.fullmatch(before) and \
                not re.search(r"[。；;！？!?]", text[pos:subject_at]):
            clause_start = pos  # the subject's clause holds no act of its own: one task with its role
        elif clause_start > pos:
            pieces.append((pos, clause_start, after, []))
        # (牵头组织Y开展…: the subject leads and the bodies it organises take part)
        roles = Owners(lead=list(subject[0]), co=co_inside_duty(text[clause_start:clause_end], subject[0]),
                       source="prose") if m.group("lead") else \
            clause_roles(m.group("verb"), subject[0], others, "prose")
        pieces.append((clause_start, clause_end, roles, []))
        pos, after = clause_end, Owners(responsible=list(subject[0]), source="prose")
    if end > pos:
        pieces.append((pos, end, after if len(re.sub(r"\W", "", text[pos:end])) >= MIN_TASK_CHARS else None, []))
    return pieces


def _subject_before(text: str, lookback: int, at: int, ends: str) -> tuple[list[str], int] | None:
    """The subject of the stretch before ``at`` that starts after the last of ``ends`` (not before ``lookback``)."""
    return leading_subject(text[max(max(text.rfind(ch, lookback, at) for ch in ends) + 1, lookback):at])


def _nearest_subject(text: str, lookback: int, at: int) -> tuple[list[str], int] | None:
    """The subject of the nearest sentence before ``at`` (from ``lookback`` on) that opens with one."""
    ends = [i + 1 for i in range(at - 1, lookback - 1, -1) if text[i] in "。！？!?"] + [lookback]
    own = text[ends[0]:at].strip()
    if own and not R.DUTY_START.match(own):
        return None  # (the sentence opens with words of its own, a subject not read as one: not the one before)
    return next((found for end in ends if (found := leading_subject(text[end:at]))), None)


def _clause_end(text: str, at: int, end: int, marks: str) -> int:
    """Where a clause from ``at`` ends: after the next of ``marks`` before ``end``, else at ``end``."""
    found = min([end, *(i for i in (text.find(ch, at, end) for ch in marks) if i >= 0)])
    return found + (found < end)


def _with_its_stage(text: str, start: int) -> int:
    line_start = text.rfind("\n", 0, start) + 1
    return line_start if line_start < start and _stage_name(text[line_start:start]) else start


def _stage_name(text: str) -> bool:
    """A stage's heading with its dates ("动员部署阶段（2024年7月底前）"), or a short title dated in
    brackets ("督导检查（2025年11月）。"): it dates the work after it and is no task of its own."""
    rest = TIME_FIELD.sub("", text)  # "全面禁烧阶段。时间：夏季麦收期间（6月5日一6月30日）。"
    for d in dates.find_deadlines(rest):
        rest = rest.replace(d.raw, "")
    if P.STAGE_NAME.fullmatch(re.sub(r"[\s（）()：:，,。]", "", rest)):
        return True
    title = DATED_TITLE.fullmatch(text.strip())
    return bool(title) and any(d.kind == "explicit" and title.start("date") <= d.start < title.end("date")
                               for d in dates.find_deadlines(title.group()))


TIME_FIELD = re.compile(r"(?:时间|时限|时间安排)[：:][^。\n]*")
DATED_TITLE = re.compile(r"[\u4e00-\u9fff“”\"]{2,12}[（(](?P<date>[^（）()]{3,30})[）)][。.：:]?")


def _paragraph(text: str) -> bool:
    """Whole sentences ending their own line, or ending in 。 before the next subject's sentence;
    not an item's title."""
    return text.rstrip(" ").endswith(("\n", "。")) and bool(P.SENTENCE_END.search(text)) and \
        len(re.sub(r"\W", "", text)) >= PARAGRAPH_TASK_MIN


def _dated(text: str) -> bool:
    """A lead-in that dates work of its own, not only a time phrase opening the next clause
    ("从即日起至9月底，各县区要…")."""
    found = [d for d in dates.find_deadlines(text) if d.kind == "explicit"]
    rest = text
    for d in found:
        rest = rest.replace(d.raw, "")
    return bool(found) and len(re.sub(r"\W", "", rest)) >= MIN_TASK_CHARS


# (not a preface naming whose the points after it are: "县应急局要做好以下工作：")
# (not a lead-in to points: "…如下：", "督导组向县住建局反馈了三个问题：")
SALUTATION = re.compile(r"^(?![^：:\n]*(?:以下|如下|下列|指出|反馈|交办|问题))[^：:\n，。；]{2,40}[：:]")


# The lines that close a cover letter before its attachment: "附件", "附件2", a table's title.
ATTACHMENT_LINES = re.compile(r"(?m)^\s*(?:附件\s*\d*\s*[:：]?|[^\n。；;，,]{2,30}(?:分工表|清单|一览表|任务表))\s*$")


def only_cover_letter(plain: str, title: str) -> bool:
    """Nothing but the notice's title, its salutation (各有关单位：), sentences passing it on and
    the lines naming its attachment."""
    title_key = re.sub(r"\W", "", title)
    if title_key and re.sub(r"\W", "", plain).startswith(title_key):
        plain = plain.replace(title.strip(), "", 1)
    letter = ATTACHMENT_LINES.sub("", SALUTATION.sub("", plain.strip()))
    return not re.sub(r"\W", "", letter) or P.is_transmittal(letter)


def without_annotations(text: str, found: list) -> str:
    for start, end, _ in reversed(found):
        text = text[:start] + text[end:]
    return text


def segments_of(body: str, ctx: DocContext, annotated_around: bool, above: list[str] = ()) -> list[tuple]:
    """(start, end, owners, annotations) of the tasks in an item's text: a line that opens with
    a unit and a colon ("区委宣传部：制订宣传方案…") is one; the rest is cut at annotations, or
    where there are none around, at sentence subjects; under a heading naming the holder of the duties
    (``above``), at sentences opening with another body."""
    segments, pos = [], 0
    for start, end, owners, prefix_end in unit_led_lines(body):
        segments += _cut(body, pos, start, ctx, annotated_around, above)
        # (the line's sentences from one opening with another body on are that body's: "X：负责…。Y要…")
        units = split_units(body[start:prefix_end].strip(" \t\u3000：:。"))  # the line's own units
        others = _at_other_subjects(body[prefix_end:end], units)
        own_end = prefix_end + others[1][0] if len(others) > 1 else end
        segments += _role_clauses(body, start, own_end, owners, prefix_end, units)
        segments += _cut(body, own_end, end, ctx, annotated_around, above) if own_end < end else []
        pos = end
    return segments + _cut(body, pos, len(body), ctx, annotated_around, above)


def _at_other_subjects(text: str, above: list[str]) -> list[tuple]:
    """The duties under a heading naming their holder, cut where a sentence opens with another body ("…切实
    抓好落实；区有关部门要加强监督检查"): that sentence on is a segment of its own."""
    cuts = [0]
    for start in subject_starts(text):
        subject = leading_subject(text[start:]) if start and text[start - 1] in "。；;！？!?\n" else None
        sentence = re.split(r"[。；;！？!?\n]", text[start:], maxsplit=1)[0]
        if subject and another_body(subject[0], sentence, above):
            cuts.append(start)
    cuts = [*_cell_dates_go_above(text, cuts), len(text)]
    return [(a, b, None, []) for a, b in zip(cuts, cuts[1:]) if b > a]


def another_body(units: list[str], words: str, above: list[str]) -> bool:
    """Are ``units``, the subject of ``words``, a body other than the heading's ``above``: not the whole or a part
    of one of its names (村（社区） of 村（社区）巡查队), and the words do not name it ("局领导小组派出现场工作组，…"
    under 2.2 现场工作组)?"""
    return not any(unit in name for unit in units for name in above) and not any(name in words for name in above)


def _role_clauses(body: str, start: int, end: int, owners: Owners, prefix_end: int, units: list[str]) -> list[tuple]:
    """A unit's duty line (its ``units`` before ``prefix_end``), cut where a clause gives its units another role
    (``R.ROLE_CLAUSE``)."""
    duty = body[prefix_end:end]
    cuts = []  # (clause start, clause end, its owners)
    for m in R.ROLE_CLAUSE.finditer(duty):
        others = split_units(m.group("others"))
        if not others or not accept_list(others) or any(u in units for u in others):
            continue
        # a clause after a semicolon runs to the next one; after a comma, to the next comma (as in prose)
        ends = "；;" if m.start() == 0 or duty[m.start() - 1] in "；;" else "，,。；;"
        clause_end = _clause_end(duty, m.end(), len(duty), ends)
        cuts.append((prefix_end + m.start() + len(m.group()) - len(m.group().lstrip()), prefix_end + clause_end,
                     clause_roles(m.group("verb"), units, others, owners.source)))
    if not cuts:
        return [(start, end, owners, [(start, prefix_end, owners)])]
    # the rest keeps the line's role, unless that role came from the clause cut off first (…：配合Y…；…)
    opened_by_role = not body[prefix_end:cuts[0][0]].strip()
    role = "responsible" if opened_by_role or not owners.lead else "lead"

    def rest(a: int, b: int) -> Owners:  # a stretch between role clauses: the line's role, its own co units
        return Owners(**{role: list(units)}, co=co_inside_duty(body[a:b], units), source=owners.source)
    pieces, pos, first = [], start, True
    for clause_start, clause_end, clause_owners in cuts:
        if len(re.sub(r"\W", "", body[max(pos, prefix_end):clause_start])) >= MIN_TASK_CHARS:
            between = rest(pos, clause_start)
            pieces.append((pos, clause_start, between, [(start, prefix_end, between)] if first else []))
            first = False
        pieces.append((clause_start if not first else pos, clause_end, clause_owners,
                       [(start, prefix_end, clause_owners)] if first else []))
        first, pos = False, clause_end
    if len(re.sub(r"\W", "", body[pos:end])) >= MIN_TASK_CHARS:
        pieces.append((pos, end, rest(pos, end), []))
    return pieces


def clause_roles(verb: str, units: list[str], others: list[str], source: str) -> Owners:
    """配合/协助Y: Y leads and the units take part; 会同Y: the units lead Y."""
    lead, co = (others, units) if verb in ("配合", "协助") else (units, others)
    return Owners(lead=list(lead), co=list(co), source=source)


def _cut(body: str, start: int, end: int, ctx: DocContext, annotated_around: bool, above: list[str] = ()) -> list[tuple]:
    if len(re.sub(r"\W", "", body[start:end])) < MIN_TASK_CHARS:
        return []
    part = body[start:end]
    found = annotations(part, ctx.convention)
    if found and not annotated_around and _byline(part, found):
        found = found[:-1]
    pieces = split_by_annotations(part, found) if found else _at_other_subjects(part, above) if above else \
        split_by_annotations(part, found) if annotated_around else split_by_subjects(part)
    return [(s + start, e + start, o, [(a + start, b + start, x) for a, b, x in f]) for s, e, o, f in pieces]


def _byline(part: str, found: list) -> bool:
    """A news page's credit closing its text ("…确保安全渡汛。（某县气象局）"): one body in brackets after a
    paragraph whose clauses name their own subjects — who wrote the page, not who does the work."""
    start, end, owners = found[-1]
    if len(found) > 1 or part[end:].strip() or owners.source != "phrase" or len(owners.responsible) != 1 \
            or owners.lead or owners.co:
        return False
    return len(subject_starts(part[part.rfind("\n", 0, start) + 1:start])) >= BYLINE_SUBJECTS


BYLINE_SUBJECTS = 2


STEP_BOUNDARY = "，,；;。：:\n"


def dated_steps(body: str, start: int, end: int, owners: Owners | None, found: list) -> list[tuple]:
    """A segment with several dated steps ("…：9月底前完成排查，年底前完成整改") is one task per
    step, each with its own deadline; the owners named once, in an annotation or at the start,
    go with every step, and the lead-in with the first."""
    steps = [m.start() for m in P.STEP_START.finditer(body, start, end)
             if (m.start() == start or body[m.start() - 1:m.start()] in STEP_BOUNDARY)
             and not any(a < m.start() < b for a, b, _ in found)]  # an annotation's date is no step
    steps = [s for s, nxt in zip(steps, [*steps[1:], end]) if len(re.sub(r"\W", "", body[s:nxt])) >= MIN_STEP_CHARS]
    if len(steps) < 2:
        return [(start, end, owners, found)]
    shared = owners
    if shared is None or not shared.has_units():
        explicit, _ = prose_owners(body[start:steps[0]])
        shared = explicit if explicit.has_units() else owners
    # the sentences before the one the steps start in are a task of their own
    sentence = max(body.rfind(ch, start, steps[0]) for ch in "。！？!?\n") + 1
    # (a paragraph, not the item's title: "开展建筑施工安全大排查。" heads the first step)
    own_lead_in = sentence > start and len(re.sub(r"\W", "", body[start:sentence])) >= PARAGRAPH_TASK_MIN
    cuts = [start, *([sentence] if own_lead_in else []), *steps[1:], end]
    return [(a, b, shared, [f for f in found if a <= f[0] < b]) for a, b in zip(cuts, cuts[1:])]


def heading_joins_its_words(body: str, segments: list[tuple]) -> list[tuple]:
    """An item whose heading line carries its owners ("（一）推进项目建设（牵头单位：县发改委）") and
    whose words follow on the next lines is one task: the heading's segment takes the next one in,
    unless that one names owners of its own."""
    line_end = body.find("\n")
    if line_end < 0 or len(segments) < 2:
        return segments
    (start, end, owners, found), (_, next_end, next_owners, next_found) = segments[:2]
    title = without_annotations(body[start:end], [(a - start, b - start, o) for a, b, o in found])
    heading = len(re.sub(r"\W", "", title)) <= P.ITEM_TITLE_MAX and not P.SENTENCE_END.search(title.strip(" 。；;"))
    below = body[line_end + 1:].lstrip(" \t\u3000")
    blank_line_after = not below or below[0].isspace()
    if end > line_end + 1 or owners is None or not owners.has_units() or not heading or blank_line_after or \
            (next_owners is not None and next_owners.has_units()):
        return segments  # (a paragraph with its annotation, or a block after a blank line, is not one with it)
    return [(start, next_end, owners, found + next_found), *segments[2:]]
