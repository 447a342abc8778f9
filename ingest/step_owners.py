"""Owners that run down the numbered steps of a block whose first step names who leads it, as an
emergency plan's handling section writes them ("（一）爆炸事故 1.由县公安局牵头负责组织处置；2.县公安局接警后，
应…；3.组织力量…；4.县环保等部门应做好抢险救援配合工作"): a step that names no body is the work of the
body the step above it named (else of the block's lead); bodies that only take part, helping no one
named, help the block's lead."""
from __future__ import annotations

import re
from itertools import groupby

from ingest.owners import Owners
from ingest.sections import Node

# A block's first step that says who leads all of it: "由X牵头负责组织处理", "由X牵头，Y支持配合".
BLOCK_LEAD_STEP = re.compile(r"^\s*由[^，,。；;]{2,40}?牵头")
LEAD_STEP_MAX = 80  # characters: a step that states the block's lead, not a task of its own that happens to


def steps_take_their_blocks_owners(steps: list[tuple[Node, list]]) -> None:
    """``steps``: (item node, its task drafts) in document order; the drafts' owners are filled in place."""
    for _, run in groupby(steps, key=lambda step: id(step[0].parent)):
        run = list(run)
        first = run[0][1]
        if len(run) < 2 or len(first) != 1 or not first[0].owners.lead or len(first[0].text) > LEAD_STEP_MAX \
                or not BLOCK_LEAD_STEP.match(run[0][0].title):
            continue
        block = first[0].owners
        above = Owners(lead=list(block.lead), co=list(block.co), source="heading")
        for _, drafts in run[1:]:
            for draft in drafts:
                owners = draft.owners
                if not owners.has_units():
                    draft.owners = Owners(lead=list(above.lead), co=list(above.co),
                                          responsible=list(above.responsible), source="heading")
                elif owners.co and not (owners.lead or owners.responsible):
                    owners.lead = [u for u in block.lead if u not in owners.co]  # 有关部门应做好配合工作
                else:
                    above = Owners(responsible=[*owners.lead, *owners.responsible], source="heading")
