"""Same input, same answer: two fresh KBs of the same files give the same answers, units and
citations, whatever the hash seed of the process that asks (issue 20). Files given in another
order get other row ids, and ties between equally good passages may then fall the other way.

Not yet byte-identical: on CI, one question's match score came out 0.595 in one KB and 0.61 in
the other (same answer, same citation; confidence 0.873 / 0.882), a difference this machine does
not reproduce. Until its cause is found, the scores are compared within CONFIDENCE_SLACK."""
import json
import os
import subprocess
import sys
from pathlib import Path

from kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
CONFIDENCE_SLACK = 0.02
QUESTIONS = [json.loads(line)["question"] for line in (ROOT.parent / "shared" / "eval" / "qa.jsonl").open()
             if line.strip()][:20] + ["Which department leads fire safety rectification?", "应急局负责哪些任务？"]


def answers(home: Path, seed: str) -> str:
    script = ("import json, sys\nfrom kb import KnowledgeBase\n"
              "with KnowledgeBase(sys.argv[1]) as kb:\n"
              "    for q in json.loads(sys.argv[2]):\n"
              "        print(json.dumps(kb.ask(q).to_dict(), ensure_ascii=False, sort_keys=True))\n")
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, str(home), json.dumps(QUESTIONS)], env=env,
                          capture_output=True, text=True, check=True, timeout=600)
    return done.stdout


def test_two_fresh_kbs_of_the_same_files_give_identical_answers(tmp_path):
    files = sorted((ROOT / "corpus").iterdir())
    with KnowledgeBase(tmp_path / "a") as kb:
        kb.ingest(files)
    with KnowledgeBase(tmp_path / "b") as kb:
        kb.ingest(files)
    first, second = answers(tmp_path / "a", "1"), answers(tmp_path / "b", "2")
    assert first.count("\n") == len(QUESTIONS)
    for one, other in zip(first.splitlines(), second.splitlines()):
        a, b = json.loads(one), json.loads(other)
        assert (a["answer"], a["units"], a["citations"]) == (b["answer"], b["units"], b["citations"])
        assert abs(a["confidence"] - b["confidence"]) <= CONFIDENCE_SLACK
