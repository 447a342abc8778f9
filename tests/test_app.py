"""The Streamlit app, page by page, through streamlit.testing.v1.AppTest on a real KB built
from corpus/; and the helpers behind it (kb/app/view.py)."""
import csv
import html
import io
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from kb import KnowledgeBase
from kb.app import upload, view
from kb.tables.export import read_xlsx
from tests import hostile
from tests.concurrency import run_kb

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CORPUS = ROOT / "corpus"
# A notice none of the seeds resembles, with one task the parser reads.
NEW_NOTICE = """关于开展冰雪运动场所安全专项检查的通知

一、检查内容
1. 冰雪运动场所安全专项检查。全面排查滑雪场、滑冰场的设施设备和应急预案，2022年1月底前完成整改。（市体育局牵头，市应急局配合）
""".encode("utf-8")


@pytest.fixture(scope="module")
def seeded_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("kb")
    with KnowledgeBase(home) as kb:
        results = kb.ingest([CORPUS])
    assert all(r.ok for r in results) and len(results) == 5
    return home


@pytest.fixture
def app(seeded_home, monkeypatch):
    """The app on the shared seeded KB (tests that change the KB use ``own_app``)."""
    monkeypatch.setenv("KB_HOME", str(seeded_home))
    return AppTest.from_file(APP, default_timeout=60).run()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_home(request, seeded_home):
    """The seeded KB's home, in SQLite and in PostgreSQL (its config.json names the store)."""
    return seeded_home if request.param == "sqlite" else request.getfixturevalue("pg_seeded_home")


@pytest.fixture
def any_app(any_home, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(any_home))
    return AppTest.from_file(APP, default_timeout=60).run()


@pytest.fixture
def own_app(seeded_home, tmp_path, monkeypatch):
    """The app on a private copy of the seeded KB, for tests that import files."""
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    monkeypatch.setenv("KB_HOME", str(home))
    return AppTest.from_file(APP, default_timeout=60).run(), home


def open_page(at: AppTest, page: str) -> AppTest:
    at.session_state["page"] = page
    return at.run()


MARKDOWN_ESCAPE = re.compile(r"\\(.)")


def plain(markdown: str) -> str:
    """What a Markdown element shows of escaped text (the app escapes document text)."""
    return MARKDOWN_ESCAPE.sub(r"\1", markdown).replace(view.WORD_JOINER, "")


def page_text(at: AppTest) -> str:
    """Everything the page shows as text: markdown, captions, HTML, alerts and table cells."""
    kinds = ("markdown", "caption", "error", "warning", "info", "success", "subheader")
    parts = [plain(element.value) for kind in kinds for element in getattr(at, kind)]
    parts += [element.value for element in at.html]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(parts)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def tab(at: AppTest, label_start: str):
    return next(t for t in at.tabs if t.label.startswith(label_start))


def task_total(at: AppTest) -> int:
    """The number in "共 **N** 项任务"."""
    line = next(m.value for m in at.markdown if m.value.startswith("共 **"))
    return int(line.split("**")[1].replace(",", ""))


def no_errors(at: AppTest) -> bool:
    return not at.exception and not at.error


# --- 问答 ------------------------------------------------------------------------------

def test_ask_fire_question_names_the_lead_unit(any_app):
    app = any_app
    app.text_input(key="question").input("消防整治谁牵头？")
    button(app, "提问").click().run()
    assert not app.exception
    text = page_text(app)
    assert "市消防救援支队" in text
    assert "出处" in text and "<mark" in text  # the cited passage with the answer marked
    assert "其他文件" in text  # the same question answered by the other notices


def test_example_question_button_asks_it(app):
    button(app, "哪些部门配合危化品整治").click().run()
    assert not app.exception
    assert app.text_input(key="question").value == "哪些部门配合危化品整治"
    assert "出处" in page_text(app) or "最接近的原文" in page_text(app)


def test_unanswerable_question_says_so_plainly(app):
    app.text_input(key="question").input("明天北京天气怎么样？")
    button(app, "提问").click().run()
    assert not app.exception
    assert any("没有找到足够确定的答案" in plain(w.value) for w in app.warning)


# --- 检索 ------------------------------------------------------------------------------

