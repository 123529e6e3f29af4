"""The `kcbridge` command: one Typer sub-app per domain."""

from __future__ import annotations

import typer

from kcbridge.accounts.cli import app as users_app
from kcbridge.directory.cli import app as orgs_app
from kcbridge.web.cli import db_app, demo_app, serve, worker

app = typer.Typer(help="kcbridge — Korea–China innovation cooperation platform.", no_args_is_help=True)
app.command("serve")(serve)
app.command("worker")(worker)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
app.add_typer(users_app, name="users")
app.add_typer(orgs_app, name="orgs")

try:  # engines land in their own modules; the CLI shows them once they exist
    from kcbridge.matching.cli import app as match_app

    app.add_typer(match_app, name="match")
except ImportError:  # pragma: no cover
    pass
try:
    from kcbridge.events.cli import app as schedule_app

    app.add_typer(schedule_app, name="schedule")
except ImportError:  # pragma: no cover
    pass


if __name__ == "__main__":
    app()
