"""Keyword entries analysed from a few texts, for the index tests: each text cut at a shifting start, spread over a
few documents, passages and tasks alternating, every fourth entry with a unit."""
from index.keyword_base import KeywordDoc
from index.tokenize import Tokenizer


def analysed_entries(tokenizer: Tokenizer, texts: list[str], copies: int, shift: int, documents: int,
                     task_every: int) -> list[KeywordDoc]:
    entries = []
    for i, text in enumerate(texts * copies):
        found = tokenizer.analyze(text[i % shift:])
        entries.append(KeywordDoc(f"p:{i}", f"d{i % documents}", "passage" if i % task_every else "task",
                                  {"words": " ".join(found.words), "subwords": " ".join(found.subwords),
                                   "bigrams": " ".join(found.bigrams), "section": " ".join(found.words[:2]),
                                   "units": "应急局" if i % 4 == 0 else ""}))
    return entries
