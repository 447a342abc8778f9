"""A place an English question names in pinyin, routed as its Chinese twin's place is: "Junping
town", "Juye county", "the Fuying night inspection" name the documents whose text writes 均坪镇,
巨野县, 福应街道, when only a few do (a Chinese question's 均坪镇 is looked up in the texts the same
way: kb/answers/question.py, QUESTION_PLACE). The places of every text are read once per change of
the KB, and only for such a question."""
from __future__ import annotations

import re

from ingest.models import Document
from kb.answers import rules as R
from kb.answers.translate import STOP, kept_for_good, reverse_dictionary
from kb.indexes.reader import Indexes

# A place in a text: two or three characters before its level (a 2-character name first).
PLACE_LEVEL = re.compile(r"街道|镇|乡|县|区|市")
NAME_CHARS = (2, 3)
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
NOT_IN_PLACE_NAME = set("各全本我该在到和与及的对为乡城镇县区市省有相关等级")
PLACE_IN_TEXT_MAX_DOCS = 3
PINYIN_APOSTROPHE = re.compile(r"(?<=[a-zA-Z])['’](?=[aeo])")  # between the syllables of a place's pinyin
# A place an English question names with its level: "Juye county", "Fuying sub-district's".
ENGLISH_PLACE = re.compile(r"\b([a-z]{4,})(?:'s)?\s+(?:town|township|sub-?district|subdistrict|village|county|district"
                           r"|city)\b")
# ... or by its name alone, capitalised ("the Fuying night inspection"): pinyin syllables, a word no English gloss holds.
CAPITALISED = re.compile(r"\b([A-Z][a-z]{3,})(?:'s)?\b")
PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an"
                    r"|en|er|in|un|ia|ie|iu|ua|uo|ue|ui|a|o|e|i|u|v))+")  # spelled as syllables ("brigade" is not)


def asked_places(text: str) -> list[str]:
    """The pinyin of the places an English question names, those with their level first."""
    text = PINYIN_APOSTROPHE.sub("", text)  # Tai'an is taian
    with_level = [m.group(1) for m in ENGLISH_PLACE.finditer(text.lower())]
    glosses = reverse_dictionary()
    bare = [word.lower() for word in CAPITALISED.findall(text)
            if PINYIN.fullmatch(word.lower()) and word.lower() not in glosses and word.lower() not in STOP]
    return list(dict.fromkeys([*with_level, *bare]))


def by_place_in_pinyin(indexes: Indexes, text: str) -> list[Document]:
    """The documents whose text writes a place of the pinyin the question names, when at most
    PLACE_IN_TEXT_MAX_DOCS do."""
    asked = asked_places(text)
    if not asked:
        return []
    places = indexes.memo("places_by_pinyin", lambda: places_by_pinyin(indexes))
    docs = indexes.documents()
    for name in asked:
        holding = sorted({d for place in places.get(name, ()) for d in indexes.store.documents_holding(place)})
        if 0 < len(holding) <= PLACE_IN_TEXT_MAX_DOCS:
            return [docs[d] for d in holding if d in docs]
    return []


def places_in(text: str) -> set[str]:
    """The places a text writes with their level (巨野县, 福应街道, 龙家圈街道), as written."""
    found = set()
    for m in PLACE_LEVEL.finditer(text):
        for n in NAME_CHARS:
            name = text[max(0, m.start() - n):m.start()]
            if len(name) == n and CJK.match(name) and not NOT_IN_PLACE_NAME & set(name) \
                    and not R.NOT_A_PLACE.search(name):
                found.add(name + m.group())
    return found


def places_by_pinyin(indexes: Indexes) -> dict[str, set[str]]:
    """Pinyin of a place's name (juye) → the places of the KB's texts written so (巨野县)."""
    from pypinyin import lazy_pinyin

    kept_for_good(lazy_pinyin)  # (its phrase table, loaded on import)
    places = {place for doc_id in indexes.documents() for place in places_in(indexes.store.get_document(doc_id).text)}
    by_pinyin: dict[str, set[str]] = {}
    for place in places:
        name = place[:-2] if place.endswith("街道") else place[:-1]
        by_pinyin.setdefault("".join(lazy_pinyin(name)), set()).add(place)
    return by_pinyin
