"""`kcbridge news …`: `extract` prints what the engine reads (never writes to the database; it borrows the
directory's names as its gazetteer when a database is there), `ingest` stores articles with a progress bar."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import select

from kcbridge.kit import migrate
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import unit_of_work
from kcbridge.news import runner
from kcbridge.news.extract import Extractor
from kcbridge.news.gazetteer import directory_entries
from kcbridge.news.ingest import ingest
from kcbridge.news.models import NewsIngestJob, NewsSourceError

app = typer.Typer(
    help="News intelligence: ingest articles and extract entities and events.", no_args_is_help=True
)
log = logging.getLogger("kcbridge.news")


def extract_sources(
    paths: list[str], gazetteer: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Ingest `paths` and run the engine on every article; bad sources come back as errors."""
    result = ingest(paths)
    engine = Extractor(gazetteer)
    out = []
    for a in result.articles:
        r = engine.extract(
            a.body,
            title=a.title,
            published=a.published,
            language=a.language,
            outlet=a.outlet,
            author=a.author,
            captions=a.captions,
            source=a.source,
        )
        r["outlet"], r["author"], r["story"] = a.outlet, a.author, a.story
        out.append(r)
    errors = [{"source": e.source, "error": e.reason} for e in result.errors]
    errors += [{"source": d, "error": "exact duplicate: skipped"} for d in result.duplicates]
    return out, errors


def directory_gazetteer() -> list[dict[str, Any]] | None:
    """The directory's names (read only), when a database with a directory exists; else None.
    Never creates a database nor migrates one."""
    try:
        settings = get_settings()
        url = settings.resolved_database_url
        if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
            return None

        with unit_of_work(write=False) as db:
            return directory_entries(db) or None
    except Exception as exc:  # no database, no tables yet, a server down: the seed alone reads the text
        log.debug("no directory gazetteer: %s", exc)
        return None


@app.command("extract")
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, saved HTML pages, RSS/Atom feeds or URLs."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per article, one per line."),
) -> None:
    """Print the organisations, people, places, sectors, events and figures of each article."""
    results, errors = extract_sources(paths, directory_gazetteer())
    for r in results:
        if as_json:
            typer.echo(json.dumps(r, ensure_ascii=False))
        else:
            typer.echo(f"{r['source']}: {r['title']} ({r['language']}, {r['published']})")
            typer.echo(f"  organisations: {', '.join(o['name'] for o in r['organizations'])}")
            typer.echo(
                f"  people: {', '.join(p['name'] + (' (' + p['role'] + ')' if p['role'] else '') for p in r['people'])}"
            )
            typer.echo(f"  places: {', '.join(r['places'])}; sectors: {', '.join(r['sectors'])}")
            for e in r["events"]:
                typer.echo(
                    f"  event {e['type']} {e['date']} {e['place'] or ''}: {', '.join(e['participants'])}"
                )
    for e in errors:
        typer.echo(f"{e['source']}: {e['error']}", err=True)
    if errors and not results:
        raise typer.Exit(1)


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files, folders, saved HTML pages, RSS/Atom feeds or URLs."),
) -> None:
    """Read articles into the database: entities linked to the directory, stories, events, figures.
    Exact duplicates are skipped; every source that cannot be read is listed with its reason."""

    console = Console(stderr=True)
    migrate.upgrade()
    with unit_of_work() as db:
        job = NewsIngestJob(kind="cli", status="queued", sources=len(paths))
        db.add(job)
        db.flush()
        job_id = job.id
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        reading = progress.add_task("reading", total=None)
        storing = progress.add_task("storing", total=None, visible=False)

        def found(n: int) -> None:
            progress.update(reading, total=progress.tasks[reading].completed)
            progress.update(storing, total=n, visible=True)

        counts = runner.run_job(
            job_id,
            paths,
            on_read=lambda _source: progress.advance(reading),
            on_found=found,
            on_store=lambda n: progress.advance(storing, n),
        )
    with unit_of_work(write=False) as db:
        done = db.get(NewsIngestJob, job_id)
        duplicates = done.duplicates if done else counts.duplicates
        stmt = select(NewsSourceError).where(
            NewsSourceError.job_id == job_id, NewsSourceError.code != "duplicate"
        )
        for p in db.scalars(stmt.order_by(NewsSourceError.id)):
            console.print(f"[yellow]{escape(p.source)}[/yellow]: {escape(p.detail)}", highlight=False)
    console.print(
        f"[green]{counts.added} article(s) added[/green], {duplicates} exact duplicate(s) skipped, "
        f"{len(counts.errors)} source(s) not readable (job {job_id})"
    )
    if counts.errors and not counts.added:
        raise typer.Exit(1)
