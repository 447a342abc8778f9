"""Section tree -> tasks: the smallest pieces of text that carry their own assignment.

How notices assign owners, each handled here with rules from ``ingest.patterns``:
- an owner block after an item: （完成时限：…，牵头单位：…，配合单位：…）;
- owner parentheses after clauses: （A会同B分工负责）— an item with three is three tasks;
- a group block closing a run of items (it ends the last item and the next heading is
  shallower): it applies to every item in the run that names no owners itself;
- owners in prose (…等部门联合研究制定…), used for documents with no owner annotations;
- a plan's target list: each numbered target is a task, due at the plan's horizon;
- regulations: an article whose subject is a government body assigning a duty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import dates
from ingest import patterns as P
from ingest.sections import Node
from ingest.units import UNIT_SUFFIX, split_units, strip_vague_tail

GENERIC_UNIT = re.compile(r"部门|单位|成员|机关|机构|有关|相关|各")
MIN_TASK_CHARS = 4  # shorter leftovers ("。", "等") join the neighbouring task
MIN_TRAILING_TASK = 15  # text after the last owner parenthesis becomes its own task if longer


@dataclass
class Owners:
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str = ""

    def has_units(self) -> bool:
        return bool(self.lead or self.co or self.responsible)

    def merge(self, other: "Owners") -> None:
        for role in ("lead", "co", "responsible"):
            getattr(self, role).extend(u for u in getattr(other, role) if u not in getattr(self, role))
        self.deadline = self.deadline or other.deadline


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
    metrics: list[str] = field(default_factory=list)


# ---- owner phrases ------------------------------------------------------------------------
def _looks_like_units(units: list[str]) -> bool:
    return bool(units) and all(
        UNIT_SUFFIX.search(strip_vague_tail(u)) or GENERIC_UNIT.search(u) for u in units)


def parse_role_phrase(text: str) -> Owners | None:
    """"县应急局牵头，各有关部门分工负责" -> Owners(lead=[县应急局], co=[各有关部门])."""
    text = text.strip(" ，,；;。")
    for _, pattern in P.ROLE_PHRASES:
        m = pattern.match(text)
        if not m:
            continue
        groups = {role: split_units(m.groupdict().get(role) or "") for role in ("lead", "co", "responsible")}
        named = [units for units in groups.values() if units]
        if named and all(_looks_like_units(units) for units in named):
            return Owners(**groups)
    return None


def parse_owner_block(content: str) -> Owners | None:
    """The inside of a parenthesis -> its owners (and deadline), or None if it names none."""
    labels = list(P.OWNER_LABEL.finditer(content))
    if labels:
        owners = Owners()
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(content)
            value = content[m.end():end].strip(" ，,；;。")
            role = P.OWNER_LABELS[m.group(1)]
            if role == "deadline":
                owners.deadline = value
                continue
            phrase = parse_role_phrase(value) if re.search("牵头|会同|负责|组织实施", value) else None
            if phrase is not None:
                owners.merge(phrase)
            else:
                getattr(owners, role).extend(split_units(value))
        return owners if owners.has_units() or owners.deadline else None
    if not P.OWNER_TAIL.search(content.strip(" ，,；;。")):
        return None
    return parse_role_phrase(content)


def paren_groups(text: str):
    """Outermost (start, end, inner) parenthesis groups, either width, nesting allowed."""
    depth, start = 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0:
                yield start, i + 1, text[start + 1:i]


def owner_parens(text: str) -> list[tuple[int, int, Owners]]:
    """Owner blocks in parentheses, and labelled ones written without (to the line end)."""
    found, covered = [], []
    for start, end, inner in paren_groups(text):
        covered.append((start, end))
        owners = parse_owner_block(inner)
        if owners is not None:
            found.append((start, end, owners))
    for m in P.BARE_OWNER_BLOCK.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        owners = parse_owner_block(m.group().rstrip("。"))
        if owners is not None:
            found.append((m.start(), m.end(), owners))
    return sorted(found, key=lambda f: f[0])


def prose_owners(text: str, only: tuple[str, ...] | None = None) -> Owners:
    """Owners named in running text; ``only`` limits the rules used (by name)."""
    owners, taken = Owners(), []
    for name, pattern in P.PROSE_OWNERS:
        if only is not None and name not in only:
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # an earlier, fuller rule already read this phrase
            found = {role: split_units(units) for role, units in m.groupdict().items() if units}
            # a list of fields ("应急管理、发展改革…等部门") names its units only at the end
            if any(_looks_like_units([u]) for units in found.values() for u in units):
                owners.merge(Owners(**found))
                taken.append(m.span())
    return owners


def duty_owners(text: str) -> Owners:
    owners = Owners()
    for m in P.DUTY_SUBJECT.finditer(text):
        for unit in split_units(m.group("responsible")):
            if len(unit) >= 4 and unit not in owners.responsible:
                owners.responsible.append(unit)
    return owners


# ---- metrics and deadlines ---------------------------------------------------------------
def find_metrics(text: str) -> list[str]:
    """Clauses carrying a quantitative target, as written, trimmed to the target phrase."""
    metrics: list[str] = []
    for clause in P.CLAUSE_SPLIT.split(text):
        clause = clause.strip(" \n“”\"")
        if not clause:
            continue
        probe = P.NOT_METRIC.sub(" ", clause)
        if any(pattern.search(probe) for _, pattern in P.METRIC_PATTERNS):
            if clause not in metrics:
                metrics.append(clause)
    return metrics


def _without_parens(text: str, parens: list[tuple[int, int, Owners]]) -> str:
    for start, end, _ in reversed(parens):
        text = text[:start] + text[end:]
    return text


def choose_deadline(text: str, own: str, group: str, horizon: str, issued: str) -> tuple[str, str]:
    """The most specific deadline: "…前" in the task text, then the task's own owner block,
    then "到2026年" / "2024年，…" in the text, then a group block, then the plan's horizon."""
    explicit = dates.find_explicit(text, issued)
    if explicit:
        raws = list(dict.fromkeys(raw for raw, _ in explicit))
        return "；".join(raws), dates.latest([n for _, n in explicit])
    if own:
        return own, dates.normalize_deadline(own, issued)
    loose = dates.find_loose(text)
    if loose:
        raws = list(dict.fromkeys(raw for raw, _ in loose))
        return "；".join(raws), dates.latest([n for _, n in loose])
    for fallback in (group, horizon):
        if fallback:
            return fallback, dates.normalize_deadline(fallback, issued)
    return "", ""


