"""The 管理 page, shown to admins only: the accounts (add, change the role, reset the password,
remove) and the audit trail (filters, a table, a csv download). Every call checks the admin
role again in kb.accounts; the trail can be read here, never changed."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from kb import ROLE_LABELS, ROLES, Accounts, Actor, KBError, KnowledgeBase, action_label, audit_csv
from kb.app import login, view

AUDIT_LIMIT = 1000  # rows one view shows (newest first); narrow the filters for older ones
AUDIT_ACTIONS = ("import", "remove", "correct", "reindex", "sync", "login", "login_failed", "account")
ACCOUNT_COLUMNS = {"name": "账号", "role": "角色", "created_at": "建立时间（UTC）", "locked_until": "锁定至（UTC）"}
AUDIT_COLUMNS = {"at": "时间（UTC）", "who": "操作人", "action": "操作", "target": "对象", "before": "修改前",
                 "after": "修改后"}


def admin_page(kb: KnowledgeBase, version: tuple) -> None:
    accounts, actor = Accounts(kb.config), login.session_actor()
    accounts_tab, audit_tab = st.tabs(["账号", "审计记录"])
    with accounts_tab:
        accounts_section(accounts, actor)
    with audit_tab:
        audit_section(accounts, actor)


def _role_label(role: str) -> str:
    return f"{ROLE_LABELS[role]}（{role}）"


def _done(change, message: str) -> None:
    """Run a change of accounts; its outcome is shown after the rerun that lists the result."""
    try:
        change()
    except KBError as exc:
        st.session_state.admin_message = ("error", str(exc))
    else:
        st.session_state.admin_message = ("success", message)


def accounts_section(accounts: Accounts, actor: Actor) -> None:
    kind, message = st.session_state.pop("admin_message", (None, ""))
    if kind:
        getattr(st, kind)(view.md_escape(message))
    rows = accounts.list(actor)
    frame = pd.DataFrame(rows, columns=list(ACCOUNT_COLUMNS)).rename(columns=ACCOUNT_COLUMNS)
    frame["角色"] = frame["角色"].map(_role_label)
    st.dataframe(frame, hide_index=True)

    with st.form("add_account", clear_on_submit=True):
        st.markdown("**新建账号**")
        name = st.text_input("账号名", key="new_account_name")
        role = st.selectbox("角色", ROLES, format_func=_role_label, key="new_account_role")
        password = st.text_input("密码（至少 8 个字符）", type="password", key="new_account_password")
        again = st.text_input("再输入一次密码", type="password", key="new_account_again")
        if st.form_submit_button("新建"):
            if password != again:
                st.session_state.admin_message = ("error", "两次输入的密码不一样")
            else:
                _done(lambda: accounts.add(actor, name, role, password), f"已新建账号 {name.strip()}")
            st.rerun()

    names = [row["name"] for row in rows]
    if not names:
        return
    st.markdown("**修改账号**")
    name = st.selectbox("账号", names, key="edit_account")
    role_column, password_column, remove_column = st.columns(3)
    with role_column.form("set_role"):
        role = st.selectbox("新角色", ROLES, format_func=_role_label, key="edit_role")
        if st.form_submit_button("改角色"):
            _done(lambda: accounts.set_role(actor, name, role), f"{name} 的角色改为 {_role_label(role)}")
            st.rerun()
    with password_column.form("set_password", clear_on_submit=True):
        password = st.text_input("新密码", type="password", key="edit_password")
        if st.form_submit_button("重设密码（并解除锁定）"):
            _done(lambda: accounts.set_password(actor, name, password), f"已重设 {name} 的密码")
            st.rerun()
    with remove_column.form("remove_account"):
        sure = st.checkbox("确认删除这个账号", key="remove_account_sure")
        if st.form_submit_button("删除账号"):
            if sure:
                _done(lambda: accounts.remove(actor, name), f"已删除账号 {name}")
            else:
                st.session_state.admin_message = ("warning", "请先勾选“确认删除这个账号”")
            st.rerun()


def audit_section(accounts: Accounts, actor: Actor) -> None:
    who_column, action_column, dates_column, text_column = st.columns(4)
    who = who_column.text_input("操作人", key="audit_who")
    action = action_column.selectbox("操作", AUDIT_ACTIONS, index=None, placeholder="全部",
                                     format_func=lambda a: f"{action_label(a)}（{a}）", key="audit_action")
    dates = dates_column.date_input("日期（UTC）", value=(), key="audit_dates")
    text = text_column.text_input("包含文字", key="audit_text")
    rows = accounts.audit(actor, who=who.strip() or None, action=action,
                          since=dates[0].isoformat() if dates else None,
                          until=dates[-1].isoformat() if dates else None,
                          text=text.strip() or None, limit=AUDIT_LIMIT)
    st.caption(f"{len(rows)} 条，最新的在前" + (f"（只列出最新的 {AUDIT_LIMIT} 条，请缩小范围）" if len(rows) == AUDIT_LIMIT else ""))
    frame = pd.DataFrame([row.to_dict() for row in rows], columns=list(AUDIT_COLUMNS))
    frame["action"] = frame["action"].map(action_label)
    st.dataframe(frame.rename(columns=AUDIT_COLUMNS), hide_index=True)
    st.download_button("下载 csv", audit_csv(rows), file_name="审计记录.csv", mime="text/csv", key="audit_csv")
