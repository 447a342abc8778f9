"""The ``kb`` command: a thin click layer over KnowledgeBase. Every read command has --json."""
from __future__ import annotations

import sys

import click

from kb import DOUBTFUL_BELOW, EXPORT_FORMATS, KBError, KnowledgeBase, collect_files, export_gold, vocab
from kb.commands.accounts import audit, user
from kb.commands.common import echo_json, kb_of, one_line, say, task_filters
from kb.commands.review import import_corrections, task

STATUS_LABEL = {"added": "ok", "replaced": "ok (replaced)", "duplicate": "duplicate", "error": "error"}




def _index_progress(done: int, total: int) -> None:
    click.echo(f"\r建索引 {done}/{total} 段落和任务", err=True, nl=done == total)


def _ocr_progress(path: str, done: int, total: int) -> None:
    click.echo(f"\rOCR {one_line(path)}: page {done}/{total}", err=True, nl=done == total)



def _ocr_note(confidence: float | None) -> str:
    """How a quote OCR read is marked: the reader should check it against the scan."""
    return "" if confidence is None else f"（OCR 识别文字，置信度 {confidence:.0%}，请核对原件）"



def _say_lag(kb: KnowledgeBase) -> None:
    """One line when the answers leave out documents that are still being indexed."""
    lag = kb.index_lag()
    if lag.documents:
        say(lag.message)


def _kb_with_documents(ctx: click.Context) -> KnowledgeBase:
    """The KB for a read that needs documents: an empty one says how to import, exit code 1."""
    kb = kb_of(ctx)
    if not kb.stats()["documents"]:
        say(f"知识库是空的（{kb.config.home}）：先导入文件，例如 kb ingest corpus/ 或 kb ingest 通知文件夹/"
             f"（the KB is empty: import files with kb ingest first）")
        ctx.exit(1)
    return kb


def _hit_line(rank: int, hit) -> str:
    text = hit.text
    for start, end in reversed(hit.highlights):  # mark matches 【like this】, from the end
        text = text[:start] + "【" + text[start:end] + "】" + text[end:]
    text = text.replace("\n", " ")
    return (f"{rank}. [{hit.doc_title}] {hit.section}  ({hit.kind}, {hit.score:.4f}){_ocr_note(hit.ocr_confidence)}\n"
            f"   {text[:200]}{'…' if len(text) > 200 else ''}")


HIT_KEYS = ("doc_file", "doc_title", "section", "text", "score", "kind")


def _hit_json(hit) -> dict:
    d = hit.to_dict()
    return {**{key: d[key] for key in HIT_KEYS}, "doc_id": d["doc_id"], "start": d["start"],
            "end": d["end"], "highlights": d["highlights"], "ocr_confidence": d["ocr_confidence"]}



@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", envvar="KB_HOME", default=None, help="知识库目录（默认 ./kb_data 或环境变量 KB_HOME）")
@click.option("--store", envvar="KB_STORE", default=None, metavar="地址",
              help="postgresql://用户@主机:端口/库：几台服务器共用的存储（默认：知识库目录里的 SQLite 文件，或环境变量 KB_STORE）")
