"""Who owns a piece of text by annotation: owner annotations (labelled or not, in any bracket or
on a line of their own), lines led by their units, and the conventions a document declares for
them. Owners named in running text are ``ingest.prose``'s.

The rules are the tables of ``ingest.owner_rules``; a unit counts only if it reads as a public
body (``ingest.bodies``), except inside a labelled annotation, where the label vouches for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import owner_rules as R
from ingest.bodies import FIELD_NAME, LIST_END_OF_FIELDS, NAME_MAX, NOT_A_NAME, ORG_SUFFIX, accept_list, is_public_body
from ingest.dates import find_deadlines
from ingest.patterns import is_transmittal, match_heading
from ingest.units import split_units

SENTENCE_END = re.compile(r"[。！？!?；;]")
TRAILING_SENTENCE_MAX = 20  # a sentence after an annotation's last label that may hold its deadline


@dataclass
class Owners:
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    deadline: str = ""
    # how the roles were read: label | phrase | convention:<name> | prose | table
    source: str = ""

    def has_units(self) -> bool:
        return bool(self.lead or self.co or self.responsible)

    def units(self) -> list[str]:
        return [*self.lead, *self.co, *self.responsible]

    def merge(self, other: "Owners") -> None:
        for role in ("lead", "co", "responsible"):
            mine = getattr(self, role)
            mine.extend(u for u in getattr(other, role) if u not in mine)
        self.deadline = self.deadline or other.deadline
        self.source = self.source or other.source


# ---- conventions ---------------------------------------------------------------------------
def find_convention(text: str) -> str:
    """The first convention the document states ("列第一位者为牵头单位"), or ""."""
    found = [(m.start(), name) for name, pattern in R.CONVENTIONS for m in [pattern.search(text)] if m]
    return min(found)[1] if found else ""


def _strip_conventions(content: str) -> str:
    for _, pattern in R.CONVENTIONS:
        content = pattern.sub("", content)
    return R.CONVENTION_REMARK.sub("", content)


def apply_convention(listed: str, convention: str) -> Owners:
    """A list of owners without labels, read by the document's convention."""
    listed = listed.strip(" ，,；;。")
    if convention in ("before_first_comma_leads", "before_semicolon_leads"):
        mark = r"[，,]" if convention == "before_first_comma_leads" else r"[；;]"
        head, *tail = re.split(mark, listed, maxsplit=1)
        return Owners(lead=split_units(head), co=split_units(tail[0]) if tail else [],
                      source=f"convention:{convention}")
    units = split_units(listed)
    if convention == "first_listed_leads" and len(units) > 1:
        return Owners(lead=units[:1], co=units[1:], source=f"convention:{convention}")
    return Owners(responsible=units, source=f"convention:{convention}" if convention else "phrase")


# ---- annotations ---------------------------------------------------------------------------
def parse_role_phrase(text: str, convention: str = "") -> Owners | None:
    """"县应急局牵头，各有关部门分工负责" -> Owners(lead=[县应急局], co=[各有关部门])."""
    text = R.SHARED_DUTY_JOIN.sub("、", text.strip(" ，,；;。"))
    for name, pattern in R.ROLE_PHRASES:
        m = pattern.match(text)
        if not m:
            continue
        raw = {role: m.groupdict().get(role) or "" for role in ("lead", "co", "responsible")}
        groups = {role: split_units(value) for role, value in raw.items()}
        named = [units for units in groups.values() if units]
        if not named or not all(accept_list(units) for units in named):
            continue
        if name == "responsible" and convention:
            return apply_convention(raw["responsible"], convention)
        return Owners(**groups, source="phrase")
    return None


def _unit_items(value: str) -> list[str]:
    """The units of a label's value, stopping at the first item that is a sentence (a remark
    such as 各镇落实属地管理责任 after the list)."""
    units = []
    for item in split_units(value):
        bare = R.UNIT_ROLE_SUFFIX.sub("", item)
        item = bare if bare != item and is_public_body(bare) else item  # 各乡镇人民政府按属地负责
        if len(item) > NAME_MAX or (NOT_A_NAME.search(item) and not is_public_body(item)):
            break
        units.append(item)
    return units


FIELD_AFTER_SPACE = re.compile(r"\s+[\u4e00-\u9fff]{2,6}[：:]")  # another field of a run-on row after a label's value


