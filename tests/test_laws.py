"""The parser on real laws and regulations (the shared laws data set, Markdown).

Each file is ``# 标题``, info lines, ``<!-- INFO END -->``, chapters ``## 第一章　总则`` (and
sections ``### 第一节 …``), articles as paragraphs starting with ``第X条``. Expectations are
checked against the raw Markdown itself, so a test says what the file says.

Skipped when the data set is absent (set POLICYKB_LAWS to point elsewhere). Tests marked
xfail document wrong output found on these files; the reason says what is wrong.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ingest.pipeline import PASSAGE_MAX_CHARS, parse_file
from kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
LAWS = Path(os.environ.get("POLICYKB_LAWS", ROOT.parent / "shared" / "datasets" / "laws"))

pytestmark = pytest.mark.skipif(not LAWS.is_dir(), reason=f"laws data set not found at {LAWS}")

SD = "DLC/山东地方法规/地方性法规/山东/"
# A Shandong safety regulation: 8 chapters, duty articles (应急管理部门, 监管部门…负责).
RAILWAY = SD + "山东省铁路安全管理条例(2021-03-24).md"
# A short one: 9 articles, no chapters.
WORKTIME = "行政法规/国务院关于职工工作时间的规定(1995-03-25).md"
# Chapters with sections: 第三章 and 第四章 are split into 第一节 … 第六节.
PRISON = "行政法/监狱法(2012-10-26).md"
# Chapters that open with articles before their first 第一节 (e.g. 第二章).
GD_ROAD = "DLC/广东地方法规/地方性法规/广东/广东省道路运输条例(2021-09-29).md"
# Its 第十二条 list lacks （一）（二） in the file, so it starts at （三）.
ZAOZHUANG = SD + "枣庄市山体保护条例(2017-12-04).md"
# The file has no "## 第一章" heading: articles 1–5 come first, then "## 第二章".
DONGYING = SD + "东营市湿地城市建设条例(2020-12-14).md"
# A decision whose preamble text follows <!-- INFO END --> before the first heading.
PUDONG = ("DLC/上海地方法规/地方性法规/上海/上海市人民代表大会常务委员会关于促进和保障浦东新区"
          "改革开放再出发实现新时代高质量发展的决定(2019-07-25).md")
# Titles longer than 60 characters.
LONG_TITLE = ("司法解释/最高人民法院关于修改《最高人民法院关于在民事审判工作中适用〈工会法〉"
              "若干问题的解释》等二十七件民事类司法解释的决定.md")
LONG_TITLE_2 = ("司法解释/最高人民法院、最高人民检察院关于办理利用互联网、移动通讯终端、声讯台制作、"
                "复制、出版、贩卖、传播淫秽电子信息刑事案件具体应用法律若干问题的解释(2004-09-03).md")

NAMES = {RAILWAY: "shandong-railway", WORKTIME: "worktime-short", PRISON: "prison-law-sections",
         GD_ROAD: "guangdong-road-sections", ZAOZHUANG: "zaozhuang-mountains",
         DONGYING: "dongying-no-chapter-1", PUDONG: "shanghai-pudong-decision",
         LONG_TITLE: "long-title-decision", LONG_TITLE_2: "long-title-interpretation"}


def case(rel: str, xfail: str = ""):
    """A parametrize entry with a readable id (and an xfail mark with its reason)."""
    marks = [pytest.mark.xfail(reason=xfail)] if xfail else []
    return pytest.param(rel, id=NAMES[rel], marks=marks)


WS = re.compile(r"\s+")
_CN = "零〇一二两三四五六七八九十百千"
ARTICLE = re.compile(rf"^第[{_CN}\d]+条(?:之[{_CN}]+)?")
CHAPTER_LINE = re.compile(rf"^#+\s*(第[{_CN}\d]+章.*)$")
PART_LINE = re.compile(rf"^#+\s*(第[{_CN}\d]+节.*)$")

_cache: dict[str, object] = {}


def law_path(rel: str) -> Path:
    path = LAWS / rel
    if not path.is_file():
        pytest.skip(f"{rel} not in the laws data set")
    return path


def parsed(rel: str):
    if rel not in _cache:
        _cache[rel] = parse_file(law_path(rel))
    return _cache[rel]


def nows(text: str) -> str:
    return WS.sub("", text)


def heading(text: str) -> str:
    """A chapter or section heading as the parser shows it: no spaces, no final 。
    ("### 第五节 生活、卫生。" -> "第五节生活、卫生")."""
    return nows(text).rstrip("。")


def md_title(raw: str) -> str:
    first = next(line for line in raw.split("\n") if line.strip())
    assert first.startswith("# "), first
    return first[2:].strip()


def expected_articles(raw: str) -> dict[str, list[str]]:
    """Article marker -> [chapter, section] it sits under in the Markdown (whitespace removed)."""
    chapter = part = None
    found: dict[str, list[str]] = {}
    for line in raw.split("\n"):
        line = line.strip()
        if m := CHAPTER_LINE.match(line):
            chapter, part = heading(m.group(1)), None
        elif m := PART_LINE.match(line):
            part = heading(m.group(1))
        elif m := ARTICLE.match(line):
            found.setdefault(m.group(), [h for h in (chapter, part) if h])
    return found


def article_sections(doc) -> dict[str, list[str]]:
    """Article marker -> the section path of the article's own passage."""
    found: dict[str, list[str]] = {}
    for p in doc.passages:
        path = p.section.split(" / ") if p.section else []
        if path and (m := ARTICLE.match(path[-1])):
            found.setdefault(m.group(), path)
    return found


