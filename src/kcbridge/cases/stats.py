"""Statistics of cases for officers and analysts: counts by one dimension, narrowed by at most one coarse
filter (country or year), with times to first reply and to resolution and SLA compliance. Counts pass
through suppression.py; no case text and no firm's name is ever read here."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from kcbridge.cases import suppression, vocab
from kcbridge.cases.models import Case
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import _

DIMENSIONS = ("category", "sector", "region", "status", "month")
FILTERS = ("country", "year")
NESTED = {"region": "country", "month": "year"}
MIN_MEASURED = suppression.THRESHOLD  # a median or a share needs at least this many cases behind it


@dataclass(frozen=True)
class Cell:
    value: str
    label: str
    count: int | None
    first_reply_days: float | None = None
    resolution_days: float | None = None
    first_reply_sla_pct: int | None = None
    resolution_sla_pct: int | None = None


@dataclass(frozen=True)
class Stats:
    by: str
    filters: dict[str, str]
    total: int | None
    cells: list[Cell]
    summary: Cell


def _month(db: Session) -> Any:
    """The UTC month of submission as "YYYY-MM" (SQLite stores UTC times as ISO text: its first seven
    characters, far cheaper than strftime over every row)."""
    if db.get_bind().dialect.name == "sqlite":
        return func.substr(Case.submitted_at, 1, 7)
    return func.to_char(func.timezone("UTC", Case.submitted_at), "YYYY-MM")


def _months(first: datetime | None, now: datetime) -> list[str]:
    y, m = (first.year, first.month) if first else (now.year, now.month)
    out = []
    while (y, m) <= (now.year, now.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _values(by: str, months: list[str]) -> list[str]:
    return {
        "category": [t.code for t in vocab.CATEGORIES],
        "sector": [t.code for t in tx.SECTORS],
        "region": [t.code for t in vocab.REGIONS],
        "status": [t.code for t in vocab.STATUSES],
        "month": months,
    }[by]


def _parent(by: str, value: str) -> str:
    return vocab.country_of(value) if by == "region" else value[:4]


def years(db: Session, now: datetime | None = None) -> list[str]:
    """The calendar years statistics cover (the year filter's values), latest first."""
    first = db.scalar(select(func.min(Case.submitted_at)))
    return sorted({m[:4] for m in _months(first, now or utcnow())}, reverse=True)


def check_query(by: str, country: str | None, year: int | None, narrower: dict[str, Any]) -> None:
    """Refuses what is not a statistic: an unknown dimension, two filters, or a finer filter."""
    if by not in DIMENSIONS:
        msg = _("Statistics are counted by category, sector, region, status or month.")
        raise Invalid(msg, fields=[(("query", "by"), msg)])
    finer = [k for k, v in narrower.items() if v not in (None, "")]
    if finer or (country and year):
        msg = _(
            "Statistics can be narrowed by country or by year, one at a time: narrower filters could "
            "reveal a count below 5."
        )
        raise Invalid(msg, fields=[(("query", (finer or ["year"])[0]), msg)])
    if country and country not in vocab.COUNTRY_CODES:
        msg = _("Unknown {what}: {value}").format(what=_("country"), value=country)
        raise Invalid(msg, fields=[(("query", "country"), msg)])


def _share(met: int, n: int) -> int | None:
    return round(100 * met / n) if n >= MIN_MEASURED else None


def _median_days(values: list[int]) -> float | None:
    return round(statistics.median(values) / 86400, 1) if len(values) >= MIN_MEASURED else None


class Measures:
    """Times and SLA shares of a set of cases, published only with enough cases behind them."""

    def __init__(self) -> None:
        self.first: list[int] = []
        self.resolution: list[int] = []
        self.first_met = self.first_n = self.res_met = self.res_n = 0

    def merge(self, other: Measures) -> None:
        self.first += other.first
        self.resolution += other.resolution
        self.first_met, self.first_n = self.first_met + other.first_met, self.first_n + other.first_n
        self.res_met, self.res_n = self.res_met + other.res_met, self.res_n + other.res_n

    def cell(self, value: str, label: str, count: int | None) -> Cell:
        if count is None:
            return Cell(value, label, None)
        return Cell(
            value,
            label,
            count,
            _median_days(self.first),
            _median_days(self.resolution),
            _share(self.first_met, self.first_n),
            _share(self.res_met, self.res_n),
        )


def _flag(condition: Any) -> Any:
    return func.sum(case((condition, 1), else_=0))


def case_stats(
    db: Session,
    *,
    by: str,
    country: str | None = None,
    year: int | None = None,
    lang: str = "en",
    now: datetime | None = None,
) -> Stats:
    """Published counts of cases by `by`, for one country or one year or everything, with times and SLA
    shares. One GROUP BY gives counts and SLA sums per (value, country, year); the medians read two
    integer columns of the chosen cases; no case text and no firm is read."""
    check_query(by, country, year, {})
    now = now or utcnow()
    month = _month(db)
    year_of = func.substr(month, 1, 4)
    first = db.scalar(select(func.min(Case.submitted_at)))
    months = _months(first, now)
    years = sorted({m[:4] for m in months})
    dim = month if by == "month" else getattr(Case, by)
    first_late = Case.first_reply_breached_at.is_not(None)
    res_late = Case.resolution_breached_at.is_not(None)
    grouped = db.execute(
        select(
            dim,
            Case.country,
            year_of,
            func.count(),
            _flag(or_(Case.first_reply_at.is_not(None), first_late)),
            _flag(first_late),
            _flag(or_(Case.closed_at.is_not(None), res_late)),
            _flag(res_late),
        ).group_by(dim, Case.country, year_of)
    ).all()
    rows = _values(by, months)
    chosen = ("country", country) if country else ("year", str(year)) if year else None
    counts = {(value, c, y): n for value, c, y, n, *_sla in grouped}
    filters = {"country": [t.code for t in vocab.CASE_COUNTRIES], "year": years}
    nested = (NESTED[by], lambda r: _parent(by, r)) if by in NESTED else None
    published = suppression.answer(rows, counts, filters, chosen, nested)
    measures: dict[str, Measures] = defaultdict(Measures)
    for value, c, y, _n, first_n, first_missed, res_n, res_missed in grouped:
        if chosen is None or chosen[1] == (c if chosen[0] == "country" else y):
            m = measures[value]
            m.first_n, m.first_met = m.first_n + first_n, m.first_met + first_n - first_missed
            m.res_n, m.res_met = m.res_n + res_n, m.res_met + res_n - res_missed
    where = (
        []
        if chosen is None
        else [Case.country == chosen[1] if chosen[0] == "country" else year_of == chosen[1]]
    )
    times = select(dim, Case.first_reply_seconds, Case.resolution_seconds).where(
        or_(Case.first_reply_seconds.is_not(None), Case.resolution_seconds.is_not(None)), *where
    )
    for value, first_s, res_s in db.connection().execute(times).all():  # plain rows, no ORM processing
        m = measures[value]
        if first_s is not None:
            m.first.append(first_s)
        if res_s is not None:
            m.resolution.append(res_s)
    empty = Measures()
    cells = [
        measures.get(str(r), empty).cell(str(r), _label(by, str(r), lang), n)
        for r, n in published.cells.items()
    ]
    overall = Measures()
    for m in measures.values():
        overall.merge(m)
    applied = {chosen[0]: chosen[1]} if chosen else {}
    return Stats(by, applied, published.total, cells, overall.cell("", "", published.total))


def _label(by: str, value: str, lang: str) -> str:
    if by == "sector":
        return tx.label(value, lang)
    if by == "month":
        return value
    return vocab.label(value, lang)
