"""`kcbridge users token`: an operator's token that the API accepts; an unknown e-mail is refused."""

from __future__ import annotations

from typer.testing import CliRunner

from kcbridge.accounts.cli import app


def test_token_prints_a_token_the_api_accepts(client, make_user):
    user = make_user(email="ops@test.example")
    result = CliRunner().invoke(app, ["token", "--email", "OPS@test.example", "--name", "nightly"])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["email"] == user.email
    tokens = client.get("/api/v1/me/tokens", headers={"Authorization": f"Bearer {token}"})
    assert tokens.status_code == 200 and [t["name"] for t in tokens.json()] == ["nightly"]


def test_token_for_an_unknown_email_is_a_clear_error(db_url):
    result = CliRunner().invoke(app, ["token", "--email", "nobody@test.example"])
    assert result.exit_code == 1
    assert "no user with the e-mail nobody@test.example" in result.output
