"""All jieba set-up in one place: the user dictionary, stop-words, and the token streams that
both keyword backends index and query with.

A text is indexed as three token streams: ``words`` (jieba's precise cut, with positions, so a
phrase query works), ``subwords`` (the dictionary words inside long words, as jieba's search
mode does, so 危险化学品 is also found by 化学品) and ``bigrams`` (character pairs, for words the
segmenter cut differently in the text and in the query). A query uses all three for recall and
its precise words as a phrase for precision.
"""
from __future__ import annotations

import logging
import re
import threading
import warnings
from dataclasses import dataclass
from typing import Callable, Iterable

with warnings.catch_warnings():  # jieba 0.42 imports pkg_resources, which setuptools ≥ 67 warns about on every start
    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
    import jieba

# jieba reports building and loading its dictionary on every start; users need none of it.
jieba.setLogLevel(logging.WARNING)

# Work-safety terms jieba's own dictionary would split. A new campaign name is one line here.
DOMAIN_TERMS = (
    "安全生产", "双重预防", "双重预防机制", "风险分级管控", "隐患排查治理", "专项整治", "专项整治三年行动",
    "三年行动", "城镇燃气", "危险化学品", "危化品", "特种设备", "道路交通", "消防安全", "有限空间",
    "外包工程", "烟花爆竹", "非煤矿山", "工贸行业", "建筑施工", "交通运输", "安全生产委员会",
    "安委会", "安委办", "应急管理", "应急救援", "重大事故隐患", "安全风险", "本质安全", "冶金工贸",
    "粉尘涉爆", "液氨制冷", "电动自行车", "高层建筑", "人员密集场所", "九小场所", "油气管道",
    "尾矿库", "危险废物", "瓶装液化石油气", "安全培训", "责任单位", "牵头单位", "配合单位", "完成时限",
)

# Function words, question words and request phrasing: they match everywhere and mean nothing
# to BM25. A query made only of these has no terms and matches nothing.
STOP_WORDS = frozenset("""
的 了 和 与 及 或 等 是 在 于 对 为 以 由 将 把 被 从 向 并 而 且 也 都 又 就 还 但 则 其 之 所 该 此 这 那
这些 那些 这个 那个 哪 哪些 哪个 哪里 什么 谁 如何 怎么 怎样 怎么样 是否 吗 呢 吧 啊 呀 么 请 请问 一下
有 有关 相关 关于 按 按照 根据 依照 通过 进行 开展 其中 以及 或者 并且 及其 等等 各 个 中 上 下 内 里
我 我们 你 你们 他 他们 它 要 应 应当 需要 可以 能 会 得 着 过 给 让 使 如 若 如果 因为 所以
a an the of to in on for and or is are be by with which who what when where how does do
""".split())

_PUNCT_OR_SPACE = re.compile(r"^[\s\W_]+$")
# How jieba splits a text into the blocks it cuts one by one (its precise mode's pattern).
_BLOCK = jieba.re_han_default
MAX_CUTS_KEPT = 100_000  # blocks whose tokens are kept (a few tens of MB at most)
_CJK = re.compile(r"[\u3400-\u9fff]+")


@dataclass
class Analysis:
    words: list[str]  # precise-mode words, stop-words and punctuation removed
    subwords: list[str]  # dictionary words inside the longer words
    bigrams: list[str]  # character pairs across each run of Chinese words


@dataclass
class Query:
    terms: list[str]  # words and subwords, deduplicated, in order
    bigrams: list[str]
    phrase: list[str]  # precise words, for the phrase boost (empty when fewer than two)

    def __bool__(self) -> bool:
        return bool(self.terms)


