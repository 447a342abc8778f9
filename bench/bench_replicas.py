"""Several app replicas on one shared KB: PostgreSQL store, the index files in one KB home that
the replicas share (as they would on one host or a shared volume), and a CLI writer importing
while they serve. Loopback only, bounded in sessions and time.

    python bench/bench_replicas.py                      # 3 replicas, 6 browser sessions, 60 s
    python bench/bench_replicas.py --driver kb --sessions 4

``--driver browser`` (default): real `streamlit run app.py` servers on free localhost ports,
and sessions in headless Chromium (Debian's, through the pip playwright package; one browser,
a context per session, sessions spread over the replicas) that type a question from the QA gold
set, press 提问 and wait for its answer: what a user does, websocket and all.
``--driver kb``: the same questions through the app's code path (one long-lived
``KnowledgeBase`` per worker process, ``ask`` as the app calls it), without a browser: what
one app process can serve when its CPU is not shared with Chromium.

Prints, per replica and in all: questions answered, errors, p50 / p95 latency, questions per
second; the writer's import; and whether store and indexes agree at the end.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DEFAULT_LAWS, ROOT, law_files, md_table, percentile, seed_files, shuffled  # noqa: E402
from kb import KnowledgeBase  # noqa: E402
from tests.postgres import PostgresServer, find_binaries, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
QA_GOLD = ROOT.parent / "shared" / "eval" / "qa.jsonl"
ANSWER_TIMEOUT_MS = 60_000
START_TIMEOUT_S = 120
NOT_FOUND_TEXT = "没有找到足够确定的答案"


def build_kb(home: Path, address: str, laws: list[Path]) -> float:
    (home / "index").mkdir(parents=True)
    (home / "config.json").write_text(json.dumps({"store": address}), encoding="utf-8")
    started = time.monotonic()
    with KnowledgeBase(home) as kb:
        kb.ingest([*seed_files(), *laws])
    return time.monotonic() - started


def questions_with_answers(home: Path) -> list[tuple[str, str]]:
    """Gold-set questions and a piece of text their answer page shows (to know it is drawn)."""
    questions = [json.loads(line)["question"] for line in QA_GOLD.read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    pairs = []
    with KnowledgeBase(home) as kb:
        for question in questions:
            answer = kb.ask(question)
            shown = answer.answer.splitlines()[0][:16] if answer.found else NOT_FOUND_TEXT
            if "*" not in shown and "`" not in shown:  # text Markdown would not change
                pairs.append((question, shown))
    return pairs


def start_replicas(home: Path, n: int, logs: Path) -> list[tuple[subprocess.Popen, str]]:
    replicas = []
    for i in range(n):
        port = free_port()
        command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
                   "--server.port", str(port), "--server.address", "127.0.0.1",
                   "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        with (logs / f"replica{i}.log").open("wb") as out:
            server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "KB_HOME": str(home)},
                                      stdout=out, stderr=subprocess.STDOUT)
        replicas.append((server, f"http://127.0.0.1:{port}"))
    for server, url in replicas:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if server.poll() is not None:
                raise SystemExit(f"a replica exited with {server.returncode}; see {logs}")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"{url} did not come up within {START_TIMEOUT_S} s")
            time.sleep(0.5)
    return replicas


# --- sessions in a browser ----------------------------------------------------------------
async def ask(page, question: str, shown: str) -> None:
    await page.get_by_label("问题").fill(question)
    await page.get_by_role("button", name="提问").click()
    await page.get_by_text(shown, exact=False).first.wait_for(timeout=ANSWER_TIMEOUT_MS)


async def warm_up(browser, url: str, pairs) -> None:
    """One question per replica before the clock starts: a replica loads its models and opens
    the KB at its first question, as a running app has long done."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url)
    await ask(page, *pairs[0])
    await context.close()


async def browser_session(browser, url: str, name: str, pairs, offset: int, seconds: float,
                          record: list) -> None:
    context = await browser.new_context()
    page = await context.new_page()
    try:
        await page.goto(url)
        await page.get_by_label("问题").wait_for(timeout=ANSWER_TIMEOUT_MS)
        until = time.monotonic() + seconds
        i = offset
        while time.monotonic() < until:
            question, shown = pairs[i % len(pairs)]
            i += 1
            if await page.get_by_text(shown, exact=False).count():
                continue  # the page shows it already: its appearing would prove nothing
            started = time.monotonic()
            try:
                await ask(page, question, shown)
                failed = await page.locator('[data-testid="stException"]').count() > 0
            except Exception:  # noqa: BLE001 - a timeout or a broken page is what we count
                failed = True
            record.append((name, time.monotonic() - started, failed))
    finally:
        await context.close()


