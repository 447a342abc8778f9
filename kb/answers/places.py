"""A place an English question names in pinyin, routed as its Chinese twin's place is: "Junping
town", "Juye county", "the Fuying night inspection" name the documents whose text writes 均坪镇,
巨野县, 福应街道, when only a few do (a Chinese question's 均坪镇 is looked up in the texts the same
way, ``by_place_in_text``: a place and its level whole words of the question, no 改动市 in 改动市政). The places of every text are read once per change of
the KB, and only for such a question. A place has an English name of its own too (Erenhot is 二连浩特, Hulunbuir
呼伦贝尔, Amoy 厦门, Xinjiang 新疆 though the dictionary glosses it): the bilingual dictionary's place entries give them
(``place_names``), read by the rules below."""
from __future__ import annotations

import gzip
import re
from functools import lru_cache

from ingest.models import Document
from kb.answers import rules as R
from kb.answers.translate import ENTRY, STOP, kept_for_good, parsed_once, reverse_dictionary
from kb.indexes.reader import Indexes

# A place in a text: two or three characters before its level (a 2-character name first).
PLACE_LEVEL = re.compile(r"街道|镇|乡|县|区|市")
NAME_CHARS = (2, 3)
# A county's name may be one character (沛县, 睢县), romanised with its level as one word ("Peixian", "Suixian"); a
# character of that place is not one saying which county ("邻县", "每县", "两县").
ONE_CHARACTER_LEVEL = "县"
NOT_ONE_CHARACTER_NAME = set("每一二两三此邻外其原旧新分大小同属某该本全各我乡城镇区市县省州")
CJK = re.compile(r"^[\u4e00-\u9fff]+$")
# A place a Chinese question names with its level (均坪镇, 清流县), when no document's title, issuer or
# tagged places hold it: the documents whose text writes it, if only a few do (a town named once
# in an untitled excerpt). The name holds none of the characters of general words (各区县, 全市).
QUESTION_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}?)(?:街道|镇|乡|县|区|市)")
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

# The dictionary's place entries: a proper noun (its pinyin capitalised) whose headword ends with a level, or one of
# whose senses says what kind of place it is ("Hulunbuir prefecture-level city in Inner Mongolia", "Uighur Autonomous
# Region"). Its English names open those senses (or are a sense by themselves: "/Xinjiang/", "/Canton/"): one or two
# capitalised words (a choice of two: "Xiamen or Amoy"), then the end of the sense, a comma, a bracket, "in"/"of", or
# the kind of place ("Erenhot City in …", "Guangdong province (…)", "Ordos, region of …"), not a longer name that only
# starts with one ("Beijing Capital International Airport"), nor a sense of another kind ("China (a name for China
# used by …)" of 唐山), nor a common word that other entries gloss ("old", "north", "peace": a word of the question, not a place).
PLACE_HEADWORD = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:市|县|区|省|盟|旗|州|镇|乡)$")
_KINDS = r"city|county|prefecture|province|district|autonomous region|region|league|banner|town|township|municipality"
PLACE_SENSE = re.compile(rf"\b(?:{_KINDS}|municipalities|capital)\b", re.I)
_WORD = r"[A-ZÜ][A-Za-zü'’-]+"
_NAME = rf"{_WORD}(?: (?!(?i:{_KINDS}|autonomous)\b){_WORD})?"
ENGLISH_PLACE_NAME = re.compile(
    rf"^(?P<names>{_NAME}(?: or {_NAME})?)(?P<kind> (?i:{_KINDS})\b)?"
    rf"(?=$|[,;(]| \(| (?:in|of)\b| [\u4e00-\u9fff]| (?:[a-z-]+[ -]){{0,2}}(?:{_KINDS}|capital|provincial)\b)")
LEVEL_END = re.compile(r"(?:自治区|自治州|自治县|市|县|区|省|盟|旗|州|镇|乡)$")  # 内蒙古自治区 → 内蒙古


@lru_cache(maxsize=1)
def place_names() -> dict[str, dict[str, list[str]]]:
    """{"en": English name (lower case) → the Chinese places, "zh": Chinese place (and without its level) → its
    English names}, from the bilingual dictionary (read once; kept in the user's cache folder)."""
    return parsed_once("cedict-places", _parse_places, PLACE_HEADWORD.pattern, PLACE_SENSE.pattern,
                       ENGLISH_PLACE_NAME.pattern, LEVEL_END.pattern)


