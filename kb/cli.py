"""The ``kb`` command: a thin click layer over KnowledgeBase. Every read command has --json."""
from __future__ import annotations

import json
import sys

import click

from kb import EXPORT_FORMATS, KBError, KnowledgeBase, collect_files, vocab

STATUS_LABEL = {"added": "ok", "replaced": "ok (replaced)", "duplicate": "duplicate", "error": "error"}


def _kb(ctx: click.Context) -> KnowledgeBase:
    if "kb" not in ctx.obj:
        ctx.obj["kb"] = ctx.with_resource(KnowledgeBase(ctx.obj["home"]))
    return ctx.obj["kb"]


def _echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))


def _index_progress(done: int, total: int) -> None:
    click.echo(f"\rindexing {done}/{total} passages and tasks", err=True, nl=done == total)


def _ocr_progress(path: str, done: int, total: int) -> None:
    click.echo(f"\rOCR {path}: page {done}/{total}", err=True, nl=done == total)


def _ocr_note(confidence: float | None) -> str:
    """How a quote OCR read is marked: the reader should check it against the scan."""
    return "" if confidence is None else f"（OCR 识别文字，置信度 {confidence:.0%}，请核对原件）"


def _say(message: str) -> None:
    """A line for the person at the terminal (stderr: stdout stays the command's output)."""
    click.echo(message, err=True)


def _say_lag(kb: KnowledgeBase) -> None:
    """One line when the answers leave out documents that are still being indexed."""
    lag = kb.index_lag()
    if lag.documents:
        _say(lag.message)


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


