"""policykb in the browser: 问答, 检索, 任务分工表, 文档, 导入.

A thin shell of widgets over kb.KnowledgeBase; tables, charts, highlighting and upload
handling are in kb/ui.py. Start it with `make run` (or `streamlit run app.py`); the KB home is
the KB_HOME environment variable, else ./kb_data.

Text from documents (titles, units, passages, metadata) is shown as text: escaped for the
elements that render Markdown (ui.md_escape), escaped HTML elsewhere, never st.badge or a
heading built from it. `streamlit run app.py` finds the ``app`` at the end of this file and
serves the page through it, with a Content-Security-Policy header that keeps the browser from
loading images from other hosts.
"""
from __future__ import annotations

import os
from functools import partial

import pandas as pd
import streamlit as st
from starlette.middleware import Middleware

from kb import Answer, Citation, Hit, KBError, KnowledgeBase, ui, vocab

PAGES = ("问答", "检索", "任务分工表", "文档", "导入")
EXAMPLE_QUESTIONS = ("消防整治谁牵头？", "哪些部门配合危化品整治",
                     "Which department leads fire safety rectification?")
# label shown -> value passed to the KB
SEARCH_MODES = {label: mode for mode, label in vocab.SEARCH_MODES.items()}
SEARCH_KINDS = {"全部": None, **{label: kind for kind, label in vocab.ENTRY_KINDS.items()}}
ROLES = {"全部": None, **{label: role for role, label in vocab.ROLE_LABELS.items()}}
EMPTY_KB = "知识库还是空的：在“导入”页上传文件，或在命令行运行 make run 导入 corpus/。"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TASK_TABLE_COLUMNS = {
    "序号": st.column_config.NumberColumn(width="small"),
    "重点任务": st.column_config.TextColumn(width="large"),
}
# Read on every run (the script reruns), so tests can point each app at its own KB.
HOME = os.environ.get("KB_HOME", "")


@st.cache_resource(show_spinner="正在打开知识库…")
def open_kb(home: str) -> KnowledgeBase:
    # One KB per process and home; the KB is safe to share across sessions' threads.
    return KnowledgeBase(home or None)


# Cached results are keyed by the KB's version (its counts and its index generation) as well as
# their inputs, so a `kb ingest` from the command line shows up here without a restart.
@st.cache_data(max_entries=16, show_spinner=False)
def documents(home: str, version: tuple) -> list[dict]:
    return open_kb(home).documents()


@st.cache_data(max_entries=16, show_spinner=False)
def unit_options(home: str, version: tuple) -> tuple[list[str], set[str]]:
    return ui.unit_options(open_kb(home).units())


def unit_filter(container, version: tuple, key: str, placeholder: str) -> str | None:
    """A unit picker: families (every level) and units from the KB, or any name typed in
    (matched the way `kb tasks --unit` matches it, aliases included)."""
    options, families = unit_options(HOME, version)
    return container.selectbox(
        "单位", options, index=None, accept_new_options=True, placeholder=placeholder, key=key,
        format_func=lambda unit: f"{unit}（各级）" if unit in families else unit)


def doc_filter(container, docs: list[dict], label: str, key: str, **options) -> str | None:
    """A document picker by title; returns the doc_id."""
    titles = {d["doc_id"]: d["title"] or d["file"] for d in docs}
    return container.selectbox(label, list(titles), format_func=lambda doc_id: titles.get(doc_id, doc_id),
                               key=key, **options)


@st.cache_data(max_entries=64, show_spinner="正在整理任务…")
def task_view(home: str, version: tuple, filters: dict) -> tuple[int, pd.DataFrame, pd.DataFrame,
                                                                   pd.DataFrame]:
    """(number of matching tasks, the table's first rows, tasks per unit, tasks per month)."""
    rows = open_kb(home).task_rows(**filters)
    table = ui.task_frame(rows[: ui.TABLE_MAX_ROWS])
    return len(rows), table, ui.unit_counts(rows), ui.deadline_months(rows)


