"""The three roles and the actions each allows, and the person an action is done for.

Every write of ``KnowledgeBase`` takes an ``Actor`` and calls ``require`` before it touches
anything: the check is on the server, whatever buttons the app shows or hides. The CLI acts as
the local OS user (the person who can already read and write the KB folder) with the admin role.
"""
from __future__ import annotations

import getpass
from dataclasses import dataclass

from kb.errors import PermissionDenied

ROLES = ("viewer", "editor", "admin")  # each allows what the one before it does, and more
ROLE_LABELS = {"viewer": "查看", "editor": "编辑", "admin": "管理员"}

# action → the least role that may do it (a line per action; tests/test_accounts.py checks each)
LEAST_ROLE = {
    "read": "viewer",        # search, ask, task lists, documents
    "export": "viewer",      # 任务分工表 downloads, .ics
    "import": "editor",      # ingest files
    "remove": "editor",      # remove documents
    "correct": "editor",     # review and correct tasks, import corrections
    "reindex": "editor",     # reindex, sync
    "accounts": "admin",     # add, change and remove accounts
    "audit": "admin",        # read the audit trail
}
ACTION_LABELS = {"read": "查看", "export": "导出", "import": "导入文件", "remove": "删除文件",
                 "correct": "核对修改任务", "reindex": "重建索引", "accounts": "管理账号", "audit": "查看审计记录"}


@dataclass(frozen=True)
class Actor:
    """A person doing something: ``name`` as recorded in the audit trail, ``role`` one of
    ROLES, ``via`` how they were identified: cli | password | proxy | oidc | local."""
    name: str
    role: str
    via: str = "cli"

    def may(self, action: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(LEAST_ROLE[action])


def local_user() -> Actor:
    """The CLI's actor: the OS user running it, recorded as os:<name>."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container's uid)
        name = "unknown"
    return Actor(f"os:{name}", "admin", "cli")


def require(actor: Actor, action: str) -> None:
    """Refuse an action the actor's role does not allow, saying which role it needs."""
    if not actor.may(action):
        need = LEAST_ROLE[action]
        raise PermissionDenied(f"{actor.name}（{ROLE_LABELS.get(actor.role, actor.role)}）无权{ACTION_LABELS[action]}："
                               f"需要“{ROLE_LABELS[need]}”或更高的角色，请管理员用 kb user role 调整 "
                               f"({actor.role} may not {action}; it needs {need})")
