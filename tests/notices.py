"""Helpers of the extraction tests: a small notice written to a file and parsed, the owners of
a task by role, the one task holding some words, the owners of a notice's only task."""
from pathlib import Path

from ingest.pipeline import parse_file

HEADER = "青石县人民政府办公室\n关于印发青石县2024年安全生产工作要点的通知\n各乡镇人民政府，县直各单位：\n现将工作要点印发给你们，请认真贯彻落实。\n"


def parse(tmp_path: Path, body: str, header: str = HEADER, name: str = "notice.txt"):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return parse_file(path)


def owners(task) -> dict:
    return {role: units for role, units in
            (("lead", task.lead_units), ("co", task.co_units), ("responsible", task.responsible_units)) if units}


def task_with(parsed, words: str):
    found = [t for t in parsed.tasks if words in t.text]
    assert len(found) == 1, [t.text for t in parsed.tasks]
    return found[0]


def only_task_owners(tmp_path: Path, body: str) -> dict:
    """The owners of the one task a small notice gives."""
    [task] = parse(tmp_path, body).tasks
    return owners(task)
