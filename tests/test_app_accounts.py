"""Logging in to the app (streamlit.testing.v1.AppTest on a copy of the seeded KB): the form,
wrong passwords and the lock, what each role is shown, sessions that expire, the admin page,
the local user on localhost and the refusal anywhere else; and a viewer's forged write,
refused by the KB whatever the page showed."""
import json
import shutil
import time
from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest

from kb import Accounts, KnowledgeBase, PermissionDenied, local_user
from kb.app import login, upload
from kb.config import load_config
from kb.review.changes import Confirm
from tests.test_app import plain

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PASSWORD = "correct horse battery"
NOTICE = "关于开展冰雪运动场所安全专项检查的通知\n\n一、检查内容\n1. 全面排查滑雪场的设施设备，2022年1月底前完成整改。（市体育局牵头）\n"


@pytest.fixture
def home(seeded_home, tmp_path, monkeypatch):
    """A private copy of the seeded KB (no accounts yet), its login delay short."""
    home = tmp_path / "kb"
    shutil.copytree(seeded_home, home)
    settings = home / "config.json"
    values = json.loads(settings.read_text(encoding="utf-8")) if settings.exists() else {}
    settings.write_text(json.dumps({**values, "login_delay_s": 0.01}), encoding="utf-8")
    monkeypatch.setenv("KB_HOME", str(home))
    return home


@pytest.fixture
def with_accounts(home):
    accounts = Accounts(load_config(home))
    for name, role in (("管理员", "admin"), ("编辑", "editor"), ("查看", "viewer")):
        accounts.add(local_user(), name, role, PASSWORD)
    return home


def app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=60).run()


def log_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    next(button for button in at.button if button.label == "登录").click()
    return at.run()


def tabs(at: AppTest) -> list[str]:
    return [tab.label for tab in at.tabs]


def open_page(at: AppTest, page: str) -> AppTest:
    at.session_state["page"] = page
    return at.run()


def test_with_accounts_the_app_asks_for_a_password_and_shows_nothing_else(with_accounts):
    at = app()
    assert [t.label for t in at.text_input] == ["账号", "密码"] and tabs(at) == []
    at = log_in(at, "查看", "not the password")
    assert "用户名或密码不对" in at.error[0].value and tabs(at) == []


def test_a_viewer_reads_but_is_shown_no_import_or_remove_controls(with_accounts):
    at = log_in(app(), "查看")
    assert not at.exception
    assert tabs(at) == ["问答", "检索", "任务分工表", "文档"]
    assert "当前用户：查看（查看）" in [c.value for c in at.sidebar.caption]
    at = open_page(at, "导入")  # asked for by name (?page=导入): not there
    assert not [b for b in at.button if b.key in ("import", "remove")]


def test_an_editor_is_shown_the_import_and_remove_controls(with_accounts):
    at = open_page(log_in(app(), "编辑"), "导入")
    assert tabs(at) == ["问答", "检索", "任务分工表", "文档", "导入", "核对"]
    assert {"import", "remove"} <= {b.key for b in at.button}


def test_an_editor_removes_a_document_and_the_trail_says_who(with_accounts):
    at = open_page(log_in(app(), "编辑"), "导入")
    doc = at.selectbox[0].options[0]
    at.selectbox[0].select_index(0)
    at.checkbox[0].check()
    at = at.run()
    at.button(key="remove").click()
    at = at.run()
    assert not at.exception and at.success[0].value.startswith("已删除")
    with KnowledgeBase(with_accounts) as kb:
        assert kb.stats()["documents"] == 4
        record = kb.store.audit_rows(action="remove")[0]
    assert record.who == "编辑" and doc in json.loads(record.before)["title"]


def test_five_wrong_passwords_lock_the_account(with_accounts):
    at = app()
    for attempt in range(5):
        at = log_in(at, "编辑", f"wrong password {attempt}")
    assert "已锁定" in at.error[0].value and "15 分钟后再试" in at.error[0].value
    at = log_in(at, "编辑")  # the right password, too late
    assert "已锁定" in at.error[0].value and tabs(at) == []


def test_a_session_left_idle_asks_for_the_password_again(with_accounts):
    at = log_in(app(), "编辑")
    assert tabs(at)
    at.session_state["actor_seen"] = time.monotonic() - 61 * 60
    at = at.run()
    assert tabs(at) == [] and "超过 60 分钟没有操作" in at.info[0].value