# ---- items -------------------------------------------------------------------------------
def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n，,；;。":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    return start, end


def split_item(text: str) -> list[tuple[int, int, Owners | None, list]]:
    """An item's text -> (start, end, owners, parens) segments, one per owner parenthesis."""
    parens = owner_parens(text)
    segments: list[tuple[int, int, Owners | None, list]] = []
    pos = 0
    for start, end, owners in parens:
        body = re.sub(r"\W", "", text[pos:start])
        if len(body) < MIN_TASK_CHARS and segments:  # a second parenthesis right after one
            s, _, prev, prev_parens = segments[-1]
            prev.merge(owners)
            segments[-1] = (s, end, prev, prev_parens + [(start, end, owners)])
        else:
            segments.append((pos, end, owners, [(start, end, owners)]))
        pos = end
    tail = re.sub(r"\W", "", text[pos:])
    if not segments:
        segments.append((0, len(text), None, []))
    elif len(tail) >= MIN_TRAILING_TASK:
        segments.append((pos, len(text), None, []))
    elif tail:
        s, _, owners, ps = segments[-1]
        segments[-1] = (s, len(text), owners, ps)
    return segments


def _is_standalone_block(node_text: str) -> Owners | None:
    """The item's last paragraph is a labelled owner block on its own."""
    last = node_text.rstrip().rsplit("\n", 1)[-1].strip()
    if last[:1] in "（(" and last[-1:] in "）)" and P.OWNER_LABEL.search(last):
        return parse_owner_block(last[1:-1])
    return None


def _depth(node: Node) -> int:
    depth = 0
    while node.parent is not None:
        depth, node = depth + 1, node.parent
    return depth


def _top(node: Node) -> Node:
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def task_leaves(root: Node) -> list[Node]:
    """Leaf sections that can hold tasks (not guiding ideas, principles, background)."""
    return [n for n in root.walk() if n.parent is not None and not n.children
            and not any(P.NON_TASK_SECTION.search(h) for h in n.path)]


