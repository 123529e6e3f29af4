"""`kcbridge orgs import|export FILE` (CSV or JSON)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress

from kcbridge.directory import importexport as io_
from kcbridge.kit import migrate
from kcbridge.kit.audit import Actor
from kcbridge.kit.db import unit_of_work

app = typer.Typer(help="Organisations of the directory.", no_args_is_help=True)
console = Console(stderr=True)


@app.command("import")
def import_(file: Path = typer.Argument(..., exists=True, dir_okay=False, readable=True)) -> None:
    """Import organisations from FILE (.csv or .json). All or nothing: any bad line stops the import."""
    migrate.upgrade()
    try:
        records = io_.parse(file, file.read_bytes())
        with unit_of_work() as db, Progress(console=console) as progress:
            task = progress.add_task("importing", total=len(records))
            created, updated = io_.import_records(
                db,
                records,
                actor=Actor.system(f"cli import {file.name}"),
                progress=lambda n: progress.advance(task, n),
            )
            progress.update(task, completed=len(records))
    except io_.ImportFailed as exc:
        console.print(
            f"[red]Nothing was imported: {len(exc.problems)} problem(s) in {escape(str(file))}[/red]"
        )
        for p in exc.problems:  # problems quote the file's values, which may look like markup
            console.print(f"  {p}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    console.print(f"[green]{created} created, {updated} updated[/green]")


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
        io_.to_json(rows) if file.suffix.lower() == ".json" else io_.to_csv(rows), encoding="utf-8"
    )
    console.print(f"[green]{len(rows)} organisations written to {file}[/green]")
