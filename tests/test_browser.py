"""End to end in a real browser: `streamlit run app.py` on a free port over a KB built from
corpus/, driven in headless Chromium (Debian's package, through the pip playwright package,
which never downloads a browser here) the way a user would: type the question, press 提问."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from kb import KnowledgeBase
from kb.app import view
from tests import hostile

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
ARTIFACTS = ROOT / "tests" / "artifacts"  # ignored by git
START_TIMEOUT_S = 60
ANSWER_TIMEOUT_MS = 120_000  # a loaded 2-core CI machine draws a Streamlit rerun in seconds, sometimes tens (over 60 s at load 6)
EXAMPLE = "哪些部门配合危化品整治"  # the last example question on the 问答 page
FIRE = "消防整治谁牵头？"  # three documents answer it
PHONE, DESKTOP = 390, 1440

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason=f"{CHROMIUM} is missing: run `bash scripts/system_deps.sh`")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer {url} within {START_TIMEOUT_S} s:\n{log.read_text()}")


TASK_COUNTS: dict[str, int] = {}  # what the task table should say, read from the KB the app shows
FIRE_CITATION: dict[str, str] = {}  # the fire answer's first quote: its document and span, as the URL names them


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    notice = hostile.write_hostile_docx(tmp_path_factory.mktemp("hostile") / "hostile.docx")
    with KnowledgeBase(home) as kb:
        assert all(result.ok for result in kb.ingest([ROOT / "corpus", notice]))
        TASK_COUNTS.update(all=len(kb.tasks()), fire=len(kb.tasks(keyword="消防")),
                           fire_dated=sum(s.task.deadline_norm[:4].isdigit() for s in kb.tasks(keyword="消防")))
        citation = kb.ask(FIRE).citations[0]
        FIRE_CITATION.update(doc=citation.doc_id, at=f"{citation.start}-{citation.end}")
    port = free_port()
    log = home / "streamlit.log"
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
               "--server.headless", "true", "--server.port", str(port), "--server.address", "localhost",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
               "--client.toolbarMode", "viewer"]
    with log.open("wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "KB_HOME": str(home)},
                                  stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://localhost:{port}/_stcore/health", server, log)
        yield f"http://localhost:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def page(app_url):
    """The app in Chromium; ``page.requested`` lists every URL the page asked for."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
            page.requested = []
            page.on("request", lambda request: page.requested.append(request.url))
            page.goto(app_url)
            yield page
        finally:
            browser.close()


def test_ask_the_fire_question_and_open_its_citation_in_a_browser(page):
    page.get_by_role("button", name=EXAMPLE).wait_for()  # the page is drawn to its end
    started = time.monotonic()
    page.get_by_label("问题").fill("消防整治谁牵头？")
    page.get_by_role("button", name="提问").click()
    page.get_by_text("市消防救援支队").first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    answered_s = time.monotonic() - started
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "ask_fire.png", full_page=True)
    assert page.locator("table.kb-cards").is_visible()  # three documents: a row each
    assert page.get_by_text("出处").first.is_visible()
    print(f"answer shown {answered_s:.1f} s after submitting")

    # the citation opens the 文档 page scrolled to the quoted span, highlighted
    page.get_by_role("button", name="在原文中查看").first.click()
    focus = page.locator(f"#{view.FOCUS_ID}")
    focus.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "消防领域整治提升工程" in focus.inner_text()
    assert "page=" in page.url and "doc=" in page.url and "at=" in page.url  # the view is in the address, to share
    wait_for_the_start_of_the_span(page)


# The cited span's first line, inside its scrolling box and on screen (not hidden above the box,
# as a long span scrolled to its centre was), with Streamlit's header not over it.
SPAN_START_SHOWN = (
    f"(() => {{ const el = document.getElementById('{view.FOCUS_ID}'); if (!el) return false;"
    "const first = el.getClientRects()[0];"
    "let box = el.parentElement;"
    "while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowY)) box = box.parentElement;"
    "const rect = box.getBoundingClientRect();"
    "const header = document.querySelector('[data-testid=stHeader]').getBoundingClientRect().bottom;"
    "return first.top >= Math.max(rect.top, header) - 1 && first.bottom <= Math.min(rect.bottom, innerHeight) + 1; })()")