def test_search_shows_highlighted_hits_and_groups_them_by_document(app):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品").run()
    assert not app.exception
    listing, precedent = tab(app, "结果（"), tab(app, "按文件对比")
    full_texts = [h.value for e in listing.expander for h in e.html]  # 展开全文 under a long hit
    shown = [h.value for h in listing.html]
    assert shown and all("<mark" in h for h in shown)
    assert (listing.label, precedent.label) == (f"结果（{len(shown) - len(full_texts)}）", "按文件对比")
    # the precedent view shows each document once, as a heading over its hits
    headings = [m.value for m in precedent.markdown]
    assert len(headings) == len(set(headings)) >= 2


def doc_ids(home) -> list[str]:
    with KnowledgeBase(home) as kb:
        return [d["doc_id"] for d in kb.documents()]


def test_search_filters_by_kind_and_document(app, seeded_home):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品")
    app.segmented_control(key="search_kind").set_value("任务")
    app.selectbox(key="search_doc").set_value(doc_ids(seeded_home)[0]).run()
    assert not app.exception
    captions = [plain(c.value) for c in tab(app, "结果（").caption if "相关度" in c.value]
    assert captions and all("任务" in c and "济南市安全生产攻坚年行动实施方案" in c for c in captions)


def test_search_shows_each_hits_document_kind_and_filters_by_it(app):
    open_page(app, "检索")
    app.text_input(key="search_query").input("危险化学品").run()
    captions = [plain(c.value) for c in tab(app, "结果（").caption if "相关度" in c.value]
    # the seeds are notices; each hit says what its document calls itself
    assert captions and all(any(f" · {kind} · " in c for kind in ("方案", "要点", "规划", "举措")) for c in captions)
    kinds = app.segmented_control(key="search_doc_kind")
    assert kinds.options == ["通知类", "法规类"] and "通知类：方案、要点、规划、举措；法规类：暂无" in kinds.help
    app.segmented_control(key="search_doc_kind").set_value("regulation").run()  # the seeds hold no regulation
    assert not app.exception and any("没有找到相关内容" in info.value for info in app.info)


# --- 任务分工表 ---------------------------------------------------------------------------

def seed_task_count(home) -> int:
    with KnowledgeBase(home) as kb:
        return kb.stats()["tasks"]


def test_task_table_filters_change_the_rows(any_app, any_home):
    app = any_app
    open_page(app, "任务分工表")
    everything = task_total(app)
    assert everything == seed_task_count(any_home) and app.dataframe[0].value.shape[0] == everything
    assert list(app.dataframe[0].value.columns) == [
        "牵头/责任单位", "完成时限", "重点任务", "状态", "配合单位", "目标指标", "置信度", "核对", "来源文件", "条款", "序号"]

    # a family: 市应急局, 县应急管理局 … (what typing 应急局 finds; AppTest cannot type a new option)
    app.selectbox(key="tasks_unit").set_value("应急管理部门").run()
    by_unit = task_total(app)
    app.selectbox(key="tasks_role").set_value("牵头").run()
    leading = task_total(app)
    assert everything > by_unit > leading > 0
    assert app.dataframe[0].value.shape[0] == leading
    assert all("应急" in units for units in app.dataframe[0].value["牵头/责任单位"])

    app.text_input(key="tasks_due_before").input("2021-06").run()
    assert task_total(app) < leading
    app.text_input(key="tasks_due_before").input("六月").run()
    assert any("时限请写成" in plain(e.value) for e in app.error)


def test_the_doubtful_tasks_come_first_when_asked_for(app, seeded_home):
    open_page(app, "任务分工表")
    everything = task_total(app)
    app.checkbox(key="tasks_doubtful").check().run()
    assert no_errors(app)
    doubtful = task_total(app)
    assert 0 < doubtful < everything
    shown = list(app.dataframe[0].value["置信度"])
    assert all("存疑" in cell for cell in shown)
    assert [int(cell.split("%")[0]) for cell in shown] == sorted(int(cell.split("%")[0]) for cell in shown)


