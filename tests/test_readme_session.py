"""The README stays true: its example session is what the commands print now (made by
scripts/readme_session.py), its apt list is what scripts/system_deps.sh installs, and `make run`
lists the documents once and prints no warning lines."""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
# What a warning looks like on stderr: Python's warnings module, a logger's WARNING, Streamlit's
# "No runtime found" (logged at warning level with a timestamp in front).
WARNING_LINE = re.compile(r"Warning\b|\bWARNING\b|warning:|No runtime found", re.I)


def session_block() -> str:
    found = re.search(r"<!-- readme-session:[^\n]*-->\n```console\n(.*?)```\n<!-- /readme-session -->", README, re.S)
    assert found, "README.md has no session block between the readme-session markers"
    return found.group(1)


def test_the_readme_session_is_what_the_commands_print_now():
    printed = subprocess.run([sys.executable, str(ROOT / "scripts" / "readme_session.py")], capture_output=True,
                             text=True, check=True).stdout
    assert printed == session_block(), "run `.venv/bin/python scripts/readme_session.py --write` and check the diff"


def test_the_session_shows_every_command_it_runs():
    commands = [line for line in session_block().splitlines() if line.startswith("$ ")]
    assert {"$ kb ingest corpus/", "$ kb export --unit 应急局 -o 应急局时限.ics"} <= set(commands)
    assert all(line.startswith("$ kb ") for line in commands)


def test_the_readme_lists_the_apt_packages_system_deps_installs():
    script = (ROOT / "scripts" / "system_deps.sh").read_text(encoding="utf-8")
    installed = re.search(r"^PACKAGES=\(([^)]*)\)", script, re.M).group(1).split()
    listed = re.search(r"scripts/system_deps\.sh`，用 apt 安装(.*?)（已装则跳过", README, re.S).group(1)
    assert re.findall(r"`([^`]+)`", listed) == installed
    assert all(f"#   {name}" in script for name in installed), "system_deps.sh says why it installs each package"


def test_make_run_runs_kb_docs_once():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^run: .*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert recipe.count("$(KB) docs") == 1


def without_kb_settings(**more) -> dict:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("KB_")}, **more}


def test_kb_docs_prints_no_warning_lines(seeded_home):
    done = subprocess.run([sys.executable, "-m", "kb", "--home", str(seeded_home), "docs"], capture_output=True, text=True,
                          env=without_kb_settings())
    assert done.returncode == 0 and "济南市安全生产攻坚年行动实施方案" in done.stdout
    assert not [line for line in done.stderr.splitlines() if WARNING_LINE.search(line)], done.stderr


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        return probe.getsockname()[1]


def test_make_run_lists_the_documents_once_and_prints_no_warning_lines(seeded_home, tmp_path):
    """`make run` on a KB that has documents, up to the app answering (the set-up step is taken
    as done: -o its stamp)."""
    venv, port = Path(sys.prefix), free_port()
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with open(out, "w") as stdout, open(err, "w") as stderr:
        make = subprocess.Popen(["make", "-s", "-o", f"{venv}/.runtime-installed", "run", f"VENV={venv}",
                                 f"PORT={port}"], cwd=ROOT, stdout=stdout, stderr=stderr, start_new_session=True,
                                env=without_kb_settings(KB_HOME=str(seeded_home)))
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and make.poll() is None:
                try:
                    with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as health:
                        if health.status == 200:
                            break
                except OSError:
                    time.sleep(0.5)
            else:
                pytest.fail(f"the app did not answer: {err.read_text()}")
            time.sleep(2)  # what the app prints as it loads the page's modules
        finally:
            os.killpg(make.pid, signal.SIGTERM)
            make.wait(timeout=30)
    printed, warned = out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    assert printed.count("济南市安全生产攻坚年行动实施方案") == 1, printed  # one `kb docs`
    assert not [line for line in warned.splitlines() if WARNING_LINE.search(line)], warned
