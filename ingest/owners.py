"""Who owns a piece of text: owner annotations (labelled or not, in any bracket or on a line of
their own), the conventions a document declares for them, and owners named in prose.

The rules are the tables of ``ingest.owner_rules``; a unit counts only if it reads as a public
body (``ingest.bodies``), except inside a labelled annotation, where the label vouches for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest import owner_rules as R
from ingest.bodies import NAME_MAX, NOT_A_NAME, ORG_SUFFIX, accept_list, is_public_body
from ingest.dates import find_deadlines
from ingest.patterns import TIME_OPENER
from ingest.units import split_units

SENTENCE_END = re.compile(r"[。！？!?；;]")
CLAUSE_SPLIT = re.compile(r"[，,。！？!?；;]")
SUBJECT_MAX = 80  # characters a body named before a role word may take (looking back)
SUBJECT_LIST_MAX = 200  # characters a clause's list of subjects may take (各市州、省公安厅、…等15个部门)


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
    text = text.strip(" ，,；;。")
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
        if len(item) > NAME_MAX or (NOT_A_NAME.search(item) and not is_public_body(item)):
            break
        units.append(item)
    return units


def parse_owner_block(content: str, convention: str = "") -> Owners | None:
    """The inside of an annotation -> its owners (and deadline), or None if it names none."""
    content = _strip_conventions(content)
    labels = list(R.OWNER_LABEL.finditer(content))
    if labels:
        owners = Owners(source="label")
        for i, m in enumerate(labels):
            end = labels[i + 1].start() if i + 1 < len(labels) else len(content)
            value = SENTENCE_END.split(content[m.end():end], maxsplit=1)[0] if \
                R.ROLE_LABELS[m.group(1)] != "deadline" else content[m.end():end]
            value = value.strip(" ，,；;。")
            role = R.ROLE_LABELS[m.group(1)]
            if role == "person":
                continue
            if role == "deadline":
                owners.deadline = value
            elif R.LEAD_MARK.search(value):
                owners.merge(_marked_leads(value, role))
            elif re.search("牵头|会同|组织实施", value) and (phrase := parse_role_phrase(value)):
                owners.merge(phrase)
            elif role == "responsible" and convention:
                owners.merge(apply_convention(value, convention))
            else:
                getattr(owners, role).extend(_unit_items(value))
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
    """"县应急局负责，2024年底前完成" -> ("县应急局负责", "2024年底前完成")."""
    head, _, tail = text.rpartition("，") if "，" in text else text.rpartition(",")
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


def co_inside_duty(duty: str, owners: list[str]) -> list[str]:
    """Bodies a duty says its owners work with (联合/会同/协同X…): its co units."""
    return [u for c in R.CO_INSIDE_DUTY.finditer(duty) for u in split_units(c.group("co"))
            if is_public_body(u) and u not in owners]


def unit_led_lines(text: str) -> list[tuple[int, int, Owners, int]]:
    """Lines that open with the units that own them: "区委宣传部：制订宣传工作方案…" or
    "市安监局。负责指导…" -> (line start, line end, owners, end of the prefix); a body the duty
    names it works with (联合/会同X) is co."""
    found = []
    for m in R.UNIT_LED_LINE.finditer(text):
        units = split_units(m.group("units"))
        if units and all(is_public_body(u) for u in units) and not R.OWNER_LABEL.match(m.group()):
            end = text.find("\n", m.end())
            end = len(text) if end < 0 else end
            co = co_inside_duty(text[m.end():end], units)
            found.append((m.start(), end, Owners(responsible=units, co=co, source="label"), m.end()))
    return found


BARE_LABEL_LINE = re.compile(
    "(?:" + "|".join(sorted(map(re.escape, R.ROLE_LABELS), key=len, reverse=True)) + ")"
    + r"(?:[（(](?:部门|单位)[）)])?\s*" + R.COLON + r"[^\n]*")


def annotations(text: str, convention: str = "") -> list[tuple[int, int, Owners]]:
    """Owner annotations in brackets, and labelled ones written without (to the line end)."""
    found, covered = [], []
    for start, end, inner in bracket_groups(text):
        covered.append((start, end))
        owners = parse_owner_block(inner, convention)
        if owners is not None and (owners.source != "phrase" or R.OWNER_TAIL.search(inner.strip(" ，,；;。"))
                                   or _stands_apart(text, start, end)):
            found.append((start, end, owners))
    for m in BARE_LABEL_LINE.finditer(text):
        if any(s <= m.start() < e for s, e in covered):
            continue
        if m.group().startswith(R.SHORT_LABELS) and _after_words(text, m.start()):
            continue  # "县住建局牵头，各乡镇配合：…" is a role phrase, not a label
        owners = parse_owner_block(m.group().rstrip("。"), convention)
        if owners is not None and owners.has_units():
            found.append((m.start(), m.end(), owners))
    return sorted(found, key=lambda f: f[0])


def _after_words(text: str, at: int) -> bool:
    return at > 0 and "\u4e00" <= text[at - 1] <= "\u9fff"


# ---- prose -----------------------------------------------------------------------------------
def _opener_end(clause: str) -> int:
    """Where the subject may start: after time phrases ("2019年3月底前，") and discourse words."""
    pos = 0
    while True:
        m = TIME_OPENER.match(clause, pos) or R.CLAUSE_OPENER.match(clause, pos)
        if not m or m.end() == pos:
            return pos
        pos = m.end()


def leading_subject(clause: str, object_list: bool = False) -> tuple[list[str], int] | None:
    """The public bodies a clause opens with, and where they end: "各省份要…" -> ([各省份], 3).
    A comma ends it unless bodies follow it ("各乡镇，高新区管委会要…"); a time phrase before it
    is skipped ("2019年3月底前，县应急局完成…").
    ``object_list``: the bodies after 会同, which may end the clause ("会同相关部门，按照…")."""
    start = _opener_end(clause)
    text = re.split(r"[。；;！？!?：:\n]", clause[start:start + SUBJECT_LIST_MAX + 10], maxsplit=1)[0]
    for end in range(min(len(text), SUBJECT_LIST_MAX), 1, -1):
        rest = clause[start + end:]
        ends_clause = object_list and (not rest or rest[0] in "，,。；;")
        # "X，依照各自职责，…": the subject set off by a comma before its duty
        after_comma = rest[:1] in "，," and bool(R.DUTY_START.match(rest[1:]))
        if not ends_clause and not after_comma and (not rest or not R.DUTY_START.match(rest)):
            continue
        # bodies may be listed with commas ("请各乡镇人民政府，高新区管委会，…及时转发")
        units = split_units(re.sub(r"[，,]", "、", text[:end]))
        if units and accept_list(units) and (is_public_body(units[-1]) or len(units) > 1):
            return units, start + end
    return None


def _subject_owners(clause: str) -> Owners:
    """The owners a clause names as its subject, with the role the words after them give."""
    found = leading_subject(clause)
    if found is None:
        return Owners()
    units, end = found
    for m in R.SUBJECT_ROLE[0][1].finditer(clause[end:]):  # X要…，会同Y…: only with a body after 会同
        co = leading_subject(clause[end + m.end():], object_list=True)
        if co:
            return Owners(lead=units, co=co[0], source="prose")
    rest = CLAUSE_SPLIT.split(clause[end:], maxsplit=1)[0]
    for role, pattern in R.SUBJECT_ROLE[1:]:
        if pattern.search(rest):
            return Owners(**{role: units}, source="prose")
    return Owners(responsible=units, source="prose")


def _bodies_before(text: str, end: int) -> list[str]:
    """The public bodies named right before ``end`` (… 强化省发展改革委|牵头 …)."""
    best: list[str] = []
    for m in R.BODY_INTRODUCER.finditer(text[max(0, end - SUBJECT_MAX):end]):
        start = max(0, end - SUBJECT_MAX) + m.end()
        units = split_units(text[start:end])
        if units and accept_list(units) and is_public_body(units[-1]):
            if sum(map(len, units)) > sum(map(len, best)):
                best = units
    return best


def _opens_clause(text: str, at: int) -> bool:
    return at == 0 or (at > 0 and text[:at].rstrip()[-1:] in "，,；;。：:\n")


def prose_owners(text: str) -> tuple[Owners, Owners]:
    """Owners named in running text, as (explicit, subjects). Explicit: 由X牵头/负责, X会同Y,
    X牵头 … Y配合 anywhere; subjects: the public bodies a sentence opens with ("各省份要…",
    "2019年底前，县应急局完成…"), read as responsible unless a role word follows them."""
    explicit, taken = Owners(source="prose"), [m.span() for m in R.MEMBERSHIP.finditer(text)]
    for _, pattern in R.PROSE_OWNERS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # an earlier, fuller rule already read this phrase
            found = {role: split_units(units) for role, units in m.groupdict().items() if units}
            if all(accept_list(units) for units in found.values()):
                explicit.merge(Owners(**found))
                taken.append(m.span())
    for role, word, opens_clause in R.ROLE_AFTER_BODIES:
        for m in word.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            units = _bodies_before(text, m.start())
            if units and opens_clause and not _opens_clause(text, text.rfind(units[0], 0, m.start())):
                continue
            if units:
                explicit.merge(Owners(**{role: units}))
    subjects = Owners(source="prose")
    for start, sentence in _sentences(text):
        if R.MEMBERSHIP.search(sentence):
            continue
        found = _subject_owners(sentence)
        if found.lead or found.co or _in_owner_sentence(text, start):
            explicit.merge(found)
        else:
            subjects.merge(found)
    for owners in (explicit, subjects):
        if owners.co and not owners.lead and owners.responsible:  # X负责，Y配合: X leads
            owners.lead, owners.responsible = owners.responsible, []
        owners.responsible = [u for u in owners.responsible if u not in owners.lead + owners.co]
    if explicit.co and not explicit.lead and subjects.responsible:
        explicit.lead, subjects.responsible = subjects.responsible, []
    # bodies the owner acts jointly with (联合X…) join as co, after the roles are settled: the one
    # that acts keeps its role
    owner = explicit if explicit.has_units() or not subjects.has_units() else subjects
    for m in R.JOINT_CO.finditer(text):
        units = split_units(m.group("co"))
        if units and accept_list(units):
            owner.co.extend(u for u in units if u not in owner.lead + owner.co + owner.responsible)
    return explicit, subjects


def _sentences(text: str) -> list[tuple[int, str]]:
    """(start, text) of sentences, and of the clauses inside them that open with a subject
    ("…，财政、教育等部门要建立…", "…，3月底前县应急局完成…")."""
    starts = subject_starts(text, all_sentences=True)
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return [(a, text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)]) if text[a:b].strip()]


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(ch, 0, at) for ch in "。！？!?；;\n") + 1


def _in_owner_sentence(text: str, at: int) -> bool:
    """A clause of "此项工作由X部署，Y落实，Z负责协调": its subject is named as an owner."""
    return at > 0 and text[at - 1] in "，," and bool(R.OWNER_SENTENCE.match(text, _sentence_start(text, at)))


def _after_lead_clause(text: str, comma: int) -> bool:
    """The clauses since the sentence start are lead clauses (or clauses of co units that follow
    one): "市应急局牵头，市消防救援支队配合，" is one owner phrase, whatever comes after it."""
    clauses = re.split(r"[，,]", text[_sentence_start(text, comma):comma])
    return bool(clauses) and bool(R.LEAD_CLAUSE.fullmatch(clauses[0])) and \
        all(R.CO_CLAUSE.fullmatch(c) for c in clauses[1:])


OBJECT_BEFORE_OWNER = 4  # characters of what is to be done before "由X牵头" in its sentence


def subject_starts(text: str, all_sentences: bool = False) -> list[int]:
    """Where a new task starts in prose: each sentence or clause whose subject is a public body
    ("…。国家中医药局印发…", "…，3月底前国家卫生健康委完成…", "…，财政、教育等部门要建立…").
    ``all_sentences``: every sentence start too (for reading subjects)."""
    starts, subject_end = [m.start() for m in R.GROUP_LINE.finditer(text)], 0
    for m in re.finditer(r"(?:^|(?<=[。！？!?；;：:\n])|(?<=[，,]))\s*", text):
        pos = m.end()
        if pos >= len(text) or pos < subject_end:
            continue  # inside the list of bodies the clause opens with ("各乡镇，高新区管委会，…")
        after_comma = m.start() > 0 and text[m.start() - 1] in "，,"
        clause = text[pos:]
        if not after_comma:
            subject = leading_subject(clause[:SUBJECT_LIST_MAX + 60])
            subject_end = pos + subject[1] if subject else 0
            if all_sentences or subject or (text[m.start() - 1:m.start()] in "。！？!?" and _names_owner(clause)):
                starts.append(pos)
            continue
        sentence_start = _sentence_start(text, m.start())
        if R.OWNER_SENTENCE.match(text, sentence_start) and not all_sentences:
            continue  # "此项工作由X部署，Y落实，…": owners of the work before, no new task
        if not all_sentences and _after_lead_clause(text, m.start() - 1):
            continue  # "X牵头，Y配合，开展…": one task with its lead and co
        if _opener_end(text[sentence_start:pos]) >= pos - sentence_start:
            continue  # only a date before the comma: the sentence start is the task start
        subject = leading_subject(clause[:SUBJECT_LIST_MAX + 40])
        if subject:
            starts.append(pos)
            subject_end = pos + subject[1]
    return sorted(set(starts))


def _names_owner(clause: str) -> bool:
    """A sentence that names who does it in the middle, after what is to be done ("粉尘涉爆企业
    由区局执法大队牵头开展排查。"); not one that names the owners of the work before it ("此项工作
    由X负责。", "由X负责，Y配合。")."""
    sentence = re.split(r"[。！？!?\n]", clause, maxsplit=1)[0]
    if R.OWNER_SENTENCE.match(sentence):
        return False
    return any(len(re.sub(r"\W", "", sentence[:m.start()])) >= OBJECT_BEFORE_OWNER
               for name, pattern in R.PROSE_OWNERS if name.startswith("by_unit") for m in pattern.finditer(sentence))
