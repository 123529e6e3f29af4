"""Loads the demo data set into an empty database, step by step, with a progress bar.

A step takes the session and returns a one-line summary. Each domain's demo is one line of STEPS (put new
ones before the vectors, which embed everything the steps made, one batch per kind). The embedder loads
and the vectors are computed in another process while the steps between write their rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.directory.models import Organisation

from . import agreements, cases, directory, events, news, opportunities, programmes, vectors

Step = Callable[[Session], str]
STEPS: list[tuple[str, Step]] = [
    ("embedder, loading in the background", vectors.warm),
    ("organisations, people and users", directory.load_demo),
    ("vectors of the organisations, computed in the background from here", vectors.start_organisations),
    ("opportunities", opportunities.load_demo),
    ("programmes", programmes.load_demo),
    ("vectors of the rest, computed in the background from here", vectors.start),
    ("events and their schedules", events.load_demo),
    ("agreements and commitments", agreements.load_demo),
    ("cases of the voice of business", cases.load_demo),
    ("news: articles, stories and indicators", news.load_demo),
    ("vectors of the organisations", vectors.organisations),
    ("vectors of the opportunities", vectors.opportunities),
    ("vectors of the programmes", vectors.programmes),
]


def load_demo(
    db: Session,
    *,
    force: bool = False,
    console: Console | None = None,
    steps: Sequence[tuple[str, Step]] | None = None,
) -> str:
    """Runs every step (or `steps`) unless the directory already has organisations (or `force`); returns the
    steps' summaries."""
    if not force and db.scalar(select(func.count()).select_from(Organisation)):
        return "demo data not loaded: the database already has organisations"
    steps = STEPS if steps is None else steps
    console = console or Console(stderr=True)
    summaries = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())  # fmt: skip
    try:
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("loading the demo", total=len(steps))
            for label, step in steps:
                progress.update(task, description=f"loading the demo: {label}")
                started = time.perf_counter()
                summaries.append(step(db))
                db.flush()
                vectors.drop_queued_embedding(db)
                progress.console.print(
                    f"[green]✓[/green] {label} [dim]({time.perf_counter() - started:.1f} s)[/dim]"
                )
                progress.advance(task)
    finally:
        ahead = db.info.pop(vectors.AHEAD, None)  # the background embedding belongs to this load only
        if isinstance(ahead, vectors.Ahead):
            ahead.close()
    return "; ".join(s for s in summaries if s)