def parse_owner_block(content: str, convention: str = "") -> Owners | None:
    """The inside of an annotation -> its owners (and deadline), or None if it names none."""
    content = _strip_conventions(content)
    labels = list(R.OWNER_LABEL.finditer(content))
    if labels:
        owners = Owners(source="label")
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(content)
            role = R.ROLE_LABELS[R.label_name(m)]
            value, *rest = SENTENCE_END.split(content[m.end():end], maxsplit=1)
            after = rest[0] if rest else ""
            if role != "deadline" and i == len(labels) - 1 and (duty := R.BODIES_ANSWER.match(after)):
                units = split_units(duty.group("units"))  # "…。各镇（园区）落实属地管理责任，以下…": theirs too
                owners.responsible.extend(units if accept_list(units) else [])
            if role == "deadline":
                value = content[m.end():end]
            elif not owners.deadline and i == len(labels) - 1 and len(after) <= TRAILING_SENTENCE_MAX:
                # "…协办单位：县教育局。11月上旬完成。": the short sentence after the last label dates it
                after = after.strip(" ，,；;。")
                owners.deadline = after if find_deadlines(after, expected=True) else ""
            value, *field = FIELD_AFTER_SPACE.split(value, maxsplit=1)  # "…县公安局 主要任务:在10月20日前…"
            due = [d.raw for d in find_deadlines(field[0]) if d.kind == "explicit"] if field else []
            owners.deadline = owners.deadline or (due[-1] if due else "")  # the row's other field dates it
            value = R.POST_AFTER_BODY.sub("", value.strip(" ，,；;。"))
            if role == "person":
                continue
            if role == "deadline":
                owners.deadline = value
                continue
            value, deadline = _trailing_deadline(value)  # （牵头单位：县教育局，2025年12月底前完成）: no unit
            owners.deadline = owners.deadline or deadline
            if R.LEAD_MARK.search(value):
                owners.merge(_marked_leads(value, role))
            elif re.search("牵头|会同|组织实施", value) and (phrase := parse_role_phrase(value)):
                owners.merge(phrase)
            elif role == "responsible" and convention:
                owners.merge(apply_convention(value, convention))
            else:
                getattr(owners, role).extend(_unit_items(value))
        if not owners.co and any(R.label_name(m) in R.LEAD_IF_PAIRED for m in labels):
            owners.responsible, owners.lead = [*owners.lead, *owners.responsible], []  # 〔主要责任单位：A，B〕 alone
        return owners if owners.has_units() or owners.deadline else None
    text, deadline = _trailing_deadline(content.strip(" ，,；;。"))
    head, _, tail = text.replace(";", "；").partition("；")
    if tail and (more := _bare_units(tail)):  # （A、B分工负责；各乡镇）: the part after ； is responsible too
        owners = parse_owner_block(head, convention)
        if owners is not None:
            owners.responsible.extend(u for u in more if u not in owners.lead + owners.co + owners.responsible)
            owners.deadline = owners.deadline or deadline
            return owners
    if R.LEAD_MARK.search(text):
        owners = _marked_leads(text, "responsible")
    elif R.OWNER_TAIL.search(text):
        owners = parse_role_phrase(text, convention)
    else:  # a bare list of bodies: （县应急局、县公安局）
        units = split_units(text)
        owners = (apply_convention(text, convention) if convention else Owners(responsible=units, source="phrase")) \
            if units and all(is_public_body(u) for u in units) else None
    if owners is not None and deadline:
        owners.deadline = deadline
    return owners


def _bare_units(text: str) -> list[str]:
    units = split_units(text.strip(" ，,；;。"))
    return units if units and all(is_public_body(u) for u in units) else []


def _trailing_deadline(text: str) -> tuple[str, str]:
    """"县应急局负责，2024年底前完成" -> ("县应急局负责", "2024年底前完成"); after a semicolon too
    ("县应急局牵头，各成员单位参与；6月")."""
    cut = max(text.rfind(mark) for mark in "，,；;")
    head, tail = (text[:cut], text[cut + 1:]) if cut >= 0 else ("", text)
    if head and len(tail) <= 20 and find_deadlines(tail, expected=True):
        return head.strip(" ，,；;"), tail.strip()
    return text, ""


def _marked_leads(value: str, role: str) -> Owners:
    """"县应急局（牵头）、县公安局、县住建局": the marked units lead, the others co-operate."""
    units = split_units(value)
    lead = [R.LEAD_MARK.sub("", u).strip() for u in units if R.LEAD_MARK.search(u)]
    rest = [u for u in units if not R.LEAD_MARK.search(u)]
    if role == "lead":
        return Owners(lead=lead + rest, source="label")
    return Owners(lead=lead, co=rest, source="label")