def task_filters(f):
    """The filter options shared by ``tasks`` and ``export``."""
    options = [
        click.option("--doc", help="document id (or prefix ≥ 6), file name or path"),
        click.option("--unit", help="unit name; aliases and level-free names match (应急局 finds 市应急局, 县应急管理局)"),
        click.option("--role", type=click.Choice(vocab.ROLES), help="only tasks where the unit has this role"),
        click.option("--due-before", help="deadline on or before YYYY[-MM]"),
        click.option("--due-after", help="deadline on or after YYYY[-MM]"),
        click.option("--keyword", help="substring of the task text, title or section"),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", envvar="KB_HOME", default=None, help="KB folder (default ./kb_data, or $KB_HOME)")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """policykb: tasks, owners and deadlines from Chinese work-safety notices.

    \b
    Example:
      kb ingest corpus/
      kb tasks --unit 应急局 --role lead
      kb export -o 任务分工表.xlsx
    """
    ctx.ensure_object(dict)
    ctx.obj["home"] = home


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="one JSON object per file instead of text")
@click.option("--max-size", type=click.IntRange(min=1), default=None, metavar="MB",
              help="refuse files bigger than this many MB (default: the max_file_mb setting, 50)")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], as_json: bool, max_size: int | None) -> None:
    """Ingest files and folders (txt, md, docx, doc, wps, pdf, scans and photos by OCR, html,
    mhtml, xlsx, ofd). Exit code 1 if any file failed. Indexes are committed as the import
    goes: searches find the documents indexed so far, and an interrupted import is finished by
    the next `kb ingest` or `kb sync`.

    \b
    Example: kb ingest corpus/ new_notice.docx
             kb ingest --max-size 200 big_regulation.pdf
    """
    kb = _kb(ctx)
    files = collect_files(paths)

    def on_file(result) -> None:
        if as_json:
            _echo_json(result.to_dict())
        elif result.ok:
            detail = f"{result.title} [{result.doc_id}] {result.n_tasks} tasks"
            click.echo(f"{STATUS_LABEL[result.status]:<13} {result.path}  {detail}")
        else:
            click.echo(f"{'error':<13} {result.error}")
        if result.warning and not as_json:
            _say(f"warning: {result.path}: {result.warning}")

    results = kb.ingest(files, on_file=on_file, on_index=_index_progress, on_wait=_say,
                        max_file_mb=max_size, on_page=_ocr_progress)
    failed = sum(not r.ok for r in results)
    if not as_json:
        click.echo(f"{len(results) - failed} ingested, {failed} failed", err=True)
    ctx.exit(1 if failed else 0)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def docs(ctx: click.Context, as_json: bool) -> None:
    """List documents: id, 文号, issuer, date, task count, title.

    \b
    Example: kb docs --json
    """
    rows = _kb(ctx).documents()
    if as_json:
        _echo_json(rows)
        return
    for r in rows:
        ocr = "" if r["source"] == "text" else f"  [{vocab.TEXT_SOURCES[r['source']]} {r['ocr_confidence'] or 0:.0%}]"
        click.echo(f"{r['doc_id']}  {r['date'] or '----------'}  {r['n_tasks']:>4} tasks  "
                   f"{r['title']}  {r['number']}  {r['issuer']}  ({r['file']}){ocr}")


@cli.command()
@task_filters
@click.option("--limit", type=int, default=None)
@click.option("--json", "as_json", is_flag=True, help="one JSON array of export rows")
@click.pass_context
def tasks(ctx: click.Context, as_json: bool, limit: int | None, **filters) -> None:
    """List tasks with their owners and deadlines.

    \b
    Example: kb tasks --unit 应急局 --role lead --due-before 2021-12
    """
    rows = _kb(ctx).task_rows(limit=limit, **filters)
    if as_json:
        _echo_json(rows)
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
    click.echo(f"{len(rows)} tasks", err=True)


@cli.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="file to write")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default=None, help="default: from the file suffix")
@click.option("--by-unit", is_flag=True, help="one sheet per unit: its responsibility list")
@task_filters
@click.pass_context
def export(ctx: click.Context, output: str, fmt: str | None, by_unit: bool, **filters) -> None:
    """Export tasks as a 任务分工表 (xlsx, csv) or jsonl.

    \b
    Example: kb export -o 应急局任务.xlsx --unit 应急局 --by-unit
    """
    path = _kb(ctx).export(output, fmt=fmt, by_unit=by_unit, **filters)  # fmt None: from the suffix
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("query", required=False)
@click.option("--batch", type=click.File(encoding="utf-8"),
              help="file with one query per line ('-' for stdin); prints one JSON array of hits per line")
@click.option("--mode", type=click.Choice(tuple(vocab.SEARCH_MODES)), default="hybrid", show_default=True)
@click.option("--k", type=int, default=10, show_default=True, help="number of hits")
@click.option("--doc", help="only this document (id, file name or path)")
@click.option("--issuer", help="only documents whose issuer contains this")
@click.option("--year-from", type=int, help="only documents dated in or after this year")
@click.option("--year-to", type=int, help="only documents dated in or before this year")
@click.option("--level", help="only documents of this level: 省 市 县 区 …")
@click.option("--unit", help="only tasks of this unit (aliases match) and the passages holding them")
@click.option("--kind", type=click.Choice(tuple(vocab.ENTRY_KINDS)), help="only passages or only tasks")
@click.option("--doc-kind", type=click.Choice(tuple(vocab.DOCUMENT_KINDS)), help="only notices or only regulations")
@click.option("--json", "as_json", is_flag=True, help="JSON: hits with doc_file, doc_title, section, text, score, kind")
@click.pass_context
def search(ctx: click.Context, query: str | None, batch, as_json: bool, **options) -> None:
    """Search passages and tasks by words and by meaning (Chinese or English).

    \b
    Example: kb search 外包工程安全管理 --k 5
             kb search "fire safety inspection" --mode vector --kind task
             kb search --batch queries.txt --json --k 20
    """
    if (query is None) == (batch is None):
        raise click.UsageError("give a QUERY or --batch FILE")
    kb = _kb(ctx)
    if batch is not None:
        for line in batch:
            if line.strip():
                _echo_json([_hit_json(hit) for hit in kb.search(line.strip(), **options)])
        _say_lag(kb)
        return
    hits = kb.search(query, **options)
    _say_lag(kb)
    if as_json:
        _echo_json([_hit_json(hit) for hit in hits])
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
                          for c in answer.citations]}


def _answer_lines(answer) -> list[str]:
    lines = [answer.answer]
    if answer.found and answer.deadline:
        lines.append(f"完成时限：{answer.deadline}（{answer.deadline_norm}）")
    lines.append(f"(kind {answer.kind}, confidence {answer.confidence:.2f})")
    label = "依据" if answer.found else "最接近的段落"
    for c in answer.citations[:3]:
        text = c.text
        for start, end in reversed(c.marks):
            text = text[:start] + "【" + text[start:end] + "】" + text[end:]
        lines += [f"{label}{_ocr_note(c.ocr_confidence)}：[{c.doc_title}] {c.section}",
                  "   " + text.replace("\n", " ")[:300]]
    return lines


@cli.command()
@click.argument("question", required=False)
@click.option("--batch", type=click.File(encoding="utf-8"),
              help="file with one question per line ('-' for stdin); prints one JSON object per line")
@click.option("--json", "as_json", is_flag=True,
              help="JSON with answer, units, kind, confidence, citations [{doc_file, doc_title, section, text}]")
@click.pass_context
def ask(ctx: click.Context, question: str | None, batch, as_json: bool) -> None:
    """Answer a question about who leads, who cooperates, by when, to what target — with the
    passage that says so. Chinese or English.

    \b
    Example: kb ask 消防整治谁牵头？
             kb ask "Which department leads fire safety rectification?" --json
             kb ask --batch questions.txt --json
    """
    if (question is None) == (batch is None):
        raise click.UsageError("give a QUESTION or --batch FILE")
    kb = _kb(ctx)
    if batch is not None:
        for line in batch:
            if line.strip():
                _echo_json(_answer_json(kb.ask(line.strip())))
        _say_lag(kb)
        return
    answer = kb.ask(question)
    _say_lag(kb)
    if as_json:
        _echo_json(_answer_json(answer))
        return
    for line in _answer_lines(answer):
        click.echo(line)


@cli.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild the keyword and vector indexes from the SQLite file (after changing the embedder
    or the keyword backend, or if an index file was lost). Cached embeddings are reused.

    \b
    Example: KB_EMBEDDER=sentence-transformers:/models/bge-small-zh kb reindex
    """
    changed = _kb(ctx).reindex(on_progress=_index_progress, on_wait=_say)
    click.echo(f"reindexed {changed['added']} documents")


@cli.command()
@click.pass_context
def sync(ctx: click.Context) -> None:
    """Finish indexing what an interrupted import stored (searches say when that is needed);
    the next `kb ingest` does the same.

    \b
    Example: kb sync
    """
    changed = _kb(ctx).sync(on_progress=_index_progress, on_wait=_say)
    click.echo(f"indexed {changed['added']} documents, removed {changed['removed']}")


@cli.command()
@click.argument("docs", nargs=-1, required=True)
@click.pass_context
def remove(ctx: click.Context, docs: tuple[str, ...]) -> None:
    """Remove documents and their passages and tasks (several in one go are one index commit).

    \b
    Example: kb remove 3f2a9c1d 7be01a44
    """
    for removed in _kb(ctx).remove_many(docs, on_wait=_say):
        click.echo(f"removed {removed.doc_id} {removed.title} ({removed.file})")


def main() -> None:
    """Exit codes: 0 done, 1 a KBError (bad input, a missing document…; the message says what
    to do) or a file that failed to ingest, 2 a usage error (click's own)."""
    try:
        cli(obj={})
    except KBError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