async def run_browsers(urls: list[str], pairs, sessions: int, seconds: float) -> list:
    from playwright.async_api import async_playwright
    record: list = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        await asyncio.gather(*(warm_up(browser, url, pairs) for url in urls))
        await asyncio.gather(*(browser_session(browser, urls[s % len(urls)], f"replica {s % len(urls) + 1}",
                                               pairs, s * 7, seconds, record) for s in range(sessions)))
        await browser.close()
    return record


# --- sessions through the app's code path -------------------------------------------------
def kb_worker(home: str, replica: str, pairs, offset: int, seconds: float, queue) -> None:
    record = []
    with KnowledgeBase(home) as kb:
        kb.ask(pairs[0][0])  # load the models before the clock starts, as a running app has
        until = time.monotonic() + seconds
        i = offset
        while time.monotonic() < until:
            question, _ = pairs[i % len(pairs)]
            i += 1
            started = time.monotonic()
            try:
                kb.ask(question)
                failed = False
            except Exception:  # noqa: BLE001
                failed = True
            record.append((replica, time.monotonic() - started, failed))
    queue.put(record)


def run_kb_workers(home: Path, pairs, sessions: int, replicas: int, seconds: float) -> list:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    workers = [ctx.Process(target=kb_worker, args=(str(home), f"replica {s % replicas + 1}", pairs, s * 7, seconds, queue))
               for s in range(sessions)]
    for worker in workers:
        worker.start()
    record = [row for _ in workers for row in queue.get()]
    for worker in workers:
        worker.join()
    return record


def report(record: list, seconds: float) -> str:
    rows = []
    for name in sorted({r[0] for r in record}) + ["all"]:
        mine = [r for r in record if name in ("all", r[0])]
        ok = [r[1] * 1000 for r in mine if not r[2]]
        rows.append((name, len(mine), sum(r[2] for r in mine), f"{percentile(ok, 50):.0f}",
                     f"{percentile(ok, 95):.0f}", f"{len(ok) / seconds:.2f}"))
    return md_table(["replica", "questions", "errors", "p50 ms", "p95 ms", "answered/s"], rows, "lrrrrr")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--driver", choices=["browser", "kb"], default="browser")
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--laws", type=int, default=100, help="laws in the KB besides the five seeds")
    parser.add_argument("--writer-laws", type=int, default=20, help="laws a CLI writer imports meanwhile")
    parser.add_argument("--laws-dir", type=Path, default=DEFAULT_LAWS)
    args = parser.parse_args()
    binaries = find_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL is not installed: run scripts/system_deps.sh")
    laws = shuffled(law_files(args.laws_dir), seed=15) if args.laws_dir.exists() else []
    server = PostgresServer(binaries).start()
    work = Path(tempfile.mkdtemp(prefix="kb-replicas-"))
    replicas = []
    try:
        home = work / "kb"
        built = build_kb(home, server.new_database(), laws[:args.laws])
        pairs = questions_with_answers(home)
        print(f"KB: 5 seeds + {min(args.laws, len(laws))} laws in PostgreSQL, built in {built:.0f} s; "
              f"{len(pairs)} questions", file=sys.stderr)
        if args.driver == "browser":
            replicas = start_replicas(home, args.replicas, work)
        extra = work / "more"
        extra.mkdir()
        for law in laws[args.laws:args.laws + args.writer_laws]:
            (extra / law.name).write_bytes(law.read_bytes())
        writer = subprocess.Popen([sys.executable, "-m", "kb", "--home", str(home), "ingest", str(extra)],
                                  cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        writer_started = time.monotonic()
        if args.driver == "browser":
            record = asyncio.run(run_browsers([url for _, url in replicas], pairs, args.sessions, args.seconds))
        else:
            record = run_kb_workers(home, pairs, args.sessions, args.replicas, args.seconds)
        _, writer_err = writer.communicate(timeout=1800)
        writer_s = time.monotonic() - writer_started
        with KnowledgeBase(home) as kb:
            documents, lag = len(kb.documents()), kb.index_lag().documents
        print(f"\n{args.driver}: {args.replicas} replicas, {args.sessions} sessions, {args.seconds:g} s, "
              f"{os.cpu_count()} cores\n")
        print(report(record, args.seconds))
        print(f"\nCLI writer: {args.writer_laws} laws, exit {writer.returncode}, {writer_s:.0f} s "
              f"(from the start of the sessions); at the end {documents} documents, {lag} not indexed")
        if writer.returncode:
            print(writer_err[-2000:])
    finally:
        for process, _ in replicas:
            process.terminate()
        for process, _ in replicas:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        server.stop()


if __name__ == "__main__":
    main()
