"""`kcbridge match search` (and `reindex`): the database's profiles and opportunities, from the shell."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kcbridge.kit import i18n
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.errors import DomainError
from kcbridge.matching import cli as engine_cli
from kcbridge.matchmaking import matches
from kcbridge.matchmaking.embedding import embed_missing

app = typer.Typer(
    help="Cross-lingual matching: search the platform, or rank and score a file.", no_args_is_help=True
)
app.registered_commands += engine_cli.app.registered_commands  # rank, score: the pure engine's commands
_err = Console(stderr=True)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="What you offer or seek, in Korean, Chinese or English.")],
    top: Annotated[int, typer.Option(min=1, max=100, help="How many results.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON document on stdout.")] = False,
    lang: Annotated[str, typer.Option(help="Language of labels and explanations: ko, zh or en.")] = "en",
    kind: Annotated[str, typer.Option(help="organisation, opportunity or all.")] = "all",
    target: Annotated[str, typer.Option(help="Only results from KR, CN, OTHER, or any.")] = "any",
) -> None:
    """Rank the database's organisation profiles and opportunities for TEXT, with reasons."""
    locale = i18n.normalize_locale(lang) or i18n.DEFAULT_LOCALE
    before = i18n.get_locale()
    i18n.set_locale(locale)
    try:
        _search(text, top, as_json, kind, target, i18n.LANG_OF_LOCALE[locale])
    finally:
        i18n.set_locale(before)


def _search(text: str, top: int, as_json: bool, kind: str, target: str, content_lang: str) -> None:
    if kind not in ("organisation", "opportunity", "all") or target not in ("KR", "CN", "OTHER", "any"):
        _err.print("[red]error:[/red] --kind is organisation|opportunity|all, --target is KR|CN|OTHER|any")
        raise typer.Exit(code=2)
    try:
        with unit_of_work(write=False) as db:
            hits = matches.for_text(
                db, text, lang=None, kinds=None if kind == "all" else [kind], top=top, target=target
            )
            rows = [matches.present(db, h, content_lang, None) for h in hits]
    except DomainError as exc:
        _err.print(f"[red]error:[/red] {exc.message}")
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps({"query": text, "results": rows}, ensure_ascii=False, indent=2))
        return
    table = Table(show_lines=False)
    for col in ("#", "score", "kind", "name", "country", "why"):
        table.add_column(col)
    for i, r in enumerate(rows, 1):
        table.add_row(
            str(i),
            f"{r['score']:.3f}",
            r["kind"],
            r["title"],
            r["country"] or "",
            r["explanation"]["summary"],
        )
    Console().print(table)


@app.command()
def reindex() -> None:
    """Compute vectors for every profile and opportunity that lacks them (after an import, say)."""
    with unit_of_work() as db:
        n = embed_missing(db)
    _err.print(f"{n} profiles and opportunities embedded")
