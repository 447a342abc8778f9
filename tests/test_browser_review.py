"""A reviewer's day in a real browser (headless Chromium against `streamlit run app.py` on a KB
with accounts): an editor logs in, corrects an owner, confirms three tasks, splits one and adds
a task the parser missed; the export, the answer and the .ics read the corrections, and
`kb reindex` and a re-import keep them. A viewer sees no editing page and a forged write is
refused by the KB; five wrong passwords lock an account. Screenshots: tests/artifacts/review_*."""
import os
import re
import subprocess
import sys
import time

import icalendar
import pytest
from click.testing import CliRunner

from kb import Accounts, KnowledgeBase, PermissionDenied, local_user
from kb.cli import cli
from kb.review.changes import Confirm
from kb.tables.ics import ics_bytes
from tests.test_browser import ANSWER_TIMEOUT_MS, ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, ROOT, free_port, wait_until_up

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is missing: run `bash scripts/system_deps.sh`")
PASSWORD = "correct-horse-42"
MISSED = "各镇（街道）要把消防通道畅通纳入日常巡查"  # read as part of the 工作要求 paragraph, not as a task
NOTICE = ("关于做好冬季消防安全工作的通知\n\n一、工作任务\n"
          "1. 开展冬季火灾隐患排查整治，2027年1月底前完成。（县应急局牵头，县消防救援大队配合）\n"
          "2. 强化重点场所检查。对商场、宾馆、学校开展联合检查，2026年12月底前完成。（县市场监管局牵头，县教育局配合）\n"
          "3. 落实燃气安全管理。对燃气经营企业开展专项整治。（县住房城乡建设局负责）\n"
          "4. 加强宣传培训。组织开展消防安全培训，提升群众自防自救能力；加强应急演练，每个村至少演练一次。（县消防救援大队负责）\n\n"
          f"二、工作要求\n{MISSED}，发现问题及时整改。\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The app on a KB of the seeds and one small notice, with an editor and a viewer."""
    home = tmp_path_factory.mktemp("review") / "kb"
    notice = tmp_path_factory.mktemp("notice") / "冬季消防.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    home.mkdir()
    (home / "config.json").write_text('{"login_delay_s": 0.05}', encoding="utf-8")
    with KnowledgeBase(home) as kb:
        assert all(r.ok for r in kb.ingest([ROOT / "corpus", notice]))
        accounts = Accounts(kb.config)
        accounts.add(local_user(), "editor1", "editor", PASSWORD)
        accounts.add(local_user(), "viewer1", "viewer", PASSWORD)
        accounts.add(local_user(), "victim", "editor", PASSWORD)
    port = free_port()
    log = home / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
               "--server.port", str(port), "--server.address", "localhost", "--server.fileWatcherType", "none",
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "KB_HOME": str(home)},
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://localhost:{port}/_stcore/health", server, log)
        yield f"http://localhost:{port}", home, notice
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def logged_in(browser, url: str, name: str, password: str = PASSWORD, path: str = ""):
    page = browser.new_page(viewport={"width": 1440, "height": 1400}, locale="zh-CN")
    page.goto(url + path)
    page.get_by_label("账号").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    return page


def wait_done(page, message: str) -> None:
    """The change's message is shown and the page has settled: one task's controls, not the
    last task's still fading out beside the next one's."""
    from playwright.sync_api import expect

    page.get_by_text(message, exact=True).first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    settled(page)
    expect(page.get_by_role("button", name="确认无误")).to_have_count(1, timeout=ANSWER_TIMEOUT_MS)


def settled(page) -> None:
    """The script run is over: Streamlit's running indicator is gone (a click on an element
    drawn by a run still going may land on one the run then replaces)."""
    page.wait_for_timeout(300)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=ANSWER_TIMEOUT_MS)


def wait_current(page, number: int) -> None:
    """The task shown is the notice's item ``number``. The store is written before the run that
    draws the next task is over, and Streamlit's running indicator may not show yet: a click on
    the controls still drawn for the last task reaches a run that no longer draws them, and is lost."""
    from playwright.sync_api import expect

    expect(page.get_by_role("combobox", name=re.compile("^任务"))).to_have_value(
        re.compile(rf"^{number}\. "), timeout=ANSWER_TIMEOUT_MS)
    settled(page)


def wait_reviewed(home, count: int) -> None:
    """The server has stored ``count`` confirmed or edited tasks of the notice: a second click's message
    looks like the first's, so under load only the store tells that the run it started is over."""
    deadline = time.monotonic() + ANSWER_TIMEOUT_MS / 1000
    while sum(s.review in ("confirmed", "edited") for s in notice_tasks(home)[1]) < count:
        assert time.monotonic() < deadline, f"fewer than {count} tasks reviewed"
        time.sleep(0.2)


def notice_tasks(home):
    with KnowledgeBase(home) as kb:
        doc_id = next(d["doc_id"] for d in kb.documents() if d["file"] == "冬季消防.txt")
        return doc_id, kb.tasks(doc=doc_id)