@st.cache_data(max_entries=64, show_spinner="正在查找答案…")
def answer_question(home: str, version: tuple, question: str) -> Answer:
    return open_kb(home).ask(question)


def chips(units: list[str]) -> None:
    if units:
        st.html(ui.chips_html(units))


def show_ocr_note(confidence: float | None) -> None:
    if confidence is not None:
        st.caption(f":orange[{ui.ocr_note(confidence)}]")


def show_citation(citation: Citation) -> None:
    with st.container(border=True):
        st.caption(ui.md_escape(f"《{citation.doc_title or citation.doc_file}》 {citation.section}"))
        show_ocr_note(citation.ocr_confidence)
        st.html(ui.highlight_html(citation.text, citation.marks))


def show_hit(hit: Hit, with_document: bool = True) -> None:
    with st.container(border=True):
        head = [f"《{hit.doc_title or hit.doc_file}》"] if with_document else []
        head += [hit.section, "任务" if hit.kind == "task" else "段落", f"相关度 {hit.score:.3f}"]
        st.caption(ui.md_escape(" · ".join(part for part in head if part)))
        show_ocr_note(hit.ocr_confidence)
        st.html(ui.highlight_html(hit.text, hit.highlights))
        if hit.task and ui.owners_line(hit.task):
            st.caption(ui.md_escape(ui.owners_line(hit.task)))


# --- 问答 ------------------------------------------------------------------------------

def set_question(question: str) -> None:
    st.session_state.question = question


def ask_page(kb: KnowledgeBase, version: tuple) -> None:
    with st.form("ask"):
        st.text_input("问题", key="question", placeholder="例如：消防整治谁牵头？")
        st.form_submit_button("提问", type="primary")
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption("示例：")
        for example in EXAMPLE_QUESTIONS:
            st.button(example, on_click=set_question, args=(example,), type="tertiary")
    question = st.session_state.get("question", "").strip()
    if question:
        show_answer(answer_question(HOME, version, question))


def show_answer(result: Answer) -> None:
    if result.found:
        with st.container(border=True):
            st.markdown(f"**{ui.md_escape(result.answer)}**")
            chips(result.units)
            if result.deadline or result.deadline_norm:
                deadline = ui.deadline_text(result.deadline, result.deadline_norm)
                st.markdown(f"**完成时限**　{ui.md_escape(deadline)}")
            if result.metrics:
                st.markdown(f"**目标指标**　{ui.md_escape('；'.join(result.metrics))}")
            st.caption(f"置信度 {result.confidence:.0%}")
        if result.tasks:
            st.dataframe(ui.answer_tasks_frame(result.tasks), hide_index=True)
        st.markdown("##### 出处")
    else:
        st.warning("没有找到足够确定的答案。下面是和问题最接近的原文，请对照判断。")
        st.markdown("##### 最接近的原文")
    # Other documents' citations are shown with their own answers under 其他文件.
    best_doc = result.groups[0].doc_id if result.groups else None
    for citation in result.citations:
        if best_doc is None or citation.doc_id == best_doc:
            show_citation(citation)
    if result.groups[1:]:
        st.markdown("##### 其他文件")
    for group in result.groups[1:]:
        with st.container(border=True):
            source = " · ".join(filter(None, (group.region, group.doc_title or group.doc_file)))
            st.markdown(f"**{ui.md_escape(source)}**：{ui.md_escape(group.answer)}")
            chips(group.units)
            if group.citation:
                show_ocr_note(group.citation.ocr_confidence)
                st.html(ui.highlight_html(group.citation.text, group.citation.marks))


# --- 检索 ------------------------------------------------------------------------------

