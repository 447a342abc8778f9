"""Same input, same answer (issue 20): two fresh KBs of the same files, each built by its own
`kb ingest` process (another hash seed, and committed in other chunks, so the keyword index is
split into other segments), give byte-identical `kb ask --batch --json` output.

Two causes made them differ, each now tested here: names gathered in sets were ordered by
length alone (equal lengths fell by the process's hash seed, and the order reached the query),
and whoosh lost filtered matches depending on how the index was split in segments."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
APP_EXAMPLES = ["消防整治谁牵头？", "哪些部门配合危化品整治", "Which department leads fire safety rectification?",
                "应急局负责哪些任务？", "危险化学品整治的完成时限是什么？", "明年的安全生产预算是多少？"]
QUESTIONS = [json.loads(line)["question"] for name in ("qa.jsonl", "qa_more.jsonl")
             for line in (EVAL / name).open(encoding="utf-8") if line.strip()] + APP_EXAMPLES


def kb(home: Path, seed: str, *args: str, **settings) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT),
           **{f"KB_{name.upper()}": str(value) for name, value in settings.items()}}
    done = subprocess.run([sys.executable, "-m", "kb", "--home", str(home), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_two_fresh_kbs_of_the_same_files_give_byte_identical_answers(tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(QUESTIONS) + "\n", encoding="utf-8")
    kb(tmp_path / "a", "1", "ingest", str(ROOT / "corpus"), index_commit_docs=1)  # a segment a document
    kb(tmp_path / "b", "2", "ingest", str(ROOT / "corpus"))
    first = kb(tmp_path / "a", "3", "ask", "--batch", str(questions), "--json")
    second = kb(tmp_path / "b", "4", "ask", "--batch", str(questions), "--json")
    assert first.count("\n") == len(QUESTIONS)
    for question, one, other in zip(QUESTIONS, first.splitlines(), second.splitlines()):
        assert one == other, question