def task_for(doc, marker: str):
    """The task made from the article with this marker (e.g. "第十三条"), or None."""
    for task in doc.tasks:
        m = ARTICLE.match(task.section.split(" / ")[-1])
        if m and m.group() == marker:
            return task
    return None


# ---- document ------------------------------------------------------------------------------
@pytest.mark.parametrize("rel", [case(RAILWAY), case(WORKTIME), case(PRISON), case(GD_ROAD)])
def test_kind_and_title(rel):
    doc = parsed(rel)
    assert doc.document.kind == "regulation"
    assert doc.document.title == md_title(doc.document.text)


@pytest.mark.parametrize("rel", [case(LONG_TITLE), case(LONG_TITLE_2)])
def test_long_title_is_the_markdown_title(rel):
    doc = parsed(rel)
    assert doc.document.title == md_title(doc.document.text)


def test_issuer_of_a_local_regulation():
    assert parsed(RAILWAY).document.issuer == "山东省人民代表大会常务委员会"


# ---- sections ------------------------------------------------------------------------------
@pytest.mark.parametrize("rel", [case(RAILWAY), case(PRISON)])
def test_chapters_are_section_path_elements(rel):
    doc = parsed(rel)
    chapters = [heading(m.group(1)) for line in doc.document.text.split("\n")
                if (m := CHAPTER_LINE.match(line.strip()))]
    assert chapters and chapters[0] == "第一章总则"
    tops = list(dict.fromkeys(nows(p.section.split(" / ")[0]) for p in doc.passages if p.section))
    assert tops == chapters


def test_article_section_path_example():
    path = article_sections(parsed(RAILWAY))["第十条"]
    assert len(path) == 2
    assert nows(path[0]) == "第二章安全责任"
    assert path[1].startswith("第十条")


def test_articles_in_sections_example():
    path = article_sections(parsed(PRISON))["第十五条"]
    assert [nows(e) for e in path[:2]] == ["第三章刑罚的执行", "第一节收监"]
    assert path[2].startswith("第十五条")


@pytest.mark.parametrize("rel", [
    case(RAILWAY), case(WORKTIME), case(PRISON),
    # a 节 after some of its chapter's articles; a list starting at （三）; no 第一章
    case(GD_ROAD), case(ZAOZHUANG), case(DONGYING),
])
def test_articles_sit_under_their_chapter_and_section(rel):
    doc = parsed(rel)
    want = expected_articles(doc.document.text)
    got = article_sections(doc)
    assert set(got) == set(want)
    wrong = {marker: (path, want[marker]) for marker, path in got.items()
             if [nows(e) for e in path[:-1]] != want[marker]}
    assert not wrong, f"{len(wrong)} of {len(got)} articles misplaced, e.g. {next(iter(wrong.items()))}"


