"""What the evaluation scripts share: the gold folder, the data sets, the command line and a KB
to evaluate. The KB is imported where one is made: scripts that only parse stay light."""
from __future__ import annotations

import argparse
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL_DIR = SHARED / "eval"
POLICY_NOTICES = SHARED / "datasets" / "policy_notices"
SAFETY_NOTICES_WEB = SHARED / "datasets" / "safety_notices_web"
NOTICES_UNLABELED = SHARED / "datasets" / "notices_unlabeled"
HELDOUT_GOLD = ROOT / "bench" / "gold" / "heldout_tasks.jsonl"  # our own labels over NOTICES_UNLABELED
LAWS = SHARED / "datasets" / "laws"
LAWS_QA = ROOT / "bench" / "gold" / "qa_laws.jsonl"  # our own regulation questions (bench/gold/README.md)
# The question sets of every dev set, asked in one mixed KB: (gold, whose documents they are about)
DEV_QA = {"qa": EVAL_DIR / "qa.jsonl", "qa_more": EVAL_DIR / "qa_more.jsonl",
          "qa_web": EVAL_DIR / "qa_web.jsonl", "qa_laws": LAWS_QA}
MIXED_SEED = 0  # which other regulations join a mixed KB: the first N of the laws in this shuffle


def mixed_corpus(other_laws: int) -> list[Path]:
    """Every dev set's documents in one KB: the sample notices, the other provinces' notices,
    the web notices, the regulations qa_laws asks about, and ``other_laws`` more regulations
    that compete with them (a fixed random choice)."""
    import json

    from bench.common import law_files, shuffled

    asked = {json.loads(line)["doc"] for line in LAWS_QA.open(encoding="utf-8") if line.strip()}
    laws = law_files(LAWS)
    others = [p for p in shuffled(laws, MIXED_SEED) if p.name not in asked][:other_laws]
    return [ROOT / "corpus", POLICY_NOTICES, SAFETY_NOTICES_WEB, *(p for p in laws if p.name in asked), *others]


def eval_parser(doc: str, default_gold: Path) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=default_gold)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--home", type=Path, help="an existing KB (default: a fresh one from --corpus)")
    parser.add_argument("--show-misses", action="store_true")
    return parser


@contextmanager
def corpus_kb(corpus: Path | list[Path], home: Path | None = None) -> Iterator[KnowledgeBase]:
    """The KB at ``home`` (built there from ``corpus`` when it holds no documents yet, so a run can
    keep it for the next), or a fresh one in a temporary folder."""
    from kb import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        with KnowledgeBase(home or tmp) as kb:
            if not home or not kb.documents():
                kb.ingest(corpus if isinstance(corpus, list) else [corpus])
            yield kb


@contextmanager
def eval_kb(args: argparse.Namespace) -> Iterator[KnowledgeBase]:
    """The KB given by --home, or a fresh one in a temporary folder holding --corpus."""
    with corpus_kb(args.corpus, args.home) as kb:
        yield kb
