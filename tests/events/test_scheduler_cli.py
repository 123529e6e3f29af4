"""`kcbridge schedule solve` through Typer's test runner."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kcbridge.events.cli import app
from kcbridge.events.scheduler import parse_instance, verify

runner = CliRunner()

INSTANCE = {
    "slots": ["s1", "s2"],
    "tables": [{"id": "t1", "owner": None}, {"id": "own-h", "owner": "h"}],
    "participants": [
        {"id": "h", "available": ["s1", "s2"], "max_meetings": 8},
        {"id": "p1"},
        {"id": "p2", "available": ["s2"]},
        {"id": "p3"},
    ],
    "requests": [
        {"id": "r1", "a": "h", "b": "p1", "weight": 3, "locked": None},
        {"id": "r2", "a": "h", "b": "p2", "weight": 2, "locked": None},
        {"id": "r3", "a": "p1", "b": "p3", "weight": 1, "locked": {"slot": "s2", "table": "t1"}},
    ],
}


def write(tmp_path, data, name="instance.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return str(path)


def test_json_output_is_a_verified_optimal_schedule(tmp_path):
    result = runner.invoke(app, ["solve", write(tmp_path, INSTANCE), "--json", "--time-limit", "3"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {"meetings", "objective", "upper_bound", "seconds"} <= out.keys()
    assert verify(parse_instance(INSTANCE), out) == []
    assert out["objective"] == out["upper_bound"] == 6
    at = {m["request"]: (m["slot"], m["table"]) for m in out["meetings"]}
    assert at == {"r1": ("s1", "own-h"), "r2": ("s2", "own-h"), "r3": ("s2", "t1")}


def test_readable_summary(tmp_path):
    result = runner.invoke(app, ["solve", write(tmp_path, INSTANCE), "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    assert "3 meetings" in result.stdout
    assert "bound 6" in result.stdout
    assert "r3" in result.stdout


def test_previous_schedule_is_kept(tmp_path):
    first = runner.invoke(app, ["solve", write(tmp_path, INSTANCE), "--json", "--time-limit", "2"])
    old = write(tmp_path, first.stdout, "old.json")
    data = dict(INSTANCE, requests=[r for r in INSTANCE["requests"] if r["id"] != "r1"])
    again = runner.invoke(app, ["solve", write(tmp_path, data, "new.json"), "--json", "--previous", old])
    assert again.exit_code == 0, again.output
    kept = {m["request"]: m for m in json.loads(first.stdout)["meetings"] if m["request"] != "r1"}
    assert {m["request"]: m for m in json.loads(again.stdout)["meetings"]} == kept


def _error(tmp_path, data):
    result = runner.invoke(app, ["solve", write(tmp_path, data), "--json"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr


def test_unknown_ids_exit_2_naming_them(tmp_path):
    data = json.loads(json.dumps(INSTANCE))
    data["requests"][1]["b"] = "p9"
    data["participants"][2]["available"] = ["s2", "s7"]
    err = _error(tmp_path, data)
    assert "requests[1].b" in err and "'p9'" in err
    assert "participants[2].available[1]" in err and "'s7'" in err


def test_infeasible_locks_exit_2_naming_both_requests(tmp_path):
    data = json.loads(json.dumps(INSTANCE))
    data["requests"][0]["locked"] = {"slot": "s2", "table": "own-h"}
    data["requests"][1]["locked"] = {"slot": "s2", "table": "own-h"}
    err = _error(tmp_path, data)
    assert "'r1'" in err and "'r2'" in err and "'own-h'" in err


def test_unreadable_input_exit_2(tmp_path):
    assert "not valid JSON" in _error(tmp_path, "{not json")
    result = runner.invoke(app, ["solve", str(tmp_path / "missing.json")])
    assert result.exit_code == 2 and "not found" in result.stderr
