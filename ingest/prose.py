"""Owners named in running text, and where prose tasks start: explicit phrases (由X牵头, X会同Y,
X牵头…Y配合), sentence subjects and the role the words after them give, bodies acted with
(联合X). The phrases are the tables of ``ingest.owner_rules``; a unit counts only if it reads
as a public body (``ingest.bodies``).
"""
from __future__ import annotations

import re

from ingest import owner_rules as R
from ingest.bodies import FIELD_NAME, ORG_SUFFIX, accept_list, is_public_body
from ingest.owners import Owners, bodies_worked_with
from ingest.patterns import INLINE_POINT, SLOGAN, TIME_OPENER
from ingest.subject_verbs import WORD_AFTER_SUFFIX, name_goes_on, reads_as_names, verb_follows, word_boundary
from ingest.units import split_units

CLAUSE_SPLIT = re.compile(r"[，,。！？!?；;]")
SUBJECT_MAX = 80  # characters a body named before a role word may take (looking back)
GROUP_HEADING_MAX = 20  # characters of a section heading above the first group ("三、督查安排")
SUBJECT_LIST_MAX = 200  # characters a clause's list of subjects may take (各市州、省公安厅、…等15个部门)


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
    created = R.CREATED_BODY.match(clause, start)
    start = created.end() if created else start
    text = re.split(r"[。；;！？!?：:\n]", clause[start:start + SUBJECT_LIST_MAX + 10], maxsplit=1)[0]
    found = _subject_of(clause, text, start, object_list, created)
    if found is None and not object_list and not created:
        found = _subject_of(clause, text, start, False, None, any_verb=True)
    return found


def _subject_of(clause: str, text: str, start: int, object_list: bool, created, any_verb: bool = False):
    """``leading_subject`` with the words after the bodies read by ``R.DUTY_START``, or with ``any_verb``
    by the word tagger: a verb or adverb the table does not list ("交警队同步做好…", "卫生院安排…")."""
    for end in range(min(len(text), SUBJECT_LIST_MAX), 1, -1):
        rest = clause[start + end:]
        if WORD_AFTER_SUFFIX.match(clause, start + end - 1):
            continue  # "配足配好所|需设备": 所需 is a word, no 所 (institute) ends there
        if any_verb:
            if not (ORG_SUFFIX.search(text[:end].removesuffix("等")) and verb_follows(rest)) or not reads_as_names(text[:end]) \
                    or not word_boundary(clause, start + end) or name_goes_on(text[:end], rest):
                continue
        else:
            # (or what the bodies a subject joins go on to do: "…组织气象、水利等部门|进行会商")
            ends_clause = object_list and (not rest or rest[0] in "，,。；;" or bool(R.JOINT_ACTION_AFTER.match(rest)))
            # "X，依照各自职责，…": the subject set off by a comma before its duty
            after_comma = rest[:1] in "，," and bool(R.DUTY_START.match(rest[1:]))
            if not ends_clause and not after_comma and (not rest or not R.DUTY_START.match(rest)):
                continue
            if created and not R.CREATED_BODY_DUTY.match(rest):
                continue
        # bodies may be listed with commas ("请各乡镇人民政府，高新区管委会，…及时转发")
        units = split_units(re.sub(r"[，,]", "、", text[:end]))
        bodies = [u for u in units if not R.REGULATED_PARTIES.match(u)]  # "县应急局、各企业要…": firms own nothing
        units = bodies if bodies and len(bodies) < len(units) and accept_list(bodies) else units
        # (each comma-set part names bodies or fields by itself: "行动中，胜坨镇组织…" is no place lending
        # its suffix; a mirror copy's "市文旅,、公安,、教育…等部门" is a list of fields)
        parts = [p for p in (q.strip("、") for q in re.split(r"[，,]", text[:end])) if p]
        if units and accept_list(units) and (is_public_body(units[-1]) or len(units) > 1) and \
                (len(parts) == 1 or all(accept_list(named) or all(map(FIELD_NAME.match, named))
                                        for named in map(split_units, parts))):
            return units, start + end
    return None


# (负责会同Y…, 负责牵头…: the role words that follow decide)
SUBJECT_DUTY = re.compile(r"\s*(?:具体|统一|全面)?(?:负责(?!人|同志|会同|牵头)|组织实施)")


