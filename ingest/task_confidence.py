"""How far to trust a task's owners, from how they were found — as data.

A task found through a label (牵头单位：…) or a table column is read the same way in every
notice; one read from running prose or with no owner at all is where real notices nobody here
has read go wrong. Each source has the share of its tasks whose owners were right on the
development sets (seeds, tasks_more, tasks_web), shrunk toward PRIOR with PRIOR_WEIGHT
pseudo-tasks (the sets were read while the rules were written, so their raw shares flatter);
``bench/fit_task_confidence.py`` prints the counts these come from and how the result holds
on our held-out labels. The penalties are signs of a task gone wrong that the development sets
hardly show; their factors are priors, not fits: say so when changing them.
"""
from __future__ import annotations

from ingest.bodies import is_generic
from ingest.models import Task

PRIOR, PRIOR_WEIGHT = 0.7, 20
# owner source (convention:<name> counts as convention; "" = no owner found) -> confidence
# Prose, no owner, a heading and a label are set by notices not read while writing rules, not by the
# dev sets: on 278 tasks (our held-out 30, the unread halves of two page sets, and page set 7 at the
# start of the round that first parsed it, each labelled before any parse) a prose task's owners were
# right 132 of 196 times (0.67), a task with no owner 8 of 26 (0.31: the notice usually names one the
# parser missed), one owned by a heading 8 of 16, a label 15 of 17 (the dev sets: 189 of 190). A table
# row's owners were right 42 of 44 times on the dev sets but 14 of 19 on the page sets of real notices
# (read ones, at the end of the round that read them): 0.75, below the doubtful line.
SOURCE_CONFIDENCE: dict[str, float] = {
    "label": 0.93, "phrase": 0.94, "table": 0.75, "convention": 0.83, "prose": 0.67, "": 0.31,
    # a line of a duty list opening with its body (区住建局：负责…): read apart from labels since the round that
    # measured it alone — on 69 such tasks of notices (page sets 20–22, our held-out 30) right 62 times (0.90)
    "duty_line": 0.88,
    # an enclosing heading or the title names the holder of the duties under it (（四十）通信单位 /
    # …工作职责): read over a whole section
    "heading": 0.5,
    # an annotation the excerpt was cut inside (…（省应急厅、省住建厅、黑): its last owner may be lost
    "cut": 0.6,
}
LONG_TASK_CHARS = 400  # longer than any one assignment: probably several merged
# (name, test, factor): multiplied in when the test holds
PENALTIES = (
    ("long_span", lambda task: len(task.text) > LONG_TASK_CHARS, 0.5),
    ("inferred_year", lambda task: task.deadline_inferred, 0.9),
    ("only_stand_ins", lambda task: bool(task.units) and all(is_generic(u) for u in task.units), 0.85),
)
# Below this a task is shown as doubtful (kb tasks --doubtful, the app, the export's 置信度): every
# task not read from a label, a role phrase or a table column, and any with a sign of doubt. On
# our held-out notices the tasks above it were right far more often than those below.
DOUBTFUL_BELOW = 0.85


def source_of(task: Task) -> str:
    return task.owner_source.split(":", 1)[0]


def task_confidence(task: Task) -> float:
    confidence = SOURCE_CONFIDENCE.get(source_of(task), PRIOR)
    for _, applies, factor in PENALTIES:
        if applies(task):
            confidence *= factor
    return round(confidence, 2)
