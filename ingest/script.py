"""Traditional and simplified characters: OpenCC's t2s table, loaded once, one character for
one (the offsets of a folded text still point into the original)."""
from __future__ import annotations

from functools import cache


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
