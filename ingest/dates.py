"""Deadline text -> "YYYY-MM" or "YYYY"; relative deadlines from the issue date."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from ingest import patterns as P


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
    if unit in ("日", "天"):
        day += dt.timedelta(days=amount)
    elif unit == "周":
        day += dt.timedelta(weeks=amount)
    else:
        day = _add_months(day, amount)
    return f"{day.year:04d}-{day.month:02d}"


def _norm_before(m: re.Match) -> str:
    if m.group("m"):
        return f"{m.group('y')}-{int(m.group('m')):02d}"
    if m.group("ye") or m.group("me"):
        return f"{m.group('y')}-12"
    return m.group("y")


def _norm_until(m: re.Match) -> str:
    return f"{m.group('y')}-12" if m.group("ye") else m.group("y")


def find_explicit(text: str, issued: str = "") -> list[tuple[str, str]]:
    """(as written, normalised) for every "…前" / "…内" deadline in the text, in order."""
    found = [(m.start(), m.group().strip(), _norm_before(m)) for m in P.DEADLINE_BEFORE.finditer(text)]
    for m in P.DEADLINE_RELATIVE.finditer(text):
        amount = P.cn_to_int(m.group("n"))
        found.append((m.start(), m.group(), relative_to(issued, amount, m.group("unit"))))
    return [(raw, norm) for _, raw, norm in sorted(found)]


def find_loose(text: str) -> list[tuple[str, str]]:
    """Weaker deadlines: "到2026年", and a clause that opens with a bare year ("2024年，…")."""
    found = [(m.start(), m.group().strip(), _norm_until(m)) for m in P.DEADLINE_UNTIL.finditer(text)]
    found += [(m.start("y"), f"{m.group('y')}年", m.group("y")) for m in P.DEADLINE_YEAR_CLAUSE.finditer(text)]
    return [(raw, norm) for _, raw, norm in sorted(found)]


def normalize_deadline(text: str, issued: str = "") -> str:
    """A deadline as written (possibly several, e.g. staged) -> the latest as YYYY-MM / YYYY."""
    norms = [n for _, n in find_explicit(text, issued)] or [n for _, n in find_loose(text)]
    if not norms:
        norms = [f"{y}-{int(mo):02d}" for y, mo in re.findall(r"(20\d{2})\s*年\s*(\d{1,2})\s*月", text)]
        norms += re.findall(r"(20\d{2})\s*年", text) if not norms else []
    return latest(norms)


def parse_date(text: str) -> str:
    """"2021年4月7日" -> "2021-04-07" ("" when no full date is there)."""
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", text)
    if not m:
        return ""
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""