def test_keyword_filter_finds_the_fire_brigade(app, seeded_home):
    open_page(app, "任务分工表")
    app.text_input(key="tasks_keyword").input("消防").run()
    assert no_errors(app)
    assert 0 < task_total(app) < seed_task_count(seeded_home)
    assert "市消防救援支队" in page_text(app)


class RecordingMediaFileManager(app_test_module.MediaFileManager):
    """AppTest makes a fresh media manager per run and drops it; keep them to click downloads."""
    made: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        RecordingMediaFileManager.made.append(self)


def download(at: AppTest, key: str) -> bytes:
    """What the browser gets when the download button is clicked (its file is built on click)."""
    manager = RecordingMediaFileManager.made[-1]
    url = manager.execute_deferred(at.download_button(key=key).proto.deferred_file_id)
    return manager.read_file(url.rsplit("/", 1)[-1]).content


def test_downloads_hold_the_filtered_table(seeded_home, monkeypatch):
    monkeypatch.setenv("KB_HOME", str(seeded_home))
    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaFileManager)
    at = open_page(AppTest.from_file(APP, default_timeout=60).run(), "任务分工表")
    at.selectbox(key="tasks_unit").set_value("应急管理部门")
    at.selectbox(key="tasks_role").set_value("牵头").run()
    shown = at.dataframe[0].value

    assert [b.label for b in at.download_button][:2] == ["下载 xlsx", "下载 csv"]
    sheets = read_xlsx(io.BytesIO(download(at, "download_xlsx")))
    assert [row["重点任务"] for row in sheets["汇总"]] == list(shown["重点任务"])
    csv_rows = list(csv.DictReader(io.StringIO(download(at, "download_csv").decode("utf-8-sig"))))
    assert [row["重点任务"] for row in csv_rows] == list(shown["重点任务"])

    # the unit's responsibility list: one tab per role and its by-unit workbook
    assert tab(at, "牵头（").label == f"牵头（{len(shown)}）" and tab(at, "配合（")
    # one sheet for the unit (every level merged) and the summary, not one per unit nearby
    unit_sheets = read_xlsx(io.BytesIO(download(at, "download_unit")))
    assert list(unit_sheets) == ["汇总", "应急管理部门"]
    assert all(row["角色"] for row in unit_sheets["应急管理部门"])


# --- 文档 ------------------------------------------------------------------------------

def test_documents_list_and_view_with_sections_and_marked_tasks(app, seeded_home):
    open_page(app, "文档")
    assert no_errors(app)
    listing = app.dataframe[0].value
    assert len(listing) == 5 and "济政办函〔2021〕8号" in set(listing["文号"])
    assert list(listing.columns)[:6] == ["标题", "类型", "文号", "发文机关", "日期", "任务数"]
    assert list(listing["类型"]) == ["方案", "要点", "方案", "规划", "举措"]  # from the titles
    assert set(listing["文号"]) >= {"未识别"} and "" not in set(listing["日期"])
    outline = next(h.value for h in app.html if "kb-outline" in h.value)  # folded on a phone
    text = next(h.value for h in app.html if view.TEXT_STYLE in h.value)
    assert "一、总体要求" in outline and "二、主要措施" in outline
    anchors = re.findall(r'href="#(kb-sec-\d+)"', outline)  # the outline links to the sections
    assert anchors and all(f'id="{anchor}"' in text for anchor in anchors)
    assert text.count("<mark") == 29 and 'title="牵头：' in text
    assert app.dataframe[1].value.shape[0] == 29  # this document's tasks

    app.selectbox(key="doc_view").set_value(doc_ids(seeded_home)[1]).run()
    assert "沂源县2021年安全生产工作要点" in [plain(s.value) for s in app.subheader]


# --- 导入 ------------------------------------------------------------------------------

def test_upload_imports_a_notice_that_is_searchable_at_once(own_app):
    at, home = own_app
    before = seed_task_count(home)
    open_page(at, "导入")
    at.file_uploader[0].set_value(("冰雪运动/检查通知.txt", NEW_NOTICE, "text/plain")).run()
    button(at, "导入").click().run()
    assert not at.exception
    assert any("已导入" in plain(s.value) and "1 项任务" in plain(s.value) for s in at.success)
    assert (home / "uploads" / "检查通知.txt").read_bytes() == NEW_NOTICE
    assert not at.file_uploader[0].value  # a fresh uploader: the file is not imported twice

    open_page(at, "检索")
    at.text_input(key="search_query").input("滑雪场").run()
    assert "冰雪运动场所安全专项检查" in page_text(at)
    open_page(at, "任务分工表")
    assert task_total(at) == before + 1


