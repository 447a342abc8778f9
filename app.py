"""policykb in the browser: 问答, 检索, 任务分工表, 文档, 导入 (editors), 管理 (admins).

A thin shell of widgets over kb.KnowledgeBase; tables, charts, highlighting and upload
handling are in kb/app/view.py and kb/app/upload.py, the 问答 page in kb/app/ask_page.py, the 检索, 文档
and 任务分工表 pages in kb/app/reading_pages.py and kb/app/tasks_page.py. Start it with `make run` (or
`streamlit run app.py`); the KB home is the KB_HOME environment variable, else ./kb_data. Who is using it is settled first, by
kb/app/login.py (a login form, a proxy's header, or the local user on localhost); every write
is done as that person, and the KB checks their role again.

Text from documents (titles, units, passages, metadata) is shown as text: escaped for the
elements that render Markdown (view.md_escape), escaped HTML elsewhere, never st.badge or a
heading built from it. `streamlit run app.py` finds the ``app`` at the end of this file and
serves the page through it, with a Content-Security-Policy header that keeps the browser from
loading images from other hosts.
"""
from __future__ import annotations

import logging
from functools import partial

import streamlit as st
from starlette.middleware import Middleware

# `streamlit run` serves the st.App below through uvicorn, which imports this module before the
# runtime exists: each module-level st.cache_data would log "No runtime found…" (the real cache
# is picked at its first call)
logging.getLogger("streamlit.runtime.caching.cache_data_api").setLevel(logging.ERROR)

from kb import Actor, KBError, KnowledgeBase
from kb.app import admin_page, ask_page, login, reading_pages, review_page, shared, tasks_page, upload, view
from kb.app.shared import EMPTY_KB, PAGES, home, open_kb

ADMIN_PAGE, REVIEW_PAGE = "管理", "核对"
# pages shown only to a role that may do this (the KB checks the role again on every write)
PAGE_ACTION = {"导入": "import", REVIEW_PAGE: "correct", ADMIN_PAGE: "accounts"}


# --- 导入 ------------------------------------------------------------------------------

def import_page(kb: KnowledgeBase, version: tuple) -> None:
    actor = login.session_actor()
    allowed = "、".join(suffix.lstrip(".") for suffix in upload.UPLOAD_SUFFIXES)
    limit_mb = kb.config.max_file_mb
    st.markdown(f"上传 {allowed} 文件（每个不超过 {limit_mb} MB），导入后马上可以检索和问答。"
                "同名文件再次上传视为新版本，替换旧的。")
    # A new key after each import gives an empty uploader, so files are not imported twice.
    upload_round = st.session_state.setdefault("upload_round", 0)
    files = st.file_uploader("选择文件", type=[suffix.lstrip(".") for suffix in upload.UPLOAD_SUFFIXES],
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
            results.append((file.name, upload.ingest_upload(kb, file.name, file.getvalue(), actor,
                                                        on_wait=waiting, on_page=on_page)))
        progress.progress(1.0, text="导入完成")
        st.cache_data.clear()  # a replaced file can leave the counts (the cache version) unchanged
        st.session_state.upload_results = results
        st.session_state.upload_round += 1
        st.rerun()
    for name, result in st.session_state.get("upload_results", []):
        words = upload.STATUS_WORDS[result.status]
        if result.status == "error":
            st.error(view.md_escape(f"{name}：{words}。{result.error}"))
        elif result.status == "duplicate":
            st.info(view.md_escape(f"{name}：{words}"))
        else:
            title = result.title or name
            st.success(view.md_escape(f"{name}：{words}《{title}》，{result.n_tasks} 项任务"))
        if result.warning:
            st.warning(view.md_escape(f"{name}：只导入了一部分：{result.warning}"))
    remove_section(kb, version, actor)


def remove_section(kb: KnowledgeBase, version: tuple, actor: Actor) -> None:
    st.markdown("##### 删除文件")
    docs = shared.documents(home(), version)
    if docs:
        # new keys after each removal: the picker and the confirmation start empty again
        round_ = st.session_state.setdefault("remove_round", 0)
        chosen = shared.doc_filter(st, docs, "要删除的文件", f"remove_doc_{round_}", index=None,
                                   placeholder="选择文件")
        sure = st.checkbox("确认删除：文件连同它的任务从知识库中移除（可再导入）", key=f"remove_sure_{round_}")
        if st.button("删除", disabled=not (chosen and sure), key="remove"):
            with st.spinner("正在删除…"):
                removed = upload.remove_documents(kb, [chosen], actor)
            st.cache_data.clear()
            st.session_state.removed = [doc.title or doc.file for doc in removed]
            st.session_state.remove_round += 1
            st.rerun()
    for title in st.session_state.pop("removed", []):
        st.success(view.md_escape(f"已删除《{title}》"))


# --- the page --------------------------------------------------------------------------

def index_notice(kb: KnowledgeBase) -> None:
    """Say when answers leave out documents that are not indexed yet; offer an editor to
    finish them when no import is running (one was interrupted)."""
    lag = kb.index_lag()
    if not lag.documents:
        return
    st.info(lag.message)
    actor = login.session_actor()
    if not lag.writer and actor.may("reindex") and st.button("补齐索引", key="sync"):
        with st.spinner("正在补齐索引…"):
            kb.sync(actor=actor)
        st.cache_data.clear()
        st.rerun()


def main() -> None:
    st.set_page_config(page_title="安全生产政策知识库", page_icon="📋", layout="wide")
    kb = open_kb(home())
    actor = login.signed_in(kb.config)  # draws the login form and stops here until someone is
    stats = kb.stats()
    version = kb.version()
    st.sidebar.title("安全生产政策知识库")
    st.sidebar.metric("文件", f"{stats['documents']:,}")
    st.sidebar.metric("任务", f"{stats['tasks']:,}")
    st.sidebar.caption(view.md_escape(f"知识库目录：{kb.config.home}"))
    login.sidebar(actor)
    shared.chinese_widget_words(kb.config.max_file_mb)
    if not stats["documents"]:
        st.info(EMPTY_KB)
    # on_change="rerun" makes the tabs lazy: only the open page runs, which keeps a big KB quick.
    # bind: the open page is in the URL (?page=文档), so a citation's view can be shared
    pages = dict(zip((*PAGES, REVIEW_PAGE, ADMIN_PAGE),
                     (ask_page.ask_page, reading_pages.search_page, tasks_page.tasks_page, reading_pages.documents_page,
                      import_page, review_page.review_page, admin_page.admin_page)))
    pages = {name: page for name, page in pages.items() if actor.may(PAGE_ACTION.get(name, "read"))}
    for tab, page in zip(st.tabs(list(pages), key="page", on_change="rerun", bind="query-params"), pages.values()):
        with tab:
            if tab.open:
                try:
                    if page in (ask_page.ask_page, reading_pages.search_page):
                        index_notice(kb)
                    page(kb, version)
                except KBError as exc:  # bad input or an index to rebuild: the message says what to do
                    st.error(view.md_escape(str(exc)))


if __name__ == "__main__":  # Streamlit runs this file as __main__ for every page view
    main()
else:  # `streamlit run app.py` imports it to find this, and serves the page through it
    app = st.App(__file__, middleware=[Middleware(upload.ContentSecurityPolicy)])
