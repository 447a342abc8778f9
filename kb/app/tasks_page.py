"""The 任务分工表 page (Streamlit): filters (in an expander, so a phone shows the table), the
table with who and by when pinned and each deadline's status, downloads (xlsx, csv, .ics),
charts, and one unit's 责任清单. A selected row opens the document at the task.

The table opens on the tasks someone can act on: with owners and deadlines first, blank owners
and 无时限 after (``tracking.work_order``); with 只看存疑 the KB's order, least sure first, is the
order to check them in. A document's own task list keeps the document's order."""
from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from ingest.vocab import ROLE_LABELS
from kb import DOUBTFUL_BELOW
from kb.app import view
from kb.app.shared import ICS_MIME, XLSX_MIME, doc_filter, documents, home, open_document, open_kb, unit_filter
from kb.app.upload import safe_file_name
from kb.base import KnowledgeBase, unit_key
from kb.tables.export import to_bytes
from kb.tables.ics import ics_bytes
from kb.tables.tracking import STATUSES, deadline_months, filter_rows, unit_role_counts, work_order

ROLES = {"全部": None, **{label: role for role, label in ROLE_LABELS.items()}}
OWNED_ONLY = "只看有牵头或责任单位的任务"
DOUBTFUL_ONLY = "只看存疑的任务（最没把握的在前）"
DOUBTFUL_HELP = (f"置信度低于 {DOUBTFUL_BELOW:.0%} 的任务：单位是从行文中推断的、没找到单位、或一段文字里可能并了几项任务。"
                 "请对照原文核对这些。")
# Narrow enough that on a 390 px phone the pinned owner and deadline columns and the start
# of the task fit side by side; the grid shows a cell's full text when it is clicked.
TABLE_COLUMNS = {
    view.OWNER_COLUMN: st.column_config.TextColumn(width=130, pinned=True),
    "完成时限": st.column_config.TextColumn(width=100, pinned=True,
                                        help="“年份按文件推定”：时限只写了月份，年份取自文件"),
    "重点任务": st.column_config.TextColumn(width="large", help="单击单元格可看全文"),
    view.STATUS_COLUMN: st.column_config.TextColumn(width=90, help="按今天的日期和完成时限计算"),
    "配合单位": st.column_config.TextColumn(width="medium"),
    "序号": st.column_config.NumberColumn(width="small"),
    "置信度": st.column_config.TextColumn(width=90, help="单位读得有多大把握；“存疑”的请对照原文核对"),
}
ROW_HEIGHT = 72  # over 4rem: Streamlit then wraps cells, so owner lists and deadlines show whole


@st.cache_data(max_entries=64, show_spinner="正在整理任务…")
def task_view(home_dir: str, version: tuple, filters: dict, statuses: tuple, owned_only: bool,
              today: date, reading_order: bool = False) -> tuple[list[dict], list[tuple[str, int, int]]]:
    """(the matching rows, each row's (doc_id, start, end) in its document): in work order, or
    with ``reading_order`` (or when reviewing doubtful ones) in the order the KB lists them."""
    kb = open_kb(home_dir)
    stored = kb.tasks(**filters)
    rows = kb.task_rows(**filters)  # the same tasks, in the same order, as export rows
    places = [(s.document.doc_id, s.task.start, s.task.end) for s in stored]
    kept = set(map(id, filter_rows(rows, today, statuses, owned_only)))
    pairs = [(row, place) for row, place in zip(rows, places) if id(row) in kept]
    if not (reading_order or filters.get("doubtful")):
        pairs = [pairs[i] for i in work_order([row for row, _ in pairs])]
    return [row for row, _ in pairs], [place for _, place in pairs]


def task_table(rows: list[dict], places: list[tuple[str, int, int]], today: date, key: str) -> None:
    """The table; selecting a row offers to open its document at the task."""
    shown = rows[: view.TABLE_MAX_ROWS]
    if len(rows) > view.TABLE_MAX_ROWS:
        st.caption(f"表中显示前 {view.TABLE_MAX_ROWS:,} 项，下载包含全部。")
    event = st.dataframe(view.screen_frame(shown, today), hide_index=True, column_config=TABLE_COLUMNS,
                         row_height=ROW_HEIGHT, on_select="rerun", selection_mode="single-row", key=key)
    selected = event.selection.rows if event else []
    if selected:
        doc_id, start, end = places[selected[0]]
        st.button(f"在原文中查看第 {selected[0] + 1} 行的任务", key=f"{key}_open", type="primary",
                  on_click=open_document, args=(doc_id, start, end), icon=":material/open_in_new:")
    else:
        st.caption("选中一行（点行首的方框）可在原文中查看这项任务。")