def search_page(kb: KnowledgeBase, version: tuple) -> None:
    docs = documents(HOME, version)
    query = st.text_input("检索词", key="search_query", placeholder="例如：危险化学品 专项整治")
    mode = st.segmented_control("方式", list(SEARCH_MODES), default="混合", key="search_mode")
    with st.expander("筛选"):
        left, middle, right = st.columns(3)
        doc = doc_filter(left, docs, "文件", "search_doc", index=None, placeholder="全部文件")
        issuer = middle.selectbox("发文机关", ui.issuers(docs), index=None, placeholder="全部",
                                  key="search_issuer")
        unit = unit_filter(right, version, "search_unit", "全部（可输入，如 应急局）")
        from_box, to_box, level_box, kind_box, k_box = st.columns(5)
        years = ui.years(docs)
        year_from = from_box.selectbox("起始年份", years, index=None, placeholder="不限", key="search_from")
        year_to = to_box.selectbox("截止年份", years, index=None, placeholder="不限", key="search_to")
        level = level_box.selectbox("层级", ui.levels(docs), index=None, placeholder="全部", key="search_level")
        kind = kind_box.segmented_control("类型", list(SEARCH_KINDS), default="全部", key="search_kind")
        k = k_box.number_input("结果数", 5, 100, 20, step=5, key="search_k")
    if not query.strip():
        st.caption("输入关键词或一句话；“按文件对比”把不同文件里的同一主题并排放在一起。")
        return
    hits = kb.search(query.strip(), mode=SEARCH_MODES[mode or "混合"], k=k, doc=doc, issuer=issuer,
                     year_from=year_from, year_to=year_to, level=level, unit=unit,
                     kind=SEARCH_KINDS[kind or "全部"])
    if not hits:
        st.info("没有找到相关内容。换个说法，或放宽筛选条件再试。")
        return
    listing, precedent = st.tabs([f"结果（{len(hits)}）", "按文件对比"])
    with listing:
        for hit in hits:
            show_hit(hit)
    with precedent:
        by_id = {d["doc_id"]: d for d in docs}
        groups = ui.hits_by_document(hits)
        for start in range(0, len(groups), 2):
            for column, group in zip(st.columns(2), groups[start:start + 2]):
                with column:
                    meta = by_id.get(group[0].doc_id, {})
                    st.markdown(f"**{ui.md_escape(group[0].doc_title or group[0].doc_file)}**")
                    st.caption(ui.md_escape(" · ".join(filter(None, (meta.get("issuer"),
                                                                     meta.get("date"))))))
                    for hit in group:
                        show_hit(hit, with_document=False)


# --- 任务分工表 ---------------------------------------------------------------------------

def tasks_page(kb: KnowledgeBase, version: tuple) -> None:
    docs = documents(HOME, version)
    first = st.columns([3, 2, 1])
    doc = doc_filter(first[0], docs, "文件", "tasks_doc", index=None, placeholder="全部文件")
    unit = unit_filter(first[1], version, "tasks_unit", "全部单位（可输入，如 应急局）")
    role = first[2].selectbox("角色", list(ROLES), key="tasks_role")
    second = st.columns([1, 1, 3])
    due_after = second[0].text_input("时限不早于", placeholder="2021-06", key="tasks_due_after")
    due_before = second[1].text_input("时限不晚于", placeholder="2021-12", key="tasks_due_before")
    keyword = second[2].text_input("关键词", placeholder="例如：消防", key="tasks_keyword")
    filters = {name: value for name, value in {
        "doc": doc, "unit": unit, "role": ROLES[role], "due_after": due_after.strip(),
        "due_before": due_before.strip(), "keyword": keyword.strip()}.items() if value}
    total, table, units, months = task_view(HOME, version, filters)

    note = f"，表中显示前 {ui.TABLE_MAX_ROWS:,} 项，下载包含全部" if total > ui.TABLE_MAX_ROWS else ""
    st.markdown(f"共 **{total:,}** 项任务{note}")
    name = "任务分工表" + (f"_{unit}" if unit else "")
    with st.container(horizontal=True):
        for fmt, mime in (("xlsx", XLSX_MIME), ("csv", "text/csv")):
            # Built when clicked (the same bytes as `kb export`): an xlsx of 20k tasks takes seconds.
            st.download_button(f"下载 {fmt}", partial(kb.export_bytes, fmt, **filters),
                               ui.safe_file_name(f"{name}.{fmt}"), mime, key=f"download_{fmt}",
                               on_click="ignore", disabled=not total)
    st.dataframe(table, hide_index=True, column_config=TASK_TABLE_COLUMNS)

    by_unit, by_month = st.columns(2)
    with by_unit:
        top = st.slider("各单位任务数（前几名）", 5, 30, 15, key="tasks_top")
        if units.empty:
            st.caption("这些任务都没有写明单位。")
        else:
            st.altair_chart(ui.unit_chart(units.head(top)))
    with by_month:
        st.markdown("**按完成时限（月）**")
        if months.empty:
            st.caption("这些任务都没有写明完成时限。")
        else:
            st.altair_chart(ui.month_chart(months))

    unit_responsibilities(kb, version, unit,
                          {name: value for name, value in filters.items() if name not in ("unit", "role")})


