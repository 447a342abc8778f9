"""A question, read: what it asks (intent and the shape of its answer), which documents it is
about (a title, a 文号, a place, a year, a kind of document), the units it names, relative time
resolved, and the words to search (in Chinese, for an English question too)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ingest.models import Document
from ingest.units import all_names, canonical
from kb.answers import rules as R
from kb.answers.places import by_place_in_pinyin, by_place_in_text, chinese_places, english_names, word_spans
from kb.answers.selfdesc import NUMBERS_ONLY, described_title, head_years, heads, short_place, untitled
from kb.answers.translate import chinese_groups, pinyin_of, query_of, to_chinese
from kb.indexes.reader import Indexes
from kb.search import Filters, longest_first, search

SEVERAL_DOCUMENTS = re.compile(r"哪些文件|哪些地方|各地|各文件|分别|which documents|which cities")
LEVEL_SUFFIX = re.compile(r"(.{2,}?)(?:省|自治区|市|县|区|街道|镇|乡)")
PINYIN_APOSTROPHE = re.compile(r"(?<=[a-z])['’](?=[aeo])")  # between the syllables of a place's pinyin
LATIN = re.compile(r"[a-z]")  # in a lowered question: one that may write a place in pinyin
YEAR = re.compile(r"((?:19|20)\d\d)(?:\s*年|\b)")
# Title words too common to name one document by themselves.
GENERIC_TITLE = re.compile(r"^(?:安全生产|安全生产条例|安全生产法|工作要点|实施方案|行动方案|条例|办法|规定|规划)$")
TITLE_PREFIX = re.compile(r"^(?:中华人民共和国|.{2,6}?(?:省|自治区|市|县|区))")
TITLE_SUFFIX = re.compile(r"[（(][^（）()]*[）)]$")
MIN_TITLE_CHARS = 3  # 消防法
# A question may name a title by its tail: at least this long, and this share of the title.
TITLE_TAIL_MIN = 7
TITLE_TAIL_SHARE = 0.6
# Title words shared with the question that pick a document: beside a place (北京 + 燃气), or
# alone after a cue ("the Regulations on …").
TITLE_WORDS_WITH_PLACE = 1
TITLE_WORDS_ALONE = 1
PLAN_PHRASE = re.compile(rf"\bthe\s+((?:[\w'-]+\s+){{1,6}}?){R.PLAN_NOUN}", re.I)  # a plan named by its words, no law named
GENERIC_TITLE_WORD = re.compile(r"^(?:安全|管理|条例|办法|规定|关于|实施|工作|方案|中华人民共和国)$")


@dataclass
class Question:
    text: str
    intent: str
    english: bool
    query: str  # what is searched: the topic words, in Chinese
    doc_ids: set[str] | None  # documents the question names
    units: list[str]  # units the question names
    year: int | None
    several: bool  # asks across documents
    notes: list[str] = field(default_factory=list)  # how relative words were read
    # words of the named documents' titles: searched with, but they tell no passage of those
    # documents from another ("十四五" asked of a 十四五 plan)
    title_words: frozenset[str] = frozenset()
    # an English question's words each read as several Chinese ones ("fire": 消防, 火灾): a
    # passage that says one of a group says that word
    alternatives: tuple[tuple[str, ...], ...] = ()


def analyze(indexes: Indexes, text: str, today: date | None = None) -> Question:
    today = today or date.today()
    english = R.is_english(text)
    notes: list[str] = []
    year, period = _years(text, today, notes)
    groups = chinese_groups(text, indexes.term_frequency) if english else []
    chinese = query_of(groups)
    # an English question's Chinese words and the words inside them (燃气设施 → 燃气), as a
    # Chinese question's are read
    words = indexes.tokenizer.query(chinese if english else R.QUESTION_WORDS.sub(" ", text)).terms
    docs = named_documents(indexes, text, None if R.TARGET_YEAR.search(text) else year, period, words)
    topic = text
    for name in _names_in(indexes, docs, text.lower()):
        topic = topic.replace(name, " ")
    topic = R.QUESTION_WORDS.sub(" ", topic if english else R.legal_wording(topic))
    # a count the question gives ("只有2家时") says which case, found by the clause saying it: no topic word
    topic = R.GIVEN_NUMBER.sub(" ", topic)
    for word in R.RELATIVE_YEARS:  # 今年 says when, read into the year above: no topic word
        topic = re.sub(re.escape(word), " ", topic, flags=re.I)
    if english:  # (the Chinese of a place that named the documents says which, not what: "Xinjiang" 新疆)
        said = _places_naming(indexes, docs, text)
        topic = f"{' '.join(w for w in chinese.split() if w not in said)} {topic}"
    topic = f"{topic} {' '.join(_expanded_units(text))}"
    intent = R.intent_of(text)
    return Question(text, intent, english, " ".join(topic.split()),
                    {d.doc_id for d in docs} or None, named_units(indexes, text), year,
                    bool(SEVERAL_DOCUMENTS.search(text)), notes, _title_words(indexes, docs, words, intent),
                    tuple(tuple(group) for group in groups if len(group) > 1))


def _years(text: str, today: date, notes: list[str]) -> tuple[int | None, tuple[int, int] | None]:
    """(the year the question asks about, a five-year period it names), relative words read
    against today and said in ``notes``."""
    lowered = text.lower()
    for word, offset in R.RELATIVE_YEARS.items():
        if word in lowered:
            year = today.year + offset
            notes.append(f"{word} = {year}年")
            return year, None
    m = YEAR.search(text)
    if m:
        return int(m.group(1)), None
    m = R.FIVE_YEAR_PERIOD.search(text)
    if m:  # 十三五 = 2016–2020, 十四五 = 2021–2025
        end = 2000 + 5 * (10 + "一二三四五六七八九".index(m.group(1)) + 1) - 45
        notes.append(f"{m.group()} = {end - 4}—{end}年")
        return None, (end - 4, end)
    return None, None


def named_documents(indexes: Indexes, text: str, year: int | None = None,
                    period: tuple[int, int] | None = None, words: list[str] = ()) -> list[Document]:
    """Documents the question names: by title (its short form, its long tail) or 文号; else by
    place, narrowed to the titles that share most of the question's words when the place's text
    that answers best is theirs (北京 + 燃气 → 北京市燃气管理条例; "the Regulations on …" by its
    translated words alone); then narrowed by a kind word (条例 / 方案 …) and a year when some
    documents fit them."""
    docs = list(indexes.documents().values())
    source = R.KIND_AS_OBJECT.sub(" ", text)  # "出台具体实施办法", "draws up the master plan": what is made, not where it is said
    lowered = PINYIN_APOSTROPHE.sub("", text.lower())  # Tai'an is taian, Xi'an xian
    # the longest name wins: 城镇燃气管理条例 named in full is not also 北京市燃气管理条例 by its
    # short form 燃气管理条例
    matched = {d.doc_id: max([len(n) for n in _title_names(d) if n in lowered] + [_title_tail_in(d, lowered)])
               for d in docs}
    longest = max(matched.values(), default=0)
    named = [d for d in docs if longest and matched[d.doc_id] == longest]
    if named and _of_another_place(indexes, docs, named, lowered):
        named = []  # 石家庄's 烟花爆竹安全监管 is a topic word of a question about 江华县: its place names
    if not named:
        # by the place a title or issuer gives, or the places the body names (a web excerpt is
        # often titled by its heading alone)
        latin = bool(LATIN.search(lowered))
        if latin:  # every place's pinyin at once (pypinyin imported once, if a place is new)
            pinyin_of(p for d in docs for region in (d.region, *d.places.split("、")) for p in _split_places(region))
        starts = _word_starts(indexes, lowered)
        places = {d.doc_id: [name for name in (*_place_names(d, latin), *_body_place_names(d, latin))
                             if _names_place(name, lowered, starts)] for d in docs}
        named = [d for d in docs if places[d.doc_id]]
        # an untitled excerpt whose head writes a place the question names ("6月23日,济宁高新区…会议召开") is
        # named by it, as a document whose body's places hold it
        said = {name for found in places.values() for name in found}
        head = heads(indexes)
        named += [d for d in docs if not places[d.doc_id] and untitled(d)
                  and any(name in described_title(d, head) for name in said)]
        # a document of its own place that only mentions the asked one (南充市's plan citing 四川省) is
        # not named by it when the asked place has documents of its own
        own = {d.doc_id for d in named if any(_names_place(n, lowered, starts) for n in _place_names(d, latin))}
        if own:
            named = [d for d in named if d.doc_id in own or not d.region]
        if not named:
            named = by_place_in_text(indexes, text) or (by_place_in_pinyin(indexes, text) if latin else [])
        if named or R.TITLE_CUE.search(source):
            # the place that named them says nothing more: 重庆 in one title and another's body
            said = {name for found in places.values() for name in found}
            # "the Waterway Law", "the town's work-safety month plan": its words, not the question's
            if latin and (phrase := R.title_phrase(source) or ((m := PLAN_PHRASE.search(source)) and m.group(1))):
                words = indexes.tokenizer.query(to_chinese(phrase, indexes.term_frequency)).terms or words
            words = [w for w in words if not any(w in name or name in w for name in said)]
            if named:
                titled = _by_title_words(named, words, TITLE_WORDS_WITH_PLACE, heads(indexes))
                # a title the question names as one ("the Henan regulation on …", "…条例") is named by its
                # words; a title word said in passing is so only when the text confirms it
                named = titled if _names_a_title(source) else _confirmed_by_text(indexes, named, titled, words)
            else:
                named = _by_title_words(_of_cue_kind(docs, source), words, TITLE_WORDS_ALONE, heads(indexes))
    for kind, words in R.KIND_WORDS.items():
        if words.search(source):
            narrowed = [d for d in (named or docs) if d.kind == kind]
            named = narrowed if narrowed and (named or len(narrowed) < len(docs)) else named
    if year or period:
        span = (year, year) if year else period
        head = heads(indexes)
        dated = [d for d in (named or docs) if _in_years(d, span, head)]
        if dated and (named or len(dated) < len(docs)):
            named = dated
    return named


def _of_cue_kind(docs: list[Document], text: str) -> list[Document]:
    """The documents an English title cue may name: of the one kind its words say ("the town's work-safety
    month plan" names a plan, not a regulation whose title shares 监督管理 with "supervision")."""
    kinds = [kind for kind, words in R.KIND_WORDS.items() if words.search(text)]
    return [d for d in docs if d.kind == kinds[0]] if len(kinds) == 1 else docs


def _of_another_place(indexes: Indexes, docs: list[Document], named: list[Document], lowered: str) -> bool:
    """The documents a Chinese question names by title are all of a place it does not name (or
    notices that write no place at all: a table titled 烟花爆竹安全监管), and it names the place of
    another document (its region or a place its body writes)."""
    if LATIN.search(lowered) or not all(d.region or d.kind == "notice" and not d.places for d in named):
        return False
    starts = _word_starts(indexes, lowered)

    def place_named(d: Document) -> bool:
        return any(_names_place(n, lowered, starts) for n in (*_place_names(d, False), *_body_place_names(d, False)))
    ids = {d.doc_id for d in named}
    return not any(map(place_named, named)) and any(place_named(d) for d in docs if d.doc_id not in ids)


def _word_starts(indexes: Indexes, lowered: str) -> set[int]:
    """Where the question's words start: a place begins a word, so 西城 is not read in 江西城镇."""
    return {0, *(start for start, _ in word_spans(indexes, lowered))}


def _names_place(name: str, lowered: str, starts: set[int]) -> bool:
    """The question holds this place name where a word starts (a name in Latin letters, pinyin or English, as a
    word of its own)."""
    if LATIN.search(name):
        return re.search(rf"\b{re.escape(name)}\b", lowered) is not None
    at = lowered.find(name)
    while at >= 0:
        if at in starts:
            return True
        at = lowered.find(name, at + 1)
    return False


def _title_tail_in(doc: Document, lowered: str) -> int:
    """The length of the longest tail of the title the question holds ("事故报告和调查处理条例"
    of 生产安全事故报告和调查处理条例), 0 when none is long enough."""
    title = TITLE_SUFFIX.sub("", doc.title)
    shortest = max(TITLE_TAIL_MIN, int(len(title) * TITLE_TAIL_SHARE))
    return next((len(title) - cut for cut in range(0, len(title) - shortest + 1) if title[cut:] in lowered), 0)


def _by_title_words(docs: list[Document], words: list[str], minimum: int,
                    head: dict[str, str] | None = None) -> list[Document]:
    """The documents whose titles hold the most of the question's words, if at least
    ``minimum``; else all of ``docs`` (a place alone still names them). An untitled document's
    title is the head of its text (selfdesc.described_title)."""
    words = [w for w in dict.fromkeys(words) if len(w) >= 2 and not GENERIC_TITLE_WORD.match(w)]
    titles = {d.doc_id: described_title(d, head or {}) for d in docs}
    counts = {d.doc_id: sum(w in titles[d.doc_id] for w in words) for d in docs}
    # a text's head is no title: an untitled document that matches as well joins the best titled
    # ones, and neither pushes them out nor narrows alone (a table's first rows hold many words)
    best = max((counts[d.doc_id] for d in docs if not untitled(d)), default=0)
    if best < minimum:
        return docs if minimum == TITLE_WORDS_WITH_PLACE else []
    return [d for d in docs if counts[d.doc_id] == best or untitled(d) and counts[d.doc_id] >= best]


def _names_a_title(text: str) -> bool:
    """The question names a document by a kind of title: "the … Regulations", "…的条例", "…实施方案"."""
    return bool(R.TITLE_CUE.search(text) or any(words.search(text) for words in R.KIND_WORDS.values()))


def _confirmed_by_text(indexes: Indexes, place_docs: list[Document], titled: list[Document],
                       words: list[str]) -> list[Document]:
    """Of a place's documents, those its title words chose whose text also answers best: the document of the
    passage that best matches the question's words among all the place's documents, when it is one of them
    (北京 + 燃气 → the gas regulation, whose articles speak of 用气, not a residents' committee law titled
    with 居民); else all the place's documents, for the answer to choose among (浙江 + 企业 names no
    private-enterprise law when the safety law's article holds 重大危险源)."""
    if len(titled) == len(place_docs) or not words:
        return place_docs
    best = search(indexes, " ".join(words), "keyword", 1, Filters(doc_ids={d.doc_id for d in place_docs}))
    return [d for d in titled if best and d.doc_id == best[0].doc_id] or place_docs


def _in_years(doc: Document, span: tuple[int, int], head: dict[str, str] | None = None) -> bool:
    """The document's title or date is of a year in ``span``; one with neither is dated by the
    head of its text (a web excerpt's "2023-04-28" below its heading)."""
    years = {int(y) for y in re.findall(r"(20\d{2})", f"{doc.title} {doc.date[:4]}")}
    if "十四五" in doc.title:
        years |= set(range(2021, 2026))
    if not years and head and doc.doc_id in head:
        years = head_years(head[doc.doc_id])
    return any(span[0] <= y <= span[1] for y in years)



def _title_names(doc: Document) -> tuple[str, ...]:
    return _short_titles(doc.title, doc.number)


@lru_cache(maxsize=None)
def _short_titles(title: str, number: str) -> tuple[str, ...]:
    """How a question may name a document by its title: the title, without 中华人民共和国 or its
    place, without a trailing (修正)/(2024—2026年); and its 文号."""
    names = {title, TITLE_SUFFIX.sub("", title)}
    names |= {TITLE_PREFIX.sub("", n) for n in list(names)}
    names = {n.lower() for n in names if len(n) >= MIN_TITLE_CHARS and not GENERIC_TITLE.match(n)
             and not NUMBERS_ONLY.match(n)}
    return tuple(sorted(names | ({number} if number else set()), key=longest_first))


def _place_names(doc: Document, latin: bool) -> tuple[str, ...]:
    return _places(doc.region, latin)


def _body_place_names(doc: Document, latin: bool) -> tuple[str, ...]:
    return _places_in_body(doc.places, latin)


@lru_cache(maxsize=4096)  # asked of every document on every question: once per document's places
def _places_in_body(places: str, latin: bool) -> tuple[str, ...]:
    """The places the body names, without those read from a verb ("建立市、县…" names no 建立)."""
    return tuple(name for place in places.split("、") if place for name in _places(place, latin)
                 if not R.NOT_A_PLACE.search(_split_places(place)[0] if _split_places(place) else place))


@lru_cache(maxsize=None)  # pinyin for every document on every question is most of ask's time
def _places(region: str, latin: bool) -> tuple[str, ...]:
    """The places of a region (济宁市兖州区 → 济宁, 兖州), also in pinyin and by their English names (二连浩特 →
    erenhot) when the question has Latin letters (only they can hold pinyin; its first look-up may import pypinyin)."""
    places = _split_places(region)
    names, english = (pinyin_of(places), english_names(places)) if latin else ({}, {})
    return tuple(n.lower() for n in [*places, *(names[p] for p in places if latin),
                                     *(e for p in places for e in english.get(p, ()))] if n)


def _split_places(region: str) -> list[str]:
    """济宁市兖州区 → 济宁, 兖州; 江华瑶族自治县 → 江华瑶族自治, 江华 (selfdesc.short_place)."""
    places = [p for p in LEVEL_SUFFIX.findall(region) if len(p) >= 2] or ([region] if len(region) >= 2 else [])
    return [*places, *(s for p in places if (s := short_place(p)) and s not in places)]


def _names_in(indexes: Indexes, docs: list[Document], lowered: str) -> list[str]:
    """The words that named the documents, to drop from the topic (longest first): titles,
    their short forms and the tail the question used, places."""
    tails = {TITLE_SUFFIX.sub("", d.title)[-n:] for d in docs if (n := _title_tail_in(d, lowered))}
    latin = bool(LATIN.search(lowered))
    return sorted({n for doc in docs for n in (*_title_names(doc), *_place_names(doc, latin),
                                               *_body_place_names(doc, latin))} | tails,
                  key=longest_first)


def _places_naming(indexes: Indexes, docs: list[Document], text: str) -> set[str]:
    """The Chinese of the places an English question names by their English names that the named documents write."""
    holding = indexes.memo("documents_holding", dict)
    ids = {d.doc_id for d in docs}
    for place in (places := chinese_places(text) if docs else []):
        if place not in holding:
            holding[place] = indexes.store.documents_holding(place)
    return {place for place in places if ids & set(holding[place])}


def _title_words(indexes: Indexes, docs: list[Document], words: list[str], intent: str = "") -> frozenset[str]:
    """The question's words inside a period or year that every named document has in its title
    ("十四五" asked of the 兖州区“十四五”安全生产规划, "2024年" of a 2024年工作要点): they said
    which document, not which of its tasks (and their sub-words: 十四, 四五); for a passage question, the words of
    the head that names an untitled excerpt."""
    if not docs or len(docs) == len(indexes.documents()):
        return frozenset()
    if intent == "passage" and all(map(untitled, docs)):  # an excerpt named by its head, asked what it says: its
        # opening sentences restate the words that named it (no shape asked chooses among its clauses)
        head = heads(indexes)
        return frozenset(w for w in words if all(w in described_title(d, head) for d in docs))
    text = " ".join(words)
    periods = {m.group() for pattern in (R.FIVE_YEAR_PERIOD, YEAR) for m in pattern.finditer(text)
               if all(m.group() in d.title for d in docs)}
    return frozenset(w for w in words if any(w in p for p in periods))


def named_units(indexes: Indexes, text: str) -> list[str]:
    found: list[str] = []
    for name in indexes.memo("unit_names", lambda: _unit_names(indexes)):
        if name in text and not any(name in f for f in found):
            found.append(name)
    return found


def _unit_names(indexes: Indexes) -> list[str]:
    """Unit names a question may use (aliases and the KB's own), longest first."""
    names = set(all_names()) | {name for name, _, _ in indexes.store.units()}
    # (a role's label read as a unit somewhere, 责任单位, is the question's role word: "协同责任单位是谁")
    return sorted((n for n in names if len(n) >= 3 and not ROLE_LABEL_ONLY.fullmatch(n)), key=longest_first)


ROLE_LABEL_ONLY = re.compile(r"(?:牵头|配合|协同|协办|协助|参与|主办|主要|其他|相关)?(?:责任)?(?:单位|部门)")


def _expanded_units(text: str) -> list[str]:
    """Full names of the abbreviations a question uses (安委会 → 安全生产委员会), so a clause that
    writes them out is found and scored."""
    out = []
    for alias in sorted(set(all_names()), key=longest_first):
        if alias in text:
            full = canonical(alias)
            if full and full != alias and full not in text:
                out.append(full)
    return out
