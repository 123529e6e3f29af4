"""`kcbridge users …`."""

from __future__ import annotations

import typer
from rich.console import Console

from kcbridge.accounts import repository as repo
from kcbridge.accounts.models import Role
from kcbridge.accounts.service import account_service
from kcbridge.kit import migrate
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.errors import DomainError

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


@app.command("token")
def token(
    email: str = typer.Option(..., help="The user the token acts as."),
    name: str = typer.Option("cli", help="A name to recognise the token by on the account page."),
) -> None:
    """Print a new personal API token for a user (for scripts and operators)."""
    migrate.upgrade()
    with unit_of_work() as db:
        user = repo.user_by_email(db, email.strip().lower())
        if user is None:
            console.print(f"[red]no user with the e-mail {email}[/red]")
            raise typer.Exit(1)
        secret, _row = account_service.create_token(db, user, name=name)
    typer.echo(secret)