def test_article_section_path_reads_like_a_citation():
    assert " / ".join(article_sections(parsed(RAILWAY))["第十条"]) == "第二章 安全责任 / 第十条"


# ---- passages ------------------------------------------------------------------------------
@pytest.mark.parametrize("rel", [case(RAILWAY), case(WORKTIME), case(PRISON), case(GD_ROAD)])
def test_passages_never_exceed_the_cap(rel):
    doc = parsed(rel)
    assert doc.passages
    too_long = [(p.seq, len(p.text)) for p in doc.passages if len(p.text) > PASSAGE_MAX_CHARS]
    assert not too_long


@pytest.mark.parametrize("rel", [
    case(RAILWAY), case(WORKTIME), case(PRISON), case(GD_ROAD),
    case(PUDONG),
])
def test_passage_text_is_the_original_span(rel):
    doc = parsed(rel)
    raw = doc.document.text
    # normalisation drops HTML comments such as <!-- INFO END --> from the text, not the span
    bad = [(p.seq, raw[p.start:p.end][:40], p.text[:40]) for p in doc.passages
           if nows(re.sub(r"<!--.*?-->", "", raw[p.start:p.end])) != nows(p.text)]
    assert not bad


def test_passages_are_in_document_order():
    doc = parsed(RAILWAY)
    starts = [p.start for p in doc.passages]
    assert starts == sorted(starts)
    assert [p.seq for p in doc.passages] == list(range(len(doc.passages)))


# ---- tasks ---------------------------------------------------------------------------------
def test_duty_article_becomes_a_task():
    doc = parsed(RAILWAY)
    raw = doc.document.text
    # 第十三条 县级以上人民政府工业和信息化部门应当会同铁路监管部门，对铁路无线电频率…
    task = task_for(doc, "第十三条")
    assert task is not None
    # (X应当会同Y…: X leads and Y takes part, the README's 会同 rule)
    assert task.lead_units == ["县级以上人民政府工业和信息化部门"] and task.co_units == ["铁路监管部门"]
    assert nows(task.section.split(" / ")[0]) == "第二章安全责任"
    assert nows(raw[task.start:task.end]) == nows(task.text)
    assert task.text.startswith("第十三条 县级以上人民政府工业和信息化部门应当")
    # 第五条 铁路监管部门依法负责铁路安全的监督管理工作。
    task = task_for(doc, "第五条")
    assert task is not None and "铁路监管部门" in task.responsible_units


def test_articles_without_a_government_duty_are_not_tasks():
    doc = parsed(RAILWAY)
    for marker in ("第一条", "第二条", "第三条"):  # purpose, scope, principles
        assert task_for(doc, marker) is None
    assert parsed(WORKTIME).tasks == []


def test_duty_article_with_several_subjects_becomes_a_task():
    task = task_for(parsed(RAILWAY), "第十一条")
    assert task is not None
    assert "县级以上人民政府应急管理部门" in task.responsible_units


# ---- into a knowledge base -----------------------------------------------------------------
def _sample(n: int) -> list[Path]:
    files = sorted(p for p in LAWS.rglob("*.md") if p.name not in ("README.md", "_index.md"))
    return [files[i * len(files) // n] for i in range(n)] if len(files) > n else files


def test_ingest_a_sample_of_laws(tmp_path):
    files = _sample(30)
    with KnowledgeBase(tmp_path / "kb") as kb:
        results = [kb.ingest_file(f) for f in files]
        errors = [(r.path, r.error) for r in results if not r.ok]
        assert not errors
        stats = kb.stats()
        stored = {r.doc_id: r for r in results if r.status != "duplicate"}
        assert stats["documents"] == len(stored) == len({r.doc_id for r in results})
        assert stats["tasks"] == sum(r.n_tasks for r in stored.values())
        assert stats["tasks"] == sum(row["n_tasks"] for row in kb.documents())
        assert stats["passages"] == len(kb.store.passages())
        assert stats["passages"] == sum(len(parse_file(r.path).passages) for r in stored.values())
        assert stats["task_units"] == sum(
            len(dict.fromkeys(t.task.lead_units)) + len(dict.fromkeys(t.task.co_units))
            + len(dict.fromkeys(t.task.responsible_units)) for t in kb.tasks())
        assert all(d["kind"] == "regulation" for d in kb.documents())