def _subject_owners(clause: str) -> Owners:
    """The owners a clause names as its subject, with the role the words after them give; a
    subject followed by 负责 ("县指挥部负责统一组织…") states a duty, so its source is a phrase."""
    found = leading_subject(clause)
    if found is None:
        return Owners()
    units, end = found
    if R.ISSUER_OF_REQUIREMENTS.match(clause, end):
        return Owners()
    helps = R.SUBJECT_HELPS.match(clause, end)
    helped = split_units(helps.group("others")) if helps else []
    if helped and (accept_list(helped) or all(map(FIELD_NAME.match, helped))) and not set(helped) & set(units):
        return Owners(lead=helped, co=units, source="prose")
    if SUBJECT_DUTY.match(clause, end):
        return Owners(responsible=units, source="phrase")
    for m in R.SUBJECT_ROLE[0][1].finditer(clause[end:]):  # X要…，会同Y…: only with a body after 会同
        co = leading_subject(clause[end + m.end():], object_list=True)
        if co:
            return Owners(lead=units, co=co[0], source="prose")
    sentence = re.split(r"[。；;！？!?\n]", clause[end:], maxsplit=1)[0]
    for m in R.SUBJECT_ORGANISES.finditer(sentence):
        co = leading_subject(sentence[m.end():], object_list=True)
        if co and R.JOINT_ACTION_AFTER.match(sentence, m.end() + co[1]):
            return Owners(lead=units, co=co[0], source="prose")
        # (the bodies one joins, then a verb the act table does not list: 联合相关部门积极开展…)
        joined = m.group() == "联合" and _subject_of(sentence[m.end():], sentence[m.end():], 0, False, None, any_verb=True)
        if joined:
            return Owners(lead=units, co=joined[0], source="prose")
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
        if units and accept_list(units) and (is_public_body(units[-1]) or len(units) > 1):
            if sum(map(len, units)) > sum(map(len, best)):
                best = units
    return best


def _opens_clause(text: str, at: int) -> bool:
    return at == 0 or (at > 0 and text[:at].rstrip()[-1:] in "，,；;。：:\n")


def _group_owners(text: str) -> tuple[Owners, list[tuple[int, int]]]:
    """An inspection group's leading body and members (``R.GROUP_ROLES``), when the text is a group's,
    and the spans they were read from."""
    owners, taken = Owners(source="prose"), []
    heading, _, below = text.partition("\n")
    if not (R.GROUP_START.match(text) or (len(heading.strip()) <= GROUP_HEADING_MAX and R.GROUP_START.match(below))):
        return owners, taken  # not a group's text (the first group may follow its section's heading)
    for role, pattern in R.GROUP_ROLES:
        for m in pattern.finditer(text):
            units = split_units(m.group("units"))
            if units and accept_list(units):
                owners.merge(Owners(**{role: units}))
                taken.append((m.start(), len(text) if role == "co" else m.end()))
    owners.co = [u for u in owners.co if u not in owners.lead]  # (the leader's body is among the members)
    return owners, taken


