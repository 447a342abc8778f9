"""A regulation's duties: each article whose subject is a public body with a duty verb is a task, its
items with it; an article listing its subject's duties is one task per item; an article whose paragraphs or
sentences open with holders of their own is one task per holder."""
from __future__ import annotations

import re

from ingest import patterns as P
from ingest.article_rules import BY_BODY, BY_BODY_HELPS, BY_BODY_WITH, DUTY_SUBJECT, DUTY_VERB, WITH_AFTER_SUBJECT
from ingest.bodies import NOT_A_NAME_START, accept_list, is_public_body
from ingest.drafts import TaskDraft, trim
from ingest.heading_owners import duty_heading_bodies
from ingest.owners import Owners
from ingest.prose import leading_subject
from ingest.sections import Node
from ingest.targets import find_metrics
from ingest.units import split_units


def duty_owners(text: str) -> Owners:
    owners = Owners(source="prose")
    for m in DUTY_SUBJECT.finditer(text):
        # (a body's other name in brackets stays with it, as written: 乡镇人民政府（街道办事处）; a remark does not)
        other = m.group("other") if m.group("other") and is_public_body(m.group("other_name")) else ""
        named = m.group("responsible") + other
        held = []
        for unit in split_units(named):
            # (a field in a list of fields is a unit however short: 公安、城市管理等部门; a verb before a body
            # is no part of it: 督促有关行政主管部门)
            if m.group("colon") and not is_public_body(unit):
                continue  # "（一）组织机构：…" is a heading, not a body's duties
            if (m.group("fields") or len(unit) >= 4 and not NOT_A_NAME_START.match(unit)) \
                    and unit not in owners.responsible:
                owners.responsible.append(unit)
                held.append(unit)
        with_others = WITH_AFTER_SUBJECT.match(text, m.end("responsible"))
        if held and with_others and accept_list(co := split_units(with_others.group("co"))):
            owners.co += [u for u in co if u not in owners.co]
    if owners.co:  # (the holders working with others lead them)
        owners.lead, owners.responsible = owners.responsible, []
    if not owners.units():  # a body the subject pattern does not know the kind of (县食安办, 乡镇政府（街道办事处）)
        for start in SENTENCE_START.finditer(text):
            sentence = text[start.end():]
            subject = leading_subject(sentence)
            # (its duty in the words regulations use, right after it: not a clause the tagger guessed at)
            if subject and ARTICLE_DUTY_AFTER.match(sentence, subject[1]):
                owners.responsible += [unit for unit in subject[0] if unit not in owners.responsible]
    if not owners.units():  # the holder after 由 and those it works with ("由X会同Y组织评选") or helps
        for m in [*BY_BODY_WITH.finditer(text), *BY_BODY_HELPS.finditer(text)]:
            lead, co = split_units(m.group("lead")), split_units(m.group("co"))
            if all(map(is_public_body, lead)) and accept_list(co):
                owners.lead += [u for u in lead if u not in owners.lead]
                owners.co += [u for u in co if u not in owners.co]
    if not owners.units():  # the holder after 由 ("小型水库由镇政府负责")
        for m in BY_BODY.finditer(text):
            owners.responsible += [u for u in split_units(m.group("body")) if is_public_body(u) and u not in owners.responsible]
    return owners


SENTENCE_START = re.compile(r"^\s*|(?<=[。；;])\s*")
ARTICLE_DUTY_AFTER = re.compile(r"\s*(?:应当|应(?!急|用)|负责|统一负责|具体负责|负总责|主管|依法|按照|依照|会同)")


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
        owned = owners.has_units() and (bool(DUTY_VERB.search(own)) or bool(owners.lead))  # (由X会同Y核定…)
        if not owned and (units := duty_heading_bodies(own.strip(" ：:。"))):
            owners, owned = Owners(responsible=units, source="heading"), True  # "第七条 乡镇人民政府管理职责：" over items
        items = [leaf for leaf in node.walk() if leaf is not node and not leaf.children]
        # an item naming a subject of its own ("（二）公安行政部门负责…"), or under a heading naming whose
        # duties follow, is that subject's
        holders = [_item_holder(text, leaf, node) for leaf in items]
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
            start, end = trim(text, span_start, span_end)
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
    return _span_draft(text, *trim(text, node.text_start, node.end), node.section, node.heading, owners)


def _paragraphs_with_subjects(text: str, node: Node) -> list[tuple[int, int, Owners]]:
    """An article's paragraphs, or sentences or clauses that open with a holder of their own ("县应急局负责…。县公安局
    负责…；县交通局负责…。"), each with the holder it names (its own, or the one before's), when at least two name one:
    the smallest pieces that carry their own assignment."""
    found, start = [], node.text_start
    while start < node.end:
        end = min(i for i in (text.find("\n", start, node.end), text.find("。", start, node.end) + 1,
                              _holders_clause(text, start, node.end), node.end) if i > 0)
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


def _holders_clause(text: str, start: int, end: int) -> int:
    """Where a clause after ；that opens with a holder of its own starts ("市建设部门主管…；区建设部门负责本区…"),
    or -1: a clause naming no one of its own stays with its sentence."""
    for m in re.finditer(r"[；;]", text[start:end]):
        if DUTY_SUBJECT.match(text, start + m.start()):  # (the pattern opens on the ；)
            return start + m.end()
    return -1
