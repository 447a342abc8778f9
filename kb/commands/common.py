"""What every command shares: the KB of the invocation, JSON and message output, the task
filter options."""
from __future__ import annotations

import json

import click

from kb import KnowledgeBase, vocab


def kb_of(ctx: click.Context) -> KnowledgeBase:
    if "kb" not in ctx.obj:
        ctx.obj["kb"] = ctx.with_resource(KnowledgeBase(ctx.obj["home"], store=ctx.obj["store"]))
    return ctx.obj["kb"]


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))


def one_line(text: str) -> str:
    """A file name or message as one line: control characters (a newline or tab in a file
    name, an escape sequence) are written as escapes, so one file stays one line."""
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


def say(message: str) -> None:
    """A line for the person at the terminal (stderr: stdout stays the command's output)."""
    click.echo(message, err=True)


def task_filters(f):
    """The filter options shared by ``tasks`` and ``export``."""
    options = [
        click.option("--doc", help="文件：doc_id（或至少 6 位前缀）、文件名或路径"),
        click.option("--unit", help="单位名；简称和不带层级的名称都能匹配（应急局 可找到 市应急局、县应急管理局）"),
        click.option("--role", type=click.Choice(vocab.ROLES), help="只看该单位担任此角色的任务：lead 牵头、co 配合、responsible 责任"),
        click.option("--due-before", help="完成时限不晚于 YYYY[-MM[-DD]]"),
        click.option("--due-after", help="完成时限不早于 YYYY[-MM[-DD]]"),
        click.option("--keyword", help="任务文字、标题或条款中包含的词"),
        click.option("--doubtful", is_flag=True, help="只看存疑的任务（单位读得最没把握的，最没把握的在前），供人核对"),
    ]
    for option in reversed(options):
        f = option(f)
    return f
