"""Deadline text -> "YYYY-MM" or "YYYY": every form of ``ingest.deadline_rules``, a year-less
one completed with the document's year (and flagged), relative ones from the issue date."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from ingest.deadline_rules import DEADLINE_FORMS, ONGOING_FORMS
from ingest.patterns import cn_to_int


@dataclass(frozen=True)
class DateContext:
    issued: str = ""  # the document's issue date, YYYY-MM-DD or ""
    year: int | None = None  # the year a year-less deadline belongs to


@dataclass(frozen=True)
class Deadline:
    raw: str  # as written
    norm: str  # YYYY-MM | YYYY | ""
    kind: str  # explicit | loose | recurring | ongoing
    start: int
    inferred: bool = False  # the year came from the document, not from the words


@dataclass(frozen=True)
class Chosen:
    raw: str = ""
    norm: str = ""
    inferred: bool = False


NONE = Chosen()


def _key(norm: str) -> tuple[int, int]:
    """Sort key: a bare year counts as its last month."""
    year, _, month = norm.partition("-")
    return int(year), int(month or 12)


def latest(norms: list[str]) -> str:
    norms = [n for n in norms if n]
    return max(norms, key=_key) if norms else ""


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def relative_to(issued: str, amount: int, unit: str) -> str:
    """"10", "日" after 2021-04-07 -> "2021-04"; "" when the issue date is unknown."""
    try:
        day = dt.date.fromisoformat(issued)
    except ValueError:
        return ""
    if unit in ("日", "天", "个工作日"):
        day += dt.timedelta(days=amount if unit != "个工作日" else amount * 7 // 5)
    elif unit == "周":
        day += dt.timedelta(weeks=amount)
    else:
        day = _add_months(day, amount)
    return f"{day.year:04d}-{day.month:02d}"


def _ym(year: int | str | None, month: int | str | None) -> str:
    if year is None:
        return ""
    if isinstance(month, str) and not month.isdigit():
        month = cn_to_int(month)  # 三月, 十二月
    return f"{int(year):04d}-{int(month):02d}" if month else f"{int(year):04d}"


def _month_of_issue(issued: str, later: bool) -> str:
    """The issue date's month, or the one after it: "" without an issue date."""
    try:
        day = dt.date.fromisoformat(issued)
    except ValueError:
        return ""
    month = _add_months(day.replace(day=1), 1) if later else day
    return f"{month.year:04d}-{month.month:02d}"


def _normalise(name: str, m: re.Match, ctx: DateContext) -> tuple[str, bool]:
    """(normalised, year inferred) for one match of the form ``name``."""
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g["y"]) if "y" in g else None
    inferred = year is None and ctx.year is not None
    fallback_year = year if year is not None else ctx.year
    if name in ("year_month_before", "done_in_year_month"):
        return _ym(year, g.get("m") or (12 if "ye" in g else None)), False
    if name == "within_year":
        return _ym(year, 12), False
    if name in ("numeric_date", "numeric_date_before"):
        return _ym(year, g["m"]), False
    if name == "year_alone":
        return _ym(year, 12 if m.group().rstrip().endswith(("底", "末")) else None), False
    if name == "year_end_alone":
        return _ym(ctx.year, 12), ctx.year is not None
    if name == "named_month_before":
        return _month_of_issue(ctx.issued, g["rel"] in ("下月", "次月")), False
    if name == "month_part_scheduled" and "rel" not in g:
        return _ym(fallback_year, g["m"]), inferred
    if name in ("named_year_month_before", "month_part_scheduled", "named_year_range_end"):
        later = g["rel"] in ("次年", "明年", "翌年")
        return _ym(ctx.year + later if ctx.year else None, g["m"]), ctx.year is not None
    if name == "due_on":
        return _ym(year, g["m"]), False
    if name == "range_end":
        return _ym(g.get("y2", year + (int(g["m"]) < int(g["m1"]))), g["m"]), False
    if name == "run_for_years":
        start = dt.date(year, int(g["m"]), int(g.get("d", 1)))
        end = start.replace(year=start.year + cn_to_int(g["n"])) - dt.timedelta(days=1)
        return _ym(end.year, end.month), False
    if name == "after_issue":
        return relative_to(ctx.issued, cn_to_int(g["n"]), g["unit"]), False
    if name == "within_years":
        return (str(fallback_year + cn_to_int(g["n"]) - 1) if fallback_year else ""), inferred
    if name == "every_year_before":
        if year is not None:
            return _ym(year, g["m"]), False
        return _first_yearly(int(g["m"]), int(g.get("d", 28)), ctx)
    if name in ("month_range_end", "month_span_end"):
        past_year_end = "m" in g and int(g["m"]) < int(g["m1"])
        return _ym(fallback_year + past_year_end if fallback_year else None, g.get("m", g["m1"])), inferred
    if name == "every_month_before":
        return "", False  # kept as written: a monthly due date has no one date (the annotators' reading)
    if name == "bracketed_month" and year is not None:
        return _ym(year, g["m"]), False
    if name in ("month_before", "done_in_month", "due_on_month", "bracketed_month", "cn_month_before", "month_of", "date_alone", "from_now_until", "lasting_until",
                "until_month_part"):
        return _ym(fallback_year, g["m"]), inferred
    if name == "half_year":
        return _ym(fallback_year, 6 if g["h"] == "上半年" else 12), inferred
    if name in ("quarter", "quarter_before"):
        q = cn_to_int(g["q"]) if not g["q"].isdigit() else int(g["q"])
        return _ym(fallback_year, 3 * q), inferred
    if name == "year_end":
        return _ym(ctx.year, 12), ctx.year is not None
    if name in ("strive_for", "until"):
        return _ym(year, g.get("m") or (12 if "ye" in g else None)), False
    if name in ("year_span", "year_clause"):
        return _ym(year, None), False
    return "", False  # ongoing