def prose_owners(text: str) -> tuple[Owners, Owners]:
    """Owners named in running text, as (explicit, subjects). Explicit: 由X牵头/负责, X会同Y,
    X牵头 … Y配合 anywhere; subjects: the public bodies a sentence opens with ("各省份要…",
    "2019年底前，县应急局完成…"), read as responsible unless a role word follows them."""
    explicit, taken = _group_owners(text)
    taken += [m.span() for m in R.MEMBERSHIP.finditer(text) if not any(s <= m.start() < e for s, e in taken)]
    taken += [m.span() for m in SLOGAN.finditer(text)]
    hosted = False  # an office's host is named (办公室设在X): the office is X's, no subject of its own
    for name, pattern in R.PROSE_OWNERS:
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue  # an earlier, fuller rule already read this phrase
            found = {role: split_units(units) for role, units in m.groupdict().items() if units}
            if all(accept_list(units) for units in found.values()):
                explicit.merge(Owners(**found))
                taken.append(m.span())
                hosted = hosted or name.startswith("office_hosted")
    assisting: list[str] = []  # bodies that 协助 with no one named whom they help
    for role, word, opens_clause in R.ROLE_AFTER_BODIES:
        for m in word.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            units = _bodies_before(text, m.start())
            if units and opens_clause and not _opens_clause(text, text.rfind(units[0], 0, m.start())):
                continue
            if units:
                explicit.merge(Owners(**{role: units}))
                assisting += units if m.group() == "协助" else []
    subjects = Owners(source="prose")
    for start, sentence in _sentences(text):
        if any(not R.CREATES_WHAT_FOLLOWS.search(sentence, 0, m.start()) and not re.search("[，,]", sentence[:m.start()])
               for m in R.MEMBERSHIP.finditer(sentence)):
            continue  # "领导小组由A、B组成": who makes up a body (not "X要建立由A、B组成的检查组", nor "X要成立指挥部，由…组成")
        found = _subject_owners(sentence)
        if hosted:
            found.responsible = [u for u in found.responsible if u != "办公室"]
        if found.lead or found.co or found.source == "phrase" or _in_owner_sentence(text, start):
            explicit.merge(found)
        else:
            subjects.merge(found)
    if assisting and set(explicit.co) <= set(assisting) and not explicit.lead and not explicit.responsible:
        # "X协助负责河道规划" helping no one it names: X does the work (R.SUBJECT_ROLE reads the subject so too)
        explicit.responsible, explicit.co = explicit.co, []
    for owners in (explicit, subjects):
        # a unit read twice ("县应急局参与": subject, then co) keeps the part its words give it
        owners.responsible = [u for u in owners.responsible if u not in owners.co]
        if owners.co and not owners.lead and owners.responsible:  # X负责，Y配合: X leads
            owners.lead, owners.responsible = owners.responsible, []
        owners.responsible = [u for u in owners.responsible if u not in owners.lead + owners.co]
    if explicit.co and not explicit.lead and subjects.responsible:
        # "各职能部门要做好服务，各村要积极配合": the subject stays responsible (it was given no lead
        # in words, unlike "X负责，Y配合"), the other is co
        explicit.responsible, subjects.responsible = [*subjects.responsible, *explicit.responsible], []
    elif explicit.responsible and not (explicit.lead or explicit.co) and subjects.responsible:
        # "各乡镇要…完成排查，县住建局负责业务指导": the subject's duty and the other's, both responsible
        explicit.responsible = [*subjects.responsible, *(u for u in explicit.responsible if u not in subjects.responsible)]
        subjects.responsible = []
    # bodies the owner acts jointly with (联合X…) join as co, after the roles are settled: the one
    # that acts keeps its role
    owner = explicit if explicit.has_units() or not subjects.has_units() else subjects
    for m in R.JOINT_CO.finditer(text):
        units = split_units(m.group("co"))
        if units and accept_list(units):
            owner.co.extend(u for u in units if u not in owner.lead + owner.co + owner.responsible)
    for m in R.ORGANISED_CO.finditer(text):
        named = [name for unit in split_units(m.group("co"))  # (A及B: two names)
                 for name in ([unit] if is_public_body(unit) else re.split(r"[及和与]", unit))]
        organised = [u for u in bodies_worked_with("、".join(named)) if u not in owner.lead + owner.co + owner.responsible]
        owner.co.extend(organised)
        if organised and not owner.lead:  # the one that leads them (…，并牵头Y开展…)
            owner.lead, owner.responsible = owner.responsible, []
    return explicit, subjects


def _sentences(text: str) -> list[tuple[int, str]]:
    """(start, text) of sentences, and of the clauses inside them that open with a subject
    ("…，财政、教育等部门要建立…", "…，3月底前县应急局完成…")."""
    starts = subject_starts(text, all_sentences=True)
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    return [(a, text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)]) if text[a:b].strip()]


SENTENCE_ENDS = "。！？!?；;\n"
POINT_ENDS = SENTENCE_ENDS + "：:"  # an inline point may also follow a colon (…以下工作：一是…)


def _sentence_start(text: str, at: int, ends: str = SENTENCE_ENDS) -> int:
    return max(text.rfind(ch, 0, at) for ch in ends) + 1


def _in_owner_sentence(text: str, at: int) -> bool:
    """A clause of "此项工作由X部署，Y落实，Z负责协调": its subject is named as an owner."""
    return at > 0 and text[at - 1] in "，," and bool(R.OWNER_SENTENCE.match(text, _sentence_start(text, at)))


def _after_lead_clause(text: str, comma: int) -> bool:
    """The clauses since the sentence start are lead clauses (or clauses of co units that follow
    one): "市应急局牵头，市消防救援支队配合，" is one owner phrase, whatever comes after it."""
    clauses = re.split(r"[，,]", text[_sentence_start(text, comma):comma])
    return bool(clauses) and bool(R.LEAD_CLAUSE.fullmatch(clauses[0])) and \
        all(R.CO_CLAUSE.fullmatch(c) for c in clauses[1:])


