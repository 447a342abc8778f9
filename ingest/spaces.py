"""Which spaces in Chinese text mean nothing (``ingest.normalize`` deletes them) and which part
two things: conversions leave spaces between digits and Chinese, inside Chinese and around
full-width punctuation ("2021 年 12 月"), but a space also parts two names in a table cell (安监站
安监所), a field from the label after it in a run-on row ("…任务 责任单位:区建设局"), and a short title
from the body that acts ("联合巡查 县自然资源局会同…", "…：防范地质灾害 市国土资源房管局要…")."""
from __future__ import annotations

import re
from typing import Iterator

from ingest.bodies import is_public_body

_CJK = r"\u4e00-\u9fff"
_PUNCT_FW = "，。；：、！？“”（）《》〔〕【】"
INNER_SPACE = re.compile(
    rf"(?<=[0-9{_CJK}{_PUNCT_FW}%])(?<![章节条])[ \u3000\xa0]+(?=[0-9{_CJK}{_PUNCT_FW}%])"
    rf"|(?<=[（(])[ \u3000\xa0]+|[ \u3000\xa0]+(?=[）)])"
    rf"|(?<=[{_CJK}])[ \u3000\xa0]+(?=\()|(?<=\))[ \u3000\xa0]+(?=[{_CJK}])"
    r"|(?<=[章节条] )[ \t\xa0]+"  # "第二章  安全责任" -> one space
)
BRACKETS = "（()）"
NAMES_CELL_MAX = 40
LABEL_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}(?:单位|部门|时限|时间|任务|要求|职责|措施|内容|目标)[：:]")
# a body opening a clause with its duty (县自然资源局会同…, 市国土资源房管局要…)
BODY_THEN_DUTY = re.compile(r"([\u4e00-\u9fff]{2,30}?(?:局|委|办|府|厅|队|中心|政府))(?=要|负责|牵头|会同|应|须|[，,])")
TITLE_MAX = 12
TITLE_BEFORE = re.compile(rf"[\u4e00-\u9fff]{{1,{TITLE_MAX}}}$")  # the words before the space, back to a mark


def _names_cell(line: str) -> bool:
    names = line.split()
    return len(names) >= 2 and len(line) <= NAMES_CELL_MAX and all(map(is_public_body, names))


def parts_fields(line: str, a: int, b: int) -> bool:
    """Does the space line[a:b] between Chinese part a field from a label or a title from a body?"""
    if not a or not "\u4e00" <= line[a - 1] <= "\u9fff":
        return False
    if LABEL_AFTER.match(line, b):
        return True
    body = BODY_THEN_DUTY.match(line, b)
    if not body or not is_public_body(body.group(1)):
        return False
    title = TITLE_BEFORE.search(line, max(0, a - TITLE_MAX), a)  # a bounded look back: a line may be 10 MB
    return bool(title) and not is_public_body(title.group())


def meaningless_spaces(text: str) -> Iterator[tuple[int, int]]:
    """INNER_SPACE spans but those that part fields; in a delimited table row a space between two
    names parts them (安监站 安监所) and is kept, unless it stands next to a bracket (市安委办 (专班办公室))."""
    start = 0
    for line in text.split("\n"):
        in_row = None  # asked at the line's first inner space; the spans stream (a line may be 10 MB)
        for m in INNER_SPACE.finditer(line):
            if in_row is None:
                # a row's cells, or a cell of names one per line ("党政办 应消站"): the space parts them
                in_row = "|" in line or "\t" in line or _names_cell(line)
            a, b = m.span()
            if not parts_fields(line, a, b) and \
                    (not in_row or (a and line[a - 1] in BRACKETS) or (b < len(line) and line[b] in BRACKETS)):
                yield start + a, start + b
        start += len(line) + 1
