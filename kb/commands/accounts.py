"""``kb user`` (the app's accounts) and ``kb audit`` (who did what). The CLI acts as the OS user
running it, with the admin role: whoever can run ``kb`` here can already write the KB folder.
Its changes are recorded in the audit trail as os:<user>."""
from __future__ import annotations

import sys

import click

from kb import ROLE_LABELS, Accounts, action_label, audit_csv, local_user
from kb.commands.common import CalendarDate, Choice, Number, echo_json, kb_of, one_line, say


def _accounts(ctx: click.Context) -> Accounts:
    return Accounts(kb_of(ctx).config)


def _password(from_stdin: bool) -> str:
    """One line of stdin (for scripts), else typed twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("密码 (password)", hide_input=True, confirmation_prompt="再输入一次 (again)")


PASSWORD_STDIN = click.option("--password-stdin", is_flag=True,
                              help="从标准输入读一行作为密码（脚本用）；默认提示输入两次，不回显")


@click.group("user")
def user() -> None:
    """管理应用的账号。

    角色：viewer（查看、导出）、editor（导入、删除、核对修改）、admin（账号、审计记录）。

    \b
    示例：kb user add 张三 --role admin
          kb user list
    """


@user.command("add")
@click.argument("name")
@click.option("--role", type=Choice(ROLE_LABELS), default="viewer",
              show_default=True, help="账号的角色：viewer 查看、editor 编辑、admin 管理员（也可写中文）")
@PASSWORD_STDIN
@click.pass_context
def add(ctx: click.Context, name: str, role: str, password_stdin: bool) -> None:
    """新建账号。

    密码至少 8 个字符，以 argon2 散列保存。

    \b
    示例：kb user add 张三 --role admin
          echo 'a long password' | kb user add 李四 --role editor --password-stdin
    """
    _accounts(ctx).add(local_user(), name, role, _password(password_stdin))
    click.echo(one_line(f"已新建账号 {name}（{ROLE_LABELS[role]} {role}）"))


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="输出 JSON")
@click.pass_context
def list_users(ctx: click.Context, as_json: bool) -> None:
    """列出账号。

    每个账号一行：名字、角色、建立时间、锁定到何时。
    """
    rows = _accounts(ctx).list(local_user())
    if as_json:
        echo_json(rows)
        return
    if not rows:
        say("还没有账号：kb user add 名字 --role admin 新建第一个管理员 (no accounts yet)")
    for row in rows:
        locked = f"  已锁定至 {row['locked_until']}" if row["locked_until"] else ""
        click.echo(one_line(f"{row['name']}  {ROLE_LABELS[row['role']]}({row['role']})  "
                            f"建于 {row['created_at']}{locked}"))


@user.command("role")
@click.argument("name")
@click.argument("role", type=Choice(ROLE_LABELS))
@click.pass_context
def set_role(ctx: click.Context, name: str, role: str) -> None:
    """改账号的角色。

    最后一个管理员不能降级。

    \b
    示例：kb user role 李四 editor
    """
    _accounts(ctx).set_role(local_user(), name, role)
    click.echo(one_line(f"{name} 的角色改为 {ROLE_LABELS[role]}（{role}）"))


@user.command("passwd")
@click.argument("name")
@PASSWORD_STDIN
@click.pass_context
def passwd(ctx: click.Context, name: str, password_stdin: bool) -> None:
    """重设账号的密码。

    同时解除锁定。

    \b
    示例：kb user passwd 李四
    """
    _accounts(ctx).set_password(local_user(), name, _password(password_stdin))
    click.echo(one_line(f"已重设 {name} 的密码"))


@user.command("remove")
@click.argument("name")
@click.pass_context
def remove(ctx: click.Context, name: str) -> None:
    """删除账号。

    最后一个管理员不能删除；审计记录里它的操作保留。
    """
    _accounts(ctx).remove(local_user(), name)
    click.echo(one_line(f"已删除账号 {name}"))


@click.command("audit")
@click.option("--who", help="操作人（账号名，或 os:用户名 表示命令行）")
@click.option("--action", help="操作：import、remove、correct、reindex、sync、login、login_failed、account")
@click.option("--since", type=CalendarDate(), help="不早于这一天（也可只写年或年月；UTC）")
@click.option("--until", type=CalendarDate(), help="不晚于这一天（含；也可只写年或年月；UTC）")
@click.option("--text", help="对象、修改前或修改后中包含的文字")
@click.option("--limit", type=Number(min=1), default=200, show_default=True, help="最多列出几条（最新的在前）")
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="写成 csv 文件（UTF-8 带 BOM，Excel、WPS 直接打开）")
@click.option("--json", "as_json", is_flag=True, help="每条一行 JSON")
@click.pass_context
def audit(ctx: click.Context, csv_file: str | None, as_json: bool, **filters) -> None:
    """查看审计记录。

    谁在何时做了什么（导入、删除、核对修改、登录、账号变更），改前改后。只能查看，不能修改。

    \b
    示例：kb audit --action login_failed --since 2026-12-01
          kb audit --who 张三 --csv 审计记录.csv
    """
    rows = _accounts(ctx).audit(local_user(), **filters)
    if csv_file:
        with open(csv_file, "wb") as out:
            out.write(audit_csv(rows))
        click.echo(f"已写入 {csv_file}（{len(rows)} 条）")
    elif as_json:
        for row in rows:
            echo_json(row.to_dict())
    else:
        for row in rows:
            change = f"  {row.before or '—'} → {row.after or '—'}" if row.before or row.after else ""
            click.echo(one_line(f"{row.at}  {row.who}  {action_label(row.action)}({row.action})  {row.target}{change}"))
