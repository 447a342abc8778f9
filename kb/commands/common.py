"""What every command shares: the KB of the invocation, JSON and message output, the task
filter options, and option values refused in Chinese (a choice not on the list, a date not on
the calendar)."""
from __future__ import annotations

import datetime
import json
import re

import click

from kb import KnowledgeBase, vocab


def kb_of(ctx: click.Context, reader: bool = False) -> KnowledgeBase:
    """The KB of this invocation; ``reader`` for a command that only reads (it then leaves the
    KB folder byte for byte as it found it)."""
    if "kb" not in ctx.obj:
        ctx.obj["kb"] = ctx.with_resource(KnowledgeBase(ctx.obj["home"], store=ctx.obj["store"], reader=reader))
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


class BadValue(click.BadParameter):
    """click's "Invalid value for '--role': …" said in Chinese: which option, and how to write it."""

    def format_message(self) -> str:
        hint = self.param_hint or (self.param.get_error_hint(self.ctx) if self.param else "")
        return f"{hint} 的值不能用：{self.message}".lstrip()


class Choice(click.Choice):
    """A value from a list, or its Chinese name (--role 牵头 is --role lead); a value off the
    list is refused naming each choice with what it means."""

    def __init__(self, labels: dict[str, str]):
        super().__init__(tuple(labels))
        self.labels = labels

    def convert(self, value, param, ctx):
        by_label = {label: choice for choice, label in self.labels.items()}
        return super().convert(by_label.get(value, value), param, ctx)

    def get_invalid_choice_message(self, value, ctx) -> str:
        listed = "、".join(f"{choice}（{label}）" for choice, label in self.labels.items())
        return f"“{value}”不是可选的值，请用 {listed} 之一 (not one of {', '.join(self.labels)})"

    def fail(self, message, param=None, ctx=None):
        raise BadValue(message, ctx=ctx, param=param)


class Number(click.types.IntParamType):
    """A whole number (at least ``min`` when given), refused in Chinese with click's words as the gloss."""

    def __init__(self, min: int | None = None):
        self.min = min

    def convert(self, value, param, ctx) -> int:
        number = super().convert(value, param, ctx)
        if self.min is not None and number < self.min:
            self.fail(f"{number} < {self.min}", param, ctx)
        return number

    def fail(self, message, param=None, ctx=None):
        least = "" if self.min is None else f"不小于 {self.min} 的"
        raise BadValue(f"请写{least}整数 ({message.rstrip('.')})", ctx=ctx, param=param)


DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")


class CalendarDate(click.ParamType):
    """Every date option's one check: a year, a month or a day that is on the calendar
    (2021-02-30 and 2021-12-32 are refused alike), passed on zero-padded (2021-6 → 2021-06)
    because the KB compares dates as text."""

    name = "YYYY[-MM[-DD]]"

    def convert(self, value, param, ctx) -> str:
        if not str(value).strip():  # given empty: no bound (a filter), or cleared (--deadline-norm "")
            return ""
        found = DATE.match(str(value).strip())
        numbers = [int(part) for part in found.groups() if part] if found else [0]  # year 0: no date either
        try:
            datetime.date(*numbers, *[1] * (3 - len(numbers)))
        except ValueError:
            raise BadValue(f"“{value}”不是日历上的日期，请写年份、年月或日期，例如 2021、2021-06 或 2021-06-30 "
                           f"(not a calendar date)", ctx=ctx, param=param) from None
        return "-".join([f"{numbers[0]:04d}", *(f"{n:02d}" for n in numbers[1:])])


def task_filters(f):
    """The filter options shared by ``tasks`` and ``export``."""
    options = [
        click.option("--doc", help="文件：doc_id（或至少 6 位前缀）、文件名或路径"),
        click.option("--unit", help="单位名；简称和不带层级的名称都能匹配（应急局 可找到 市应急局、县应急管理局）"),
        click.option("--role", type=Choice(vocab.ROLE_LABELS),
                     help="只看该单位担任此角色的任务：lead 牵头、co 配合、responsible 责任（也可写中文）"),
        click.option("--due-before", type=CalendarDate(), help="完成时限不晚于这一年、这个月或这一天"),
        click.option("--due-after", type=CalendarDate(), help="完成时限不早于这一年、这个月或这一天"),
        click.option("--keyword", help="任务文字、标题或条款中包含的词"),
        click.option("--doubtful", is_flag=True, help="只看存疑的任务（单位读得最没把握的，最没把握的在前），供人核对"),
    ]
    for option in reversed(options):
        f = option(f)
    return f