def test_log_out(with_accounts):
    at = log_in(app(), "编辑")
    at.sidebar.button(key="log_out").click()
    at = at.run()
    assert tabs(at) == [] and [t.label for t in at.text_input] == ["账号", "密码"]


def test_an_admin_manages_accounts_and_reads_the_trail(with_accounts):
    at = open_page(log_in(app(), "管理员"), "管理")
    assert tabs(at)[-3:] == ["管理", "账号", "审计记录"]  # the page's own tabs follow the pages'
    at.text_input(key="new_account_name").input("新同事")
    at.text_input(key="new_account_password").input(PASSWORD)
    at.text_input(key="new_account_again").input(PASSWORD)
    next(button for button in at.button if button.label == "新建").click()
    at = at.run()
    assert not at.exception and "已新建账号 新同事" in at.success[0].value
    accounts_table, trail = (frame.value for frame in at.dataframe)
    assert "新同事" in set(accounts_table["账号"])
    assert trail.iloc[0]["操作"] == "账号变更" and trail.iloc[0]["对象"] == "新同事"
    assert "登录" in set(trail["操作"]) and at.get("download_button")


def test_no_accounts_on_localhost_opens_as_the_local_admin(home):
    at = app()
    assert not at.exception and tabs(at)[-3:] == ["导入", "核对", "管理"]
    user = local_user().name.removeprefix("os:")
    assert f"当前用户：local:{user}（管理员）" in [plain(c.value) for c in at.sidebar.caption]


@pytest.fixture
def served_to_the_network():
    before = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    yield
    streamlit_config.set_option("server.address", before)


def test_no_accounts_on_another_address_refuses_to_serve(home, served_to_the_network):
    at = app()
    assert tabs(at) == [] and "kb user add 名字 --role admin" in at.error[0].value
    assert not at.text_input  # no login form either: there is no one to log in as


def test_a_viewers_forged_write_is_refused_by_the_kb(with_accounts, tmp_path):
    at = log_in(app(), "查看")
    viewer = at.session_state["actor"]
    assert viewer.role == "viewer"
    source = tmp_path / "通知.txt"
    source.write_text(NOTICE, encoding="utf-8")
    with KnowledgeBase(with_accounts) as kb:
        before = kb.stats()
        doc_id = kb.documents()[0]["doc_id"]
        for forged in (lambda: kb.ingest_file(source, actor=viewer), lambda: kb.remove(doc_id, actor=viewer),
                       lambda: kb.sync(actor=viewer), lambda: kb.correct(Confirm(kb.tasks()[0].id), actor=viewer),
                       lambda: upload.ingest_upload(kb, "通知.txt", NOTICE.encode(), viewer)):
            with pytest.raises(PermissionDenied):
                forged()
        assert kb.stats() == before and not (with_accounts / upload.UPLOADS_DIR / "通知.txt").exists()
        assert not kb.store.audit_rows(who="查看", action="import")


def test_a_person_the_proxy_names_gets_their_accounts_role_and_one_login_record(with_accounts, monkeypatch):
    settings = with_accounts / "config.json"
    settings.write_text(json.dumps({**json.loads(settings.read_text(encoding="utf-8")),
                                    "auth_proxy_header": "X-Remote-User"}), encoding="utf-8")
    # the server reads a header's bytes as Latin-1: the proxy's UTF-8 name arrives like this
    monkeypatch.setattr(login, "request_headers", lambda: {"X-Remote-User": "编辑".encode().decode("latin-1")})
    at = app()
    assert tabs(at)[-2:] == ["导入", "核对"] and "login_password" not in [t.key for t in at.text_input]
    at = open_page(at, "检索")
    monkeypatch.setattr(login, "request_headers", lambda: {"X-Remote-User": "外单位的人"})
    at = at.run()  # another name from the proxy: that person, with the default role
    assert "导入" not in tabs(at) and at.session_state["actor"].role == "viewer"
    with KnowledgeBase(with_accounts) as kb:
        logins = [(r.who, json.loads(r.after)) for r in reversed(kb.store.audit_rows(action="login"))]
    assert logins == [("编辑", {"via": "proxy", "role": "editor"}), ("外单位的人", {"via": "proxy", "role": "viewer"})]


def test_no_accounts_behind_a_proxy_on_this_machine_is_not_local(home, monkeypatch):
    monkeypatch.setattr(login, "request_headers", lambda: {"X-Forwarded-For": "10.0.0.7"})
    at = app()
    assert tabs(at) == [] and "kb user add 名字 --role admin" in at.error[0].value