def unit_responsibilities(kb: KnowledgeBase, version: tuple, unit: str | None, filters: dict) -> None:
    """A unit's 责任清单: what it leads, co-operates on and answers for, under the other filters."""
    st.subheader("单位责任清单")
    if not unit:
        st.caption("在上面的“单位”里选一个单位（如 应急局），这里按角色列出它的全部任务。")
        return
    by_role = {label: task_view(HOME, version, {**filters, "unit": unit, "role": role})
               for label, role in ROLES.items() if role}
    st.download_button(f"下载 {ui.md_escape(unit)} 责任清单 xlsx",
                       partial(kb.export_bytes, "xlsx", by_unit=True, unit=unit, **filters),
                       ui.safe_file_name(f"责任清单_{unit}.xlsx"), XLSX_MIME, key="download_unit",
                       on_click="ignore")
    labels = [f"{label}（{total}）" for label, (total, _, _, _) in by_role.items()]
    for tab, (total, table, _, _) in zip(st.tabs(labels), by_role.values()):
        with tab:
            if total > ui.TABLE_MAX_ROWS:
                st.caption(f"显示前 {ui.TABLE_MAX_ROWS:,} 项，下载包含全部。")
            st.dataframe(table, hide_index=True, column_config=TASK_TABLE_COLUMNS)


# --- 文档 ------------------------------------------------------------------------------

def documents_page(kb: KnowledgeBase, version: tuple) -> None:
    docs = documents(HOME, version)
    if not docs:
        return  # the page already says the KB is empty, above the tabs
    st.dataframe(ui.document_frame(docs), hide_index=True)
    doc_id = doc_filter(st, docs, "查看文件", "doc_view")
    document = kb.document(doc_id)
    st.subheader(ui.md_escape(document.title or document.file), anchor=False)
    facts = (document.number, document.issuer, document.date, document.file)
    st.caption(ui.md_escape(" · ".join(fact for fact in facts if fact)))
    show_ocr_note(document.ocr_confidence)
    stored = kb.tasks(doc=doc_id)
    outline, text = st.columns([1, 3])
    with outline:
        st.markdown("**章节**")
        with st.container(height=600):
            st.html(ui.section_outline_html(kb.passages(doc_id)))
    with text:
        st.markdown(f"**原文**　标出的是 {len(stored)} 项任务，鼠标停在上面可看分工")
        with st.container(height=600):
            marks = [(s.task.start, s.task.end, ui.owners_line(s.task)) for s in stored]
            st.html(ui.highlight_html(document.text, marks))
    st.markdown("**本文件的任务**")
    _, table, _, _ = task_view(HOME, version, {"doc": doc_id})
    st.dataframe(table, hide_index=True, column_config=TASK_TABLE_COLUMNS)


# --- 导入 ------------------------------------------------------------------------------

