"""`kcbridge cases stats --by category [--country KR | --year 2026] [--json]`: the same suppressed
statistics as the API (no case text, no firm's name), and `kcbridge cases sla` to flag breaches now."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from kcbridge.cases import stats as case_stats
from kcbridge.cases.tasks import flag_breaches
from kcbridge.kit import i18n, migrate
from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.kit.errors import DomainError

app = typer.Typer(help="Cases of the voice of business: statistics and SLA checks.", no_args_is_help=True)
console = Console()


@app.command("stats")
def stats(
    by: str = typer.Option("category", help="category, sector, region, status or month"),
    country: str | None = typer.Option(None, help="KR or CN (one filter at most)"),
    year: int | None = typer.Option(None, help="a calendar year (one filter at most)"),
    as_json: bool = typer.Option(False, "--json", help="print the API's JSON"),
    lang: str = typer.Option("en", help="language of the labels: ko, zh or en"),
) -> None:
    """Counts of cases by one dimension; a count below 5, or one that would give it away, prints as —."""
    locale = i18n.normalize_locale(lang) or "en"
    i18n.set_locale(locale)
    migrate.upgrade()
    try:
        with unit_of_work(write=False) as db:
            found = case_stats.case_stats(
                db, by=by, country=country, year=year, lang=i18n.LANG_OF_LOCALE[locale]
            )
    except DomainError as exc:
        typer.echo(exc.message, err=True)
        raise typer.Exit(2) from None
    if as_json:
        out = {
            "by": found.by,
            "filters": found.filters,
            "total": found.total,
            "threshold": case_stats.suppression.THRESHOLD,
            "cells": [{"value": c.value, "count": c.count} for c in found.cells],
        }
        typer.echo(json.dumps(out, ensure_ascii=False))
        return
    table = Table(title=f"cases by {found.by}" + "".join(f", {k}={v}" for k, v in found.filters.items()))
    for column in (
        "value",
        "label",
        "count",
        "first reply (days)",
        "resolution (days)",
        "SLA first reply %",
        "SLA resolution %",
    ):
        table.add_column(column, justify="left" if column in ("value", "label") else "right")

    def show(v: object) -> str:
        return "—" if v is None else str(v)

    for c in found.cells:
        table.add_row(
            c.value,
            c.label,
            show(c.count),
            show(c.first_reply_days),
            show(c.resolution_days),
            show(c.first_reply_sla_pct),
            show(c.resolution_sla_pct),
        )
    table.add_row("total", "", show(found.total), "", "", "", "")
    console.print(table)


@app.command("sla")
def sla() -> None:
    """Flag (and mail) every SLA breach now, as the hourly job does."""
    migrate.upgrade()
    with unit_of_work() as db:
        n = flag_breaches(db, utcnow())
    typer.echo(f"{n} breaches flagged")