def test_upload_of_an_empty_file_says_why_in_plain_words(own_app):
    at, home = own_app
    open_page(at, "导入")
    at.file_uploader[0].set_value(("空白.txt", b"", "text/plain")).run()
    button(at, "导入").click().run()
    assert not at.exception
    assert any("空白.txt" in plain(e.value) and "文件是空的" in plain(e.value) for e in at.error)
    assert not (home / "uploads" / "空白.txt").exists()


def test_the_cached_kb_sees_an_import_from_another_process(own_app, tmp_path):
    # (with a PostgreSQL store: tests/test_postgres.py, a long-lived KB and a CLI writer)
    at, home = own_app
    at.text_input(key="question").input("滑雪场安全检查谁牵头？")
    button(at, "提问").click().run()
    assert "市体育局" not in page_text(at)
    notice = tmp_path / "冰雪运动检查通知.txt"
    notice.write_bytes(NEW_NOTICE)
    assert run_kb(home, "ingest", str(notice)).returncode == 0  # another process, same KB
    at.run()  # the next question: the app's cached KnowledgeBase is the same object
    assert no_errors(at)
    assert "市体育局" in page_text(at) and "冰雪运动场所安全专项检查" in page_text(at)
    open_page(at, "检索")
    at.text_input(key="search_query").input("滑雪场").run()
    assert "冰雪运动场所安全专项检查" in page_text(at)


# --- text from documents is shown as text ------------------------------------------------

@pytest.fixture
def hostile_app(seeded_home, tmp_path, monkeypatch):
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    with KnowledgeBase(home) as kb:
        result = kb.ingest([hostile.write_hostile_docx(tmp_path / "hostile.docx")])[0]
    assert result.ok and result.title == hostile.TITLE
    monkeypatch.setenv("KB_HOME", str(home))
    return AppTest.from_file(APP, default_timeout=60).run(), result.doc_id


# Sequences that make Markdown or HTML live: escaped text never contains them unescaped.
LIVE_MARKUP = ("![", "](", "<img", "<a ", "**加粗")
MARKDOWN_ELEMENTS = ("markdown", "caption", "subheader", "error", "warning", "info", "success")


def live_markup(markdown: str) -> list[str]:
    """Markup Markdown would act on: unescaped, or (links, e-mails, emoji, which Markdown finds
    after resolving escapes) not broken by a WORD JOINER."""
    unescaped = MARKDOWN_ESCAPE.sub("", markdown)  # what is left when escaped characters go
    resolved = MARKDOWN_ESCAPE.sub(r"\1", markdown)
    found = [live for live in LIVE_MARKUP if live in unescaped]
    return found + re.findall(r"(?i)https?://|www\.|\w@|:\w+:", resolved)


def assert_document_text_is_inert(at: AppTest) -> int:
    """Every element showing the hostile notice's text shows it as text; returns how many do."""
    showing = 0
    for kind in MARKDOWN_ELEMENTS:
        for element in getattr(at, kind):
            if hostile.HOST in plain(element.value):
                showing += 1
                assert not live_markup(element.value), element.value
    for element in at.html:
        if hostile.HOST in element.value:
            showing += 1
            assert "<img" not in element.value and "<a " not in element.value, element.value
    labels = [b.label for b in at.button] + [b.label for b in at.download_button]
    assert not any(live_markup(label) for label in labels), labels
    return showing


def test_markdown_html_and_urls_in_a_document_show_literally(hostile_app):
    at, doc_id = hostile_app
    open_page(at, "文档")
    at.selectbox(key="doc_view").set_value(doc_id).run()
    assert no_errors(at)
    assert [s.value for s in at.subheader if "加粗" in plain(s.value)] == [view.md_escape(hostile.TITLE)]
    assert assert_document_text_is_inert(at) >= 2

    open_page(at, "问答")
    at.text_input(key="question").input(hostile.QUESTION)
    button(at, "提问").click().run()
    assert no_errors(at)
    shown = page_text(at)
    assert html.escape(hostile.LEAD) in shown  # the unit chip: the name as written, as text
    assert assert_document_text_is_inert(at) >= 2

    open_page(at, "检索")
    at.text_input(key="search_query").input("专项检查 点我").run()
    assert hostile.TITLE in page_text(at)
    assert assert_document_text_is_inert(at) >= 2


