"""`kcbridge serve`, `kcbridge db upgrade`, `kcbridge demo load`."""

from __future__ import annotations

import os
import threading

import typer
import uvicorn
from rich.console import Console

from kcbridge.app import tasks  # noqa: F401  (the jobs a worker runs)
from kcbridge.app.demo.load import load_demo
from kcbridge.kit import jobs, migrate
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.worker import run_worker

console = Console(stderr=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
demo_app = typer.Typer(help="Demo data.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade(revision: str = typer.Argument("heads")) -> None:
    """Apply the migrations up to REVISION (default: the newest)."""
    migrate.upgrade(revision=revision)
    console.print("[green]database is up to date[/green]")


@demo_app.command("load")
def demo_load(force: bool = typer.Option(False, help="Load even if the database has organisations.")) -> None:
    """Load the trilingual demo data set (only into an empty database unless --force)."""
    migrate.upgrade()
    jobs.run_inline = True
    with unit_of_work() as db:
        summary = load_demo(db, force=force, console=console)
    console.print(summary)


def worker() -> None:
    """Run background jobs from the PostgreSQL queue (start as many as you need)."""
    migrate.upgrade()
    if not jobs.uses_queue():
        console.print(
            "[yellow]the database is SQLite: jobs run inside `kcbridge serve`, no worker needed[/yellow]"
        )
        raise typer.Exit(0)
    console.print("kcbridge worker started")
    run_worker()


def serve(
    demo: bool = typer.Option(False, "--demo", help="Load the demo data set first if the database is empty."),
    host: str = typer.Option("127.0.0.1"),
    port: int = typer.Option(8000),
    workers: int = typer.Option(1, help="Web processes (state lives in the database)."),
    reload: bool = typer.Option(False, help="Restart on code changes (development)."),
    worker: bool = typer.Option(True, help="On PostgreSQL, also run a job worker in this process."),
    forwarded_allow_ips: str = typer.Option(
        "127.0.0.1",
        envvar="FORWARDED_ALLOW_IPS",
        help="Proxies whose X-Forwarded-Proto/-For are believed (comma-separated, or *); behind them "
        "HTTPS visitors get Secure cookies.",
    ),
    limit_body_mb: float | None = typer.Option(
        None, min=0.1, help="Largest request body in MB (default 10); larger ones are refused unread."
    ),
    limit_concurrency: int | None = typer.Option(
        None, min=1, help="Connections served at once per process; beyond it uvicorn answers 503."
    ),
) -> None:
    """Start the web platform (pages, API) at http://HOST:PORT."""
    if limit_body_mb is not None:  # read by every web process's settings (workers are new processes)
        os.environ["KCBRIDGE_MAX_BODY_BYTES"] = str(int(limit_body_mb * 1024 * 1024))
    migrate.upgrade()
    if worker and jobs.uses_queue():
        threading.Thread(target=run_worker, name="kcbridge-worker", daemon=True).start()
    if demo:
        with unit_of_work() as db:
            console.print(load_demo(db, force=False, console=console))
    console.print(f"kcbridge at [bold]http://{host}:{port}[/bold]  (API docs: http://{host}:{port}/api/docs)")
    uvicorn.run(
        "kcbridge.app.asgi:app",
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
        limit_concurrency=limit_concurrency,
        log_level="info",
    )
