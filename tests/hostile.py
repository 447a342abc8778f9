"""A notice whose title, units and task text carry Markdown, HTML and URLs, as a hostile or
careless author could write them: the app must show all of it as text."""
from pathlib import Path

HOST = "evil.example"
TITLE = f"关于**加粗**![图](http://{HOST}/t.png)开展检查的通知"
TASK = f"开展[点我](http://{HOST}/click)专项检查，访问 https://{HOST}/task 或 www.{HOST}"
LEAD = f"![图](http://{HOST}/unit.png)市应急局"
CO = f"<img src=http://{HOST}/u.png>市消防救援支队"
QUESTION = "专项检查谁牵头？"


def write_hostile_docx(path: Path) -> Path:
    """A Word notice with a 任务分工表 row: the title above it, the units in its cells."""
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("各有关单位：现将任务分工印发给你们，请认真落实。")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "重点任务", "牵头单位", "配合单位"]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", TASK, LEAD, CO]):
        cell.text = text
    document.save(path)
    return path