def wait_for_the_start_of_the_span(page) -> None:
    page.wait_for_function(SPAN_START_SHOWN, timeout=ANSWER_TIMEOUT_MS)


def test_filter_the_task_table_and_download_its_calendar_in_a_browser(page):
    page.get_by_role("tab", name="任务分工表").click()
    page.get_by_text(f"共 {TASK_COUNTS['all']} 项任务").wait_for()  # typing before the tab is drawn could be lost
    page.get_by_text("筛选", exact=True).click()  # the filters fold into an expander
    page.get_by_label("关键词").fill("消防")
    page.get_by_label("关键词").press("Enter")
    page.get_by_text(f"共 {TASK_COUNTS['fire']} 项任务").wait_for(timeout=ANSWER_TIMEOUT_MS)
    # the grid draws on a canvas; its cells are in the DOM for screen readers, not always visible
    page.get_by_text("市消防救援支队").first.wait_for(state="attached")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "tasks_fire.png", full_page=True)
    with page.expect_download(timeout=ANSWER_TIMEOUT_MS) as downloading:  # the filtered deadlines as a calendar
        page.get_by_role("button", name="下载日历 .ics").click()
    calendar = icalendar.Calendar.from_ical(Path(downloading.value.path()).read_bytes())
    assert len(calendar.walk("VEVENT")) == TASK_COUNTS["fire_dated"] > 0


def links_and_images(page) -> list[str]:
    """Where every link and image on the page points."""
    return page.eval_on_selector_all("a[href], img[src]", "els => els.map(e => e.href || e.src)")


def shown_text(page) -> str:
    """The page's text as a reader sees it (the invisible word joiners the app puts inside
    URLs, so that Markdown does not link them, left out)."""
    return page.inner_text("body").replace(view.WORD_JOINER, "")


def assert_nothing_points_outside(page, app_url: str) -> None:
    assert not [url for url in links_and_images(page) if hostile.HOST in url]
    assert not [url for url in page.requested if not url.startswith((app_url, "data:", "blob:"))]


def test_a_hostile_notice_shows_as_text_and_the_browser_fetches_nothing_outside(page, app_url):
    page.get_by_role("button", name=EXAMPLE).wait_for()

    page.get_by_label("问题").fill(hostile.QUESTION)
    page.get_by_role("button", name="提问").click()
    page.get_by_text(hostile.LEAD).first.wait_for(timeout=ANSWER_TIMEOUT_MS)  # the unit, as written
    # the cited row comes after the answer: wait for it rather than read the page mid-render
    page.wait_for_function(f"document.body.innerText.replaceAll('{view.WORD_JOINER}', '')"
                           f".includes({hostile.CO!r})", timeout=ANSWER_TIMEOUT_MS)
    assert_nothing_points_outside(page, app_url)

    page.get_by_role("tab", name="检索").click()
    page.get_by_label("检索词").fill("专项检查 点我")
    page.get_by_label("检索词").press("Enter")
    page.get_by_role("tab", name=re.compile("^结果（")).wait_for(timeout=ANSWER_TIMEOUT_MS)
    # the hits render after the tab's name: wait for them rather than read the page mid-render
    page.wait_for_function(f"document.body.innerText.replaceAll('{view.WORD_JOINER}', '')"
                           f".includes({hostile.TASK!r})", timeout=ANSWER_TIMEOUT_MS)
    assert f"《{hostile.TITLE}》" in shown_text(page) and hostile.TASK in shown_text(page)
    assert_nothing_points_outside(page, app_url)

    page.get_by_role("tab", name="文档").click()
    page.get_by_label("查看文件").click()
    page.get_by_role("option", name=hostile.TITLE).click()  # a select box option is plain text
    page.get_by_text("本文件的任务").wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_function(f"document.body.innerText.replaceAll('{view.WORD_JOINER}', '')"
                           f".includes({hostile.TITLE!r})", timeout=ANSWER_TIMEOUT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "hostile_notice.png", full_page=True)
    assert_nothing_points_outside(page, app_url)
    with urllib.request.urlopen(app_url) as response:  # the header that stops outside images
        assert "img-src 'self'" in (response.headers["Content-Security-Policy"] or "")


