"""`kcbridge cases stats` prints the same suppressed statistics as the API; `kcbridge cases sla` flags."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kcbridge.cases.cli import app

runner = CliRunner()


def test_stats_as_json_withhold_small_counts(world, make_case):
    for _i in range(5):
        make_case(world.users["owner"], world.firm, category="payments")
    result = runner.invoke(app, ["stats", "--by", "category", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["by"] == "category" and out["total"] == 7
    cells = {c["value"]: c["count"] for c in out["cells"]}
    assert cells["payments"] == 5 and cells["ip"] is None and cells["regulation"] is None


def test_stats_as_a_table_in_korean(world):
    result = runner.invoke(app, ["stats", "--by", "status", "--lang", "ko"])
    assert result.exit_code == 0, result.output
    assert "접수" in result.stdout and "—" in result.stdout


def test_a_narrower_or_unknown_query_exits_with_the_reason(world):
    result = runner.invoke(app, ["stats", "--by", "category", "--country", "KR", "--year", "2026"])
    assert result.exit_code == 2 and "one at a time" in result.output
    assert runner.invoke(app, ["stats", "--by", "firm"]).exit_code == 2


def test_sla_flags_breaches_now(world):
    result = runner.invoke(app, ["sla"])
    assert result.exit_code == 0 and "0 breaches flagged" in result.stdout
