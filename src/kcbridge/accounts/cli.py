"""`kcbridge users …`."""

from __future__ import annotations

import typer
from rich.console import Console

from kcbridge import migrate
from kcbridge.accounts.models import Role
from kcbridge.accounts.service import account_service
from kcbridge.db import unit_of_work
from kcbridge.errors import DomainError

app = typer.Typer(help="User accounts.", no_args_is_help=True)
console = Console(stderr=True)


@app.command("create-admin")
def create_admin(
    email: str = typer.Option(..., prompt=True),
    password: str = typer.Option(..., prompt=True, hide_input=True, confirmation_prompt=True),
    name: str = typer.Option("Administrator"),
) -> None:
    """Create a platform administrator."""
    migrate.upgrade()
    try:
        with unit_of_work() as db:
            user = account_service.register(
                db, email=email, password=password, display_name=name, role=Role.ADMIN
            )
            console.print(f"[green]administrator {user.email} created[/green]")
    except DomainError as exc:
        console.print(f"[red]{exc.message}[/red]")
        raise typer.Exit(2) from None
