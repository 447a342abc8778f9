"""Which document a question names, when its title is missing (web excerpts of bench/gold/qa_probe4.jsonl):
a title of digits only (a file's stem "018", a title cut at its line break "《2023年") names nothing, so
"2018年…" does not name 018.txt."""
import pytest

from kb.answers.question import _short_titles


@pytest.mark.parametrize("title", ["018", "《2023年", "2019"])
def test_a_title_of_digits_names_no_document(title):
    assert _short_titles(title, "") == ()


def test_a_title_of_words_still_names_one():
    assert "甲市燃气管理条例" in _short_titles("甲市燃气管理条例", "")
