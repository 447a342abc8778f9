"""The app's local accounts: adding, changing and removing them (admins only, checked here on
the server), and logging in with a password hashed by argon2id.

Failed logins are slowed (``login_delay_s`` each) and ``login_max_failures`` wrong passwords in
a row lock the account for ``login_lock_minutes``; while it is locked even the right password is
refused. Every change and every login, good or bad, goes to the audit trail, never a password
or a hash. Each call opens a short-lived store connection of its own: a login never waits for
an import, which holds the KB's write lock for minutes but the store only for a transaction.
"""
from __future__ import annotations

import functools
import math
import time
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kb.accounts.audit import audit_rows
from kb.accounts.roles import ROLE_LABELS, ROLES, Actor, require
from kb.errors import InvalidInput, LoginFailed
from kb.store.audit import utc_stamp
from kb.store.factory import open_store
from kb.store.users import EXISTS, LAST_ADMIN, MISSING, UserRow

MIN_PASSWORD_CHARS = 8
MAX_NAME_CHARS = 64
# argon2id with the library's defaults (RFC 9106's second recommended setting: 64 MiB, 3 passes)
HASHER = PasswordHasher()


@functools.cache
def _stand_in_hash() -> str:
    """A hash to check passwords of unknown names against, so a wrong name takes as long to
    refuse as a wrong password (the time would otherwise tell which names exist)."""
    return HASHER.hash("no account has this password")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Accounts:
    """The accounts of the KB that ``config`` (a ``kb.config.Config``) names."""

    def __init__(self, config):
        self.config = config

    # --- reading ----------------------------------------------------------------------
    def any(self) -> bool:
        """Are there accounts? (Without any, only a localhost app opens, as the local user.)"""
        with open_store(self.config, read_only=True) as store:
            return store.has_users()

    def list(self, actor: Actor) -> list[dict]:
        """Every account: name, role, created_at, locked_until ("" unless locked now). No hash."""
        require(actor, "accounts")
        now = utc_stamp(_now())
        with open_store(self.config, read_only=True) as store:
            return [{"name": u.name, "role": u.role, "created_at": u.created_at,
                     "locked_until": u.locked_until if u.locked_until > now else ""} for u in store.users()]

    def audit(self, actor: Actor, **filters) -> list:
        """The audit trail, newest first (admins only); ``filters`` as ``audit_rows`` takes them."""
        with open_store(self.config, read_only=True) as store:
            return audit_rows(store, actor, **filters)

    # --- changing (admins) -------------------------------------------------------------
    def add(self, actor: Actor, name: str, role: str, password: str) -> None:
        require(actor, "accounts")
        name, role = _checked_name(name), _checked_role(role)
        password_hash = HASHER.hash(_checked_password(password))
        with open_store(self.config) as store:
            outcome = store.add_user(actor.name, name, role, password_hash, utc_stamp(_now()))
        if outcome == EXISTS:
            raise InvalidInput(f"账号“{name}”已经有了：改角色用 kb user role，改密码用 kb user passwd "
                               f"(account {name!r} exists)")

    def set_role(self, actor: Actor, name: str, role: str) -> None:
        require(actor, "accounts")
        role = _checked_role(role)
        with open_store(self.config) as store:
            _refuse(store.set_user_role(actor.name, name, role), name, "demote")

    def set_password(self, actor: Actor, name: str, password: str) -> None:
        """Also lifts a lock: an admin resetting the password is how a locked-out person gets
        back in before the lock runs out."""
        require(actor, "accounts")
        password_hash = HASHER.hash(_checked_password(password))
        with open_store(self.config) as store:
            _refuse(store.set_user_password(actor.name, name, password_hash), name, "")

    def remove(self, actor: Actor, name: str) -> None:
        require(actor, "accounts")
        with open_store(self.config) as store:
            _refuse(store.remove_user(actor.name, name), name, "remove")

    # --- logging in --------------------------------------------------------------------
    def login(self, name: str, password: str) -> Actor:
        """The account's actor when the password is right and the account is not locked; else
        LoginFailed, after a delay, saying why (a locked account: for how long)."""
        name = name.strip()
        now = _now()
        with open_store(self.config) as store:
            found = store.user(name)
            if found is not None and found.locked_until > utc_stamp(now):
                store.append_audit(name, "login_failed", name, None, {"locked_until": found.locked_until})
                failed = self._locked(found, now)
            elif not _verified(found, password):
                lock_until = utc_stamp(now + timedelta(minutes=self.config.login_lock_minutes))
                after = store.record_login_failure(name, self.config.login_max_failures, lock_until)
                failed = self._locked(after, now) if after and after.locked_until else LoginFailed(
                    f"用户名或密码不对；连续 {self.config.login_max_failures} 次错误后账号锁定 "
                    f"{self.config.login_lock_minutes} 分钟 (wrong name or password)")
            else:
                rehash = HASHER.hash(password) if HASHER.check_needs_rehash(found.password_hash) else None
                store.record_login(name, "password", rehash)
                return Actor(found.name, found.role, "password")
        time.sleep(self.config.login_delay_s)  # outside the store: a slowed guess holds no connection
        raise failed

    def _locked(self, user: UserRow, now: datetime) -> LoginFailed:
        left = datetime.fromisoformat(user.locked_until) - now
        minutes = max(1, math.ceil(left.total_seconds() / 60))
        return LoginFailed(f"账号“{user.name}”已锁定：连续 {self.config.login_max_failures} 次密码错误，"
                           f"请 {minutes} 分钟后再试，或请管理员重设密码（kb user passwd {user.name}）"
                           f"(account locked after repeated wrong passwords: try again in {minutes} min)")

    def identified(self, name: str, via: str) -> Actor:
        """A person named by a trusted front (the proxy's header, OIDC): the role of their
        account if they have one, else ``auth_proxy_role``. Recorded as a login."""
        name = _checked_name(name)
        with open_store(self.config) as store:
            found = store.user(name)
            role = found.role if found else _checked_role(self.config.auth_proxy_role)
            store.append_audit(name, "login", name, None, {"via": via, "role": role})
        return Actor(name, role, via)

    def current(self, actor: Actor) -> Actor | None:
        """The actor with the role their account has now (an admin may have changed it since
        they logged in); None when a password login's account is gone, or when the local user
        (no accounts) finds the KB now has accounts."""
        with open_store(self.config, read_only=True) as store:
            if actor.via == "local":
                return None if store.has_users() else actor
            found = store.user(actor.name)
        if found is None:
            return None if actor.via == "password" else Actor(actor.name, self.config.auth_proxy_role, actor.via)
        return Actor(actor.name, found.role, actor.via)


