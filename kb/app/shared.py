"""What the app's pages share (Streamlit): the cached KB and its cached reads, pickers, quotes
with a button that opens the document at the quoted place, and the page navigation.

Navigation lives in the session and in the URL: the page tab (``page``), the document shown
(``doc``, its id) and the span to show (``at``, "start-end") are query parameters, so a view can be
reloaded or shared as a link.
"""
from __future__ import annotations

import os

import streamlit as st

from kb.app import view
from kb.base import KnowledgeBase
from kb.models import Citation, Hit

PAGES = ("问答", "检索", "任务分工表", "文档", "导入")
DOCUMENT_PAGE = "文档"
FOCUS_PARAM, DOC_PARAM = "at", "doc"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS_MIME = "text/calendar"
EMPTY_KB = ("知识库还是空的：在“导入”页上传文件（docx、pdf、txt 等），"
            "或在命令行运行 `kb ingest 文件夹/`（make run 会导入 corpus/ 里的示例通知）。")


def home() -> str:
    """The KB home, read on every run (the script reruns), so tests can point each app at its own KB."""
    return os.environ.get("KB_HOME", "")


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
    return view.unit_options(open_kb(home).units())


def unit_filter(container, version: tuple, key: str, placeholder: str) -> str | None:
    """A unit picker: families (every level) and units from the KB, or any name typed in
    (matched the way `kb tasks --unit` matches it, aliases included)."""
    options, families = unit_options(home(), version)
    return container.selectbox(
        "单位", options, index=None, accept_new_options=True, placeholder=placeholder, key=key,
        format_func=lambda unit: f"{unit}（各级）" if unit in families else unit)


def doc_filter(container, docs: list[dict], label: str, key: str, **options) -> str | None:
    """A document picker by title; returns the doc_id."""
    titles = {d["doc_id"]: d["title"] or d["file"] for d in docs}
    return container.selectbox(label, list(titles), format_func=lambda doc_id: titles.get(doc_id, doc_id),
                               key=key, **options)


def chips(units: list[str]) -> None:
    if units:
        st.html(view.chips_html(units))


def show_ocr_note(confidence: float | None) -> None:
    if confidence is not None:
        st.caption(f":orange[{view.ocr_note(confidence)}]")


# --- Streamlit's own words in Chinese ----------------------------------------------------

def uploader_style(limit_mb: int) -> str:
    """The file uploader's button and hint are Streamlit's English ("Upload", "50MB per
    file"); CSS puts Chinese in their place (the text is ours, never a document's)."""
    dropzone = '[data-testid="stFileUploaderDropzone"]'
    return (f"<style>{dropzone} button [data-testid='stMarkdownContainer'] p {{font-size:0}}"
            f"{dropzone} button [data-testid='stMarkdownContainer'] p::after {{content:'选择文件';font-size:.875rem}}"
            f"[data-testid='stFileUploaderDropzoneInstructions'] span {{font-size:0}}"
            f"[data-testid='stFileUploaderDropzoneInstructions'] span::after "
            f"{{content:'或把文件拖到这里 · 每个不超过 {int(limit_mb)} MB';font-size:.875rem}}</style>")


# Streamlit writes some words of its widgets in English whatever the page's language: a picker
# that takes a typed name offers "Add: 应急局", a multiselect "Select all" / "Select 3 matches", a
# text box "Press Enter to apply". React owns that text, so the Chinese goes in an attribute that
# CSS shows in its place (the words are Streamlit's or the user's typing, never a document's).
WIDGET_WORDS = """<script>
if (!window.kbWidgetWords) {
  const chinese = [
    [/^Add: ([\\s\\S]*)$/, (m) => '按输入筛选：' + m[1]],
    [/^Select all$/, () => '全选'],
    [/^Select (\\d+) matches$/, (m) => '选中全部 ' + m[1] + ' 项匹配'],
    [/^Press Enter to apply$/, () => '按回车键确认'],
    [/^Press Enter to submit form$/, () => '按回车键提交'],
    [/^Press (\\S+)\\+Enter to (apply|submit form)$/, (m) => '按 ' + m[1] + '+回车键' + (m[2] === 'apply' ? '确认' : '提交')],
  ];
  const label = (text) => {
    for (const [pattern, words] of chinese) {
      const m = text.match(pattern);
      if (m) return words(m);
    }
    return null;
  };
  window.kbWidgetWords = new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-key^="__"] [data-item-hl], [data-testid="InputInstructions"]')) {
      const words = label(el.textContent);
      if (words === null) delete el.dataset.kbLabel;
      else if (el.dataset.kbLabel !== words) el.dataset.kbLabel = words;
    }
  });
  window.kbWidgetWords.observe(document.body, {childList: true, subtree: true, characterData: true});
}
</script>"""
WIDGET_WORDS_STYLE = ("<style>[data-kb-label] {font-size:0}"
                      "[data-kb-label]::after {content:attr(data-kb-label);font-size:.875rem}"
                      "[data-testid='InputInstructions'][data-kb-label]::after {font-size:.75rem}</style>")