PAGE_READY = {"问答": "示例：", "检索": "检索词", "任务分工表": "项任务", "文档": "本文件的任务", "导入": "上传"}


def browser_page(playwright, width: int):
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    return browser, browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")


def ask(page, question: str) -> None:
    page.get_by_role("button", name=EXAMPLE).wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.get_by_label("问题").fill(question)
    page.get_by_role("button", name="提问").click()


def search(page, query: str) -> None:
    page.get_by_label("检索词").fill(query)
    page.get_by_label("检索词").press("Enter")
    page.get_by_role("tab", name=re.compile("^结果（")).wait_for(timeout=ANSWER_TIMEOUT_MS)


def fills_the_page(page, app_url: str, name: str) -> None:
    """A page with what a user would have on it: an answer, hits, the tasks, a cited document."""
    if name == "文档":
        page.goto(f"{app_url}/?page=文档&doc={FIRE_CITATION['doc']}&at={FIRE_CITATION['at']}")
        wait_for_the_start_of_the_span(page)
        return
    page.goto(f"{app_url}/?page={name}")
    page.get_by_text(PAGE_READY[name]).first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    if name == "问答":
        ask(page, FIRE)
        page.locator("table.kb-cards").wait_for(timeout=ANSWER_TIMEOUT_MS)
        page.get_by_text("3 个文件有答案").scroll_into_view_if_needed()  # the shot shows the answer
    elif name == "检索":
        search(page, "危险化学品")


def test_screenshots_of_every_page_at_desktop_and_phone_width(app_url):
    """For review: each page at 1440 and 390 px, filled (the fire question asked and answered,
    危险化学品 searched, the 文档 page opened at the answer's quote). On a phone the task table keeps
    the owner and deadline columns (pinned) beside the start of the task, and fits the screen."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser, view = browser_page(playwright, DESKTOP)
        try:
            for width in (DESKTOP, PHONE):
                view.set_viewport_size({"width": width, "height": 900})
                for name in PAGE_READY:
                    fills_the_page(view, app_url, name)
                    if name == "任务分工表":
                        table = view.locator("[data-testid='stDataFrame']").first
                        table.wait_for(timeout=ANSWER_TIMEOUT_MS)
                        box = table.bounding_box()
                        assert box and box["x"] + box["width"] <= width + 1  # the table fits the screen
                    if name == "导入":  # Streamlit's "Upload" and "50MB per file" show in Chinese
                        button_text = view.locator("[data-testid=stFileUploaderDropzone] button p")
                        button_text.wait_for(timeout=ANSWER_TIMEOUT_MS)
                        assert "选择文件" in button_text.evaluate("p => getComputedStyle(p, '::after').content")
                    assert not_wider_than_the_screen(view, width), name
                    view.screenshot(path=ARTIFACTS / f"{name}_{width}px.png", full_page=True)
        finally:
            browser.close()


def not_wider_than_the_screen(page, width: int) -> bool:
    """Nothing to scroll sideways to: the page is no wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth") <= width


