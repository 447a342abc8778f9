"""The app's accounts as rows (kb.accounts.users decides what they mean).

Each change commits in one transaction with its audit record, and the checks that keep at
least one admin run inside that transaction: two admins demoting each other at once cannot
leave the KB with none."""
from __future__ import annotations

from dataclasses import dataclass

# What a change of an account found (kb.accounts turns each into a message).
DONE, MISSING, EXISTS, LAST_ADMIN = "done", "missing", "exists", "last_admin"


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    password_hash: str
    failed_logins: int
    locked_until: str  # UTC, ISO 8601 to the second; "" when not locked
    created_at: str


class UserRows:
    """The store's account methods (a part of ``Store``)."""

    def user(self, name: str) -> UserRow | None:
        row = self.conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return None if row is None else _user(row)

    def users(self) -> list[UserRow]:
        return [_user(row) for row in self.conn.execute("SELECT * FROM users ORDER BY name").fetchall()]

    def has_users(self) -> bool:
        return self.conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def add_user(self, who: str, name: str, role: str, password_hash: str, at: str) -> str:
        with self._write():
            if self.user(name) is not None:
                return EXISTS
            self.conn.execute("INSERT INTO users(name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                              (name, role, password_hash, at))
            self._append_audit(who, "account", name, None, {"role": role, "password": "set"})
        return DONE

    def set_user_role(self, who: str, name: str, role: str) -> str:
        with self._write():
            found = self.user(name)
            if found is None:
                return MISSING
            if found.role == "admin" and role != "admin" and self._admins() == 1:
                return LAST_ADMIN
            self.conn.execute("UPDATE users SET role = ? WHERE name = ?", (role, name))
            self._append_audit(who, "account", name, {"role": found.role}, {"role": role})
        return DONE

    def set_user_password(self, who: str, name: str, password_hash: str) -> str:
        """A new password also lifts a lock (an admin resetting it is how a locked-out person
        gets back in before the lock runs out)."""
        with self._write():
            found = self.user(name)
            if found is None:
                return MISSING
            self.conn.execute("UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = '' "
                              "WHERE name = ?", (password_hash, name))
            self._append_audit(who, "account", name, {"role": found.role},
                               {"role": found.role, "password": "changed"})
        return DONE

    def remove_user(self, who: str, name: str) -> str:
        with self._write():
            found = self.user(name)
            if found is None:
                return MISSING
            if found.role == "admin" and self._admins() == 1:
                return LAST_ADMIN
            self.conn.execute("DELETE FROM users WHERE name = ?", (name,))
            self._append_audit(who, "account", name, {"role": found.role}, None)
        return DONE

    def record_login_failure(self, name: str, max_failures: int, lock_until: str) -> UserRow | None:
        """One more wrong password for ``name`` (an account not locked, or no account: recorded
        all the same). At ``max_failures`` in a row the account is locked until ``lock_until``
        and the count starts again for when the lock runs out. Returns the row as it is now."""
        with self._write():
            found = self.user(name)
            detail = {"account": "none"}
            if found is not None:
                failures = found.failed_logins + 1
                locked = failures >= max_failures
                self.conn.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE name = ?",
                                  (0 if locked else failures, lock_until if locked else "", name))
                detail = {"failures": failures, **({"locked_until": lock_until} if locked else {})}
            self._append_audit(name, "login_failed", name, None, detail)
            return self.user(name)

    def record_login(self, name: str, via: str, password_hash: str | None = None) -> None:
        """A successful login: the failure count starts again; ``password_hash``, when given,
        replaces the stored one (a hash made with older parameters, upgraded)."""
        with self._write():
            self.conn.execute("UPDATE users SET failed_logins = 0, locked_until = '' WHERE name = ?", (name,))
            if password_hash:
                self.conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (password_hash, name))
            self._append_audit(name, "login", name, None, {"via": via})

    def _admins(self) -> int:
        return self.conn.execute("SELECT count(*) FROM users WHERE role = 'admin'").fetchone()[0]


def _user(row) -> UserRow:
    return UserRow(row["name"], row["role"], row["password_hash"], row["failed_logins"], row["locked_until"],
                   row["created_at"])