def _first_yearly(month: int, day: int, ctx: DateContext) -> tuple[str, bool]:
    """每年M月底前 with no start year: its first occurrence after the issue date."""
    try:
        issued = dt.date.fromisoformat(ctx.issued)
    except ValueError:
        return _ym(ctx.year, month), ctx.year is not None
    year = issued.year if (month, day) >= (issued.month, issued.day) else issued.year + 1
    return _ym(year, month), True


# A day's weekday in brackets, read past by every form: 于4月20日（星期五）前上报.
WEEKDAY = re.compile(r"\s*[（(](?:星期|周|礼拜)[一二三四五六日天][）)]")


# 5月30日一6月4日: a range typed (or read by OCR) with 一 for its dash.
DAY_THEN_ONE = re.compile(r"(?<=日)一(?=\s*\d{1,2}\s*[月日])")


def find_deadlines(text: str, ctx: DateContext = DateContext(), expected: bool = False) -> list[Deadline]:
    """Every deadline in ``text``, in order. ``expected``: the text is a deadline field (a label's
    value, a table cell), where "长期坚持" and the like count too."""
    weekdays = [m.span() for m in WEEKDAY.finditer(text)]
    if weekdays:
        found = find_deadlines(WEEKDAY.sub("", text), ctx, expected)
        return [replace(d, start=_before_cuts(d.start, weekdays)) for d in found]
    text = DAY_THEN_ONE.sub("—", text)  # same length: every start stays where it was written
    matches = []
    for name, kind, pattern in DEADLINE_FORMS:
        if name in ONGOING_FORMS and not expected:
            continue
        for m in pattern.finditer(text.strip() if name in ONGOING_FORMS else text):
            if m.group().strip():
                matches.append((m.start(), -(m.end() - m.start()), name, kind, m))
    taken: list[tuple[int, int]] = []
    found = []
    for start, negative_length, name, kind, m in sorted(matches, key=lambda x: (x[0], x[1])):
        end = start - negative_length
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        norm, inferred = _normalise(name, m, ctx)
        found.append(Deadline(m.group().strip(" ，,"), norm, kind, start, inferred and bool(norm)))
    return found


def _before_cuts(position: int, cuts: list[tuple[int, int]]) -> int:
    """A position in a text with ``cuts`` taken out -> the same position in the text as written."""
    for start, end in cuts:
        if start > position:
            break
        position += end - start
    return position


def choose(found: list[Deadline]) -> Chosen:
    """The deadline of a task from all it states: the latest explicit one; else the latest loose
    one; else the first due date of a recurring one; else an ongoing one as written."""
    for kinds, pick in ((("explicit",), "latest"), (("loose",), "latest"), (("recurring",), "first"),
                        (("ongoing",), "first")):
        chosen = [d for d in found if d.kind in kinds]
        if not chosen:
            continue
        dated = [d for d in chosen if d.norm]
        if pick == "latest" and dated:
            best = max(dated, key=lambda d: _key(d.norm))
        else:
            best = min(dated, key=lambda d: _key(d.norm)) if dated else chosen[0]
        raws = list(dict.fromkeys(d.raw for d in found if d.kind != "recurring" or kinds == ("recurring",)))
        return Chosen("；".join(raws), best.norm, best.inferred)
    return NONE


def normalize_deadline(text: str, issued: str = "", year: int | None = None) -> str:
    """A deadline field as written (possibly several, e.g. staged) -> YYYY-MM / YYYY."""
    return deadline_field(text, DateContext(issued, year)).norm


def deadline_field(text: str, ctx: DateContext) -> Chosen:
    """A label's value or a table cell read as a deadline: its forms, or else the plain dates it
    names ("2021年12月" in a 完成时限 column)."""
    chosen = choose(find_deadlines(text, ctx, expected=True))
    if chosen.norm or not text.strip():
        return Chosen(text.strip(), chosen.norm, chosen.inferred)
    plain = [f"{y}-{int(mo):02d}" for y, mo in re.findall(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月", text)]
    plain = plain or re.findall(r"((?:19|20)\d{2})\s*年", text)
    return Chosen(text.strip(), latest(plain), False)


CN_YEAR_DIGITS = str.maketrans("〇○O零一二三四五六七八九", "000012345678" + "9")
CN_DATE = re.compile(r"([〇○O零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日")


def parse_date(text: str) -> str:
    """"2021年4月7日" or "二〇二一年四月七日" -> "2021-04-07" ("" when no full date is there)."""
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None and (c := CN_DATE.search(text)):
        parts = (c.group(1).translate(CN_YEAR_DIGITS), cn_to_int(c.group(2)), cn_to_int(c.group(3)))
    if parts is None:
        return ""
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return ""
