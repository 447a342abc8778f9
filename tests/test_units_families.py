"""Units by family (ingest/units.py): a body named by its field alone in a list ending in 等部门
joins the family of its full names; a government or party committee without a place is a
placeholder, never a unit of its own. One test per table entry."""
import pytest

from ingest import units as U
from ingest.models import RawDocument
from ingest.pipeline import parse_raw
from kb.tables.tracking import unit_matcher

# a full name of the family, where the alias table has one
FULL_NAMES = {row[0]: f"县{row[1]}" for row in U.UNIT_TABLE}


@pytest.mark.parametrize("row", U.FIELD_FAMILY_TABLE, ids=lambda row: row[0])
def test_field_joins_its_family(row):
    fam, *fields = row
    for field in fields:
        assert U.family(field) == fam, field
        assert U.family(f"{field}等部门") == fam and U.family(f"{field}等有关部门") == fam
        assert U.family(f"县{field}部门") == fam and U.canonical(f"县{field}部门") == f"县{fam}"
        assert not U.is_placeholder(field)
    if fam in FULL_NAMES:  # the same family as the department's own names: 应急管理 and 县应急局
        assert U.family(FULL_NAMES[fam]) == fam


def test_fields_without_a_row_are_their_own_family():
    assert U.family("审计") == U.family("审计等部门") == "审计部门"
    assert U.canonical("审计") == "审计部门"


def test_every_field_family_row_names_fields_the_grammar_accepts():
    from ingest.bodies import FIELD_WORDS
    assert {name for row in U.FIELD_FAMILY_TABLE for name in row[1:]} <= FIELD_WORDS


@pytest.mark.parametrize("name", ["安全生产应急管理", "公安消防", "应急管理体系"])
def test_a_field_inside_other_words_is_no_body(name):
    assert U.family(name) == ""


def test_a_field_list_ending_in_deng_bumen_is_found_by_a_family_query():
    """The owners of "应急管理、发展改革…等部门联合研究制定…" are found by 应急局 and by 发改委."""
    text = ("某市安全生产若干举措\n\n一、源头管控\n"
            "1.严把项目审批关口。应急管理、发展改革、工业和信息化、行政审批等部门联合研究制定源头管控意见，"
            "把安全条件落实到各审批环节。\n")
    task = parse_raw(RawDocument(path="x.txt", fmt="txt", text=text)).tasks[0]
    owners = task.responsible_units
    assert owners and [U.family(unit) for unit in owners] == \
        ["应急管理部门", "发展改革部门", "工业和信息化部门", "行政审批部门"]
    assert any(unit_matcher("应急局")(unit) for unit in owners)
    assert any(unit_matcher("市发改委")(unit) for unit in owners) is False  # a place asks for that body only
    assert any(unit_matcher("发改委")(unit) for unit in owners)


# placeholders added for governments and committees that name no place
@pytest.mark.parametrize("unit", ["政府", "人民政府", "党委", "党委政府", "地方政府", "当地党委和政府",
                                  "县级以上人民政府", "设区的市级以上地方人民政府"])
def test_governments_without_a_place_are_placeholders(unit):
    assert U.is_placeholder(unit)


@pytest.mark.parametrize("unit", ["县政府", "某某市人民政府", "镇党委", "县委", "团县委"])
def test_governments_with_a_place_are_units(unit):
    assert not U.is_placeholder(unit)


def test_every_level_of_party_and_government_makes_no_unit():
    """各级党委、政府 is one stand-in written as two: neither part is a unit (no by-unit sheet)."""
    assert U.split_units("各级党委、政府") == ["各级党委", "政府"]
    assert all(U.is_placeholder(unit) for unit in U.split_units("各级党委、政府"))


def test_a_by_unit_export_makes_no_sheet_for_a_placeholder_and_names_a_field_by_its_family():
    from kb.base import unit_key
    sheet = unit_key(None)
    assert sheet("政府") == sheet("各级党委") == ""
    assert sheet("应急管理") == "应急管理部门" and sheet("发展改革等部门") == "发展改革部门"
