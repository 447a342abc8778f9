"""The ``kb`` command: a thin click layer over KnowledgeBase. Every read command has --json."""
from __future__ import annotations

import sys
import unicodedata

import click

from kb import DOUBTFUL_BELOW, EXPORT_FORMATS, KBError, collect_files, export_gold, vocab
from kb.commands.accounts import audit, user
from kb.commands.common import Choice, Number, echo_json, kb_of, one_line, say, task_filters
from kb.commands.questions import ask, search
from kb.commands.review import import_corrections, task

# A file's result starts with ok / duplicate / error for scripts, then says it in Chinese.
STATUS_LABEL = {"added": "ok 已导入", "replaced": "ok 已替换", "duplicate": "duplicate 重复", "error": "error 失败"}
STATUS_WIDTH = 16  # terminal columns: a Chinese character takes two
FILE_FORMATS = {**{fmt: f"{fmt} 任务分工表" for fmt in EXPORT_FORMATS}, "jsonl": "每行一个任务的 JSON",
                "ics": "完成时限日历", "gold": "评测集格式的 JSON 行"}


def _padded(label: str) -> str:
    wide = sum(unicodedata.east_asian_width(char) in "WF" for char in label)
    return label + " " * max(1, STATUS_WIDTH - len(label) - wide)


def _index_progress(done: int, total: int) -> None:
    click.echo(f"\r建索引 {done}/{total} 段落和任务", err=True, nl=done == total)


def _ingest_progress():
    """An import's two figures on one line: stored documents searchable by keyword (after each
    batch stored), and entries with vectors (which follow)."""
    figures = {"keyword": (0, 0), "vectors": (0, 0)}

    def show(leg: str):
        def update(done: int, total: int) -> None:
            figures[leg] = (done, total)
            (found, stored), (embedded, entries) = figures.values()
            click.echo(f"\r可按关键词检索 {found}/{stored} 个文件 · 语义向量 {embedded}/{entries} 段落和任务",
                       err=True, nl=done == total)
        return update
    return show("keyword"), show("vectors")


def _ocr_progress(path: str, done: int, total: int) -> None:
    click.echo(f"\rOCR {one_line(path)}：第 {done}/{total} 页", err=True, nl=done == total)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", envvar="KB_HOME", default=None, help="知识库目录（默认 ./kb_data 或环境变量 KB_HOME）")
@click.option("--store", envvar="KB_STORE", default=None, metavar="地址",
              help="postgresql://用户@主机:端口/库：几台服务器共用的存储（默认：知识库目录里的 SQLite 文件，或环境变量 KB_STORE）")
