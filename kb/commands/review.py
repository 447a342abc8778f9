"""``kb task …`` (correct one task: edit, confirm, hide, split, merge, add, restore; list the
corrections) and ``kb import-corrections`` (the cells changed in an edited 任务分工表). The CLI
acts as the OS user running it (``local_user``), recorded as such in the audit trail."""
from __future__ import annotations

import dataclasses

import click

from kb import Add, Confirm, Edit, Hide, Merge, Restore, Split, apply_plan, deadline_values, local_user, vocab
from kb.commands.common import CalendarDate, Number, echo_json, kb_of, one_line, say

# a review row's status as people read it (a hidden task has no row in the table to label)
STATUS_LABELS = {**vocab.REVIEW_LABELS, "hidden": "非任务"}
ACTION_LABELS = {"edit": "修改", "confirm": "核对", "hide": "标为非任务"}
EMPTY = "（空）"


def task_fields(f):
    """The fields a person can set on a task, shared by ``edit`` and ``add``."""
    options = [
        click.option("--lead", help="牵头单位，几个单位用 、 或 ， 隔开；给空串则清空"),
        click.option("--co", help="配合单位，写法同 --lead"),
        click.option("--responsible", help="责任单位，写法同 --lead"),
        click.option("--deadline", help="完成时限原文，如 2027年6月底前（不给 --deadline-norm 时从中读出规范日期）"),
        click.option("--deadline-norm", type=CalendarDate(), help="规范时限：年、年月或日期，如 2027-06"),
        click.option("--metrics", help="目标指标，几条用 ； 隔开"),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _values(lead, co, responsible, deadline, deadline_norm, metrics, **more) -> dict:
    """The options given, as an Edit's or an Add's values (an option left out is not changed)."""
    values = {key: value for key, value in {"lead_units": lead, "co_units": co, "responsible_units": responsible,
                                            "metrics": metrics, **more}.items() if value is not None}
    if deadline is not None:
        values.update(deadline_values(deadline, deadline_norm))
    elif deadline_norm is not None:
        values["deadline_norm"] = deadline_norm
    return values


def _say_task(values: dict) -> None:
    """What a corrected task now says, a line per field that has a value."""
    for role in vocab.ROLES:
        if values.get(vocab.ROLE_FIELDS[role]):
            click.echo(one_line(f"   {vocab.ROLE_LABELS[role]}: {'、'.join(values[vocab.ROLE_FIELDS[role]])}"))
    if values.get("deadline") or values.get("deadline_norm"):
        click.echo(one_line(f"   时限: {values['deadline']} ({values['deadline_norm'] or '无规范日期'})"))
    if values.get("metrics"):
        click.echo(one_line(f"   指标: {'；'.join(values['metrics'])}"))


def _correct(ctx: click.Context, change):
    return kb_of(ctx).correct(change, local_user(), on_wait=say)


@click.group("task")
def task() -> None:
    """核对、修改任务。

    任务编号见 kb tasks --json 的 id。修改存在知识库里，重建索引、重新导入后仍在。

    \b
    示例：kb task edit 12 --lead 市应急局 --deadline 2027年6月底前
          kb task confirm 12 13 14
          kb task reviews --stale
    """


@task.command("edit")
@click.argument("task_id", type=Number())
@task_fields
@click.option("--title", help="任务标题")
@click.option("--start", type=Number(), help="任务在原文中的起始位置（与 --end 一起改任务的原文范围）")
@click.option("--end", type=Number(), help="任务在原文中的结束位置")
@click.pass_context
def edit(ctx: click.Context, task_id: int, **options) -> None:
    """修改一项任务。

    改任务的单位、时限、指标、标题或原文范围。

    \b
    示例：kb task edit 12 --lead 市消防救援支队 --co 市应急局、市公安局
          kb task edit 12 --deadline 2027年6月底前
    """
    values = _values(**options)
    if not values:
        raise click.UsageError("请至少给出一项要改的内容，如 --lead 或 --deadline (nothing to change)")
    applied = _correct(ctx, Edit(task_id, values))
    click.echo(f"已修改任务 {task_id} (edited)")
    _say_task(applied.after[0])


@task.command("confirm")
@click.argument("task_ids", nargs=-1, type=Number(), required=True)
@click.pass_context
def confirm(ctx: click.Context, task_ids: tuple[int, ...]) -> None:
    """标为已核对。

    任务内容无误。

    \b
    示例：kb task confirm 12 13 14
    """
    for task_id in task_ids:
        _correct(ctx, Confirm(task_id))
        click.echo(f"已核对任务 {task_id} (confirmed)")


@task.command("hide")
@click.argument("task_ids", nargs=-1, type=Number(), required=True)
@click.pass_context
def hide(ctx: click.Context, task_ids: tuple[int, ...]) -> None:
    """标为非任务。

    从任务表中去掉（kb task reviews 里可见，kb task restore 可恢复）。

    \b
    示例：kb task hide 15
    """
    for task_id in task_ids:
        _correct(ctx, Hide(task_id))
        click.echo(f"任务 {task_id} 已标为非任务 (hidden)")


@task.command("split")
@click.argument("task_id", type=Number())
@click.option("--at", "at", type=Number(), required=True, help="第一项在任务文字的第几个字之后结束")
@click.pass_context
def split(ctx: click.Context, task_id: int, at: int) -> None:
    """把一项任务拆成两项。

    \b
    示例：kb task split 12 --at 40
    """
    applied = _correct(ctx, Split(task_id, at))
    click.echo(f"已把任务 {task_id} 拆成任务 {' 和 '.join(map(str, applied.task_ids))} (split)")


@task.command("merge")
@click.argument("task_id", type=Number())
@click.pass_context
def merge(ctx: click.Context, task_id: int) -> None:
    """把一项任务与同一文件中的下一项合并。

    \b
    示例：kb task merge 12
    """
    applied = _correct(ctx, Merge(task_id))
    click.echo(f"已合并为任务 {applied.task_ids[0]} (merged)")


@task.command("add")
@click.argument("doc")
@click.option("--start", type=Number(), required=True, help="任务在原文中的起始位置（字符）")
@click.option("--end", type=Number(), required=True, help="任务在原文中的结束位置（字符，不含）")
@task_fields
@click.pass_context
def add(ctx: click.Context, doc: str, start: int, end: int, **options) -> None:
    """补充抽取漏掉的任务。

    文件 DOC（doc_id、文件名或路径）原文的第 START 到 END 个字。

    \b
    示例：kb task add 3f2a9c1d --start 1200 --end 1265 --lead 县应急局
    """
    applied = _correct(ctx, Add(doc, start, end, _values(**options)))
    click.echo(f"已补充任务 {applied.task_ids[0]} (added)")
    click.echo(one_line(f"   {applied.after[0]['text'][:120]}"))
    _say_task(applied.after[0])


@task.command("restore")
@click.argument("review_id", type=Number())
@click.pass_context
def restore(ctx: click.Context, review_id: int) -> None:
    """撤销一条核对记录。

    编号见 kb task reviews。非任务恢复为任务，补充的任务去掉，修改过的保留文字但不再算人工核对。

    \b
    示例：kb task restore 7
    """
    _correct(ctx, Restore(review_id))
    click.echo(f"已撤销核对记录 {review_id} (restored)")


@task.command("reviews")
@click.option("--stale", is_flag=True, help="只看待重新核对的：新的抽取结果已对不上原来位置的修改")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 数组")
@click.pass_context
def reviews(ctx: click.Context, stale: bool, as_json: bool) -> None:
    """列出核对记录。

    每条一行：编号、状态、文件、原文位置、核对人、时间。

    \b
    示例：kb task reviews --stale
    """
    rows = kb_of(ctx).reviews(stale_only=stale)
    if as_json:
        echo_json([dataclasses.asdict(review) for review in rows])
        return
    for review in rows:
        stale_mark = "" if review.matched else "  [待重新核对 stale]"
        click.echo(one_line(f"{review.id}  {STATUS_LABELS.get(review.status, review.status)}  "
                            f"{review.doc_id[:12]}@{review.start}-{review.end}  {review.who}  {review.at}{stale_mark}  "
                            f"{review.task.get('text', '')[:40]}"))
    click.echo(f"共 {len(rows)} 条核对记录", err=True)


@click.command("import-corrections")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--apply", "do_apply", is_flag=True, help="应用修改（不加则只预览，不写入）")
@click.option("--json", "as_json", is_flag=True,
              help="输出 JSON：changes、refused、notes（加 --apply 时还有 applied、failed）")
@click.pass_context
def import_corrections(ctx: click.Context, file: str, do_apply: bool, as_json: bool) -> None:
    """导入在 Excel / WPS 里改过的任务分工表。

    kb export 导出的 xlsx 或 csv：改过的单位、完成时限、目标指标，核对列填“已核对”或“非任务”。
    先预览每处修改和不能导入的行及原因，加 --apply 才写入。

    \b
    示例：kb import-corrections 任务分工表.xlsx
          kb import-corrections 任务分工表.xlsx --apply
    """
    kb = kb_of(ctx)
    plan = kb.plan_corrections(file)
    summary = apply_plan(kb, plan, local_user()) if do_apply else None
    if as_json:
        echo_json({**plan.to_dict(), **(summary or {})})
    else:
        for note in plan.notes:
            say(note)
        for planned in plan.planned:
            for header, old, new in planned.cells_changed:
                click.echo(one_line(f"{planned.place} / {header}: {old or EMPTY} → {new or EMPTY}"))
        for sheet, row, reason in plan.refused:
            click.echo(one_line(f"未导入 {sheet} 第 {row} 行：{reason}"))
        cells = sum(len(planned.cells_changed) for planned in plan.planned)
        counted = f"{cells} 处修改（{len(plan.planned)} 项任务），{len(plan.refused)} 行未能导入"
        if summary is None:
            say(f"{counted}。这是预览，没有写入；确认无误后加 --apply 应用 (dry run: nothing written; add --apply)："
                f"kb import-corrections {file} --apply")
        else:
            done = "，".join(f"{ACTION_LABELS[action]} {n} 项" for action, n in summary["applied"].items())
            say(f"{counted}。已应用：{done or '没有改动'} (applied)")
            for failed in summary["failed"]:
                click.echo(one_line(f"未能应用 {failed['place']}：{failed['reason']}"))
    ctx.exit(1 if summary and summary["failed"] else 0)