def boxes(page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        "return {label: e.dataset.label, text: e.innerText, left: r.left, right: r.right, width: r.width}; })")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_each_documents_unit_deadline_and_source_show_without_scrolling_sideways(app_url, width):
    """The fire question, answered by three documents: on a phone each is a card (unit, deadline,
    source one under another), at 1440 px a table whose every column is on screen."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page = browser_page(playwright, width)
        try:
            page.goto(app_url)
            ask(page, FIRE)
            page.locator("table.kb-cards").wait_for(timeout=ANSWER_TIMEOUT_MS)
            cells = [cell for cell in boxes(page, "table.kb-cards td") if cell["label"] in ("单位", "时限", "出处")]
            assert len(cells) == 9  # three documents
            assert "市消防救援支队" in cells[0]["text"] and "2021年12月" in cells[1]["text"]
            assert "消防领域整治提升工程" in cells[2]["text"]
            for cell in cells:
                assert cell["width"] > 0 and 0 <= cell["left"] and cell["right"] <= width, cell
            assert not_wider_than_the_screen(page, width)
            if width == PHONE:  # stacked: a card's cells share its left edge
                assert len({round(cell["left"]) for cell in cells}) == 1
                assert not page.locator("table.kb-cards thead").is_visible()
            else:  # side by side, the headers over them
                assert len({round(cell["left"]) for cell in cells[:3]}) == 3
                assert page.locator("table.kb-cards th", has_text="出处").is_visible()
        finally:
            browser.close()


def click_first_line(page, locator) -> None:
    """Tap the middle of an element's first line (a long mark's middle can be outside its box)."""
    locator.evaluate("m => m.scrollIntoView({block: 'center'})")
    x, y = locator.evaluate("m => { const r = m.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }")
    page.mouse.click(x, y)


def test_the_document_on_a_phone_folds_its_outline_and_a_tap_shows_a_tasks_owners(app_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser, page = browser_page(playwright, PHONE)
        try:
            page.goto(f"{app_url}/?page=文档&doc={FIRE_CITATION['doc']}&at={FIRE_CITATION['at']}")
            wait_for_the_start_of_the_span(page)
            outline = page.locator(".kb-outline-body")
            assert not outline.is_visible()  # folded: the text comes first
            page.get_by_text("章节（点击跳转）").click()
            assert outline.is_visible() and outline.get_by_text("二、主要措施").is_visible()
            # a one-line task mark, tapped: its owners show right after it
            index = page.evaluate("[...document.querySelectorAll('mark.kb-task')]"
                                  ".findIndex(m => m.getClientRects().length === 1)")
            mark = page.locator("mark.kb-task").nth(index)
            for _ in range(3):  # a tap while the page still scrolls into place can land beside the mark
                click_first_line(page, mark)
                if mark.evaluate("m => document.activeElement === m"):
                    break
                page.wait_for_timeout(500)
            shown = mark.evaluate("m => getComputedStyle(m, '::after').content")
            assert shown.strip('"') == f"（{mark.get_attribute('data-owners')}）" and "时限" in shown
            page.set_viewport_size({"width": DESKTOP, "height": 900})  # a wide screen shows the outline as it is
            assert outline.is_visible()
        finally:
            browser.close()


def open_the_list(combobox, first_item, tries: int = 5) -> None:
    """Click a select box until its list shows: a click that lands while the filter panel is still
    opening (or while Streamlit redraws it) leaves the list shut."""
    for _ in range(tries):
        combobox.click()
        try:
            first_item.wait_for(timeout=ANSWER_TIMEOUT_MS // tries)
            return
        except PlaywrightTimeout:
            combobox.page.keyboard.press("Escape")
    first_item.wait_for(timeout=ANSWER_TIMEOUT_MS)


def test_the_task_filters_speak_chinese(page):
    page.get_by_role("tab", name="任务分工表").click()
    page.get_by_text(f"共 {TASK_COUNTS['all']} 项任务").wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.get_by_text("筛选", exact=True).click()
    select_all = page.locator('[data-key="__select_all__"] [data-item-hl]')
    open_the_list(page.get_by_role("combobox", name="状态"), select_all)
    page.wait_for_function("getComputedStyle(document.querySelector('[data-key=\"__select_all__\"] [data-item-hl]'),"
                           " '::after').content === '\"全选\"'", timeout=ANSWER_TIMEOUT_MS)
    assert select_all.evaluate("p => getComputedStyle(p).fontSize") == "0px"  # "Select all" is not shown
    page.keyboard.press("Escape")
    page.get_by_label("关键词").fill("消防")  # typed, not yet applied: Streamlit's hint under the box
    hint = page.locator("[data-testid=InputInstructions]")
    hint.wait_for(timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_function("document.querySelector('[data-testid=InputInstructions]').dataset.kbLabel === '按回车键确认'",
                           timeout=ANSWER_TIMEOUT_MS)
    assert "按回车键确认" in hint.evaluate("e => getComputedStyle(e, '::after').content")
