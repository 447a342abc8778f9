"""The owners an item gets from above it: a heading that is a body's name or names whose duties follow
("二、县应急管理局安全生产工作职责"), owners annotated on an enclosing heading, a lead-in listing duties or
points ("X履行以下职责：", "X要…：一是…"), a block whose own words say who does its steps, or the paragraph
before a document's opening list of duties."""
from __future__ import annotations

import re
from itertools import takewhile

from ingest import patterns as P
from ingest.bodies import accept_list, is_public_body
from ingest.items import ancestors
from ingest.owners import Owners, annotations
from ingest.prose import leading_subject, prose_owners
from ingest.sections import Node
from ingest.units import split_units

NAME_HEADING_MAX = 20  # a heading that is a body's name owns the text under it
TOPIC_STYLES = ("chapter", "division", "part")  # divisions of a regulation: their titles name topics


def duty_heading_bodies(title: str) -> list[str]:
    """The bodies a heading names as the holders of the duties under it."""
    if not P.DUTY_HEADING_TAIL.search(title):
        return []
    for end in range(len(title) - 2, 1, -1):
        if P.DUTY_HEADING_TAIL.fullmatch(title[end:]):
            units = split_units(title[:end])
            if units and accept_list(units) and is_public_body(units[-1]):
                return units
    return []


def _holder_among_bodies(node: Node, title: str) -> bool:
    """"（四十）通信单位。" beside "（三十九）供电部门。": a kind of enterprise holding duties in a list
    of bodies' duties."""
    if not P.HOLDER_HEADING.fullmatch(title) or node.parent is None:
        return False
    return any(is_public_body(s.title.strip(" ：:。")) for s in node.parent.children if s is not node)


def _first_of_listed_subjects(node: Node, text: str) -> bool:
    """A title cut at the comma after the first of several bodies that open a sentence ("（九）各乡镇人民政府，
    各园区管委会，县应急委成员单位自行…"): the sentence's subjects, not a heading naming one body."""
    line_end = text.find("\n", node.text_start)
    line = text[node.text_start:line_end if line_end >= 0 else len(text)].lstrip()
    if not line.startswith(node.title) or line[len(node.title):][:1] not in "，,、":
        return False
    subject = leading_subject(line)
    return subject is not None and len(subject[0]) > 1


BARE_DUTY = re.compile(r"负责|承担|牵头")  # an item opening with its duty, naming no one
BLOCK_OWNERS_MAX = 120  # characters of a block's own words that name who does the steps under it


