"""`kcbridge orgs import|export FILE` (CSV or JSON)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from sqlalchemy.exc import SQLAlchemyError

from kcbridge.directory import importexport as io_
from kcbridge.kit import migrate
from kcbridge.kit.audit import Actor
from kcbridge.kit.db import is_transient, unit_of_work
from kcbridge.kit.errors import DomainError

app = typer.Typer(help="Organisations of the directory.", no_args_is_help=True)
console = Console(stderr=True)


class _ProgressLines:
    """Progress as lines, for a log (cron, CI) where the bar cannot redraw: one at each tenth of the rows."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.shown = total, 0, 0

    def advance(self, n: int) -> None:
        self.done += n
        if self.done - self.shown >= max(1, self.total // 10) and self.done < self.total:
            self.shown = self.done
            console.print(f"importing: {self.done} of {self.total} rows (written at the end, all or nothing)")


@app.command("import")
def import_(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True)) -> None:
    """Import organisations from FILE (.csv or .json). All or nothing: any bad line stops the import.
    Rows without an id update the organisation of the same name and country, if there is exactly one."""
    migrate.upgrade()
    try:
        records = io_.parse_file(file)  # streamed, not read whole
        with unit_of_work() as db, Progress(console=console) as progress:
            task = progress.add_task("importing", total=len(records))
            logged = _ProgressLines(len(records)) if not console.is_terminal else None

            def advance(n: int) -> None:
                progress.advance(task, n)
                if logged:
                    logged.advance(n)

            result = io_.import_records(
                db, records, actor=Actor.system(f"cli import {file.name}"), progress=advance
            )
            progress.update(task, completed=len(records))
    except io_.ImportFailed as exc:
        console.print(
            f"[red]Nothing was imported: {len(exc.problems)} problem(s) in {escape(str(file))}[/red]"
        )
        for p in exc.problems:  # problems quote the file's values, which may look like markup
            console.print(f"  {p}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except (SQLAlchemyError, DomainError, OSError) as exc:  # rolled back: the report, not a traceback
        if is_transient(exc):
            why = "the database is busy (another process is writing) or restarting; run the import again"
        else:
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        console.print(f"[red]Nothing was imported from {escape(str(file))}:[/red]")
        console.print(f"  {why}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    matched = f" ({result.matched} matched by name and country)" if result.matched else ""
    console.print(f"[green]{result.created} created, {result.updated} updated{matched}[/green]")


@app.command("export")
def export(file: Path = typer.Argument(..., dir_okay=False)) -> None:
    """Export every organisation with its people to FILE (.csv or .json)."""
    if file.suffix.lower() not in (".csv", ".json"):
        console.print("[red]the file must end in .csv or .json[/red]")
        raise typer.Exit(2)
    migrate.upgrade()
    with unit_of_work(write=False) as db:
        rows = io_.export_rows(db)
    file.write_text(
        io_.to_json(rows) if file.suffix.lower() == ".json" else io_.to_csv(rows),
        encoding="utf-8",
        newline="",  # the CSV's own line ends, on every system
    )
    console.print(f"[green]{len(rows)} organisations written to {file}[/green]")
