"""Who is using the app, decided on every run before any page is drawn.

In order: the name a trusted proxy puts in the ``auth_proxy_header`` request header (an office
SSO in front, see deploy/); Streamlit's own OIDC login when ``.streamlit/secrets.toml`` has an
[auth] section; a password login when the KB has accounts; and with no accounts, the person at
this machine (the local admin) only when the server listens on localhost alone and the request
did not come through a proxy. Anything else is refused: a server on another address with no
accounts serves no page, only how to add an admin.

The person (a ``kb.Actor``) lives in the session and is what every write is done as; the KB
checks the role again on the server, whatever controls a page shows. A session unused for
``session_idle_minutes`` asks for the password again.
"""
from __future__ import annotations

import time

import streamlit as st

from kb import ROLE_LABELS, Accounts, Actor, KBError, LoginFailed, local_user
from kb.app import view

ACTOR, SEEN, CHECKED, NOTE = "actor", "actor_seen", "actor_checked", "login_note"
LOCAL_ADDRESSES = ("localhost", "127.0.0.1", "::1")
# A request with one of these came through a proxy: "localhost" then says nothing about who is
# at the other end (a proxy on this machine may be serving the whole office).
FORWARDED_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")
# An admin's change to an account (a role, a removal) reaches a logged-in session this soon.
ACCOUNT_RECHECK_S = 60
REFUSED = ("这个服务器对外提供服务（地址 {address}），但知识库还没有账号，所以不开放。"
           "请在服务器上用命令行新建管理员：`kb user add 名字 --role admin`，然后刷新本页。"
           "只在本机使用时用 `make run`（只监听 localhost，不用登录）。"
           "(no accounts: add an admin with kb user add NAME --role admin, or serve on localhost only)")


def signed_in(config) -> Actor:
    """The person using this session (``config``: the KB's settings). While there is none it
    draws the login form, or the refusal, and stops the run there."""
    accounts = Accounts(config)
    try:
        proxied = _proxy_name(config.auth_proxy_header)
        if proxied:
            return _trusted(accounts, proxied, "proxy")
        if _oidc_configured() and st.user.is_logged_in:
            return _trusted(accounts, str(st.user.get("email") or st.user.get("name") or ""), "oidc")
    except KBError as exc:  # a name the KB cannot take as an account name
        st.error(view.md_escape(str(exc)))
        st.stop()
    actor = _session_actor(accounts, config.session_idle_minutes)
    if actor is not None:
        return actor
    has_accounts = accounts.any()
    if has_accounts or _oidc_configured():
        _login_form(accounts, has_accounts)
        st.stop()
    if _served_locally():
        actor = Actor("local:" + local_user().name.removeprefix("os:"), "admin", "local")
        _remember(actor)
        return actor
    if config.auth_proxy_header:
        st.error(view.md_escape(f"请求里没有 {config.auth_proxy_header}：请通过单位的登录代理打开本页 "
                                f"(the request did not come through the login proxy)"))
    else:
        st.error(REFUSED.format(address=st.get_option("server.address") or "所有网卡 (all interfaces)"))
    st.stop()


def session_actor() -> Actor:
    """The person signed_in found for this run (pages pass it to every write)."""
    return st.session_state[ACTOR]


def sidebar(actor: Actor) -> None:
    """Who is logged in, and a way out (not for the local user or a proxy's: nothing to leave)."""
    st.sidebar.caption(view.md_escape(f"当前用户：{actor.name}（{ROLE_LABELS[actor.role]}）"))
    if actor.via == "password":
        st.sidebar.button("退出登录", on_click=log_out, key="log_out")
    elif actor.via == "oidc":
        st.sidebar.button("退出登录", on_click=st.logout, key="log_out")


def log_out(note: str = "") -> None:
    for key in (ACTOR, SEEN, CHECKED):
        st.session_state.pop(key, None)
    if note:
        st.session_state[NOTE] = note


# --- who it is ----------------------------------------------------------------------------

def request_headers():
    """The headers of the request that opened this session (tests stand in a proxy here)."""
    return st.context.headers


def _proxy_name(header: str) -> str:
    raw = request_headers().get(header, "").strip() if header else ""
    try:  # a header is bytes the server reads as Latin-1; proxies send a Chinese name as UTF-8
        return raw.encode("latin-1").decode("utf-8")
    except UnicodeError:  # not UTF-8 bytes read as Latin-1: the name as it came
        return raw


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def _served_locally() -> bool:
    if st.get_option("server.address") not in LOCAL_ADDRESSES:
        return False  # unset means every interface
    return not any(request_headers().get(name) for name in FORWARDED_HEADERS)


def _trusted(accounts: Accounts, name: str, via: str) -> Actor:
    """A person a trusted front named: recorded as a login once per session (and again when
    the front names someone else), then kept like a password login."""
    actor = _session_actor(accounts, accounts.config.session_idle_minutes)
    if actor is None or actor.name != name or actor.via != via:
        actor = accounts.identified(name, via)
        _remember(actor)
    return actor


def _session_actor(accounts: Accounts, idle_minutes: int) -> Actor | None:
    actor = st.session_state.get(ACTOR)
    if actor is None:
        return None
    now = time.monotonic()
    if now - st.session_state[SEEN] > idle_minutes * 60:
        log_out(f"超过 {idle_minutes} 分钟没有操作，已退出登录，请重新登录 (session expired)")
        return None
    st.session_state[SEEN] = now
    if now - st.session_state[CHECKED] > ACCOUNT_RECHECK_S:
        actor = accounts.current(actor)
        if actor is None:
            log_out("登录已失效：账号已删除，或知识库已设了账号，请重新登录 (please log in again)")
            return None
        st.session_state[ACTOR], st.session_state[CHECKED] = actor, now
    return actor


def _remember(actor: Actor) -> None:
    now = time.monotonic()
    st.session_state[ACTOR], st.session_state[SEEN], st.session_state[CHECKED] = actor, now, now
    st.session_state.pop(NOTE, None)


# --- the form -----------------------------------------------------------------------------

def _login_form(accounts: Accounts, with_password: bool) -> None:
    st.title("安全生产政策知识库")
    note = st.session_state.get(NOTE)
    if note:
        st.info(view.md_escape(note))
    if _oidc_configured():
        st.button("用单位账号登录", on_click=st.login, key="oidc_login", type="primary")
    if not with_password:
        return
    with st.form("login"):
        name = st.text_input("账号", key="login_name")
        password = st.text_input("密码", type="password", key="login_password")
        submitted = st.form_submit_button("登录", type="primary")
    if not submitted:
        return
    try:
        actor = accounts.login(name, password)
    except LoginFailed as exc:
        st.error(view.md_escape(str(exc)))
        return
    _remember(actor)
    st.rerun()