def _verified(user: UserRow | None, password: str) -> bool:
    try:
        return HASHER.verify(user.password_hash if user and user.password_hash else _stand_in_hash(),
                             password) and user is not None
    except (VerificationError, InvalidHashError):
        return False


def _refuse(outcome: str, name: str, change: str) -> None:
    """A change the store could not make, as the message the person sees."""
    if outcome == MISSING:
        raise InvalidInput(f"没有账号“{name}”：kb user list 列出所有账号 (no account {name!r})")
    if outcome == LAST_ADMIN:
        raise InvalidInput(f"“{name}”是最后一个管理员，不能{'删除' if change == 'remove' else '降级'}："
                           f"先给另一个账号管理员角色（kb user role 名字 admin）"
                           f"(cannot {change} the last admin)")


def _checked_name(name: str) -> str:
    name = name.strip()
    # ":" is kept for the names the KB gives itself: os:<user> (the CLI), local:<user>
    if not name or len(name) > MAX_NAME_CHARS or ":" in name or not name.isprintable():
        raise InvalidInput(f"账号名要有 1 到 {MAX_NAME_CHARS} 个字符，不含冒号和控制字符 "
                           f"(an account name is 1-{MAX_NAME_CHARS} printable characters without ':')")
    return name


def _checked_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput(f"角色只能是 {'、'.join(f'{r}（{ROLE_LABELS[r]}）' for r in ROLES)}，收到“{role}” "
                           f"(role must be one of {', '.join(ROLES)})")
    return role


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise InvalidInput(f"密码至少要 {MIN_PASSWORD_CHARS} 个字符 "
                           f"(a password needs at least {MIN_PASSWORD_CHARS} characters)")
    return password