def filters_box(version: tuple, docs: list[dict]) -> tuple[dict, tuple, bool]:
    with st.expander("筛选", expanded=False):
        first = st.columns([3, 2, 1])
        doc = doc_filter(first[0], docs, "文件", "tasks_doc", index=None, placeholder="全部文件")
        unit = unit_filter(first[1], version, "tasks_unit", "全部单位（可输入，如 应急局）")
        role = first[2].selectbox("角色", list(ROLES), key="tasks_role")
        second = st.columns([1, 1, 2])
        due_after = second[0].text_input("时限不早于", placeholder="2021-06", key="tasks_due_after")
        due_before = second[1].text_input("时限不晚于", placeholder="2021-12", key="tasks_due_before")
        keyword = second[2].text_input("关键词", placeholder="例如：消防", key="tasks_keyword")
        statuses = st.multiselect("状态", STATUSES, key="tasks_status", placeholder="全部状态")
        checks = st.columns(2)
        owned_only = checks[0].checkbox(OWNED_ONLY, key="tasks_owned")
        doubtful = checks[1].checkbox(DOUBTFUL_ONLY, key="tasks_doubtful", help=DOUBTFUL_HELP)
    filters = {name: value for name, value in {
        "doc": doc, "unit": unit, "role": ROLES[role], "due_after": due_after.strip(),
        "due_before": due_before.strip(), "keyword": keyword.strip(), "doubtful": doubtful}.items() if value}
    return filters, tuple(statuses), owned_only


def tasks_page(kb: KnowledgeBase, version: tuple) -> None:
    docs = documents(home(), version)
    filters, statuses, owned_only = filters_box(version, docs)
    today = date.today()
    rows, places = task_view(home(), version, filters, statuses, owned_only, today)
    st.markdown(f"共 **{len(rows):,}** 项任务（今天 {today:%Y-%m-%d}）")
    unit = filters.get("unit")
    name = "任务分工表" + (f"_{unit}" if unit else "")
    with st.container(horizontal=True):
        for fmt, mime in (("xlsx", XLSX_MIME), ("csv", "text/csv")):
            # Built when clicked (the same bytes as `kb export`): an xlsx of 20k tasks takes seconds.
            st.download_button(f"下载 {fmt}", partial(rows_bytes, fmt, rows), safe_file_name(f"{name}.{fmt}"),
                               mime, key=f"download_{fmt}", on_click="ignore", disabled=not rows)
        st.download_button("下载日历 .ics", partial(ics_bytes, rows), safe_file_name(f"{name}_完成时限.ics"),
                           ICS_MIME, key="download_ics", on_click="ignore", disabled=not rows,
                           help="每项有时限的任务一个全天日程，可导入 Outlook、WPS 或手机日历")
    task_table(rows, places, today, "task_table")

    by_unit, by_month = st.columns(2)
    with by_unit:
        st.markdown(f"**{view.md_escape(unit)}（各级）按角色的任务数**" if unit else "**各单位按角色的任务数**")
        counts = unit_role_counts(rows, unit)
        if counts.empty:
            st.caption("这些任务都没有写明具体单位。")
        else:
            top = st.slider("显示前几个单位", 5, 30, 15, key="tasks_top")
            st.altair_chart(view.unit_chart(counts[counts["单位"].isin(list(dict.fromkeys(counts["单位"]))[:top])]))
    with by_month:
        st.markdown("**按完成时限（月）**")
        months = deadline_months(rows, today)
        if months.empty:
            st.caption("这些任务都没有写明完成时限。")
        else:
            st.altair_chart(view.month_chart(months))
    unit_responsibilities(version, unit, {k: v for k, v in filters.items() if k not in ("unit", "role")},
                          statuses, owned_only, today)


def rows_bytes(fmt: str, rows: list[dict], by_unit: bool = False, unit: str | None = None) -> bytes:
    """The rows on screen (status filters included) as `kb export` writes them."""
    return to_bytes(rows, fmt, by_unit=by_unit, unit_key=unit_key(unit))


def unit_responsibilities(version: tuple, unit: str | None, filters: dict,
                          statuses: tuple, owned_only: bool, today: date) -> None:
    """A unit's 责任清单: what it leads, co-operates on and answers for, under the other filters."""
    st.subheader("单位责任清单", anchor=False)
    if not unit:
        st.caption("在“筛选”里选一个单位（如 应急局），这里按角色列出它的全部任务，并可下载它的责任清单。")
        return
    by_role = {label: task_view(home(), version, {**filters, "unit": unit, "role": role}, statuses,
                                owned_only, today)
               for label, role in ROLES.items() if role}
    everything, _ = task_view(home(), version, {**filters, "unit": unit}, statuses, owned_only, today)
    st.download_button(f"下载 {view.md_escape(unit)} 责任清单 xlsx",
                       partial(rows_bytes, "xlsx", everything, by_unit=True, unit=unit),
                       safe_file_name(f"责任清单_{unit}.xlsx"), XLSX_MIME, key="download_unit",
                       on_click="ignore", help="一张该单位（各级合并）的清单，带角色列；另有一张汇总表")
    labels = [f"{label}（{len(rows)}）" for label, (rows, _) in by_role.items()]
    for tab, (label, (rows, places)) in zip(st.tabs(labels), by_role.items()):
        with tab:
            task_table(rows, places, today, f"unit_table_{ROLES[label]}")
