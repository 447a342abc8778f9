"""The 问答 page (Streamlit): a question, its answer and the words that prove it.

Phone first: an answer from several documents is a table where the screen holds it and a stack
of cards below ``phone.NARROW_PX`` (each with the document, units, deadline and source, nothing
off to the right); so is a unit's list of tasks. Quotes wrap; every source opens the document
at the quoted place.
"""
from __future__ import annotations

import streamlit as st

from kb import Answer, KnowledgeBase
from kb.app import phone, view
from kb.app.shared import EMPTY_KB, chips, home, open_kb, show_citation, show_ocr_note, source_button

EXAMPLE_QUESTIONS = ("消防整治谁牵头？", "哪些部门配合危化品整治",
                     "Which department leads fire safety rectification?")


@st.cache_data(max_entries=64, show_spinner="正在查找答案…")
def answer_question(home_dir: str, version: tuple, question: str) -> Answer:
    return open_kb(home_dir).ask(question)


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
    if question and not kb.stats()["documents"]:
        st.info(EMPTY_KB)
    elif question:
        show_answer(answer_question(home(), version, question))


def show_frame(frame) -> None:
    """A small table as phone.cards_html draws it (cards on a phone)."""
    st.html(phone.cards_html(list(frame.columns), frame.itertuples(index=False)))


def show_answer(result: Answer) -> None:
    if result.notes:  # relative words read against today: say how
        st.caption(view.md_escape("按今天的日期理解：" + "；".join(result.notes)))
    if result.sure:
        with st.container(border=True):
            if len(result.groups) > 1 and not result.table:  # several documents: a row (a card) each
                st.markdown(f"**{len(result.groups)} 个文件有答案**")
                show_frame(view.answer_groups_frame(result.groups))
            else:
                st.markdown(f"**{view.md_escape(result.answer)}**")
                chips(result.units)
            if result.deadline or result.deadline_norm:
                deadline = view.deadline_text(result.deadline, result.deadline_norm)
                st.markdown(f"**完成时限**　{view.md_escape(deadline)}")
            if result.metrics:
                st.markdown(f"**目标指标**　{view.md_escape('；'.join(result.metrics))}")
            st.caption(f"置信度 {result.confidence:.0%}")
        if result.table:  # a unit's tasks: one table, grouped by document
            show_frame(view.answer_table_frame(result.table))
        st.markdown("##### 出处")
    elif result.found:
        st.warning(view.md_escape(f"把握不大（置信度 {result.confidence:.0%}），不作为答案：可能是“{result.answer}”。"
                                "请看下面最接近的原文自行判断。"))
        st.markdown("##### 最接近的原文")
    else:
        st.warning("没有找到足够确定的答案。下面是和问题最接近的原文，请对照判断。")
        st.markdown("##### 最接近的原文")
    # Other documents' citations are shown with their own answers under 其他文件.
    best_doc = result.groups[0].doc_id if result.groups and result.sure else None
    for n, citation in enumerate(result.citations):
        if best_doc is None or citation.doc_id == best_doc:
            show_citation(citation, f"cite_{n}")
    if not result.sure or not result.groups[1:]:
        return
    st.markdown("##### 其他文件")
    for n, group in enumerate(result.groups[1:], 1):
        with st.container(border=True):
            source = " · ".join(filter(None, (group.region, group.doc_title or group.doc_file)))
            st.markdown(f"**{view.md_escape(source)}**：{view.md_escape(group.answer)}")
            chips(group.units)
            if group.citation:
                show_ocr_note(group.citation.ocr_confidence)
                st.html(view.highlight_html(group.citation.text, group.citation.marks))
                source_button(group.doc_id, group.citation.start, group.citation.end, f"group_{n}")