def chinese_widget_words(limit_mb: int) -> None:
    st.html(uploader_style(limit_mb) + WIDGET_WORDS_STYLE)
    st.html(WIDGET_WORDS, unsafe_allow_javascript=True)


# --- opening a document at a place -------------------------------------------------------

def open_document(doc_id: str, start: int, end: int) -> None:
    """A button's callback: switch to the 文档 page showing ``doc_id`` at that span."""
    st.session_state.page = DOCUMENT_PAGE
    st.session_state.doc_view = doc_id
    st.query_params[DOC_PARAM] = doc_id
    st.query_params[FOCUS_PARAM] = f"{start}-{end}"


def document_picked() -> None:
    """Another document picked: in the URL, and the span asked for belonged to the one before."""
    st.query_params[DOC_PARAM] = st.session_state.doc_view
    st.query_params.pop(FOCUS_PARAM, None)


def document_asked(doc_ids: list[str]) -> None:
    """A link that names a document (?doc=…) opens it, unless one is already shown."""
    wanted = st.query_params.get(DOC_PARAM)
    if wanted in doc_ids and st.session_state.get("doc_view") is None:
        st.session_state.doc_view = wanted


def focus_span() -> tuple[int, int] | None:
    """The span the URL asks the document view to show, if any and well formed."""
    start, _, end = st.query_params.get(FOCUS_PARAM, "").partition("-")
    if start.isdigit() and end.isdigit() and int(start) < int(end):
        return int(start), int(end)
    return None


def source_button(doc_id: str, start: int, end: int, key: str, label: str = "在原文中查看") -> None:
    st.button(label, key=key, on_click=open_document, args=(doc_id, start, end), type="tertiary",
              icon=":material/open_in_new:")


def show_citation(citation: Citation, key: str) -> None:
    with st.container(border=True):
        st.caption(view.md_escape(f"《{citation.doc_title or citation.doc_file}》 {citation.section}"))
        show_ocr_note(citation.ocr_confidence)
        st.html(view.highlight_html(citation.text, citation.marks))
        source_button(citation.doc_id, citation.start, citation.end, key)


def show_hit(hit: Hit, key: str, label: str, with_document: bool = True) -> None:
    """A search hit; ``label`` says where it ranks (view.relevance_label). A long passage shows
    the words around its first match, the whole of it one tap away."""
    with st.container(border=True):
        head = [f"《{hit.doc_title or hit.doc_file}》"] if with_document else []
        head += [view.kind_label(hit.doc_title, hit.doc_kind), hit.section, "任务" if hit.kind == "task" else "段落",
                 label]
        st.caption(view.md_escape(" · ".join(part for part in head if part)))
        show_ocr_note(hit.ocr_confidence)
        shown, marks, trimmed = view.snippet(hit.text, hit.highlights)
        st.html(view.highlight_html(shown, marks))
        if trimmed:
            with st.expander("展开全文"):
                st.html(view.highlight_html(hit.text, hit.highlights))
        if hit.task and view.owners_line(hit.task):
            st.caption(view.md_escape(view.owners_line(hit.task)))
        source_button(hit.doc_id, hit.start, hit.end, key)
