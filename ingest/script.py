"""Traditional and simplified characters: OpenCC's t2s table, loaded once, one character for
one (the offsets of a folded text still point into the original)."""
from __future__ import annotations

import re
from functools import cache

# A mirror site's pinyin after characters it converted: 鄉(xiāng)鎮(zhèn), in either bracket width.
_PINYIN = "a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[{_PINYIN}]{{1,7}}[)）]")


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def t2s(text: str) -> str:
    """``text`` through OpenCC's t2s table (a few phrases change length: callers check)."""
    return _converter().convert(text)


def simplified(text: str) -> str:
    """A short text (a unit's name) in simplified characters, whatever it is written in; kept as
    it is where the table would change its length."""
    folded = t2s(text)
    return folded if len(folded) == len(text) else text


def one_for_one(text: str) -> str:
    """``text`` in simplified characters, one character for one: where a phrase of the table
    changes length, line by line and then character by character (offsets into the result
    point into ``text``)."""
    folded = t2s(text)
    if len(folded) == len(text):
        return folded
    return "\n".join(
        converted if len(converted := t2s(line)) == len(line)
        else "".join(c if len(c := t2s(ch)) == 1 else ch for ch in line)
        for line in text.split("\n"))


def written_form_table(folded: str, written: str) -> dict[int, str]:
    """Simplified character -> the one ``written`` uses for it, from a text and its fold (the
    two aligned one for one): turns words read from the fold back into the document's own."""
    return {ord(f): w for f, w in zip(folded, written) if f != w}


def reading_form(text: str) -> str:
    """How a text is read for search: simplified characters, without a copy's pinyin glosses
    (not one for one: for words, not for offsets)."""
    return PINYIN_GLOSS.sub("", one_for_one(text))