def import_page(kb: KnowledgeBase, version: tuple) -> None:
    allowed = "、".join(suffix.lstrip(".") for suffix in ui.UPLOAD_SUFFIXES)
    limit_mb = kb.config.max_file_mb
    st.markdown(f"上传 {allowed} 文件（每个不超过 {limit_mb} MB），导入后马上可以检索和问答。"
                "同名文件再次上传视为新版本，替换旧的。")
    # A new key after each import gives an empty uploader, so files are not imported twice.
    upload_round = st.session_state.setdefault("upload_round", 0)
    files = st.file_uploader("选择文件", type=[suffix.lstrip(".") for suffix in ui.UPLOAD_SUFFIXES],
                             accept_multiple_files=True, max_upload_size=limit_mb,
                             key=f"upload_{upload_round}")
    if st.button("导入", type="primary", disabled=not files, key="import"):
        progress = st.progress(0.0)
        results = []
        for done, file in enumerate(files):
            progress.progress(done / len(files), text=f"正在导入 {file.name}（{done + 1}/{len(files)}）")

            def on_page(page: int, pages: int, done=done, name=file.name) -> None:
                progress.progress((done + page / pages) / len(files),
                                  text=f"正在识别 {name}：第 {page}/{pages} 页（OCR，每页需数秒）")

            waiting = partial(progress.progress, done / len(files))  # another import holds the KB
            results.append((file.name, ui.ingest_upload(kb, file.name, file.getvalue(),
                                                        on_wait=waiting, on_page=on_page)))
        progress.progress(1.0, text="导入完成")
        st.cache_data.clear()  # a replaced file can leave the counts (the cache version) unchanged
        st.session_state.upload_results = results
        st.session_state.upload_round += 1
        st.rerun()
    for name, result in st.session_state.get("upload_results", []):
        words = ui.STATUS_WORDS[result.status]
        if result.status == "error":
            st.error(ui.md_escape(f"{name}：{words}。{result.error}"))
        elif result.status == "duplicate":
            st.info(ui.md_escape(f"{name}：{words}"))
        else:
            title = result.title or name
            st.success(ui.md_escape(f"{name}：{words}《{title}》，{result.n_tasks} 项任务"))
        if result.warning:
            st.warning(ui.md_escape(f"{name}：只导入了一部分：{result.warning}"))


# --- the page --------------------------------------------------------------------------

def index_notice(kb: KnowledgeBase) -> None:
    """Say when answers leave out documents that are not indexed yet; offer to finish them
    when no import is running (one was interrupted)."""
    lag = kb.index_lag()
    if not lag.documents:
        return
    st.info(lag.message)
    if not lag.writer and st.button("补齐索引", key="sync"):
        with st.spinner("正在补齐索引…"):
            kb.sync()
        st.cache_data.clear()
        st.rerun()


def main() -> None:
    st.set_page_config(page_title="安全生产政策知识库", page_icon="📋", layout="wide")
    kb = open_kb(HOME)
    stats = kb.stats()
    version = kb.version()
    st.sidebar.title("安全生产政策知识库")
    st.sidebar.metric("文件", f"{stats['documents']:,}")
    st.sidebar.metric("任务", f"{stats['tasks']:,}")
    st.sidebar.caption(ui.md_escape(f"知识库目录：{kb.config.home}"))
    if not stats["documents"]:
        st.info(EMPTY_KB)
    # on_change="rerun" makes the tabs lazy: only the open page runs, which keeps a big KB quick.
    for tab, page in zip(st.tabs(PAGES, key="page", on_change="rerun"),
                         (ask_page, search_page, tasks_page, documents_page, import_page)):
        with tab:
            if tab.open:
                try:
                    if page in (ask_page, search_page):
                        index_notice(kb)
                    page(kb, version)
                except KBError as exc:  # bad input or an index to rebuild: the message says what to do
                    st.error(ui.md_escape(str(exc)))


if __name__ == "__main__":  # Streamlit runs this file as __main__ for every page view
    main()
else:  # `streamlit run app.py` imports it to find this, and serves the page through it
    app = st.App(__file__, middleware=[Middleware(ui.ContentSecurityPolicy)])
