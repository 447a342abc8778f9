"""Runs the README's example session and prints what the commands print now, so the README
cannot drift from the code (tests/test_readme_session.py compares the two).

The README's block between the two readme-session markers is the source: its `$ kb …` lines
are the commands. Each runs in a fresh folder holding a copy of corpus/, with ./kb_data as the
KB (no KB_* settings from the caller), stdout and stderr merged in the order a terminal shows
them and a progress line that rewrites itself (\\r) shown as it ends.

    .venv/bin/python scripts/readme_session.py            # print the session
    .venv/bin/python scripts/readme_session.py --write    # and put it into README.md
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BEGIN = "<!-- readme-session: scripts/readme_session.py writes the block below from its $ lines -->"
END = "<!-- /readme-session -->"
BLOCK = re.compile(re.escape(BEGIN) + r"\n```console\n(.*?)```\n" + re.escape(END), re.S)
# A Python warning and the source line under it: whether one shows depends on the packages
# installed (jieba's pkg_resources warning comes with setuptools 67-80), not on policykb.
PYTHON_WARNING = re.compile(r"^\S+\.py:\d+: \w*Warning: .*\n(?:  .*\n)?", re.M)


def readme_block(text: str) -> str:
    found = BLOCK.search(text)
    if not found:
        raise SystemExit(f"README.md has no session block between {BEGIN!r} and {END!r}")
    return found.group(1)


def commands(block: str) -> list[str]:
    return [line[2:] for line in block.splitlines() if line.startswith("$ ")]


def as_terminal(output: str) -> str:
    """Each line as it ends on a terminal: a progress line's \\r-rewrites leave the last one."""
    return "\n".join(line.rsplit("\r", 1)[-1] for line in output.split("\n"))


def run_session(lines: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env["PYTHONUNBUFFERED"] = "1"  # stdout unbuffered like a terminal's, so it interleaves with stderr as shown
    out = []
    with tempfile.TemporaryDirectory(prefix="readme-session-") as folder:
        shutil.copytree(ROOT / "corpus", Path(folder) / "corpus")
        for line in lines:
            argv = shlex.split(line)
            if argv[0] != "kb":
                raise SystemExit(f"the session runs kb commands only, not: {line}")
            done = subprocess.run([sys.executable, "-m", "kb", *argv[1:]], cwd=folder, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # bytes: text mode reads \r as \n
            printed = PYTHON_WARNING.sub("", as_terminal(done.stdout.decode("utf-8"))).replace(folder, "<tmp>")
            out.append(f"$ {line}\n{printed}")
    return "".join(out)


def main() -> None:
    text = README.read_text(encoding="utf-8")
    session = run_session(commands(readme_block(text)))
    sys.stdout.write(session)
    if "--write" in sys.argv[1:]:
        found = BLOCK.search(text)
        README.write_text(text[:found.start(1)] + session + text[found.end(1):], encoding="utf-8")


if __name__ == "__main__":
    main()