@click.pass_context
def cli(ctx: click.Context, home: str | None, store: str | None) -> None:
    """policykb 安全生产政策知识库：从通知和法规中提取任务、牵头/配合/责任单位和完成时限，检索、问答、导出。

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
@click.option("--max-size", type=click.IntRange(min=1), default=None, metavar="MB",
              help="超过这么多 MB 的文件不导入（默认取设置 max_file_mb，50）")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], as_json: bool, max_size: int | None) -> None:
    """导入文件和文件夹（txt、md、docx、doc、wps、pdf、扫描件和照片（OCR）、html、mhtml、xlsx、ofd）。
    有文件失败时退出码为 1。索引边导入边提交：检索能找到已建好索引的文件，中断的导入由下一次
    `kb ingest` 或 `kb sync` 补完。

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
            detail = f"{result.title} [{result.doc_id}] {result.n_tasks} tasks"
            click.echo(one_line(f"{STATUS_LABEL[result.status]:<13} {result.path}  {detail}"))
        else:
            click.echo(one_line(f"{'error':<13} {result.error}"))
        if result.warning and not as_json:
            say(one_line(f"warning: {result.path}: {result.warning}"))

    results = kb.ingest(files, on_file=on_file, on_index=_index_progress, on_wait=say,
                        max_file_mb=max_size, on_page=_ocr_progress)
    failed = sum(not r.ok for r in results)
    if not as_json:
        click.echo(f"{len(results) - failed} ingested, {failed} failed", err=True)
    ctx.exit(1 if failed else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """列出文件：id、日期、任务数、标题、文号、发文机关。

    \b
    示例：kb docs --json
    """
    rows = kb_of(ctx).documents()
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        ocr = "" if r["source"] == "text" else f"  [{vocab.TEXT_SOURCES[r['source']]} {r['ocr_confidence'] or 0:.0%}]"
        click.echo(f"{r['doc_id']}  {r['date'] or '----------'}  {r['n_tasks']:>4} tasks  "
                   f"{r['title']}  {r['number']}  {r['issuer']}  ({r['file']}){ocr}")


@cli.command()
@task_filters
@click.option("--limit", type=int, default=None, help="最多列出多少项")
@click.option("--json", "as_json", is_flag=True, help="输出一个 JSON 数组（导出行）")
@click.pass_context
def tasks(ctx: click.Context, as_json: bool, limit: int | None, **filters) -> None:
    """列出任务及其牵头、配合、责任单位和完成时限。

    \b
    示例：kb tasks --unit 应急局 --role lead --due-before 2021-12
    """
    kb = kb_of(ctx)
    rows = kb.task_rows(limit=limit, **filters)
    if as_json:  # with the id `kb task …` takes (the same filters list the same tasks in the same order)
        echo_json([{"id": stored.id, **row} for stored, row in zip(kb.tasks(limit=limit, **filters), rows)])
        return
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
    click.echo(f"{len(rows)} tasks", err=True)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出文件")
@click.option("--format", "fmt", type=click.Choice((*EXPORT_FORMATS, "gold")), default=None,
              help="默认按文件后缀；gold：评测集格式的 JSON 行（核对过的文件成为回归测试用例）")
@click.option("--by-unit", is_flag=True, help="责任清单：每个单位一张表（加 --unit 时只有该单位一张，各级合并），另有汇总表")
@task_filters
@click.pass_context
def export(ctx: click.Context, output: str, fmt: str | None, by_unit: bool, **filters) -> None:
    """导出任务分工表（xlsx、csv）、jsonl，或评测集格式的 gold（核对过的任务成为回归测试用例）。

    \b
    示例：kb export -o 应急局任务.xlsx --unit 应急局 --by-unit
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
@click.argument("query", required=False)
@click.option("--batch", type=click.File(encoding="utf-8"),
              help="每行一个检索词的文件（- 为标准输入）；每行输出一个 JSON 数组")
@click.option("--mode", type=click.Choice(tuple(vocab.SEARCH_MODES)), default="hybrid", show_default=True)
@click.option("--k", type=int, default=10, show_default=True, help="结果数")
@click.option("--doc", help="只在此文件中检索（id、文件名或路径）")
@click.option("--issuer", help="只看发文机关包含此词的文件")
@click.option("--year-from", type=int, help="只看此年及以后的文件")
@click.option("--year-to", type=int, help="只看此年及以前的文件")
@click.option("--level", help="只看此层级的文件：省 市 县 区 …")
@click.option("--unit", help="只看此单位的任务（简称可匹配）及其所在段落")
@click.option("--kind", type=click.Choice(tuple(vocab.ENTRY_KINDS)), help="只看段落（passage）或只看任务（task）")
@click.option("--doc-kind", type=click.Choice(tuple(vocab.DOCUMENT_KINDS)), help="只看通知（notice）或只看法规（regulation）")
@click.option("--json", "as_json", is_flag=True, help="JSON：每条结果含 doc_file、doc_title、section、text、score、kind")
@click.pass_context
def search(ctx: click.Context, query: str | None, batch, as_json: bool, **options) -> None:
    """按关键词和语义检索段落和任务（中文或英文）。--mode：hybrid 混合、keyword 关键词、vector 语义。

    \b
    示例：kb search 外包工程安全管理 --k 5
          kb search "fire safety inspection" --mode vector --kind task
          kb search --batch queries.txt --json --k 20
    """
    if (query is None) == (batch is None):
        raise click.UsageError("请给出检索词 QUERY 或 --batch 文件（二者选一）")
    kb = _kb_with_documents(ctx)
    if batch is not None:
        for line in batch:
            if line.strip():
                echo_json([_hit_json(hit) for hit in kb.search(line.strip(), **options)])
        _say_lag(kb)
        return
    hits = kb.search(query, **options)
    _say_lag(kb)
    if as_json:
        echo_json([_hit_json(hit) for hit in hits])
        return
    for rank, hit in enumerate(hits, 1):
        click.echo(_hit_line(rank, hit))
    click.echo(f"{len(hits)} hits", err=True)


def _answer_json(answer) -> dict:
    return {"answer": answer.answer, "units": answer.units, "kind": answer.kind,
            "confidence": answer.confidence, "found": answer.found,
            "deadline": answer.deadline, "deadline_norm": answer.deadline_norm,
            "citations": [{"doc_file": c.doc_file, "doc_title": c.doc_title, "section": c.section,
                           "text": c.text, "marks": [list(m) for m in c.marks],
                           "ocr_confidence": c.ocr_confidence}
                          for c in answer.citations],
            **({"table": answer.table} if answer.table else {})}


def _answer_lines(answer) -> list[str]:
    lines = [f"（{note}）" for note in answer.notes]  # how 今年, 明年… were read
    if answer.sure:
        lines.append(answer.answer)
        if answer.deadline:
            lines.append(f"完成时限：{answer.deadline}（{answer.deadline_norm}）")
    elif answer.found:
        lines.append(f"把握不大，不作为答案：可能是“{answer.answer}”。请看下面最接近的原文。")
    else:
        lines.append(f"{answer.answer}。下面是最接近的原文。")
    lines.append(f"(kind {answer.kind}, confidence {answer.confidence:.2f})")
    if answer.table:  # a unit's tasks: a table by document, not a citation per task
        return lines + _unit_table_lines(answer.table)
    label = "依据" if answer.sure else "最接近的段落"
    for c in answer.citations[:3]:
        text = c.text
        for start, end in reversed(c.marks):
            text = text[:start] + "【" + text[start:end] + "】" + text[end:]
        lines += [f"{label}{_ocr_note(c.ocr_confidence)}：[{c.doc_title}] {c.section}",
                  "   " + text.replace("\n", " ")[:300]]
    return lines


def _unit_table_lines(table: list[dict]) -> list[str]:
    lines, document = [], None
    for row in table:
        if row["doc_id"] != document:
            document = row["doc_id"]
            lines.append(f"《{row['doc_title']}》")
        lines.append(f"  [{row['role']}] {row['task'][:60]}　{row['deadline'] or '无时限'}（{row['status']}）")
    return lines


@cli.command()
@click.argument("question", required=False)
@click.option("--batch", type=click.File(encoding="utf-8"),
              help="每行一个问题的文件（- 为标准输入）；每行输出一个 JSON 对象")
@click.option("--json", "as_json", is_flag=True,
              help="JSON：answer、units、kind、confidence、citations [{doc_file, doc_title, section, text}]")
@click.pass_context
def ask(ctx: click.Context, question: str | None, batch, as_json: bool) -> None:
    """回答谁牵头、谁配合、何时完成、目标是什么，并给出原文出处。中文或英文提问。

    \b
    示例：kb ask 消防整治谁牵头？
          kb ask "Which department leads fire safety rectification?" --json
          kb ask --batch questions.txt --json
    """
    if (question is None) == (batch is None):
        raise click.UsageError("请给出问题 QUESTION 或 --batch 文件（二者选一）")
    kb = _kb_with_documents(ctx)
    if batch is not None:
        for line in batch:
            if line.strip():
                echo_json(_answer_json(kb.ask(line.strip())))
        _say_lag(kb)
        return
    answer = kb.ask(question)
    _say_lag(kb)
    if as_json:
        echo_json(_answer_json(answer))
        return
    for line in _answer_lines(answer):
        click.echo(line)


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """从 SQLite 文件重建关键词和向量索引（换了向量模型或关键词后端、或索引文件丢失之后）。已算过的向量会复用。

    \b
    示例：KB_EMBEDDER=sentence-transformers:/models/bge-small-zh kb reindex
    """
    changed = kb_of(ctx).reindex(on_progress=_index_progress, on_wait=say)
    click.echo(f"已重建索引：{changed['added']} 个文件")


@cli.command()
@click.pass_context
def sync(ctx: click.Context) -> None:
    """补齐中断的导入没建完的索引（检索时会提示需要）；下一次 `kb ingest` 也会补齐。

    \b
    示例：kb sync
    """
    changed = kb_of(ctx).sync(on_progress=_index_progress, on_wait=say)
    click.echo(f"已补齐索引：新增 {changed['added']} 个文件，移除 {changed['removed']} 个")


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, docs: tuple[str, ...]) -> None:
    """删除文件及其段落和任务（一次删几个只提交一次索引）。

    \b
    示例：kb remove 3f2a9c1d 7be01a44
    """
    for removed in kb_of(ctx).remove_many(docs, on_wait=say):
        click.echo(f"已删除 {removed.doc_id} {removed.title}（{removed.file}）")


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
