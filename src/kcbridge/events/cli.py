"""``kcbridge schedule``: run the meeting scheduler on a JSON instance file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from . import scheduler
from .scheduler import Instance, Meeting, SchedulingInputError, Solution, parse_instance

app = typer.Typer(help="1:1 meeting scheduling.", no_args_is_help=True)

SHOWN = 40  # meetings listed in the readable summary; --json gives all


@app.callback()
def schedule() -> None:
    """1:1 meeting scheduling (pure engine, no database)."""


def _fail(lines: list[str]) -> typer.Exit:
    for line in lines:
        typer.echo(line, err=True)
    return typer.Exit(code=2)


def _read_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise _fail([f"error: {what} file not found: {path}"]) from e
    except (OSError, UnicodeDecodeError) as e:
        raise _fail([f"error: cannot read {what} file {path}: {e}"]) from e
    except json.JSONDecodeError as e:
        raise _fail([f"error: {what} file {path} is not valid JSON: {e}"]) from e


def _previous(data: Any) -> list[Meeting]:
    """Accept a former ``--json`` output (or just its list of meetings)."""
    rows = data.get("meetings", []) if isinstance(data, dict) else data
    if not isinstance(rows, list) or not all(
        isinstance(m, dict) and {"request", "slot", "table"} <= m.keys() for m in rows
    ):
        raise _fail(["error: previous schedule must be a list of {request, slot, table} meetings"])
    return [Meeting(str(m["request"]), str(m["slot"]), str(m["table"])) for m in rows]


@app.command("solve")
def solve_command(
    instance: Annotated[Path, typer.Argument(help="Instance JSON: slots, tables, participants, requests.")],
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds for the solver (more than 0, at most 3600).")
    ] = 30.0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the schedule as JSON.")] = False,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="Former schedule (JSON output): move as few as possible."),
    ] = None,
    seed: Annotated[int, typer.Option(help="CP-SAT random seed.")] = 0,
) -> None:
    """Schedule 1:1 meetings: maximise total weight, prove an upper bound, then spread fairly."""
    data = _read_json(instance, "instance")
    former = _previous(_read_json(previous, "previous schedule")) if previous else None
    try:
        inst = parse_instance(data)
        # scheduler.solve loads OR-Tools on first use: every other command of the CLI starts without it
        solution = scheduler.solve(inst, time_limit=time_limit, previous=former, seed=seed)
    except SchedulingInputError as e:
        raise _fail([f"error: cannot schedule {instance}:"] + [f"  {p}: {m}" for p, m in e.problems]) from e
    if as_json:
        typer.echo(json.dumps(solution.to_dict(), ensure_ascii=False))
    else:
        _summary(inst, solution)


def _summary(inst: Instance, sol: Solution) -> None:
    console = Console()
    ratio = sol.objective / sol.upper_bound if sol.upper_bound else 1.0
    stats = sol.stats
    console.print(
        f"[bold]{len(sol.meetings)} meetings[/], weight [bold]{sol.objective}[/] of proven bound {sol.upper_bound} "
        f"([bold]{ratio:.2%}[/], {sol.status.lower()}) in {sol.seconds:.1f}s"
    )
    console.print(
        f"per participant: min {stats.get('min_per_participant')}, median {stats.get('median_per_participant')}; "
        f"idle gaps {stats.get('idle_gaps')}; moved since previous {stats.get('moved')}"
    )
    requests = {r.id: r for r in inst.requests}
    table = Table("slot", "table", "request", "participants", "weight")
    for m in sol.meetings[:SHOWN]:
        r = requests[m.request]
        table.add_row(
            m.slot, m.table, m.request, f"{r.a} – {r.b}", f"{r.weight:g}" + (" 🔒" if r.locked else "")
        )
    console.print(table)
    if len(sol.meetings) > SHOWN:
        console.print(f"… {len(sol.meetings) - SHOWN} more meetings (use --json for all)")
