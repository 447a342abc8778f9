"""The 核对 page (Streamlit, editors): the review queue, one task at a time beside its source.

The queue is what a person should look at first: corrections the extraction no longer matches
(待重新核对), then the unreviewed tasks whose owners are least sure. A task is shown with its
words in the document's text on one side and its fields, editable, on the other; 保存修改,
确认无误, 非任务, 拆分 and 与下一项合并 each write one correction (``kb.review.changes``) as the
signed-in person, whose role the KB checks again. A task the extraction missed is added by
pasting its words, copied from the 文档 page. Progress (已核对 n / m) is shown per document.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ingest.vocab import REVIEW_LABELS
from kb.app import login, view
from kb.app.shared import doc_filter, documents, home, open_document, unit_options
from kb.base import KnowledgeBase
from kb.review.changes import Add, Change, Confirm, Edit, Hide, Merge, Restore, Split, find_span
from kb.store.interface import StoredTask

QUEUE, EVERYTHING = "待核对（需重新核对的和最没把握的在前）", "全部任务"
CONTEXT_CHARS = 300  # text shown around a task, each side
REVIEW_STATUS_WORDS = {"confirmed": "已核对", "edited": "已修改", "hidden": "非任务", "added": "补充"}


def review_page(kb: KnowledgeBase, version: tuple) -> None:
    for message in st.session_state.pop("review_done", []):
        st.success(view.md_escape(message))
    docs = documents(home(), version)
    progress(kb, docs)
    picked = st.columns([3, 2])
    doc = doc_filter(picked[0], docs, "文件", "review_doc", index=None, placeholder="全部文件")
    shown = picked[1].radio("显示", (QUEUE, EVERYTHING), key="review_show", horizontal=True)
    tasks = kb.tasks(doc=doc, doubtful=shown == QUEUE) if doc or shown == QUEUE else []
    if shown == EVERYTHING and not doc:
        st.caption("选一个文件，按顺序核对它的全部任务。")
    elif not tasks:
        st.success("这里没有待核对的任务。")
    else:
        one_task(kb, version, tasks)
    add_missed(kb, version, doc, docs)
    corrections(kb, doc)


def progress(kb: KnowledgeBase, docs: list[dict]) -> None:
    counts = kb.review_progress()
    done = sum(d for d, _ in counts.values())
    total = sum(n for _, n in counts.values())
    st.markdown(f"已核对 **{done:,} / {total:,}** 项任务")
    with st.expander("各文件的核对进度"):
        rows = [{"文件": d["title"] or d["file"], "已核对": counts.get(d["doc_id"], (0, 0))[0],
                 "任务数": counts.get(d["doc_id"], (0, 0))[1]} for d in docs]
        frame = pd.DataFrame(rows, columns=["文件", "已核对", "任务数"])
        frame["进度"] = [r["已核对"] / r["任务数"] if r["任务数"] else 1.0 for r in rows]
        st.dataframe(frame, hide_index=True, column_config={
            "进度": st.column_config.ProgressColumn(format="percent", min_value=0.0, max_value=1.0)})


def one_task(kb: KnowledgeBase, version: tuple, tasks: list[StoredTask]) -> None:
    labels = [f"{n}. {s.task.text[:36]}… （{REVIEW_LABELS.get(s.review, s.review)}"
              + (f"，置信度 {s.task.confidence:.0%}）" if s.task.confidence is not None else "）")
              for n, s in enumerate(tasks, 1)]
    at = min(st.session_state.get("review_at", 0), len(tasks) - 1)
    at = st.selectbox(f"任务（共 {len(tasks)} 项）", range(len(tasks)), index=at, format_func=labels.__getitem__)
    st.session_state.review_at = at
    stored = tasks[at]
    source, fields = st.columns([1, 1])
    with source:
        source_text(kb, stored)
    with fields:
        edit_form(kb, version, stored)
    actions(kb, stored)


def source_text(kb: KnowledgeBase, stored: StoredTask) -> None:
    task, doc = stored.task, kb.document(stored.document.doc_id)
    start, end = max(task.start - CONTEXT_CHARS, 0), min(task.end + CONTEXT_CHARS, len(doc.text))
    st.caption(view.md_escape(f"《{doc.title or doc.file}》 {task.section}"))
    with st.container(height=420):
        st.html(view.highlight_html(doc.text[start:end], [], focus=(task.start - start, task.end - start)))
    st.button("在文档页查看全文", key="review_open", on_click=open_document, args=(doc.doc_id, task.start, task.end),
              type="tertiary", icon=":material/open_in_new:")


def unit_picker(container, label: str, chosen: list[str], key: str, version: tuple) -> list[str]:
    """The KB's units to pick from, and any name typed in."""
    options, _ = unit_options(home(), version)
    return container.multiselect(label, list(dict.fromkeys([*chosen, *options])), default=chosen, key=key,
                                 accept_new_options=True, placeholder="选择或输入单位")