def _parse_places(data: bytes) -> dict[str, dict[str, list[str]]]:
    english: dict[str, list[str]] = {}
    chinese: dict[str, list[str]] = {}
    places, other_senses = [], set()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        m = ENTRY.match(line)
        if not m:
            continue
        word, senses = m.group(2), m.group(3).split("/")
        if m.group(0).split("[", 1)[1][:1].isupper() and \
                (PLACE_HEADWORD.match(word) or any(PLACE_SENSE.search(sense) for sense in senses)):
            places.append((word, senses))
        else:
            other_senses.update(plain.lower() for sense in senses  # a common word's sense ("old"), not a name
                                if (plain := re.sub(r"\([^)]*\)|\[[^\]]*\]", "", sense).strip())[:1].islower())
    for word, senses in places:
        names = [n.lower() for sense in map(str.strip, senses) if (found := ENGLISH_PLACE_NAME.match(sense))
                 and (found.end() == len(sense) or PLACE_SENSE.search(sense)) for n in found.group("names").split(" or ")]
        for name in dict.fromkeys(n for n in names if n not in other_senses):
            for form in dict.fromkeys((word, LEVEL_END.sub("", word))):
                if len(form) >= 2:
                    english.setdefault(name, []).append(form)
                    chinese.setdefault(form, []).append(name)
    return {"en": {en: list(dict.fromkeys(zh)) for en, zh in english.items()},
            "zh": {zh: list(dict.fromkeys(en)) for zh, en in chinese.items()}}


def english_names(places) -> dict[str, list[str]]:
    """Chinese places → their English names the dictionary gives (厦门 → xiamen, amoy)."""
    table = place_names()["zh"]
    return {place: table.get(place, []) for place in places}


def chinese_places(text: str) -> list[str]:
    """The Chinese places an English question names by an English name of theirs ("Erenhot's …" → 二连浩特), the name
    without its level first."""
    table = place_names()["en"]
    found = []
    for m in re.finditer(rf"\b{_NAME}", text):
        words = m.group().split(" ")
        for name in (" ".join(words), *words[:1]):
            name = POSSESSIVE_END.sub("", name).lower()
            if name in table and name not in STOP:
                found += sorted(table[name], key=len)
                break
    return list(dict.fromkeys(found))


POSSESSIVE_END = re.compile(r"['’]s?$")


def asked_places(text: str) -> list[str]:
    """The pinyin of the places an English question names, those with their level first."""
    text = PINYIN_APOSTROPHE.sub("", text)  # Tai'an is taian
    with_level = [m.group(1) for m in ENGLISH_PLACE.finditer(text.lower())]
    glosses = reverse_dictionary()
    bare = [word.lower() for word in CAPITALISED.findall(text)
            if PINYIN.fullmatch(word.lower()) and word.lower() not in glosses and word.lower() not in STOP]
    return list(dict.fromkeys([*with_level, *bare]))


def word_spans(indexes: Indexes, lowered: str) -> list[tuple[int, int]]:
    """Where the question's words lie (jieba's cut)."""
    spans, pos = [], 0
    for word in indexes.tokenizer.words(lowered):
        at = lowered.find(word, pos)
        if at >= 0:
            spans.append((at, at + len(word)))
            pos = at + len(word)
    return spans


def by_place_in_text(indexes: Indexes, text: str) -> list[Document]:
    """The documents whose text writes the place the question names (QUESTION_PLACE), when at
    most PLACE_IN_TEXT_MAX_DOCS do; else, when no text writes it with its level, those writing its
    name without it ("南山县" asked of a report from "南山新闻网讯…我县召开…")."""
    docs = indexes.documents()
    looked_up = indexes.memo("documents_holding", dict)  # a scan of every text: once a word per change
    # a place and its level are whole words: no place 改动市 in 改动市政, nor 内报市 in 内报市安委办
    inside = {at for start, end in word_spans(indexes, text.lower()) for at in range(start + 1, end)}
    names = [m for m in QUESTION_PLACE.finditer(text)
             if not (NOT_IN_PLACE_NAME & set(m.group(1)) or R.NOT_A_PLACE.search(m.group(1)))
             and m.start() not in inside and m.end() not in inside]
    for written in ([m.group() for m in names], [m.group(1) for m in names]):
        for name in written:
            if name not in looked_up:
                looked_up[name] = indexes.store.documents_holding(name)
            holding = looked_up[name]
            if 0 < len(holding) <= PLACE_IN_TEXT_MAX_DOCS:
                return [docs[d] for d in holding if d in docs]
        if any(looked_up[name] for name in written):
            break  # written with its level, by too many: the bare name says no more
    return []