def bracket_groups(text: str):
    """Outermost (start, end, inner) bracket groups of every kind in ``R.BRACKETS``."""
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in R.BRACKETS:
            stack.append((R.BRACKETS[ch], i))
        elif stack and ch in stack[-1][0]:
            _, start = stack.pop()
            if not stack:
                yield start, i + 1, text[start + 1:i]


def _stands_apart(text: str, start: int, end: int) -> bool:
    """A bare list of bodies in brackets is an annotation when it closes a sentence
    ("…培训。（县应急局）"), not when it renames the body before it ("市住建局（市地震局）")."""
    before = text[:start].rstrip()
    after = text[end:end + 1]
    if before[-1:] in "。；;！!？?，,":
        return True
    return (not after or after in "。；;\n") and not ORG_SUFFIX.search(before)


BARE_KIND = re.compile(r"(?:有关|相关)?(?:部门|单位|机构|机关)")  # "牵头部门按照…": no body named
PEOPLE_OF_BODIES = re.compile(r"(?:主要|相关|分管)?(?:负责人|负责同志|工作人员)$")


def bodies_worked_with(names: str) -> list[str]:
    """The bodies in a list of those one works with or organises: all of them when the list reads as
    bodies (气象、水文、水利等有关部门: fields named in a list of bodies), else those that are bodies — or
    fields, in a list ending in a kind of body (学校、社区、卫生、防疫、供电等单位部门) — not the places and
    firms beside them; "A、B等部门负责人" names the bodies."""
    units = split_units(PEOPLE_OF_BODIES.sub("", names))
    if accept_list(units) and (len(units) > 1 or not BARE_KIND.fullmatch(units[0])):
        return units
    fields = bool(units) and bool(LIST_END_OF_FIELDS.search(units[-1]))  # (…, which is one of them too)
    return [u for u in units if is_public_body(u) or (fields and len(units) > 1 and (FIELD_NAME.match(u) or u == units[-1]))]


def co_inside_duty(duty: str, owners: list[str]) -> list[str]:
    """Bodies a duty says its owners work with (联合/会同/协同X…): its co units."""
    co = []
    for m in R.CO_INSIDE_DUTY.finditer(duty):
        co += [u for u in bodies_worked_with(m.group("co")) if u not in owners and u not in co]
    return co


def unit_led_lines(text: str) -> list[tuple[int, int, Owners, int]]:
    """Lines that open with the units that own them: "区委宣传部：制订宣传工作方案…" or
    "市安监局。负责指导…" -> (line start, line end, owners, end of the prefix); a body the duty
    names it works with (联合/会同X) is co."""
    found = []
    # a duty list run into one paragraph ("…如下：县环保局。负责…。县农委。负责…"): each entry ends at the next
    matches = sorted([*R.UNIT_LED_LINE.finditer(text), *R.UNIT_LED_INLINE.finditer(text),
                      *R.UNIT_LED_INLINE_COLON.finditer(text), *R.UNIT_COLUMN_LINE.finditer(text)], key=lambda m: m.start())
    # one entry read by two patterns: once, by the shorter reading ("部门监管责任 区建设局：" is 区建设局's)
    matches = sorted({m.end(): m for m in matches}.values(), key=lambda m: m.start())
    named = [split_units(m.group("units")) for m in matches]
    of_bodies = [bool(units) and all(map(is_public_body, units)) for units in named]
    opening_bodies = [m for m, bodies in zip(matches, of_bodies) if bodies]
    line_end = -1
    for at, (m, units) in enumerate(zip(matches, named)):
        if line_end < m.end():  # one search per line, however many entries a run-on line holds
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
        end = min([line_end, *[n.start("units") for n in matches[at + 1:] if n.start("units") > m.end()][:1]])
        if end == line_end:
            end = line_end = _duty_runs_on(text, end, opening_bodies)
        if is_transmittal(text[m.end():end]):
            continue  # the salutation of a cover letter: "各有关单位：现将…印发给你们"
        if R.MEMBERSHIP.match(m.group().lstrip()):
            continue  # "成员单位：A、B、C": who makes up a body, not whose duty follows
        if (R.GROUP_START.match(m.group()) or units[-1:] and units[-1].endswith("组")) and \
                (any(p.search(text[m.end():end]) for _, p in R.GROUP_ROLES) or R.OWNER_LABEL.search(text, m.end(), line_end)):
            continue  # "第一检查组：组长由X局长担任，…", "资金组。负责… 牵头单位：X": its leader and members own its work
        if not m.group().rstrip()[-1:] in "：:。" and accept_list(split_units(text[m.end():end].strip(" \t\u3000。；;"))):
            continue  # "安监站 县消防救援大队": a cell of names, no duty
        if m.group().endswith("。") and not R.DUTY_START.match(text, m.end()):
            continue  # "（一）建强街道消防机构。各街道成立…": an item's title, not a body's duties
        if of_bodies[at] and not R.OWNER_LABEL.match(m.group()):
            co = co_inside_duty(text[m.end():end], units)
            role = next((role for role, opener in R.DUTY_LINE_ROLES if opener.match(text, m.end())), "responsible")
            owners = Owners(co=co, source="duty_line")
            getattr(owners, role).extend(u for u in units if u not in owners.co)
            found.append((m.start(), end, owners, m.end()))
    return found