@click.pass_context
def cli(ctx: click.Context, home: str | None, store: str | None) -> None:
    """policykb 安全生产政策知识库。

    从通知和法规中提取任务、牵头/配合/责任单位和完成时限，检索、问答、导出。

    \b
    示例：
      kb ingest corpus/
      kb tasks --unit 应急局 --role lead
      kb export -o 任务分工表.xlsx
    """
    ctx.ensure_object(dict)
    ctx.obj["home"], ctx.obj["store"] = home, store


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="每个文件输出一行 JSON")
@click.option("--max-size", type=Number(min=1), default=None, metavar="MB",
              help="超过这么多 MB 的文件不导入（默认取设置 max_file_mb，50）")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], as_json: bool, max_size: int | None) -> None:
    """导入文件和文件夹。

    格式：txt、md、docx、doc、wps、pdf、扫描件和照片（OCR）、html、mhtml、xlsx、ofd。有文件失败时退出码为 1。
    索引边导入边提交：检索能找到已建好索引的文件，中断的导入由下一次 `kb ingest` 或 `kb sync` 补完。

    \b
    示例：kb ingest corpus/ new_notice.docx
          kb ingest --max-size 200 big_regulation.pdf
    """
    kb = kb_of(ctx)
    files = collect_files(paths)

    def on_file(result) -> None:
        if as_json:
            echo_json(result.to_dict())
        elif result.ok:
            detail = f"{result.title} [{result.doc_id}] {result.n_tasks} 项任务"
            click.echo(one_line(f"{_padded(STATUS_LABEL[result.status])}{result.path}  {detail}"))
        else:
            click.echo(one_line(f"{_padded(STATUS_LABEL['error'])}{result.error}"))
        if result.warning and not as_json:
            say(one_line(f"注意：{result.path}：{result.warning}"))

    on_keyword, on_vectors = _ingest_progress()
    results = kb.ingest(files, on_file=on_file, on_index=on_keyword, on_vectors=on_vectors, on_wait=say,
                        max_file_mb=max_size, on_page=_ocr_progress)
    failed = sum(not r.ok for r in results)
    if not as_json:
        click.echo(f"导入完成：{len(results) - failed} 个文件，失败 {failed} 个", err=True)
    ctx.exit(1 if failed else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 数组")
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """列出文件。

    每个文件一行：id、日期、任务数、标题、文号、发文机关。

    \b
    示例：kb docs --json
    """
    rows = kb_of(ctx, reader=True).documents()
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        ocr = "" if r["source"] == "text" else f"  [{vocab.TEXT_SOURCES[r['source']]} {r['ocr_confidence'] or 0:.0%}]"
        click.echo(f"{r['doc_id']}  {r['date'] or '----------'}  {r['n_tasks']:>4} 项任务  "
                   f"{r['title']}  {r['number']}  {r['issuer']}  ({r['file']}){ocr}")


@cli.command()
@task_filters
@click.option("--limit", type=Number(min=1), default=None, help="最多列出多少项")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 数组（导出行）")
@click.pass_context
def tasks(ctx: click.Context, as_json: bool, limit: int | None, **filters) -> None:
    """列出任务。

    每项任务的牵头、配合、责任单位，完成时限、目标指标和置信度。

    \b
    示例：kb tasks --unit 应急局 --role lead --due-before 2021-12
    """
    kb = kb_of(ctx, reader=True)
    if as_json:
        echo_json(kb.task_rows_with_ids(limit=limit, **filters))
        return
    rows = kb.task_rows(limit=limit, **filters)
    for i, r in enumerate(rows, 1):
        click.echo(f"{i}. [{r['doc_title']}] {r['section']}")
        click.echo(f"   {r['text'][:120].replace(chr(10), ' ')}{'…' if len(r['text']) > 120 else ''}")
        for role in vocab.ROLES:
            if r[vocab.ROLE_FIELDS[role]]:
                click.echo(f"   {vocab.ROLE_LABELS[role]}: {'、'.join(r[vocab.ROLE_FIELDS[role]])}")
        if r["deadline"]:
            inferred = "，年份按文件推定" if r["deadline_inferred"] else ""
            click.echo(f"   时限: {r['deadline']} ({r['deadline_norm']}{inferred})")
        if r["metrics"]:
            click.echo(f"   指标: {'；'.join(r['metrics'])}")
        if r["confidence"] is not None:
            doubt = "（存疑，请核对）" if r["confidence"] < DOUBTFUL_BELOW else ""
            click.echo(f"   置信度: {r['confidence']:.0%}{doubt}")
    click.echo(f"共 {len(rows)} 项任务", err=True)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出文件")
@click.option("--format", "fmt", type=Choice(FILE_FORMATS), default=None,
              help="默认按文件后缀；ics：有时限的任务写成日历（Outlook、WPS、手机日历）；gold：评测集格式的 JSON 行")
@click.option("--by-unit", is_flag=True, help="责任清单：每个单位一张表（加 --unit 时只有该单位一张，各级合并），另有汇总表")
@task_filters
@click.pass_context
def export(ctx: click.Context, output: str, fmt: str | None, by_unit: bool, **filters) -> None:
    """导出任务分工表或完成时限日历。

    任务分工表：xlsx、csv、jsonl；日历：ics，每项有时限的任务是一个全天事件；gold：评测集格式，
    核对过的任务成为回归测试用例。

    \b
    示例：kb export -o 应急局任务.xlsx --unit 应急局 --by-unit
          kb export -o 应急局时限.ics --unit 应急局
          kb export -o gold.jsonl --format gold --doc 3f2a9c1d
    """
    if fmt == "gold":
        if by_unit:
            raise click.UsageError("--format gold 不分单位，不能与 --by-unit 同用")
        path = export_gold(kb_of(ctx), output, **filters)
    else:
        path = kb_of(ctx).export(output, fmt=fmt, by_unit=by_unit, **filters)  # fmt None: from the suffix
    click.echo(f"已写入 {path}")


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """重建关键词和向量索引。

    从 SQLite 文件重建（换了向量模型或关键词后端、或索引文件丢失之后）；已算过的向量会复用。

    \b
    示例：KB_EMBEDDER=sentence-transformers:/models/bge-small-zh kb reindex
    """
    changed = kb_of(ctx).reindex(on_progress=_index_progress, on_wait=say)
    click.echo(f"已重建索引：{changed['added']} 个文件")


@cli.command()
@click.pass_context
def sync(ctx: click.Context) -> None:
    """补齐中断的导入没建完的索引。

    检索时会提示需要；下一次 `kb ingest` 也会补齐。

    \b
    示例：kb sync
    """
    changed = kb_of(ctx).sync(on_progress=_index_progress, on_wait=say)
    click.echo(f"已补齐索引：新增 {changed['added']} 个文件，移除 {changed['removed']} 个")


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, docs: tuple[str, ...]) -> None:
    """删除文件及其段落和任务。

    一次删几个只提交一次索引。

    \b
    示例：kb remove 3f2a9c1d 7be01a44
    """
    for removed in kb_of(ctx).remove_many(docs, on_wait=say):
        click.echo(f"已删除 {removed.doc_id} {removed.title}（{removed.file}）")


cli.add_command(search)
cli.add_command(ask)
cli.add_command(user)
cli.add_command(audit)
cli.add_command(task)
cli.add_command(import_corrections)


def main() -> None:
    """Exit codes: 0 done, 1 a KBError (bad input, a missing document…; the message says what
    to do) or a file that failed to ingest, 2 a usage error (click's own)."""
    try:
        cli(obj={})
    except KBError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
