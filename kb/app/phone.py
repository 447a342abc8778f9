"""HTML that reads on a 390 px phone as well as at 1440 px (no Streamlit here, so it is tested
without a browser): a table that turns into a stack of cards below ``NARROW_PX``, the chapter
outline folded away on a phone, and task marks that show their owners when tapped.

Every cell, heading and label from a document is escaped (``html.escape``); CSS shows attribute
values only as text (``attr()``), so none of it can become markup.
"""
from __future__ import annotations

import html
from collections.abc import Sequence

# Below this width a table's rows become cards and the outline folds (Streamlit stacks its
# columns at 640 px; a phone held upright is 360-430 px).
NARROW_PX = 600

CARDS_CLASS = "kb-cards"
CARDS_STYLE = f"""<style>
.{CARDS_CLASS} {{width:100%;border-collapse:collapse;table-layout:auto;line-height:1.6}}
.{CARDS_CLASS} th, .{CARDS_CLASS} td {{text-align:left;vertical-align:top;padding:.45em .6em;
  border-bottom:1px solid rgba(49,51,63,.15);overflow-wrap:anywhere;min-width:4.5em}}
.{CARDS_CLASS} th {{white-space:nowrap;font-weight:600;background:rgba(49,51,63,.04)}}
@media (max-width:{NARROW_PX}px) {{
  .{CARDS_CLASS} thead {{display:none}}
  .{CARDS_CLASS}, .{CARDS_CLASS} tbody, .{CARDS_CLASS} tr, .{CARDS_CLASS} td {{display:block;width:100%;
    box-sizing:border-box}}
  .{CARDS_CLASS} tr {{border:1px solid rgba(49,51,63,.2);border-radius:.5rem;margin:0 0 .6rem;padding:.3rem .7rem}}
  .{CARDS_CLASS} td {{border:none;padding:.15rem 0;min-width:0}}
  .{CARDS_CLASS} td:empty {{display:none}}
  .{CARDS_CLASS} td::before {{content:attr(data-label) "：";color:rgba(49,51,63,.6);font-size:.85em}}
  .{CARDS_CLASS} td.kb-card-head {{font-weight:600}}
  .{CARDS_CLASS} td.kb-card-head::before {{content:none}}
}}
</style>"""


def cards_html(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table where it fits (cells wrap, so every column stays on screen), a card per row
    below ``NARROW_PX``: the first column as the card's heading, each other cell under its
    column's name. Empty cells leave no line on a card."""
    head = "".join(f"<th>{html.escape(header)}</th>" for header in headers)
    body = "".join("<tr>" + "".join(_cell(header, cell, n == 0) for n, (header, cell) in enumerate(zip(headers, row)))
                   + "</tr>" for row in rows)
    return f'{CARDS_STYLE}<table class="{CARDS_CLASS}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _cell(header: str, value: object, card_head: bool) -> str:
    kind = ' class="kb-card-head"' if card_head else ""
    return f'<td data-label="{html.escape(header)}"{kind}>{html.escape(str(value))}</td>'


OUTLINE_TOGGLE_ID = "kb-outline-toggle"
OUTLINE_HEIGHT_PX = 600
# A checkbox (hidden) and its label fold the outline on a phone, with no script: the list
# shows on a wide screen whatever the box says, on a narrow one only once the label is tapped.
OUTLINE_STYLE = f"""<style>
.kb-outline > input {{position:absolute;opacity:0;pointer-events:none}}
.kb-outline > label {{display:block;font-weight:600;margin-bottom:.4rem}}
.kb-outline-body {{max-height:{OUTLINE_HEIGHT_PX}px;overflow:auto}}
@media (max-width:{NARROW_PX}px) {{
  .kb-outline > label {{cursor:pointer;padding:.4rem .6rem;border:1px solid rgba(49,51,63,.2);border-radius:.5rem}}
  .kb-outline > label::after {{content:"（点击展开）";font-weight:400}}
  .kb-outline > input:checked + label::after {{content:"（点击收起）"}}
  .kb-outline > input:not(:checked) ~ .kb-outline-body {{display:none}}
  .kb-outline-body {{max-height:60vh}}
}}
</style>"""


def outline_html(outline: Sequence[tuple[int, str, str]]) -> str:
    """The heading tree (``view.section_anchors``), each heading a link to its place in the
    text; folded behind 章节 on a phone, where it would fill the first screen."""
    lines = [f'<div style="padding-left:{depth * 1.2}em"><a href="#{anchor}" target="_self">'
             f"{html.escape(heading)}</a></div>" for depth, heading, anchor in outline]
    return (f'{OUTLINE_STYLE}<div class="kb-outline"><input type="checkbox" id="{OUTLINE_TOGGLE_ID}">'
            f'<label for="{OUTLINE_TOGGLE_ID}">章节（点击跳转）</label>'
            f'<div class="kb-outline-body">{"".join(lines) or "<div>（没有章节标题）</div>"}</div></div>')


TASK_MARK_CLASS = "kb-task"
# A task mark is focusable (view.highlight_html gives it tabindex): a click or a tap focuses it
# and its owners show right after it; tapping elsewhere hides them. Hover keeps its tooltip.
TASK_MARK_STYLE = f"""<style>
.{TASK_MARK_CLASS} {{cursor:pointer}}
.{TASK_MARK_CLASS}:focus {{outline:2px solid #1a4fa0}}
.{TASK_MARK_CLASS}:focus::after {{content:"（" attr(data-owners) "）";background:#e8f0fe;color:#1a4fa0;
  font-size:.9em;padding:0 .2em}}
</style>"""