def _duty_runs_on(text: str, end: int, entries: list[re.Match]) -> int:
    """A duty line that ends with a semicolon goes on in the lines below it ("区安监局：负责综合监督；
    ⏎配合财政部门落实补助资金；⏎对…挂牌督办。") until a line opens another entry or a heading."""
    while end < len(text) and text[:end].rstrip(" \t\u3000").endswith(("；", ";")):
        below = text.find("\n", end + 1)
        below = len(text) if below < 0 else below
        next_entry = min([below, *(n.start("units") for n in entries if end < n.start("units") <= below)])
        if not text[end:next_entry].strip() or match_heading(text[end + 1:below].strip()):
            break
        end = next_entry
    return end


BARE_LABEL_LINE = re.compile(rf"(?:{R.OWNER_LABEL.pattern})[^\n]*")


def annotations(text: str, convention: str = "") -> list[tuple[int, int, Owners]]:
    """Owner annotations in brackets, and labelled ones written without (to the line end)."""
    found, covered = [], []
    for start, end, inner in bracket_groups(text):
        if inner.strip() in R.ROLE_LABELS:
            continue  # a boxed label (〔牵头单位〕县应急局): read with its value below
        covered.append((start, end))
        owners = parse_owner_block(inner, convention)
        if owners is not None and (owners.source != "phrase" or R.OWNER_TAIL.search(inner.strip(" ，,；;。"))
                                   or _stands_apart(text, start, end)):
            found.append((start, end, owners))
    cut = _cut_annotation(text)
    if cut is not None and not any(s <= cut[0] < e for s, e in covered):
        found.append(cut)
    for m in BARE_LABEL_LINE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        if m.group().startswith(R.SHORT_LABELS) and _after_words(text, m.start()):
            continue  # "县住建局牵头，各乡镇配合：…" is a role phrase, not a label
        owners = parse_owner_block(m.group().rstrip("。"), convention)
        if owners is not None and owners.has_units():
            found.append((m.start(), m.end(), owners))
        elif owners is not None:
            # "完成时限：2025年11月" on the line right after the owner labels: their deadline
            before = [i for i, (_, end, _) in enumerate(found) if end <= m.start()
                      and not re.sub(r"[\W_]", "", text[end:m.start()])]
            if before:
                start, _, labelled = found[before[0]]
                labelled.deadline = labelled.deadline or owners.deadline
                found[before[0]] = (start, m.end(), labelled)
    return sorted(found, key=lambda f: f[0])


def _cut_annotation(text: str) -> tuple[int, int, Owners] | None:
    """An annotation the excerpt was cut inside ("…法定职责。（省安全监管局、省住建厅、黑"): a bracket open
    at the end of the text whose words, less the cut last one, name the owners."""
    start = max(text.rfind(opening) for opening in R.BRACKETS)
    closings = "".join(R.BRACKETS.values()) + "\n"
    if start < 0 or any(ch in closings for ch in text[start:].rstrip("\n")):
        return None
    inner = text[start + 1:].strip()
    if len(inner) > CUT_ANNOTATION_MAX:
        return None  # a bracket opened long before the end is no annotation
    for candidate in (inner, *CUT_TAIL.findall(inner)[-1:]):
        owners = parse_owner_block(candidate.rstrip("、，,；;"))
        if owners is not None and owners.has_units():
            owners.source = "cut"
            return start, len(text), owners
    return None


CUT_ANNOTATION_MAX = 200  # characters of an annotation's list (the longest seen ~120)
# What of a cut list is whole: up to its last separator, or before its last role word (X会同有关…)
CUT_TAIL = re.compile(r"^(.+)(?:[、，,；;]|会同|牵头|配合)")


def _after_words(text: str, at: int) -> bool:
    return at > 0 and "\u4e00" <= text[at - 1] <= "\u9fff"
