"""The words every layer shares, defined once: task roles and their Chinese labels, the keys
of a task row, the kinds of indexed entries and of documents, and the search modes.

It lives in ``ingest`` because ``ingest`` is the bottom layer (it produces the tasks); ``kb``,
the CLI and the app take these names from here (the CLI and the app through ``kb.vocab``).
``index`` is vocabulary-free: it knows keys, ids and text.
"""
from __future__ import annotations

# Owner roles of a task, in the order they are listed everywhere (tables, exports, answers).
ROLES = ("lead", "co", "responsible")
# Short labels (columns, chips, the 角色 column of a unit's list) and unit labels (answers).
ROLE_LABELS = {"lead": "牵头", "co": "配合", "responsible": "责任"}
ROLE_UNIT_LABELS = {"lead": "牵头单位", "co": "配合单位", "responsible": "责任单位"}
# The Task field that holds each role's units.
ROLE_FIELDS = {"lead": "lead_units", "co": "co_units", "responsible": "responsible_units"}
# What a user may type for a role (CLI, app, Python API).
ROLE_NAMES = {**{role: role for role in ROLES}, **{label: role for role, label in ROLE_LABELS.items()},
              "负责": "responsible"}

# A task as one flat row: the jsonl line, the xlsx/csv source, `kb tasks --json`.
TASK_ROW_KEYS = ("doc_file", "doc_title", "doc_number", "issuer", "doc_date", "section", "title",
                 "text", "lead_units", "co_units", "responsible_units", "deadline",
                 "deadline_norm", "metrics", "deadline_inferred", "owner_source", "confidence",
                 # where it is (the key a corrected row is matched by) and what a person made of it
                 "doc_id", "start", "end", "review", "reviewed_by", "reviewed_at")
LIST_KEYS = frozenset({"lead_units", "co_units", "responsible_units", "metrics"})
BOOL_KEYS = frozenset({"deadline_inferred"})
NUMBER_KEYS = frozenset({"confidence"})
INT_KEYS = frozenset({"start", "end"})

# What a person made of a task (kb.store.reviews), as the 核对 column says it.
REVIEW_LABELS = {"": "未核对", "confirmed": "已核对", "edited": "已修改", "added": "已修改（补充）",
                 "stale": "待重新核对"}

# What the indexes hold, and how the app names them.
ENTRY_KINDS = {"passage": "段落", "task": "任务"}
# What a document is (it decides which extraction rules apply).
DOCUMENT_KINDS = {"notice": "通知", "regulation": "法规"}
# Where a document's text came from (OCR text is shown as such, so users check it against the scan).
TEXT_SOURCES = {"text": "文字", "ocr": "OCR 识别", "mixed": "部分页 OCR 识别"}
# How search ranks: keyword and vector legs fused, or one of them alone.
SEARCH_MODES = {"hybrid": "混合", "keyword": "关键词", "vector": "语义"}


def role_name(name: str) -> str | None:
    """"lead", "牵头" -> "lead"; None for anything else."""
    return ROLE_NAMES.get(name.strip())

# What a document calls itself: the word its title ends with (a bracketed note such as （试行）
# aside) -> the kind shown. Longer words first, so 实施方案 is not read as 方案 by accident.
TITLE_KINDS = (
    ("实施方案", "方案"), ("工作方案", "方案"), ("方案", "方案"), ("工作要点", "要点"), ("要点", "要点"),
    ("规划", "规划"), ("举措", "举措"), ("措施", "措施"), ("意见", "意见"), ("条例", "条例"),
    ("办法", "办法"), ("细则", "细则"), ("规定", "规定"), ("决定", "决定"), ("计划", "计划"),
    ("纲要", "纲要"), ("通知", "通知"), ("通报", "通报"), ("函", "函"), ("法", "法律"),
)
# Shown where a document's kind or a piece of its metadata was not found.
NOT_FOUND_LABEL = "未识别"
