"""``kb search`` and ``kb ask``: the commands that read the KB with a question or a query, and
how their hits, answers and citations are written on the terminal."""
from __future__ import annotations

import click

from kb import KnowledgeBase, vocab
from kb.commands.common import Choice, Number, echo_json, kb_of, say


def _ocr_note(confidence: float | None) -> str:
    """How a quote OCR read is marked: the reader should check it against the scan."""
    return "" if confidence is None else f"（OCR 识别文字，置信度 {confidence:.0%}，请核对原件）"


def _say_lag(kb: KnowledgeBase) -> None:
    """One line when the answers leave out documents that are still being indexed."""
    lag = kb.index_lag()
    if lag.documents:
        say(lag.message)


def _each_line(kb, batch, answer) -> None:
    """--batch: one JSON line per non-empty line of the file, then the lag note if any."""
    for line in batch:
        if line.strip():
            echo_json(answer(line.strip()))
    _say_lag(kb)


def _kb_with_documents(ctx: click.Context) -> KnowledgeBase:
    """The KB for a read that needs documents: an empty one says how to import, exit code 1."""
    kb = kb_of(ctx, reader=True)
    if not kb.stats()["documents"]:
        say(f"知识库是空的（{kb.config.home}）：先导入文件，例如 kb ingest corpus/ 或 kb ingest 通知文件夹/"
             f"（the KB is empty: import files with kb ingest first）")
        ctx.exit(1)
    return kb


def _refuse_empty(ctx: click.Context, text: str | None, message: str) -> None:
    """An empty or blank question or query is refused (exit code 1): there is nothing to look for."""
    if text is not None and not text.strip():
        say(message)
        ctx.exit(1)


def _hit_line(rank: int, hit) -> str:
    text = hit.text
    for start, end in reversed(hit.highlights):  # mark matches 【like this】, from the end
        text = text[:start] + "【" + text[start:end] + "】" + text[end:]
    text = text.replace("\n", " ")
    return (f"{rank}. [{hit.doc_title}] {hit.section}  （{vocab.ENTRY_KINDS[hit.kind]}，{hit.score:.4f}）"
            f"{_ocr_note(hit.ocr_confidence)}\n"
            f"   {text[:200]}{'…' if len(text) > 200 else ''}")


HIT_KEYS = ("doc_file", "doc_title", "section", "text", "score", "kind")


def _hit_json(hit) -> dict:
    d = hit.to_dict()
    return {**{key: d[key] for key in HIT_KEYS}, "doc_id": d["doc_id"], "start": d["start"],
            "end": d["end"], "highlights": d["highlights"], "ocr_confidence": d["ocr_confidence"]}


@click.command()
@click.argument("query", required=False)
@click.option("--batch", type=click.File(encoding="utf-8"),
              help="每行一个检索词的文件（- 为标准输入）；每行输出一个 JSON 数组")
@click.option("--mode", type=Choice(vocab.SEARCH_MODES), default="hybrid", show_default=True,
              help="hybrid 混合、keyword 关键词、vector 语义")
@click.option("--k", type=Number(min=1), default=10, show_default=True, help="结果数")
@click.option("--doc", help="只在此文件中检索（id、文件名或路径）")
@click.option("--issuer", help="只看发文机关包含此词的文件")
@click.option("--year-from", type=Number(), help="只看此年及以后的文件")
@click.option("--year-to", type=Number(), help="只看此年及以前的文件")
@click.option("--level", help="只看此层级的文件：省 市 县 区 …")
@click.option("--unit", help="只看此单位的任务（简称可匹配）及其所在段落")
@click.option("--kind", type=Choice(vocab.ENTRY_KINDS), help="只看段落（passage）或只看任务（task）")
@click.option("--doc-kind", type=Choice(vocab.DOCUMENT_KINDS), help="只看通知（notice）或只看法规（regulation）")
@click.option("--json", "as_json", is_flag=True, help="JSON：每条结果含 doc_file、doc_title、section、text、score、kind")
@click.pass_context
def search(ctx: click.Context, query: str | None, batch, as_json: bool, **options) -> None:
    """检索段落和任务。

    按关键词和语义检索，中文或英文都可以。--mode：hybrid 混合、keyword 关键词、vector 语义。

    \b
    示例：kb search 外包工程安全管理 --k 5
          kb search "fire safety inspection" --mode vector --kind task
          kb search --batch queries.txt --json --k 20
    """
    if (query is None) == (batch is None):
        raise click.UsageError("请给出检索词 QUERY 或 --batch 文件（二者选一）")
    _refuse_empty(ctx, query, "检索词是空的：请写出要找的内容，例如 kb search 外包工程安全管理 (empty query)")
    kb = _kb_with_documents(ctx)
    if batch is not None:
        _each_line(kb, batch, lambda line: [_hit_json(hit) for hit in kb.search(line, **options)])
        return
    hits = kb.search(query, **options)
    _say_lag(kb)
    if as_json:
        echo_json([_hit_json(hit) for hit in hits])
        return
    for rank, hit in enumerate(hits, 1):
        click.echo(_hit_line(rank, hit))
    click.echo(f"共 {len(hits)} 条结果", err=True)


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
    lines.append(f"（类型 {answer.kind}，置信度 {answer.confidence:.2f}）")
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


@click.command()
@click.argument("question", required=False)
@click.option("--batch", type=click.File(encoding="utf-8"),
              help="每行一个问题的文件（- 为标准输入）；每行输出一个 JSON 对象")
@click.option("--json", "as_json", is_flag=True,
              help="JSON：answer、units、kind、confidence、citations [{doc_file, doc_title, section, text}]")
@click.pass_context
def ask(ctx: click.Context, question: str | None, batch, as_json: bool) -> None:
    """回答问题并给出原文出处。

    谁牵头、谁配合、何时完成、目标是什么；中文或英文提问。

    \b
    示例：kb ask 消防整治谁牵头？
          kb ask "Which department leads fire safety rectification?" --json
          kb ask --batch questions.txt --json
    """
    if (question is None) == (batch is None):
        raise click.UsageError("请给出问题 QUESTION 或 --batch 文件（二者选一）")
    _refuse_empty(ctx, question, "问题是空的：请写出要问的内容，例如 kb ask 消防整治谁牵头？ (empty question)")
    kb = _kb_with_documents(ctx)
    if batch is not None:
        _each_line(kb, batch, lambda line: _answer_json(kb.ask(line)))
        return
    answer = kb.ask(question)
    _say_lag(kb)
    if as_json:
        echo_json(_answer_json(answer))
        return
    for line in _answer_lines(answer):
        click.echo(line)