def _shares_out(text: str, comma: int) -> bool:
    """The clause after ``comma`` and every clause of its sentence before it are
    ``R.DIVISION_CLAUSE``s, and the sentence goes on with what they share ("…，2025年底前完成300
    公里"): one task shared out among units. Without a shared part it is a list of duties."""
    clauses = re.split(r"[，,]", text[_sentence_start(text, comma):comma])
    following = re.split(r"[，,]", re.split(r"[。；;！？!?\n]", text[comma + 1:], maxsplit=1)[0])
    shares = [bool(R.DIVISION_CLAUSE.fullmatch(c)) for c in following]
    return all(R.DIVISION_CLAUSE.fullmatch(c) for c in clauses) and shares[0] and not all(shares)


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
        # "…，县住建局配合；持续推进": the units' part in the task before, no task of its own (a sentence that goes
        # on with work of its own is one: "。其他相关部门要积极配合，各司其职，加大联合执法力度。")
        if not all_sentences and _role_only(clause) and (after_comma or not _goes_on(clause)):
            continue
        if not after_comma:
            subject = leading_subject(clause[:SUBJECT_LIST_MAX + 60])
            subject_end = pos + subject[1] if subject else 0
            if all_sentences or subject or (text[m.start() - 1:m.start()] in "。！？!?；;" and _names_owner(clause)) \
                    or (text[m.start() - 1:m.start()] in "。！？!?" and (own := R.BY_UNIT_OWN_WORK.match(clause))
                        and is_public_body(own.group("body"))) \
                    or (text[m.start() - 1:m.start()] in "。！？!?\n" and _told_to_fix(clause)) \
                    or (pos > 0 and INLINE_POINT.match(clause)):
                starts.append(pos)
            continue
        sentence_start = _sentence_start(text, m.start())
        if R.BY_UNIT_CLAUSE.match(clause) and R.BY_UNIT_CLAUSE.search(text, sentence_start, m.start()):
            starts.append(pos)  # "由X负责做好…，由Y负责…": each names its own owner
            continue
        if R.OWNER_SENTENCE.match(text, sentence_start) and not all_sentences:
            continue  # "此项工作由X部署，Y落实，…": owners of the work before, no new task
        if not all_sentences and _after_lead_clause(text, m.start() - 1):
            continue  # "X牵头，Y配合，开展…": one task with its lead and co
        if not all_sentences and _shares_out(text, m.start() - 1):
            continue  # "X负责国省干线，Y负责县道，…": one task shared out
        if _opener_end(text[sentence_start:pos]) >= pos - sentence_start:
            continue  # only a date before the comma: the sentence start is the task start
        point_start = _sentence_start(text, m.start(), POINT_ENDS)
        if not all_sentences and INLINE_POINT.match(text, point_start) and \
                not any(point_start < s < pos for s in starts):
            continue  # "二是开展排查，各乡镇要…": the point and its subject are one task
        subject = leading_subject(clause[:SUBJECT_LIST_MAX + 40])
        if subject:
            starts.append(pos)
            subject_end = pos + subject[1]
    return sorted(set(starts))


def _goes_on(clause: str) -> bool:
    """Does the sentence ``clause`` opens go on after its first comma?"""
    first = re.search(r"[，,。；;！？!?\n]", clause)
    return bool(first) and first.group() in "，," and len(re.sub(r"\W", "", re.split(
        r"[。；;！？!?\n]", clause[first.end():], maxsplit=1)[0])) >= GOES_ON_MIN


GOES_ON_MIN = 6  # characters of work of its own after a sentence's role clause


def _role_only(clause: str) -> bool:
    """``R.ROLE_ONLY_CLAUSE``: it says who else works on the task it follows."""
    m = R.ROLE_ONLY_CLAUSE.fullmatch(re.split(r"[，,。；;！？!?\n]", clause, maxsplit=1)[0])
    units = split_units(m.group("units")) if m else []
    return bool(units) and accept_list(units)


def _told_to_fix(clause: str) -> bool:
    """A sentence telling a body what to fix before its points ("督导组向县住建局反馈了三个问题：一是…"): their lead-in."""
    sentence = re.split(r"[。！？!?\n]", clause, maxsplit=1)[0]
    told = R.TOLD_TO_FIX.search(sentence)
    return told is not None and is_public_body(told.group("responsible"))


def _names_owner(clause: str) -> bool:
    """A sentence that names who does it in the middle, after what is to be done ("粉尘涉爆企业
    由区局执法大队牵头开展排查。"); not one that names the owners of the work before it ("此项工作
    由X负责。", "由X负责，Y配合。")."""
    sentence = re.split(r"[。！？!?\n]", clause, maxsplit=1)[0]
    if R.OWNER_SENTENCE.match(sentence):
        return False
    return any(len(re.sub(r"\W", "", sentence[:m.start()])) >= OBJECT_BEFORE_OWNER
               for name, pattern in R.PROSE_OWNERS if name.startswith("by_unit") for m in pattern.finditer(sentence))
