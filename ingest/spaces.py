"""Which spaces in Chinese text mean nothing (``ingest.normalize`` deletes them) and which part
two things: conversions leave spaces between digits and Chinese, inside Chinese and around
full-width punctuation ("2021 年 12 月"), but a space also parts two names in a table cell (安监站
安监所), a field from the label after it in a run-on row ("…任务 责任单位:区建设局"), and a short title
from the body that acts ("联合巡查 县自然资源局会同…", "…：防范地质灾害 市国土资源房管局要…"), and a unit
from its duty where a two-column table was left one row per line ("市财政局 综合协调救援资金的保障")."""
from __future__ import annotations

import re
from typing import Iterator

from ingest.bodies import accept_list, is_public_body
from ingest.units import split_units

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
# a body opening a clause with its duty (县自然资源局会同…, 市国土资源房管局要…, 区建设局：负责…, 各县（市、区）人民政府要…)
BODY_THEN_DUTY = re.compile(r"((?:[\u4e00-\u9fff]|[（(][\u4e00-\u9fff、]{1,8}[）)]){2,30}?(?:局|委|办|府|厅|队|中心|政府|办公室|小组|站|所))(?=要|负责|牵头|会同|应|须|[，,：:])")
TITLE_MAX = 12
TITLE_BEFORE = re.compile(rf"[\u4e00-\u9fff]{{1,{TITLE_MAX}}}$")  # the words before the space, back to a mark


# an item marker a unit-column row may open with (3. / （三） / 三、 / a row number: 14 市交通运输局)
ROW_MARKER = re.compile(r"\s*(?:\d{1,3}[.、．]|\d{1,3}\s*(?=[省市县区镇乡])|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?\s*")
UNITS_CELL_MAX = 40
# an issuer before its document's title is no unit before its duty (…办公厅 关于印发…的通知)
TITLE_AFTER_ISSUER = re.compile(r"关于|[^\n]*的(?:通知|意见|决定|函|批复|公告|通报)\s*$")


def _unit_column(line: str, a: int, b: int) -> bool:
    """Is line[:a] (after an item marker) a cell of bodies and line[b:] the words of their duty?"""
    head = ROW_MARKER.match(line).end()
    if not 2 <= a - head <= UNITS_CELL_MAX or b >= len(line) or not "\u4e00" <= line[b] <= "\u9fff" \
            or re.search(r"[\s，,。；;：:]", line[head:a]) or TITLE_AFTER_ISSUER.match(line, b):
        return False
    names = split_units(line[head:a])
    return bool(names) and accept_list(names)


def _names_cell(line: str) -> bool:
    names = line.split()
    return len(names) >= 2 and len(line) <= NAMES_CELL_MAX and all(map(is_public_body, names))


def parts_fields(line: str, a: int, b: int) -> bool:
    """Does the space line[a:b] between Chinese part a field from a label or a title from a body?"""
    if not a or not "\u4e00" <= line[a - 1] <= "\u9fff":
        return False
    if LABEL_AFTER.match(line, b) or _unit_column(line, a, b):
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
