"""The 检索 and 文档 pages (Streamlit). Search shows each hit's rank and a relevance bar, and
the 按文件对比 view puts documents side by side (downloadable, a column per document); the
document view opens at the start of the span a citation points to, its outline links to the
sections (folded on a phone), and a tap on a task shows its owners."""
from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from ingest.vocab import ENTRY_KINDS, SEARCH_MODES
from kb.app import phone, view
from kb.app.shared import (
    XLSX_MIME,
    doc_filter,
    document_asked,
    document_picked,
    documents,
    focus_span,
    home,
    show_hit,
    show_ocr_note,
    unit_filter,
)
from kb.app.tasks_page import task_table, task_view
from kb.app.upload import safe_file_name
from kb.base import KnowledgeBase
from kb.tables.export import columns_xlsx

# label shown -> value passed to the KB
MODES = {label: mode for mode, label in SEARCH_MODES.items()}
KINDS = {"全部": None, **{label: kind for kind, label in ENTRY_KINDS.items()}}
TEXT_HEIGHT = 600
# Scroll the document's box to the START of the cited span once it is drawn, a few lines of what
# leads up to it above (a long span centred would start above the box), then the window just
# enough to show the whole box: the page's title and the 已定位 note stay in view when they fit.
# st.html runs this script when javascript is allowed; it touches only this page's own elements.
# It runs again while the page below settles (the box can still move as it is drawn).
LEAD_PX = 48
SCROLL_TO_FOCUS = (
    "<script>(function scroll(tries) {"
    "const show = () => {"  # the span looked up each time: the page may draw it afresh meanwhile
    f"  const el = document.getElementById('{view.FOCUS_ID}');"
    "  const first = el && el.getClientRects()[0];"  # none while the page is still hidden
    "  if (!first) return false;"
    "  let box = el.parentElement;"
    "  while (!['auto', 'scroll'].includes(getComputedStyle(box).overflowY)) box = box.parentElement;"
    f"  box.scrollTop += first.top - box.getBoundingClientRect().top - {LEAD_PX};"
    "  box.scrollIntoView({block: 'nearest'});"
    "  return true;"
    "};"
    "if (show()) { for (const ms of [300, 1000, 2000]) setTimeout(show, ms); }"
    "else if (tries > 0) { setTimeout(() => scroll(tries - 1), 100); }"
    "})(50);</script>")


def search_page(kb: KnowledgeBase, version: tuple) -> None:
    docs = documents(home(), version)
    query = st.text_input("检索词", key="search_query", placeholder="例如：危险化学品 专项整治")
    doc_kinds, held = view.doc_kind_options(docs)
    with st.container(horizontal=True):
        mode = st.segmented_control("方式", list(MODES), default="混合", key="search_mode")
        doc_kind = st.segmented_control("文件类型", list(doc_kinds), format_func=doc_kinds.get, key="search_doc_kind",
                                        help=f"不选即全部。本知识库中{held}")
    with st.expander("筛选"):
        left, middle, right = st.columns(3)
        doc = doc_filter(left, docs, "文件", "search_doc", index=None, placeholder="全部文件")
        issuer = middle.selectbox("发文机关", view.issuers(docs), index=None, placeholder="全部",
                                  key="search_issuer")
        unit = unit_filter(right, version, "search_unit", "全部（可输入，如 应急局）")
        from_box, to_box, level_box, kind_box, k_box = st.columns(5)
        years = view.years(docs)
        year_from = from_box.selectbox("起始年份", years, index=None, placeholder="不限", key="search_from")
        year_to = to_box.selectbox("截止年份", years, index=None, placeholder="不限", key="search_to")
        level = level_box.selectbox("层级", view.levels(docs), index=None, placeholder="全部", key="search_level")
        kind = kind_box.segmented_control("类型", list(KINDS), default="全部", key="search_kind")
        k = k_box.number_input("结果数", 5, 100, 20, step=5, key="search_k")
    if not query.strip():
        st.caption("输入关键词或一句话；“按文件对比”把不同文件里的同一主题并排放在一起。")
        return
    hits = kb.search(query.strip(), mode=MODES[mode or "混合"], k=k, doc=doc, issuer=issuer,
                     year_from=year_from, year_to=year_to, level=level, unit=unit,
                     kind=KINDS[kind or "全部"], doc_kind=doc_kind)
    if not hits:
        st.info("没有找到相关内容。换个说法，或放宽筛选条件再试。")
        return
    best = hits[0].score
    listing, precedent = st.tabs([f"结果（{len(hits)}）", "按文件对比"])
    with listing:
        for rank, hit in enumerate(hits, 1):
            show_hit(hit, f"hit_{rank}", view.relevance_label(rank, hit.score, best))
    with precedent:
        compare(docs, hits, query.strip())


