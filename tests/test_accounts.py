"""Accounts, roles and the audit trail on a real store, SQLite and PostgreSQL alike: what each
role may do (checked by the KB, not by the app's buttons), argon2 hashes, lock-out after wrong
passwords, the last admin, the records every change and login leaves, the csv, and the CLI."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

from kb import Accounts, Actor, InvalidInput, KnowledgeBase, LoginFailed, PermissionDenied, audit_csv
from kb.accounts.roles import LEAST_ROLE, ROLES, local_user, require
from kb.cli import cli
from kb.config import load_config
from kb.review.changes import Confirm
from kb.store.factory import open_store
from tests.conftest import configured_home

FAST = {"login_delay_s": 0.01}  # the delay is a setting: tests keep it short
PASSWORD = "correct horse battery"
VIEWER, EDITOR, ADMIN = (Actor(f"{role}-person", role, "password") for role in ROLES)
ACTORS = {"viewer": VIEWER, "editor": EDITOR, "admin": ADMIN}
NOTICE = "关于开展冰雪运动场所安全专项检查的通知\n\n一、检查内容\n1. 全面排查滑雪场的设施设备，2022年1月底前完成整改。（市体育局牵头）\n"

# Who may do what, written out (not derived from LEAST_ROLE): the table the issue sets.
ALLOWED = {
    "read": {"viewer", "editor", "admin"},
    "export": {"viewer", "editor", "admin"},
    "import": {"editor", "admin"},
    "remove": {"editor", "admin"},
    "correct": {"editor", "admin"},
    "reindex": {"editor", "admin"},
    "accounts": {"admin"},
    "audit": {"admin"},
}


@pytest.fixture(params=["sqlite", "postgresql"])
def home(request, tmp_path):
    """An empty KB home whose store is a SQLite file or a fresh PostgreSQL database."""
    settings = dict(FAST)
    if request.param == "postgresql":
        settings["store"] = request.getfixturevalue("pg_address")
    return configured_home(tmp_path / "kb", settings)


@pytest.fixture
def accounts(home):
    return Accounts(load_config(home))


def records(home, **filters):
    with open_store(load_config(home), read_only=True) as store:
        return store.audit_rows(**filters)


# --- roles ------------------------------------------------------------------------------

def test_the_role_table_is_the_one_the_issue_sets():
    assert set(LEAST_ROLE) == set(ALLOWED)


@pytest.mark.parametrize("action", sorted(ALLOWED))
def test_each_action_is_allowed_to_its_roles_and_refused_to_the_others(action):
    for role in ROLES:
        if role in ALLOWED[action]:
            require(ACTORS[role], action)
        else:
            with pytest.raises(PermissionDenied, match=role):
                require(ACTORS[role], action)


@pytest.fixture
def small_kb(tmp_path):
    """A KB of one small notice (its own, so writes can be tried on it)."""
    source = tmp_path / "通知.txt"
    source.write_text(NOTICE, encoding="utf-8")
    with KnowledgeBase(configured_home(tmp_path / "kb", FAST)) as kb:
        [result] = kb.ingest([source])
        assert result.ok
        yield kb, result.doc_id, source


# A forged request: the KB's writes called straight with the actor of a role that may not.
KB_WRITES = {
    "import": lambda kb, doc_id, source, actor: kb.ingest_file(source, actor=actor),
    "remove": lambda kb, doc_id, source, actor: kb.remove(doc_id, actor=actor),
    "reindex": lambda kb, doc_id, source, actor: kb.reindex(actor=actor),
    "correct": lambda kb, doc_id, source, actor: kb.correct(Confirm(kb.tasks()[0].id), actor=actor),
    "accounts": lambda kb, doc_id, source, actor: Accounts(kb.config).add(actor, "new", "viewer", PASSWORD),
    "audit": lambda kb, doc_id, source, actor: Accounts(kb.config).audit(actor),
}


@pytest.mark.parametrize("action", sorted(KB_WRITES))
def test_the_kb_refuses_a_write_to_a_role_below_it_and_changes_nothing(small_kb, action):
    kb, doc_id, source = small_kb
    before = (kb.stats(), kb.store.audit_rows())
    for role in sorted(set(ROLES) - ALLOWED[action]):
        with pytest.raises(PermissionDenied):
            KB_WRITES[action](kb, doc_id, source, ACTORS[role])
    assert (kb.stats(), kb.store.audit_rows()) == before


def test_an_editor_imports_and_removes_and_the_trail_says_who(small_kb, tmp_path):
    kb, doc_id, _ = small_kb
    other = tmp_path / "另一个通知.txt"
    other.write_text(NOTICE.replace("滑雪场", "滑冰场"), encoding="utf-8")
    added = kb.ingest_file(other, actor=EDITOR)
    kb.remove(doc_id, actor=EDITOR)
    assert kb.stats()["documents"] == 1
    trail = [(r.who, r.action) for r in kb.store.audit_rows()][:2]
    assert trail == [(EDITOR.name, "remove"), (EDITOR.name, "import")]
    assert kb.store.audit_rows(action="remove")[0].target == doc_id and added.ok


def test_the_cli_acts_as_the_os_user_with_the_admin_role():
    actor = local_user()
    assert actor.name.startswith("os:") and actor.role == "admin" and actor.via == "cli"


# --- accounts ---------------------------------------------------------------------------

def test_the_stored_password_is_an_argon2_hash_not_the_password(accounts, home):
    accounts.add(local_user(), "张三", "editor", PASSWORD)
    with open_store(load_config(home), read_only=True) as store:
        stored = store.user("张三").password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.login("张三", PASSWORD) == Actor("张三", "editor", "password")
    assert all(PASSWORD not in json.dumps(r.to_dict(), ensure_ascii=False) and "$argon2" not in r.after
               for r in records(home))


@pytest.mark.parametrize("name, role, password, message", [
    ("李四", "editor", "short", "至少要 8 个字符"),
    ("李四", "boss", PASSWORD, "角色只能是"),
    ("os:root", "viewer", PASSWORD, "不含冒号"),
    ("", "viewer", PASSWORD, "1 到 64"),
])
def test_bad_accounts_are_refused_with_a_reason(accounts, name, role, password, message):
    with pytest.raises(InvalidInput, match=message):
        accounts.add(local_user(), name, role, password)
    assert not accounts.any()


def test_wrong_passwords_lock_the_account_and_the_message_says_for_how_long(accounts, home):
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    for attempt in range(4):
        with pytest.raises(LoginFailed, match="用户名或密码不对"):
            accounts.login("张三", f"wrong password {attempt}")
    with pytest.raises(LoginFailed, match="已锁定.*15 分钟后再试"):
        accounts.login("张三", "wrong password 5")
    with pytest.raises(LoginFailed, match="已锁定"):  # the right password too, while locked
        accounts.login("张三", PASSWORD)
    assert accounts.list(ADMIN)[0]["locked_until"]
    failed = records(home, action="login_failed")
    assert len(failed) == 6 and "locked_until" in failed[1].after and not records(home, action="login")
    accounts.set_password(ADMIN, "张三", "a new password")  # an admin's reset lifts the lock
    assert accounts.login("张三", "a new password").name == "张三"


def test_an_unknown_name_is_refused_like_a_wrong_password_and_recorded(accounts, home):
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    with pytest.raises(LoginFailed, match="用户名或密码不对"):
        accounts.login("王五", PASSWORD)
    [record] = records(home, action="login_failed")
    assert (record.who, record.target) == ("王五", "王五")


def test_the_lock_lasts_as_configured(tmp_path):
    home = configured_home(tmp_path / "kb", {**FAST, "login_max_failures": 2, "login_lock_minutes": 3})
    accounts = Accounts(load_config(home))
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    with pytest.raises(LoginFailed, match="用户名或密码不对"):
        accounts.login("张三", "wrong once")
    with pytest.raises(LoginFailed, match="连续 2 次密码错误，请 3 分钟后再试"):
        accounts.login("张三", "wrong twice")


def test_a_good_login_starts_the_count_again(accounts):
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginFailed):
            accounts.login("张三", "wrong password")
    accounts.login("张三", PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginFailed, match="用户名或密码不对"):
            accounts.login("张三", "wrong password")


def test_the_last_admin_can_be_neither_removed_nor_demoted(accounts):
    accounts.add(local_user(), "张三", "admin", PASSWORD)
    with pytest.raises(InvalidInput, match="最后一个管理员，不能删除"):
        accounts.remove(local_user(), "张三")
    with pytest.raises(InvalidInput, match="最后一个管理员，不能降级"):
        accounts.set_role(local_user(), "张三", "editor")
    accounts.add(local_user(), "李四", "admin", PASSWORD)
    accounts.set_role(local_user(), "张三", "editor")
    accounts.remove(local_user(), "张三")
    assert [row["name"] for row in accounts.list(ADMIN)] == ["李四"]


def test_changes_to_missing_or_existing_accounts_are_refused(accounts):
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    with pytest.raises(InvalidInput, match="已经有了"):
        accounts.add(local_user(), "张三", "editor", PASSWORD)
    with pytest.raises(InvalidInput, match="没有账号"):
        accounts.set_role(local_user(), "王五", "editor")


def test_every_account_change_and_login_is_recorded_without_secrets(accounts, home):
    cli_user = local_user().name
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    accounts.set_role(ADMIN, "张三", "editor")
    accounts.set_password(ADMIN, "张三", "another password")
    accounts.login("张三", "another password")
    accounts.remove(ADMIN, "张三")
    got = [(r.who, r.action, r.target, r.before, r.after) for r in reversed(records(home))]
    assert got == [
        (cli_user, "account", "张三", "", '{"password": "set", "role": "viewer"}'),
        (ADMIN.name, "account", "张三", '{"role": "viewer"}', '{"role": "editor"}'),
        (ADMIN.name, "account", "张三", '{"role": "editor"}', '{"password": "changed", "role": "editor"}'),
        ("张三", "login", "张三", "", '{"via": "password"}'),
        (ADMIN.name, "account", "张三", '{"role": "editor"}', ""),
    ]


def test_a_proxy_named_person_gets_their_accounts_role_or_the_default(accounts, home):
    accounts.add(local_user(), "张三", "editor", PASSWORD)
    assert accounts.identified("张三", "proxy") == Actor("张三", "editor", "proxy")
    assert accounts.identified("访客", "proxy") == Actor("访客", "viewer", "proxy")
    assert [r.target for r in records(home, action="login")] == ["访客", "张三"]


def test_a_session_sees_an_admins_change_of_role_or_removal(accounts):
    accounts.add(local_user(), "张三", "editor", PASSWORD)
    actor = accounts.login("张三", PASSWORD)
    accounts.set_role(ADMIN, "张三", "viewer")
    assert accounts.current(actor).role == "viewer"
    accounts.remove(ADMIN, "张三")
    assert accounts.current(actor) is None


# --- the audit trail --------------------------------------------------------------------

def test_the_trail_is_for_admins_and_filters(accounts):
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    accounts.add(local_user(), "李四", "viewer", PASSWORD)
    with pytest.raises(LoginFailed):
        accounts.login("张三", "wrong password")
    with pytest.raises(PermissionDenied):
        accounts.audit(EDITOR)
    assert len(accounts.audit(ADMIN)) == 3
    assert [r.target for r in accounts.audit(ADMIN, action="account")] == ["李四", "张三"]
    assert [r.action for r in accounts.audit(ADMIN, who="张三")] == ["login_failed"]
    assert len(accounts.audit(ADMIN, text="李四")) == 1 and len(accounts.audit(ADMIN, limit=1)) == 1
    today = accounts.audit(ADMIN)[0].at[:10]
    assert len(accounts.audit(ADMIN, since=today, until=today)) == 3
    assert accounts.audit(ADMIN, until="2000-01-01") == []


def test_the_csv_opens_in_excel_with_chinese_headings_and_no_formulas(accounts):
    accounts.add(local_user(), "张三", "viewer", PASSWORD)
    with pytest.raises(LoginFailed):
        accounts.login("=HYPERLINK(\"http://x\")", "wrong password")
    data = audit_csv(accounts.audit(ADMIN))
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["时间", "操作人", "操作", "对象", "修改前", "修改后"]
    assert rows[1][1:4] == ["'=HYPERLINK(\"http://x\")", "登录失败", "'=HYPERLINK(\"http://x\")"]
    assert rows[2][2:4] == ["账号变更", "张三"]


# --- the CLI ----------------------------------------------------------------------------

def run(home, *args, input=None):
    return CliRunner().invoke(cli, ["--home", str(home), *args], obj={}, input=input)


def test_the_cli_manages_accounts_and_shows_the_trail(home, tmp_path):
    empty = run(home, "user", "list")
    assert empty.stdout == "" and "kb user add 名字 --role admin" in empty.stderr
    added = run(home, "user", "add", "张三", "--role", "admin", "--password-stdin", input=PASSWORD + "\n")
    assert added.exit_code == 0 and "已新建账号 张三" in added.output
    prompted = run(home, "user", "add", "李四", input=f"{PASSWORD}\n{PASSWORD}\n")  # typed twice, hidden
    assert prompted.exit_code == 0 and "查看 viewer" in prompted.output
    assert run(home, "user", "role", "李四", "editor").exit_code == 0
    assert run(home, "user", "passwd", "李四", "--password-stdin", input="a new password\n").exit_code == 0
    listed = json.loads(run(home, "user", "list", "--json").stdout)
    assert [(u["name"], u["role"]) for u in listed] == [("张三", "admin"), ("李四", "editor")]
    refused = run(home, "user", "remove", "张三")
    assert refused.exit_code == 1 and "最后一个管理员" in str(refused.exception)
    assert run(home, "user", "remove", "李四").exit_code == 0
    short = run(home, "user", "add", "王五", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "至少要 8 个字符" in str(short.exception)

    trail = [json.loads(line) for line in run(home, "audit", "--json").stdout.splitlines()]
    assert [r["action"] for r in trail] == ["account"] * 5
    assert {r["who"] for r in trail} == {local_user().name}
    assert "李四" in run(home, "audit", "--who", local_user().name, "--text", "李四", "--limit", "1").output
    assert run(home, "audit", "--action", "login", "--since", "2000-01-01", "--until", "2999-12-31").stdout == ""
    out = tmp_path / "审计.csv"
    assert run(home, "audit", "--csv", str(out)).exit_code == 0
    assert out.read_bytes().startswith("\ufeff时间,操作人".encode("utf-8"))


def test_the_cli_records_its_writes_as_the_os_user(tmp_path):
    home = configured_home(tmp_path / "kb", FAST)
    source = tmp_path / "通知.txt"
    source.write_text(NOTICE, encoding="utf-8")
    assert run(home, "ingest", str(source)).exit_code == 0
    [record] = records(home, action="import")
    assert record.who == local_user().name and record.target.endswith("通知.txt")

