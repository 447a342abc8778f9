"""Unit names: splitting a list of units as written, canonical names, level-free families.

The alias table is data: a row per department with the ways notices abbreviate it.
A unit as written is ``place + core`` (市 + 应急局, 济南市 + 消防救援支队, 街道 + 安委会办公室);
the core is looked up in the table, the place is kept, so 市应急局 and 市应急管理局 share a
canonical name and 市应急局 and 县应急局 share a family (应急管理部门).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ingest.bodies import FIELD_WORDS, LIST_END_OF_FIELDS, accept_list, is_public_body, strip_remarks
from ingest.script import simplified

# One row per department: (level-free family, canonical core, *other spellings).
# The canonical core is the full official form; rows sharing a family are different bodies
# of the same line of work (支队 at city level, 大队 at county level).
UNIT_TABLE: tuple[tuple[str, ...], ...] = (
    ("应急管理部门", "应急管理局", "应急局", "应急管理厅"),
    ("应急管理部门", "应急办", "应急管理办公室"),
    ("市场监管部门", "市场监督管理局", "市场监管局"),
    ("住房城乡建设部门", "住房和城乡建设局", "住房城乡建设局", "住建局"),
    ("住房城乡建设部门", "住房和城乡建设委员会", "住房城乡建设委", "住建委"),
    ("发展改革部门", "发展和改革委员会", "发展改革委", "发改委"),
    ("发展改革部门", "发展和改革局", "发展改革局", "发改局"),
    ("工业和信息化部门", "工业和信息化局", "工信局"),
    ("工业和信息化部门", "经济和信息化局", "经信局"),
    ("公安机关", "公安局"),
    ("公安机关", "公安分局"),
    ("公安交通管理部门", "交警支队", "公安局交通警察支队"),
    ("公安交通管理部门", "交警大队", "公安交警大队", "公安局交通警察大队"),
    ("交通运输部门", "交通运输局", "交通局"),
    ("消防救援机构", "消防救援支队", "消防支队"),
    ("消防救援机构", "消防救援大队", "消防大队"),
    ("人力资源社会保障部门", "人力资源和社会保障局", "人力资源社会保障局", "人社局"),
    ("自然资源部门", "自然资源和规划局", "自然资源规划局"),
    ("自然资源部门", "自然资源局"),
    ("卫生健康部门", "卫生健康委员会", "卫生健康委", "卫健委"),
    ("卫生健康部门", "卫生健康局", "卫健局"),
    ("教育部门", "教育局"),
    ("教育部门", "教育和体育局", "教体局"),
    ("文化和旅游部门", "文化和旅游局", "文化旅游局", "文旅局"),
    ("城市管理部门", "城市管理局", "城管局"),
    ("城市管理部门", "综合行政执法局", "城市管理和综合执法局"),
    ("农业农村部门", "农业农村局"),
    ("水行政部门", "水利局"),
    ("水行政部门", "水务局"),
    ("商务部门", "商务局"),
    ("民政部门", "民政局"),
    ("财政部门", "财政局"),
    ("科技部门", "科学技术局", "科技局"),
    ("生态环境部门", "生态环境局"),
    ("行政审批部门", "行政审批服务局", "行政审批局"),
    ("大数据部门", "大数据局"),
    ("地方金融监管部门", "地方金融监督管理局", "地方金融监管局", "金融局"),
    ("司法行政部门", "司法局"),
    ("安委会办公室", "安全生产委员会办公室", "安委会办公室", "安委办"),
    ("安委会", "安全生产委员会", "安委会"),
    ("宣传部门", "委宣传部"),
    ("组织部门", "委组织部"),
    ("机构编制部门", "委编办", "委机构编制委员会办公室"),
    ("纪检监察机关", "纪委监委机关", "纪委监委"),
    ("人民政府", "人民政府", "政府"),
)
FAMILIES = frozenset(row[0] for row in UNIT_TABLE)

# A body named by its field of work alone, as lists ending in 等部门 name them (应急管理、发展改革、
# 行政审批等部门 — the only place ingest.bodies accepts a bare field as an owner): one row per
# family, (family, *fields). The family is the one its full names have (应急管理 and 应急局 are
# one family); a field not listed here is the family "<field>部门" (审计 -> 审计部门).
FIELD_FAMILY_TABLE: tuple[tuple[str, ...], ...] = (
    ("应急管理部门", "应急管理", "应急", "安监", "安全监管"),
    ("市场监管部门", "市场监管", "市场监督管理", "工商", "质监", "质量技术监督", "食药监"),
    ("住房城乡建设部门", "住房城乡建设", "住房和城乡建设", "住建", "城建", "建设", "住房", "房管"),
    ("发展改革部门", "发展改革", "发改", "物价"),
    ("工业和信息化部门", "工业和信息化", "工信", "经信", "经济和信息化"),
    ("公安机关", "公安"),
    ("公安交通管理部门", "公安交警", "交警"),
    ("交通运输部门", "交通运输", "交通"),
    ("消防救援机构", "消防救援", "消防"),
    ("人力资源社会保障部门", "人力资源社会保障", "人力资源和社会保障", "人社"),
    ("自然资源部门", "自然资源", "自然资源和规划", "国土", "规划"),
    ("卫生健康部门", "卫生健康", "卫健", "卫生", "计生"),
    ("教育部门", "教育", "教体"),
    ("文化和旅游部门", "文化和旅游", "文旅", "文化", "旅游"),
    ("城市管理部门", "城市管理", "城管", "综合执法", "综合行政执法"),
    ("农业农村部门", "农业农村", "农业"),
    ("水行政部门", "水利", "水务"),
    ("科技部门", "科技", "科学技术"),
    ("生态环境部门", "生态环境", "环保"),
    ("行政审批部门", "行政审批", "政务服务"),
    ("大数据部门", "大数据", "数据"),
    ("地方金融监管部门", "地方金融", "金融"),
    ("司法行政部门", "司法", "司法行政"),
    ("机构编制部门", "机构编制", "编制"),
)
_FIELD_TO_FAMILY = {name: row[0] for row in FIELD_FAMILY_TABLE for name in row[1:]}
# place + field (+ 部门): 应急管理, 县应急管理部门; the place is a level alone or a named one
FIELD_UNIT = re.compile(
    r"^(?P<place>(?:[\u4e00-\u9fff]{0,6}?(?:省|自治区|市|县|区|街道|镇|乡))?)"
    r"(?P<field>" + "|".join(sorted(FIELD_WORDS, key=len, reverse=True)) + r")(?:部门)?$")

# A unit list item may end with a vague tail: "市市场监管局等有关部门单位" -> 市市场监管局.
VAGUE_TAIL = re.compile(r"等(?:有关|相关)?(?:部门|单位|部门单位|部门和单位|部门（单位）)?$")
# Places a unit name may start with: administrative levels, possibly after a place name.
LEVELS = ("省", "市", "县", "区", "街道", "镇", "乡")
LEVEL_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?)(省|自治区|市|县|区|街道|镇|乡)")
LIST_SEPARATORS = "、，,；;／/"
LIST_BULLETS = "●★◆■▲☆○◎•※√➢►◇□△▶✔❖"  # marks opening a list line ("●县应急局：…"), never part of a name
OPENING, CLOSING = "（(〈<《【[〔", "）)〉>》】]〕"
# "和" inside a department's own name (市工业和信息化局), not between two units.
COMPOUND_WITH_AND = tuple(sorted({part for row in UNIT_TABLE for part in row[1:] if "和" in part}
                                 | {"工业和信息化", "文化和旅游", "住房和城乡建设", "人力资源和社会保障",
                                    "发展和改革", "经济和信息化", "自然资源和规划", "教育和体育",
                                    "城市管理和综合执法", "科技和工业信息化", "商务和投资促进"}))
# a bare word that only finishes the unit before it: 各有关部门和单位 is one unit
NOT_A_SECOND_UNIT = re.compile(r"^(?:单位|部门|机构|组织|个人|企业)$")

# Owners that name no particular body: every/related departments, member units, towns. They
# stay in the task as written but are never counted, charted or picked as a unit.
PLACEHOLDER_UNITS = (
    re.compile(r"^各"),  # 各有关部门, 各镇街, 各级党委, 各县（区）人民政府
    re.compile(r"^(?:有关|相关|其他|其它)"),  # 有关主管部门, 相关部门
    re.compile(r"(?:有关|相关)(?:部门|单位)"),  # 负有安全监管职责的有关部门, 市直相关单位
    re.compile(r"成员单位$"),  # 有关成员单位, 县安委会有关成员单位, 安委会成员单位
    re.compile(r"(?:牵头|责任|配合|主管|监管)部门$"),  # 牵头部门, 行业主管部门, 属地行业监管部门
    re.compile(r"^(?:[省市县区]直)?(?:责任单位|属地政府|属地)$"),
    # a government or party committee with no place: 各级党委、政府 leaves 政府 standing alone
    re.compile(r"^(?:地方|当地|本级|同级)?(?:党委|政府|人民政府|党委政府|党委和政府|党政)$"),
    re.compile(r"级以上"),  # 县级以上人民政府, 设区的市级以上地方人民政府: every level above
)


def is_placeholder(unit: str) -> bool:
    """各有关部门, 有关成员单位, 各镇街…: a kind of owner, not a unit one can look up."""
    name = strip_vague_tail(unit.strip())  # 县应急局等有关部门 names 县应急局
    return not name or any(pattern.search(name) for pattern in PLACEHOLDER_UNITS)


_ALIAS_TO_CORE: dict[str, tuple[str, str]] = {
    alias: (row[1], row[0]) for row in UNIT_TABLE for alias in row[1:]
}
_ALIASES_LONGEST_FIRST = sorted(_ALIAS_TO_CORE, key=len, reverse=True)


# an article's number (and its bracketed caption) run into the subject it opens with: "第五条市、县爱卫会应…"
ARTICLE_LABEL = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]{1,5}条(?:[（(][\u4e00-\u9fff]{1,10}[）)])?")


def split_units(text: str) -> list[str]:
    """Split a written list of units; keep each name as written. Separators inside brackets
    do not split (各镇（街道、开发区） is one name); a bracket that only comments on the name
    (〈含开发区，下同〉) is dropped."""
    parts, depth, current = [], 0, []
    for ch in ARTICLE_LABEL.sub("", text, count=1):
        if ch in OPENING:
            depth += 1
        elif ch in CLOSING:
            depth = max(0, depth - 1)
        if depth == 0 and ch in LIST_SEPARATORS:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    parts = _join_elided_levels(parts)
    units: list[str] = []
    for part in parts:
        part = strip_remarks(part).strip(" \t\n\u3000。.：:" + LIST_BULLETS)
        part = ASSIGNED_AS.sub("", part)
        # a name never runs over a line: what stands before its line is a heading's or a
        # sentence's end ("消防安全领域\n镇应急办牵头")
        units.extend(_split_on_and(part.rsplit("\n", 1)[-1]))
    return list(dict.fromkeys(u for u in units if u))  # (A或者A会同B: A once)


# What a body is called for the stretch it looks after, before its name: "（陈家坝沿线）包片单位县气象局" is 县气象局.
ASSIGNED_AS = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:包片|包保|挂包|包联|挂钩|联系|帮扶|结对)单位(?=[省市县区乡镇])")


# Levels written alone before the body they share: 省、中直负有安全监管职责的部门 is one unit.
ELIDED_LEVEL = re.compile(r"^(?:(?:各?(?:省|市|县|区|乡|镇|县区|区县|市县|县市区|[省市]和[市区县])|各乡镇)(?:[（(][市县区乡镇街道州旗特、]{1,8}[）)])?"
                          r"|中直|省直|市直|县直|区直|省(?:（|\()中(?:）|\))直)$")  # 各县（市、区）、乡（镇）政府


TRAILING_BRACKET = re.compile(r"[（(][^（）()]*[）)]$")
BARE_LEVEL = re.compile(r"街道|乡|镇|乡镇|村|社区|园区|开发区")
SIBLING_LEVEL = re.compile(r"^(?:街道|乡|镇|村|社区|园区|开发区|[县区市](?:人民)?政府|[县区市]$)")  # 各镇、街道… / 各县、区政府 / 各县(市)、区


# A level written alone after 和 before the level list it opens: "街道办事处和乡、镇人民政府" is 街道办事处 and 乡、镇人民政府.
LEVEL_AFTER_AND = re.compile(r"^(?P<before>.{2,}?)(?:和|及|以及)(?P<level>[省市县区乡镇])$")


def _join_elided_levels(parts: list[str]) -> list[str]:
    joined: list[str] = []
    for part in parts:
        opened = LEVEL_AFTER_AND.match(joined[-1]) if joined else None
        if opened and re.match(r"[省市县区乡镇]", part.strip()):
            joined[-1:] = [opened.group("before"), opened.group("level")]
        levels = re.split(r"、(?![^（(]*[）)])", joined[-1]) if joined else []  # not the 、 in 县（市、区）
        if levels and all(ELIDED_LEVEL.match(level.strip()) for level in levels) and not part.strip().startswith("各") \
                and (not levels[0].strip().startswith("各") or SIBLING_LEVEL.match(part.strip())) \
                and not BARE_LEVEL.fullmatch(TRAILING_BRACKET.sub("", part.strip())):  # (乡镇（农场）: a level as well)
            # 各镇、街道运行中心 is one stand-in as written; 各镇、各街道, 各乡、镇、街道 (nothing shared after the
            # last) and 各乡镇、县直各部门 are several
            joined[-1] = f"{joined[-1]}、{part}"
        else:
            joined.append(part)
    return joined


# Two collectives written together without a separator: 各部门各单位 is 各部门 and 各单位.
RUN_TOGETHER_COLLECTIVES = re.compile(r"(各(?:有关|相关)?(?:部门|单位))(各(?:有关|相关)?(?:部门|单位))")


def _split_on_and(text: str) -> list[str]:
    """Split "A和B" / "A及B" / "A与B" / "A或B" only where A and B are both units (市工业和信息化局 is one
    unit, 县文化和旅游局和县综合行政执法局 two, 财政和医保部门 the fields 财政 and 医保部门)."""
    if pair := RUN_TOGETHER_COLLECTIVES.fullmatch(text):
        return [pair.group(1), pair.group(2)]
    # (县政府及其有关部门: 其 is the government's; 由县安委办或县住建局发出: either does it)
    for m in re.finditer(r"(?:以及|或者|[和及与或])(?:其(?![他它余中]))?", text):
        left, right = text[: m.start()], text[m.end():]
        if _inside_compound(text, m.start()) or NOT_A_SECOND_UNIT.match(right) or len(right) < 2:
            continue
        if is_public_body(left) and is_public_body(right):
            return [left, *_split_on_and(right)]
        if m.group().startswith("或"):
            continue  # (教育或劳动部门: one of two fields' departments, written as one)
        if not is_public_body(left) and len(left) <= 6 and LIST_END_OF_FIELDS.search(right) \
                and accept_list([left, right]):  # 财政和医保部门: two fields of work
            return [left, *_split_on_and(right)]
    return [text]


def _inside_compound(text: str, at: int) -> bool:
    for compound in COMPOUND_WITH_AND:
        offset = compound.index("和")
        if text[at - offset: at - offset + len(compound)] == compound:
            return True
    return False


def strip_vague_tail(unit: str) -> str:
    stripped = VAGUE_TAIL.sub("", unit)
    return stripped if len(stripped) >= 2 else unit


@lru_cache(maxsize=8192)
def parse_unit(unit: str) -> tuple[str, str, str]:
    """unit as written -> (place, canonical core, family); core/family "" when unknown. Names
    written in traditional characters are keyed in simplified ones (縣應急局 is 县应急管理局)."""
    name = strip_vague_tail(simplified(unit.strip()))
    for alias in _ALIASES_LONGEST_FIRST:
        if name.endswith(alias):
            core, fam = _ALIAS_TO_CORE[alias]
            return name[: -len(alias)], core, fam
    field = FIELD_UNIT.match(name)
    if field:  # a body by its field alone: its core is the family's name (应急管理 -> 应急管理部门)
        fam = _FIELD_TO_FAMILY.get(field["field"], field["field"] + "部门")
        return field["place"], fam, fam
    return name, "", ""


def canonical(unit: str) -> str:
    place, core, _ = parse_unit(unit)
    return place + core


def family(unit: str) -> str:
    return parse_unit(unit)[2]


def has_place(unit: str) -> bool:
    place, core, _ = parse_unit(unit)
    return bool(core and place)


def query_keys(query: str) -> set[str]:
    """Keys a unit query should match in the store (canonical names or families):
    "应急局" (no place) -> its family, so every level matches; "市应急局" -> 市应急管理局 only."""
    q = query.strip()
    if q in FAMILIES:
        return {q}
    place, core, fam = parse_unit(q)
    if not core:
        return {place}
    return {place + core} if place else {fam}


def all_names() -> list[str]:
    """Every alias and family name."""
    return sorted(set(_ALIAS_TO_CORE) | FAMILIES)


# Level prefixes that make a unit name one word for a tokenizer: 市消防救援支队, 县应急局.
DICTIONARY_LEVELS = ("省", "市", "县", "区")


def dictionary_words() -> list[str]:
    """Unit names a tokenizer should keep whole: every alias and family, alone and after a level."""
    names = all_names()
    return [*names, *(level + name for level in DICTIONARY_LEVELS for name in names)]