def by_place_in_pinyin(indexes: Indexes, text: str) -> list[Document]:
    """The documents whose text writes a place of the pinyin the question names, when at most
    PLACE_IN_TEXT_MAX_DOCS do."""
    docs = indexes.documents()
    for place in chinese_places(text):  # a place's English name ("Xinjiang", "Erenhot"): its Chinese, as written
        holding = indexes.store.documents_holding(place)
        if 0 < len(holding) <= PLACE_IN_TEXT_MAX_DOCS:
            return [docs[d] for d in holding if d in docs]
    asked = asked_places(text)
    if not asked:
        return []
    places = indexes.memo("places_by_pinyin", lambda: places_by_pinyin(indexes))
    for name in asked:
        holding = sorted({d for place in places.get(name, ()) for d in indexes.store.documents_holding(place)})
        if 0 < len(holding) <= PLACE_IN_TEXT_MAX_DOCS:
            return [docs[d] for d in holding if d in docs]
    return []


def places_in(text: str) -> set[str]:
    """The places a text writes with their level (巨野县, 福应街道, 龙家圈街道, 沛县 standing alone), as written."""
    found = set()
    for m in PLACE_LEVEL.finditer(text):
        one = text[m.start() - 1:m.start()] if m.group() == ONE_CHARACTER_LEVEL and m.start() else ""
        if CJK.match(one) and not (NOT_IN_PLACE_NAME | NOT_ONE_CHARACTER_NAME) & set(one) \
                and not re.match(r"[\u4e00-\u9fff](?<![省市州在的和与及对])", text[max(0, m.start() - 2):m.start() - 1]):
            # 沛县 by itself or after its province ("江苏省沛县"), not the end of 巨野县
            found.add(one + m.group())
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
        name = place if len(place) == 2 else place[:-2] if place.endswith("街道") else place[:-1]  # "Peixian" for 沛县
        by_pinyin.setdefault("".join(lazy_pinyin(name)), set()).add(place)
    return by_pinyin


# A question asking which place of a level ("哪个区禁止…", "Which counties must…"): a clause naming a place of that level
# the dictionary knows (莲都区, not 建成区 or 开发区) answers it, one the question names itself (丽水市, Lishui) does not.
# A level naming a body or a person of it ("哪个县局", "which county leader") asks no place.
_OF_LEVEL = r"级|委|政府|人民政府|领导|干部|局|部门|负责|长|党|\s+(?:leaders?|officials?|bureaus?|governments?|departments?" \
            r"|heads?|chiefs?|party|committees?|offices?|authorit(?:y|ies)|level|cadres?|mayors?)\b"
LEVEL_ASKED = re.compile(rf"哪(?:个|些|几个|一个)(?P<zh>区|县|市|镇|乡|街道)(?!{_OF_LEVEL})"
                         rf"|\bwhich (?P<en>district|count(?:y|ies)|cit(?:y|ies)|towns?|townships?)\b(?!{_OF_LEVEL})", re.I)
ENGLISH_LEVEL = {"district": "区", "count": "县", "cit": "市", "town": "镇"}
DICTIONARY_LEVELS = ("区", "县", "市")  # the dictionary holds nearly every place of these levels: a clause naming none answers no


def level_asked(question: str) -> str | None:
    """The level of the place a question asks for (区, 县, 市, 镇, 乡, 街道), if it asks for one."""
    m = LEVEL_ASKED.search(question)
    if not m:
        return None
    return m.group("zh") or next(zh for en, zh in ENGLISH_LEVEL.items() if m.group("en").lower().startswith(en))


def places_answering(question: str, level: str, clause: str) -> list[re.Match]:
    """The places of ``level`` a clause names that the dictionary knows and the question does not name."""
    known = place_names()["zh"]
    found = []
    for m in re.finditer(rf"[\u4e00-\u9fff]{{2,3}}?{level}", clause):
        name = m.group()
        if name in known and name not in question and not any(en in question.lower() for en in known[name]):
            found.append(m)
    return found
