"""Indicator series compared between Korea and China (R&D personnel, patents, IT exports): values
imported from CSV (all or nothing, each bad line named) or accepted from a figure an article gives."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.audit import audit_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Invalid, NotFound
from kcbridge.kit.i18n import _
from kcbridge.news import repository as repo
from kcbridge.news.models import NewsIndicatorValue
from kcbridge.news.schemas import AcceptStatisticIn, IndicatorPoint, IndicatorSeries
from kcbridge.news.service import actor_of, require_ingester, require_reader
from kcbridge.news.vocab import INDICATOR_CODES, INDICATORS, indicator_label

COLUMNS = ("indicator", "country", "year", "value")
MAX_CSV_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Row:
    indicator: str
    country: str
    year: int
    value: float
    unit: str
    source: str


def parse_csv(data: bytes) -> list[Row]:
    """Rows of an indicator CSV (indicator, country, year, value[, unit][, source]); any bad line makes
    the whole file Invalid, every problem named with its line and column."""
    if len(data) > MAX_CSV_BYTES:
        msg = _("The file is too large (at most 1 MB).")
        raise Invalid(msg, fields=[(("body", "file"), msg)])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        msg = _("The file is not UTF-8 text.")
        raise Invalid(msg, fields=[(("body", "file"), msg)]) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        msg = _("Missing columns: {columns}").format(columns=", ".join(missing))
        raise Invalid(msg, fields=[(("body", "file", "header"), msg)])
    rows: list[Row] = []
    problems: list[tuple[tuple[str | int, ...], str]] = []
    for n, raw in enumerate(reader, start=2):
        rec = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        line = n
        ind, country = rec.get("indicator", ""), rec.get("country", "").upper()
        if ind not in INDICATOR_CODES:
            problems.append(
                (("body", "file", line, "indicator"), _("Unknown indicator: {value}").format(value=ind))
            )
        if country not in tx.COUNTRY_CODES:
            problems.append(
                (("body", "file", line, "country"), _("Unknown country: {value}").format(value=country))
            )
        year = _int(rec.get("year", ""))
        if year is None or not 1900 <= year <= 2100:
            problems.append((("body", "file", line, "year"), _("Enter a year between 1900 and 2100.")))
        value = _float(rec.get("value", ""))
        if value is None:
            problems.append((("body", "file", line, "value"), _("Enter a number.")))
        if year is not None and value is not None and ind in INDICATOR_CODES and country in tx.COUNTRY_CODES:
            unit = rec.get("unit") or str(INDICATORS[ind]["unit"])
            rows.append(Row(ind, country, year, value, unit[:30], (rec.get("source") or "CSV")[:300]))
    if problems:
        raise Invalid(
            _("Nothing was imported: {n} problem(s) in the file.").format(n=len(problems)), fields=problems
        )
    if not rows:
        msg = _("The file has no values.")
        raise Invalid(msg, fields=[(("body", "file"), msg)])
    return rows


def _int(v: str) -> int | None:
    try:
        return int(v)
    except ValueError:
        return None


def _float(v: str) -> float | None:
    try:
        f = float(v.replace(",", ""))
    except ValueError:
        return None
    return f if f == f and abs(f) < 1e18 else None


class IndicatorService:
    def series(self, db: Session, *, user: User | None) -> list[IndicatorSeries]:
        """Every indicator with its values for each country and year."""
        require_reader(user)
        values = repo.indicator_values(db)
        return [
            IndicatorSeries(
                indicator=code,
                label=indicator_label(code),
                values=[
                    IndicatorPoint(
                        country=v.country, year=v.year, value=v.value, unit=v.unit, source=v.source
                    )
                    for v in values
                    if v.indicator == code
                ],
            )
            for code in INDICATORS
        ]

    def import_csv(self, db: Session, *, user: User | None, data: bytes, name: str = "") -> int:
        """Imports every row or none; a value already there for the same year is replaced."""
        who = require_ingester(user)
        rows = parse_csv(data)
        for r in rows:
            self._put(db, who, r.indicator, r.country, r.year, r.value, r.unit, r.source)
        audit_service.record(
            db,
            actor=actor_of(who),
            action="import",
            entity_type="news_indicator_value",
            entity_id=name[:60] or "csv",
            changes={"rows": [None, len(rows)]},
        )
        db.flush()
        return len(rows)

    def accept(
        self, db: Session, *, user: User | None, statistic_id: int, data: AcceptStatisticIn
    ) -> NewsIndicatorValue:
        """An article's figure becomes the indicator's value for that country and year."""
        who = require_ingester(user)
        stat = repo.statistic(db, statistic_id, who)
        if stat is None:
            raise NotFound(_("This figure does not exist."))
        if stat.accepted_value_id is not None:
            raise Conflict(_("This figure has already been accepted."))
        unit = stat.unit if stat.unit else str(INDICATORS[data.indicator]["unit"])
        row = self._put(
            db, who, data.indicator, data.country, data.year, stat.value, unit, f"article {stat.article_id}"
        )
        db.flush()
        stat.accepted_value_id = row.id
        db.flush()
        return row

    def _put(
        self,
        db: Session,
        who: User,
        indicator: str,
        country: str,
        year: int,
        value: float,
        unit: str,
        source: str,
    ) -> NewsIndicatorValue:
        row = repo.indicator_value(db, indicator, country, year)
        before = None if row is None else [row.value, row.source]
        if row is None:
            row = NewsIndicatorValue(indicator=indicator, country=country, year=year)
            db.add(row)
        row.value, row.unit, row.source, row.created_by, row.updated_at = (
            value,
            unit,
            source,
            who.id,
            utcnow(),
        )
        audit_service.record(
            db,
            actor=actor_of(who),
            action="update" if before else "create",
            entity_type="news_indicator_value",
            entity_id=f"{indicator}:{country}:{year}",
            changes={"value": [before, [value, source]]},
        )
        return row


indicator_service = IndicatorService()