def test_md_escape_leaves_nothing_live():
    for raw in (hostile.TITLE, hostile.TASK, hostile.LEAD, hostile.CO, ":red[红] :material/home: $x$ # 标题",
                "1. 列表\n- 项 a@b.cn :smile: HTTPS://X.cn"):
        escaped = view.md_escape(raw)
        assert plain(escaped) == raw
        assert not live_markup(escaped)


# --- kb/app/view.py --------------------------------------------------------------------------

@pytest.mark.parametrize("name, safe", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\张三\\通知（2021）.TXT", "通知（2021）.txt"),
    (".hidden.md", "hidden.md"),
    ("a b;rm -rf *.pdf", "a_b_rm_-rf.pdf"),
    ("<>:\"|?*.docx", "upload.docx"),
    ("没有后缀", "没有后缀"),
])
def test_safe_file_name(name, safe):
    assert upload.safe_file_name(name) == safe


def test_upload_problems_are_plain_words():
    assert "不支持的文件类型“.exe”" in upload.upload_problem("setup.exe", 10, max_mb=20)
    assert "没有后缀" in upload.upload_problem("README", 10, max_mb=20)
    assert "文件是空的" in upload.upload_problem("a.txt", 0, max_mb=20)
    assert "上限是 20 MB" in upload.upload_problem("a.pdf", 21 * 1024 * 1024, max_mb=20)
    assert upload.upload_problem("a.docx", 1, max_mb=20) == ""


def test_ingest_upload_keeps_uploads_in_step_with_the_kb(tmp_path):
    with KnowledgeBase(tmp_path / "kb") as kb:
        uploads = tmp_path / "kb" / "uploads"
        assert upload.ingest_upload(kb, "setup.exe", b"MZ...").status == "error"
        assert not uploads.exists() or not any(uploads.iterdir())  # refused files never touch disk

        first = upload.ingest_upload(kb, "通知.txt", NEW_NOTICE)
        assert (first.status, first.n_tasks) == ("added", 1)
        # the same name again with a file that fails: the earlier version stays on disk
        broken = upload.ingest_upload(kb, "通知.txt", "\x00\x01".encode() * 10)
        assert broken.status == "error" and str(uploads) not in broken.error
        assert (uploads / "通知.txt").read_bytes() == NEW_NOTICE
        # the same content under another name: nothing new is kept
        assert upload.ingest_upload(kb, "副本.txt", NEW_NOTICE).status == "duplicate"
        assert sorted(p.name for p in uploads.iterdir()) == ["通知.txt"]
        # the same name with new content is a new version of that document
        revised = upload.ingest_upload(kb, "通知.txt", NEW_NOTICE.replace("1月底".encode(), "2月底".encode()))
        assert revised.status == "replaced" and len(kb.documents()) == 1


def test_highlight_html_escapes_and_merges_spans():
    spans = [(3, 7), (5, 6), (11, 13, "角色 & 单位"), (40, 50)]
    out = view.highlight_html("<b>市应急局</b>牵头", spans)
    assert out.count("<mark") == 2
    assert "&lt;b&gt;<mark" in out and ">市应急局</mark>&lt;/b&gt;" in out
    assert 'title="角色 &amp; 单位">牵头</mark>' in out


def test_unit_options_put_level_free_families_first():
    units = [("市应急管理局", "应急管理部门", 8), ("县应急管理局", "应急管理部门", 24),
             ("县交警大队", "公安交通管理部门", 8), ("各有关部门", "", 21), ("有关成员单位", "", 3)]
    options, families = view.unit_options(units)  # placeholders are nobody to pick
    assert options == ["应急管理部门", "公安交通管理部门", "市应急管理局", "县应急管理局", "县交警大队"]
    assert families == {"应急管理部门", "公安交通管理部门"}