def test_an_editors_day_in_the_browser(served, browser):
    url, home, notice = served
    doc_id, before = notice_tasks(home)
    page = logged_in(browser, url, "editor1")
    page.get_by_role("tab", name="核对").click()
    page.get_by_text("已核对 ").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    # the notice's tasks in order
    page.get_by_text("显示").first.wait_for()
    page.get_by_text("全部任务", exact=True).click()
    page.get_by_label("文件").first.click()
    page.get_by_role("option", name="关于做好冬季消防安全工作的通知").click()
    page.get_by_text(f"任务（共 {len(before)} 项）").wait_for(timeout=ANSWER_TIMEOUT_MS)
    settled(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "review_queue.png", full_page=True)

    # correct an owner of the first task: the lead is the county government's office, not 县应急局
    lead = page.get_by_label("牵头单位").first
    lead.click()
    page.keyboard.type("县政府办公室")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.get_by_role("button", name="保存修改").click()
    wait_done(page, "已保存")
    wait_reviewed(home, 1)
    wait_current(page, 2)
    page.screenshot(path=ARTIFACTS / "review_edited.png", full_page=True)

    # the next two are right; the fourth is two tasks in one: split it, and confirm its first part
    for reviewed in (2, 3):
        page.get_by_role("button", name="确认无误").click()
        wait_done(page, "已确认")
        wait_reviewed(home, reviewed)
        wait_current(page, reviewed + 1)
    page.get_by_text("拆分成两项").click()
    page.get_by_role("button", name="拆分", exact=True).click()
    wait_done(page, "已拆分")
    page.get_by_role("button", name="确认无误").click()
    wait_done(page, "已确认")

    # a sentence of 工作要求 is a task of its own: add it from its words
    page.get_by_text("补充遗漏的任务").click()
    settled(page)
    page.get_by_label("任务原文").fill(MISSED)
    page.get_by_role("button", name="添加任务").click()
    try:
        wait_done(page, "已添加")
    finally:
        page.screenshot(path=ARTIFACTS / "review_add.png", full_page=True)
    page.screenshot(path=ARTIFACTS / "review_done.png", full_page=True)

    _, after = notice_tasks(home)
    first = next(s for s in after if s.task.start == before[0].task.start and s.review)
    assert "县政府办公室" in first.task.lead_units and first.reviewed_by == "editor1"
    assert sum(s.review in ("confirmed", "edited") for s in after) == 3, [(s.task.start, s.review) for s in after]
    assert len([s for s in after if s.review == "added"]) == 3  # the two parts and the missed task
    assert any(s.review == "added" and MISSED in s.task.text for s in after)
    with KnowledgeBase(home) as kb:
        rows = kb.task_rows(doc=doc_id)
        assert any("县政府办公室" in r["lead_units"] and r["review"] == "edited" for r in rows)
        calendar = icalendar.Calendar.from_ical(ics_bytes(rows))
        assert any("县政府办公室" in str(event.get("description", "")) + str(event.get("summary", ""))
                   for event in calendar.walk("VEVENT"))
        answer = kb.ask("冬季火灾隐患排查整治谁牵头？")
        assert "县政府办公室" in answer.answer
        table = sorted((s.task.start, s.task.end, s.review, tuple(s.task.lead_units)) for s in kb.tasks(doc=doc_id))
    runner = CliRunner()
    assert runner.invoke(cli, ["--home", str(home), "reindex"]).exit_code == 0
    assert runner.invoke(cli, ["--home", str(home), "remove", doc_id]).exit_code == 0
    assert runner.invoke(cli, ["--home", str(home), "ingest", str(notice)]).exit_code == 0
    with KnowledgeBase(home) as kb:
        assert sorted((s.task.start, s.task.end, s.review, tuple(s.task.lead_units))
                      for s in kb.tasks(doc=doc_id)) == table


def test_a_viewer_sees_no_editing_and_a_forged_write_is_refused(served, browser):
    url, home, _ = served
    page = logged_in(browser, url, "viewer1", path="/?page=核对")
    page.get_by_role("tab", name="任务分工表").wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert page.get_by_role("tab", name="核对").count() == 0 and page.get_by_role("tab", name="导入").count() == 0
    assert page.get_by_role("button", name="确认无误").count() == 0
    page.screenshot(path=ARTIFACTS / "review_viewer.png", full_page=True)
    # what a forged request from that session would reach: the KB's own check
    viewer = Accounts(KnowledgeBase(home).config).login("viewer1", PASSWORD)
    _, tasks = notice_tasks(home)
    with KnowledgeBase(home) as kb, pytest.raises(PermissionDenied):
        kb.correct(Confirm(tasks[-1].id), viewer)


def test_five_wrong_passwords_lock_the_account(served, browser):
    url, _, _ = served
    page = browser.new_page(locale="zh-CN")
    page.goto(url)
    for attempt in range(5):
        page.get_by_label("账号").fill("victim")
        page.get_by_label("密码").fill(f"wrong-{attempt}")
        page.get_by_role("button", name="登录").click()
        page.get_by_role("alert").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
        settled(page)
    page.get_by_label("账号").fill("victim")
    page.get_by_label("密码").fill(PASSWORD)  # the right one, during the lock
    page.get_by_role("button", name="登录").click()
    page.get_by_text("已锁定").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    settled(page)
    page.screenshot(path=ARTIFACTS / "review_locked.png", full_page=True)
    assert page.get_by_role("tab", name="问答").count() == 0