def _group_blocks(root: Node, leaves: list[Node], text: str) -> dict[int, Owners]:
    """Leaf id -> owners of the group block that covers it."""
    order = [n for n in root.walk() if n.parent is not None]
    next_node = {id(a): b for a, b in zip(order, order[1:])}
    covered: dict[int, Owners] = {}
    run: list[Node] = []
    for leaf in leaves:
        if run and _top(run[0]) is not _top(leaf):
            run = []
        run.append(leaf)
        block = _is_standalone_block(text[leaf.text_start:leaf.end])
        if block is None:
            continue
        following = next_node.get(id(leaf))
        if following is None or _depth(following) < _depth(leaf):
            for member in run:
                covered[id(member)] = block
        run = []
    return covered


def _horizon(node: Node, text: str, doc_title: str) -> str:
    """A target list's deadline: "到2025年" in an enclosing section, else the plan's years."""
    parent = node.parent
    while parent is not None and parent.parent is not None:
        m = P.DEADLINE_UNTIL.search(text[parent.text_start:parent.end])
        if m:
            return m.group()
        parent = parent.parent
    m = P.YEAR_RANGE.search(doc_title)
    if m:
        return f"{m.group(2)}年"
    m = P.FIVE_YEAR_PLAN.search(doc_title)
    if m:  # 十三五 = 2016–2020, 十四五 = 2021–2025
        return f"{2000 + 5 * (10 + P.cn_to_int(m.group(1))) - 45}年"
    return ""


def extract_tasks(root: Node, text: str, issued: str = "", doc_title: str = "",
                  regulation: bool = False) -> list[TaskDraft]:
    leaves = task_leaves(root)
    if regulation:
        return _article_tasks(root, text)
    groups = _group_blocks(root, leaves, text)
    annotated = bool(groups) or any(owner_parens(text[n.text_start:n.end]) for n in leaves)
    drafts: list[TaskDraft] = []
    for leaf in leaves:
        item = text[leaf.text_start:leaf.end]
        is_target = any(P.TARGET_SECTION.search(h) for h in leaf.path[:-1])
        horizon = _horizon(leaf, text, doc_title) if is_target else ""
        group = groups.get(id(leaf))
        block_at = item.rstrip().rfind("\n") + 1 if group is not None else len(item)
        for seg_start, seg_end, owners, parens in split_item(item):
            if parens and parens[0][0] >= block_at:  # the group block itself, not own owners
                owners = None
            start, end = _trim(item, seg_start, seg_end)
            if len(re.sub(r"\W", "", item[start:end])) < MIN_TASK_CHARS:
                continue
            local = [(s - seg_start, e - seg_start, o) for s, e, o in parens]
            plain = _without_parens(item[seg_start:seg_end], local)
            if owners is None or not owners.has_units():
                explicit = prose_owners(plain, P.EXPLICIT_PROSE_OWNERS)
                if explicit.has_units():
                    fallback = explicit
                elif group is not None:
                    fallback = group
                else:
                    fallback = None if annotated else prose_owners(plain)
                owners = _with_deadline(fallback, owners)
            deadline, norm = choose_deadline(
                plain, owners.deadline if owners is not None and owners is not group else "",
                group.deadline if group else "", horizon, issued)
            drafts.append(TaskDraft(
                section=leaf.section, title=leaf.title, text=item[start:end],
                start=leaf.text_start + start, end=leaf.text_start + end,
                owners=owners or Owners(), deadline=deadline, deadline_norm=norm,
                metrics=find_metrics(plain)))
    return drafts


def _with_deadline(fallback: Owners | None, own: Owners | None) -> Owners | None:
    """Owners from a group or prose, keeping a deadline the task's own block gave."""
    if own is None or not own.deadline:
        return fallback
    merged = Owners(deadline=own.deadline)
    if fallback is not None:
        merged.merge(fallback)
    return merged


def _article_tasks(root: Node, text: str) -> list[TaskDraft]:
    drafts = []
    for node in root.walk():
        if node.style != "article":
            continue
        body = text[node.text_start:node.end].strip()
        owners = duty_owners(body)
        if owners.has_units() and P.DUTY_VERB.search(body):
            start, end = _trim(text, node.text_start, node.end)
            drafts.append(TaskDraft(
                section=node.section, title=node.heading, text=text[start:end],
                start=start, end=end, owners=owners, metrics=find_metrics(body)))
    return drafts
