"""The `kcbridge` command: one Typer sub-app per domain."""

from __future__ import annotations

import typer

from kcbridge.accounts.cli import app as users_app
from kcbridge.app import backup
from kcbridge.app import models as _models  # noqa: F401  (every table, and matchmaking's hooks)
from kcbridge.app import tasks as _tasks  # noqa: F401  (every periodic job)
from kcbridge.app.serve import db_app, demo_app, serve, worker
from kcbridge.app.web import assemble
from kcbridge.cases.cli import app as cases_app
from kcbridge.directory.cli import app as orgs_app
from kcbridge.events.cli import app as schedule_app
from kcbridge.kit import jobs, migrate, periodic
from kcbridge.matchmaking.cli import app as match_app
from kcbridge.news.cli import app as news_app

jobs_app = typer.Typer(help="Periodic jobs (digest, expiry, saved-search alerts).", no_args_is_help=True)


@jobs_app.command("tick")
def jobs_tick() -> None:
    """Run every periodic job whose current slot no process has run yet (once)."""
    migrate.upgrade()
    jobs.run_inline = True
    ran = periodic.tick()
    for name, ok in ran.items():
        typer.echo(f"{name}: {'done' if ok else 'FAILED (see the log)'}")
    if not ran:
        typer.echo("nothing is due")
    if not all(ran.values()):
        raise typer.Exit(1)


@jobs_app.command("run")
def jobs_run(name: str = typer.Argument(..., help="e.g. matchmaking.daily_digest")) -> None:
    """Run one periodic job now, outside its schedule."""
    known = periodic.load()
    if name not in known:
        typer.echo(f"unknown periodic job {name!r}; known: {', '.join(known)}", err=True)
        raise typer.Exit(2)
    migrate.upgrade()
    jobs.run_inline = True
    ok = periodic.run_now(name)
    typer.echo(f"{name}: {'done' if ok else 'FAILED (see the log)'}")
    if not ok:
        raise typer.Exit(1)


@jobs_app.command("list")
def jobs_list() -> None:
    """Every periodic job, its period and its last run."""
    migrate.upgrade()
    last = periodic.last_runs()
    for name, entry in periodic.load().items():
        run = last.get(name)
        when = f"{run.status} {run.slot} {run.started_at:%Y-%m-%d %H:%M} UTC" if run else "never ran"
        typer.echo(f"{name}\t{entry.every.describe()}\t{when}")


app = typer.Typer(help="kcbridge — Korea–China innovation cooperation platform.", no_args_is_help=True)
app.command("serve")(serve)
app.command("backup")(backup.backup)
app.command("restore")(backup.restore)
app.command("worker")(worker)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(users_app, name="users")
app.add_typer(orgs_app, name="orgs")
app.add_typer(jobs_app, name="jobs")

app.add_typer(match_app, name="match")
app.add_typer(schedule_app, name="schedule")
app.add_typer(news_app, name="news")
app.add_typer(cases_app, name="cases")


@app.callback()
def _assemble() -> None:
    """Templates and cross-domain wiring, as in the web app (PDFs and mails render pages too)."""
    assemble()


if __name__ == "__main__":
    app()