def compare(docs: list[dict], hits, query: str) -> None:
    """The same topic in each document, side by side, and as an xlsx (a column per document)."""
    by_id = {d["doc_id"]: d for d in docs}
    groups = view.hits_by_document(hits)
    st.download_button("下载对比表 xlsx", partial(columns_xlsx, *view.comparison_columns(groups)),
                       safe_file_name(f"按文件对比_{query}.xlsx"), XLSX_MIME, key="download_compare",
                       on_click="ignore")
    rank = {id(hit): n for n, hit in enumerate(hits, 1)}
    for start in range(0, len(groups), 2):
        for column, group in zip(st.columns(2), groups[start:start + 2]):
            with column:
                meta = by_id.get(group[0].doc_id, {})
                st.markdown(f"**{view.md_escape(group[0].doc_title or group[0].doc_file)}**")
                st.caption(view.md_escape(" · ".join(filter(None, (meta.get("issuer"), meta.get("date"))))))
                for hit in group:
                    show_hit(hit, f"compare_{rank[id(hit)]}",
                             view.relevance_label(rank[id(hit)], hit.score, hits[0].score), with_document=False)


def documents_page(kb: KnowledgeBase, version: tuple) -> None:
    docs = documents(home(), version)
    if not docs:
        return  # the page already says the KB is empty, above the tabs
    st.dataframe(view.document_frame(docs), hide_index=True)
    document_asked([d["doc_id"] for d in docs])
    doc_id = doc_filter(st, docs, "查看文件", "doc_view", on_change=document_picked)
    document = kb.document(doc_id)
    row = next(d for d in docs if d["doc_id"] == document.doc_id)
    st.subheader(view.md_escape(document.title or document.file), anchor=False)
    st.caption(view.md_escape(view.document_facts(row)))
    show_ocr_note(document.ocr_confidence)
    focus = focus_span()
    if focus:
        quoted = " ".join(document.text[focus[0]:focus[1]].split())
        st.info(view.md_escape(f"已定位到引用的原文（橙色标出）：{quoted[:60]}{'…' if len(quoted) > 60 else ''}"))
    stored = kb.tasks(doc=doc_id)
    anchors, outline = view.section_anchors(kb.passages(doc_id))
    outline_box, text = st.columns([1, 3])
    with outline_box:  # folded on a phone (the columns stack there, and it would fill the first screen)
        st.html(phone.outline_html(outline))
    with text:
        st.markdown(f"**原文**　标出的是 {len(stored)} 项任务，点一下标出的文字可看分工")
        with st.container(height=TEXT_HEIGHT):
            marks = [(s.task.start, s.task.end, view.owners_line(s.task)) for s in stored]
            st.html(phone.TASK_MARK_STYLE + view.highlight_html(document.text, marks, focus=focus, anchors=anchors))
    if focus:
        st.html(SCROLL_TO_FOCUS, unsafe_allow_javascript=True)
    st.markdown("**本文件的任务**")
    today = date.today()
    rows, places = task_view(home(), version, {"doc": doc_id}, (), False, today, reading_order=True)
    task_table(rows, places, today, "doc_tasks")