def edit_form(kb: KnowledgeBase, version: tuple, stored: StoredTask) -> None:
    task, key = stored.task, f"review_{stored.id}"
    with st.form(f"{key}_form"):
        lead = unit_picker(st, "牵头单位", task.lead_units, f"{key}_lead", version)
        co = unit_picker(st, "配合单位", task.co_units, f"{key}_co", version)
        responsible = unit_picker(st, "责任单位", task.responsible_units, f"{key}_resp", version)
        when = st.columns(2)
        deadline = when[0].text_input("完成时限（原文）", task.deadline, key=f"{key}_deadline")
        norm = when[1].text_input("规范时限 YYYY[-MM[-DD]]", task.deadline_norm, key=f"{key}_norm")
        metrics = st.text_area("目标指标（每行一项）", "\n".join(task.metrics), key=f"{key}_metrics", height=80)
        if st.form_submit_button("保存修改", type="primary"):
            values = {"lead_units": lead, "co_units": co, "responsible_units": responsible,
                      "deadline": deadline, "deadline_norm": norm, "metrics": metrics}
            changed = {name: value for name, value in values.items() if value != _current(task, name)}
            write(kb, Edit(stored.id, changed) if changed else Confirm(stored.id), "已保存" if changed else "已确认",
                  next_task=True)


def _current(task, name: str):
    value = getattr(task, name)
    return "\n".join(value) if name == "metrics" else value


def actions(kb: KnowledgeBase, stored: StoredTask) -> None:
    key = f"review_{stored.id}"
    with st.container(horizontal=True):
        if st.button("确认无误", key=f"{key}_confirm", icon=":material/check:"):
            write(kb, Confirm(stored.id), "已确认", next_task=True)
        if st.button("非任务", key=f"{key}_hide", help="这段文字不是一项任务：从任务表中去掉（可撤销）"):
            write(kb, Hide(stored.id), "已标为非任务")
        if st.button("与下一项合并", key=f"{key}_merge"):
            write(kb, Merge(stored.id), "已合并")
    text = stored.task.text
    if len(text) > 1:
        with st.expander("拆分成两项"):
            at = st.slider("第一项到第几个字", 1, len(text) - 1, sentence_break(text), key=f"{key}_split_at")
            st.caption(view.md_escape(f"第一项：…{text[max(at - 30, 0):at]}"))
            st.caption(view.md_escape(f"第二项：{text[at:at + 30]}…"))
            if st.button("拆分", key=f"{key}_split"):
                write(kb, Split(stored.id, at), "已拆分")


def sentence_break(text: str) -> int:
    """Where a split most likely goes: after the sentence mark (。；;) nearest the middle."""
    marks = [i + 1 for i, c in enumerate(text[:-1]) if c in "。；;"]
    return min(marks, key=lambda i: abs(i - len(text) / 2)) if marks else len(text) // 2


def add_missed(kb: KnowledgeBase, version: tuple, doc: str | None, docs: list[dict]) -> None:
    with st.expander("补充遗漏的任务"):
        st.caption("在“文档”页选中这项任务的文字并复制，粘贴到下面（换行和空格不影响查找）。")
        target = doc or doc_filter(st, docs, "文件", "review_add_doc", index=None, placeholder="选择文件")
        pasted = st.text_area("任务原文", key="review_add_text", height=100)
        lead = unit_picker(st, "牵头单位", [], "review_add_lead", version)
        responsible = unit_picker(st, "责任单位", [], "review_add_resp", version)
        deadline = st.text_input("完成时限（原文）", key="review_add_deadline")
        # never disabled: the words typed reach the script when the box loses focus, which is
        # the click on this button, so a button enabled only by them could not be clicked
        if st.button("添加任务", key="review_add"):
            if not (target and pasted.strip()):
                st.warning("先选择文件，并粘贴这项任务的原文。")
                return
            span = find_span(kb.document(target).text, pasted)
            if span is None:
                st.error("在这个文件里找不到粘贴的文字：请从“文档”页原样复制。")
                return
            write(kb, Add(kb.document(target).doc_id, *span, {"lead_units": lead, "responsible_units": responsible,
                                                              "deadline": deadline}), "已添加")


def corrections(kb: KnowledgeBase, doc: str | None) -> None:
    doc_id = kb.document(doc).doc_id if doc else None
    reviews = [r for r in kb.reviews() if not doc_id or r.doc_id == doc_id]
    if not reviews:
        return
    with st.expander(f"核对记录（{len(reviews)}）"):
        for review in reviews[-200:]:
            cols = st.columns([5, 1])
            stale = "" if review.matched else "（提取结果已变，需重新核对）"
            cols[0].caption(view.md_escape(f"{REVIEW_STATUS_WORDS[review.status]}{stale} · {review.who} · "
                                           f"{review.at[:16].replace('T', ' ')} · {review.task.get('text', '')[:50]}"))
            if cols[1].button("撤销", key=f"review_undo_{review.id}", type="tertiary"):
                write(kb, Restore(review.id), "已撤销")


def write(kb: KnowledgeBase, change: Change, done: str, next_task: bool = False) -> None:
    """One correction as the signed-in person; the KB checks the role again. ``next_task``:
    the task stays in the list shown (all of a document's tasks), so go on to the next one;
    in the queue a checked task leaves, and the next one takes its place by itself."""
    with st.spinner("正在保存…"):
        kb.correct(change, login.session_actor())
    if next_task and st.session_state.get("review_show") == EVERYTHING:
        st.session_state.review_at = st.session_state.get("review_at", 0) + 1
    st.cache_data.clear()
    st.session_state.review_done = [done]
    st.rerun()