def heading_owners(node: Node, text: str, convention: str, doc_title: str = "") -> Owners | None:
    """Owners annotated in an enclosing heading's own text ("二、促进消费（区商务局牵头）"), or a
    heading that is itself the name of a body ("（四）市安全生产综合监管部门", its duties under it),
    or the subject of a lead-in listing duties ("联席会议履行以下职责："), or a document titled
    as one body's duties ("县森林防火指挥部办公室工作职责")."""
    for named in (node, *ancestors(node)):
        title = named.title.strip(" ：:。")
        # (a chapter titled by a kind of body, "第五章 殡葬管理机构", names its topic, not the holder of its articles;
        # one titled by bodies' duties, "第三章 成员单位工作职责", does name them)
        if title and named.style not in TOPIC_STYLES and len(title) <= NAME_HEADING_MAX and \
                not _first_of_listed_subjects(named, text) and \
                (is_public_body(title) or _holder_among_bodies(named, title)):
            listed = split_units(title)  # （四）市检察院、市中级人民法院: two bodies
            return Owners(responsible=listed if len(listed) > 1 and accept_list(listed) else [title], source="heading")
        units = duty_heading_bodies(title)
        if units:  # "一、乡（镇）人民政府、街道办事处消防安全工作职责"
            return Owners(responsible=units, source="heading")
    parent = node.parent
    while parent is not None and parent.parent is not None:
        own = text[parent.text_start:parent.end]
        found = [o for _, _, o in annotations(own, convention) if o.has_units()]
        if found:
            return found[0]
        # "X履行以下职责：" over the duties' items; "X要…：一是…；二是…" over its points
        # (the points' own lead-in: a sentence further up says who does something else)
        if P.DUTY_LIST_INTRO.search(own.rstrip()) or (node.style == "cn_shi" and parent is node.parent):
            # (the lead-in's own sentence: "…。第三条 有关行政部门在各自的职责范围内，负责下列工作：")
            lead_in = [part for part in re.split(r"(?<=[。！？!?])|\n", own) if part.strip()][-1]
            explicit, subjects = prose_owners(lead_in)
            if explicit.has_units() or subjects.has_units():
                return explicit if explicit.has_units() else subjects
            if units := duty_heading_bodies(lead_in.strip(" ：:。")):  # "殡葬管理所的职责是："
                return Owners(responsible=units, source="heading")
        # a block whose own words say who does its steps ("（二）火灾事故 由县消防救援大队牵头负责现场处置，
        # 县公安局支持配合。" over "1.组织灭火救援"): the steps are theirs
        elif own.strip() and len(own.strip()) <= BLOCK_OWNERS_MAX:
            # (in its first sentence: a block whose words open otherwise, "…必须齐抓共管。一旦发生火灾，有关部门要密切配合",
            # says who does one thing in it, not who does the items under it)
            explicit, _ = prose_owners(re.split(r"(?<=[。！？!?])", own.strip(), maxsplit=1)[0])
            if explicit.has_units():
                return explicit
        # a block whose own words open with its holder ("（一）区民政局作为主管部门总体负责…。") over items that are
        # bare duties ("1.负责起草…；2.负责协调…"): the duties are the holder's
        if BARE_DUTY.match(text[node.text_start:node.end].lstrip()) and (subject := leading_subject(own.strip())):
            return Owners(responsible=subject[0], source="heading")
        parent = parent.parent
    if parent is not None and parent.parent is None and parent.children and node in _duty_clauses(parent, text):
        lead_in = text[parent.text_start:parent.end].rstrip().rsplit("\n", 1)[-1].strip()
        subject = leading_subject(lead_in) if lead_in.endswith("。") and not P.PREFACE_END.search(lead_in) \
            and LEAD_IN_DUTY.search(lead_in) else None
        if subject:  # "市、县旅游局在当地政府领导下，…共同管理本辖区的旅游安全。" over "（一）贯彻执行…；（二）…"
            return Owners(responsible=subject[0], source="heading")
    if parent is not None and _bare_duty_of_the_body_set_up(node, text):
        if created := P.CREATED_IN_PREFACE.search(text[parent.text_start:parent.end]):
            return Owners(responsible=[created.group("name")], source="heading")
    units = duty_heading_bodies(doc_title.strip())
    return Owners(responsible=units, source="heading") if units else None


def _bare_duty_of_the_body_set_up(node: Node, text: str) -> bool:
    """An item right under a heading that is only "duties" (二、主要职责), naming no holder in its own title
    (not "2. 组长职责") or words: one of the duties of the body the preface set up."""
    under = [n for n in (node, node.parent) if n is not None and P.BARE_DUTY_HEADING.fullmatch(n.title.strip(" ：:。"))]
    own = text[node.text_start:node.end].strip()
    return bool(under) and (under[0] is node or not P.DUTY_HEADING_TAIL.search(node.title)) and \
        leading_subject(own) is None and not SOMEONE_MUST.match(own)


SOMEONE_MUST = re.compile(r"[^，,。；;]{2,40}?(?:要|应当|应|须|必须)")  # names whoever must ("一中、二中要制定…")


LEAD_IN_DUTY = re.compile(r"负责|管理|履行|承担|职责")
DUTY_CLAUSE_MAX = 100  # characters of a line listing one duty


def _duty_clauses(root: Node, text: str) -> list[Node]:
    """The document's first items when they are a list of duties, one short line each ("（一）贯彻执行…；"), of
    one style, right after its opening words; [] if not."""
    first = root.children[0]
    run = list(takewhile(lambda c: c.style == first.style and not c.children, root.children))
    lines = [text[c.start:c.end].strip() for c in run]
    short = all("\n" not in line and len(line) <= DUTY_CLAUSE_MAX and line.endswith(("；", ";", "。")) for line in lines)
    return run if len(run) >= 3 and short else []
