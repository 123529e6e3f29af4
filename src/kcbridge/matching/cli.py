"""`kcbridge match …`: rank an evaluation file and score rankings (the DB-backed `search` lives elsewhere)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kcbridge.matching.embedder import load_embedder
from kcbridge.matching.engine import MAX_TOP, Matcher
from kcbridge.matching.evaluate import metrics, rank_hybrid, read_eval_file, read_ranked

app = typer.Typer(help="Cross-lingual partner matching.", no_args_is_help=True)
_err = Console(stderr=True)

FileArg = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg="red", err=True)
    return typer.Exit(code=1)


@app.command()
def rank(
    file: FileArg,
    top: Annotated[int, typer.Option(min=1, max=MAX_TOP, help="Results per query.")] = 10,
    embedder: Annotated[str, typer.Option(help='"use" or a local sentence-transformers model dir.')] = "use",
) -> None:
    """Index the file's profiles and print one `{"query", "ranked"}` JSON line per query."""
    try:
        data = read_eval_file(file)
        ranked = rank_hybrid(Matcher(load_embedder(embedder)), data, top=top)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    for qid, _ in data.queries:
        typer.echo(json.dumps({"query": qid, "ranked": ranked[qid]}, ensure_ascii=False))


@app.command()
def score(file: FileArg, ranked_file: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
    """Recall@1, Recall@10 and MRR of a ranking against the file's `relevant` ids."""
    try:
        data = read_eval_file(file)
        ranked = read_ranked(ranked_file)
        result = metrics(ranked, data.relevant)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    missing = [qid for qid, rel in data.relevant.items() if rel and qid not in ranked]
    typer.echo(json.dumps(result))
    _err.print(
        f"Recall@1 {result['recall@1']:.3f}   Recall@10 {result['recall@10']:.3f}   "
        f"MRR {result['mrr']:.3f}   ({result['queries']} queries"
        + (f", {len(missing)} without a ranking)" if missing else ")")
    )
