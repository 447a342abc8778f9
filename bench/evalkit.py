"""What the evaluation scripts share: the command line and a KB to evaluate."""
from __future__ import annotations

import argparse
import json
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kb.base import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT.parent / "shared" / "eval"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def eval_parser(doc: str, default_gold: Path) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=default_gold)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--home", type=Path, help="an existing KB (default: a fresh one from --corpus)")
    parser.add_argument("--show-misses", action="store_true")
    return parser


@contextmanager
def eval_kb(args: argparse.Namespace) -> Iterator[KnowledgeBase]:
    """The KB given by --home, or a fresh one in a temporary folder holding --corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        with KnowledgeBase(args.home or tmp) as kb:
            if not args.home:
                kb.ingest([args.corpus])
            yield kb