class Tokenizer:
    """A private jieba instance (the global one is shared with whatever else imports jieba).
    ``words`` are the caller's user dictionary (unit names, titles), beside ``DOMAIN_TERMS``;
    ``fold`` (picklable: workers rebuild the tokenizer) maps a text before it is cut."""

    def __init__(self, words: Iterable[str] = (), fold: Callable[[str], str] | None = None):
        self._jieba = jieba.Tokenizer()
        # how a text is read before it is cut (the KB folds traditional characters, one for one,
        # so that a notice in them is found by a question in simplified ones)
        self.fold = fold
        self._lock = threading.Lock()  # jieba's lazy initialisation is not thread-safe
        self._known: dict[str, None] = {}  # insertion order: another process replays it
        self._cuts: dict[str, list[str]] = {}  # block -> its cleaned tokens, until the dictionary changes
        self.add_words([*DOMAIN_TERMS, *words])

    def add_words(self, words: Iterable[str]) -> None:
        """Keep these words whole (unit names, document titles, campaign names)."""
        with self._lock:
            for word in words:
                word = word.strip()
                if len(word) >= 2 and word not in self._known and not _PUNCT_OR_SPACE.match(word):
                    self._known[word] = None
                    # With no frequency given, jieba picks one just high enough that the
                    # word wins over its pieces without drowning the words around it.
                    self._jieba.add_word(word)
                    self._cuts.clear()  # a new word (and jieba's new total) may cut any block otherwise

    @property
    def user_words(self) -> list[str]:
        """Every word added so far: enough to build the same tokenizer in another process."""
        return list(self._known)

    def words(self, text: str) -> list[str]:
        """Precise-mode words without stop-words and punctuation, lowercased."""
        return [w for w in self._tokens(text) if w]

    def _tokens(self, text: str) -> list[str]:
        """Precise-mode tokens, with "" where a stop-word or punctuation was (a break).

        jieba cuts a text block by block (runs of ``_BLOCK``, and what lies between), each on
        its own: the same tokens come from cutting the blocks one at a time, and a block seen
        before is not cut again. A third of the characters an import tokenises are in a block it
        cut shortly before (a task repeats its passage's clauses; laws share their formulas)."""
        text = self.fold(text) if self.fold else text
        out: list[str] = []
        with self._lock:
            cuts = self._cuts
            if len(cuts) > MAX_CUTS_KEPT:
                cuts.clear()
            for block in _BLOCK.split(text):
                if block:
                    tokens = cuts.get(block)
                    if tokens is None:
                        tokens = cuts[block] = [_clean(token) for token in self._jieba.cut(block)]
                    out += tokens
        return out

    def subwords(self, words: list[str]) -> list[str]:
        """The dictionary words inside each longer word, like jieba's search mode but of any
        length, so 市消防救援支队 also yields 消防救援支队 and 危险化学品 yields 化学品."""
        out = []
        freq = self._jieba.FREQ
        for word in words:
            for n in range(2, len(word)):
                out.extend(piece for piece in (word[i:i + n] for i in range(len(word) - n + 1))
                           if freq.get(piece) and piece not in STOP_WORDS)
        return out

    def analyze(self, text: str) -> Analysis:
        tokens = self._tokens(text)
        words = [t for t in tokens if t]
        return Analysis(words, self.subwords(words), bigrams(tokens))

    def query(self, text: str) -> Query:
        found = self.analyze(text)
        terms = list(dict.fromkeys([*found.words, *found.subwords]))
        return Query(terms=terms, bigrams=list(dict.fromkeys(found.bigrams)),
                     phrase=found.words if len(found.words) >= 2 else [])


def bigrams(tokens: list[str]) -> list[str]:
    """Overlapping character pairs inside each run of Chinese tokens; a stop-word, punctuation
    or a non-Chinese token ends a run. They find what segmentation split differently: jieba
    cuts 外包施工 into 外/包/施工, and only the pair 外包 still matches the query word 外包."""
    out: list[str] = []
    run = ""
    for token in [*tokens, ""]:
        if token and _CJK.fullmatch(token):
            run += token
            continue
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
        run = ""
    return out


def _clean(token: str) -> str:
    token = token.strip().lower()
    if not token or token in STOP_WORDS or _PUNCT_OR_SPACE.match(token):
        return ""
    return token
