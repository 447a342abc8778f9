"""How soon the app answers after its page opens: `streamlit run app.py` (as `make run` starts
it) over a KB, driven in headless Chromium. Prints, per KB size: the page drawn after the
browser opens it, the first answer after pressing 提问 (a fresh server: the KB, its indexes
and the embedder load on that first question), and a later question's answer.

    python bench/bench_app.py                 # the five seed notices, and the seeds plus 100 laws
    python bench/bench_app.py --laws 0        # the seeds only
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DEFAULT_LAWS, ROOT, law_files, seed_files, shuffled  # noqa: E402
from kb import KnowledgeBase  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUESTIONS = ("消防整治谁牵头？", "哪些部门配合危化品整治")
ANSWER_TIMEOUT_MS = 120_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def start_app(home: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "localhost", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"]
    server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "KB_HOME": str(home)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("streamlit did not start")


def ask(page, question: str) -> float:
    """Seconds from pressing 提问 to the answer's 出处 (or 最接近的原文) on screen."""
    page.get_by_label("问题").fill(question)
    started = time.monotonic()
    page.get_by_role("button", name="提问").click()
    page.get_by_text("在原文中查看").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return time.monotonic() - started


def measure(home: Path) -> tuple[float, float, float]:
    from playwright.sync_api import sync_playwright

    port = free_port()
    server = start_app(home, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1440, "height": 900}, locale="zh-CN")
            started = time.monotonic()
            page.goto(f"http://localhost:{port}/")
            page.get_by_role("button", name=QUESTIONS[1]).wait_for(timeout=ANSWER_TIMEOUT_MS)
            drawn = time.monotonic() - started
            first = ask(page, QUESTIONS[0])
            later = ask(page, QUESTIONS[1])
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return drawn, first, later


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--laws", type=int, default=100, help="laws added to the seeds for the second size (0: none)")
    parser.add_argument("--laws-dir", type=Path, default=DEFAULT_LAWS)
    args = parser.parse_args()
    sizes = [("seeds (5 notices)", [])]
    if args.laws and args.laws_dir.exists():
        sizes.append((f"seeds + {args.laws} laws", shuffled(law_files(args.laws_dir), 0)[: args.laws]))
    print("| KB | page drawn s | first answer s (fresh server) | later answer s |")
    print("|---|---|---|---|")
    for label, laws in sizes:
        with tempfile.TemporaryDirectory() as folder:
            home = Path(folder) / "kb"
            with KnowledgeBase(home) as kb:
                kb.ingest([*seed_files(), *laws])
            drawn, first, later = measure(home)
        print(f"| {label} | {drawn:.1f} | {first:.1f} | {later:.1f} |", flush=True)


if __name__ == "__main__":
    main()
