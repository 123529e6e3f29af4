"""`kcbridge news …`: read articles and print what the engine extracts (no database)."""

from __future__ import annotations

import json
from typing import Any

import typer

app = typer.Typer(
    help="News intelligence: ingest articles and extract entities and events.", no_args_is_help=True
)


def extract_sources(
    paths: list[str], gazetteer: list[dict[str, Any]] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """Ingest `paths` and run the engine on every article; bad sources come back as errors."""
    from kcbridge.news.extract import Extractor
    from kcbridge.news.ingest import ingest

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


@app.command("extract")
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders, saved HTML pages, RSS/Atom feeds or URLs."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per article, one per line."),
) -> None:
    """Print the organisations, people, places, sectors, events and figures of each article."""
    results, errors = extract_sources(paths)
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
