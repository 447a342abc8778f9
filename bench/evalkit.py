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


def eval_parser(doc: str, default_gold: Path) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=default_gold)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--home", type=Path, help="an existing KB (default: a fresh one from --corpus)")
    parser.add_argument("--show-misses", action="store_true")
    return parser


@contextmanager
def corpus_kb(corpus: Path | list[Path], home: Path | None = None) -> Iterator[KnowledgeBase]:
    """The KB at ``home``, or a fresh one in a temporary folder holding ``corpus``."""
    from kb import KnowledgeBase

    with tempfile.TemporaryDirectory() as tmp:
        with KnowledgeBase(home or tmp) as kb:
            if not home:
                kb.ingest(corpus if isinstance(corpus, list) else [corpus])
            yield kb


@contextmanager
def eval_kb(args: argparse.Namespace) -> Iterator[KnowledgeBase]:
    """The KB given by --home, or a fresh one in a temporary folder holding --corpus."""
    with corpus_kb(args.corpus, args.home) as kb:
        yield kb
