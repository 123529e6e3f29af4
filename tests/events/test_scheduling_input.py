"""Input the scheduler refuses with a clear error instead of an empty or partial schedule."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kcbridge.events.cli import app
from kcbridge.events.scheduler import SchedulingInputError, parse_instance, solve

NO_SHARED_SLOT = {
    "slots": ["s1", "s2"],
    "tables": [{"id": "t1"}],
    "participants": [{"id": "a", "available": ["s1"]}, {"id": "b", "available": ["s2"]}, {"id": "c"}],
    "requests": [
        {"id": "r1", "a": "a", "b": "b"},
        {"id": "r2", "a": "c", "b": "a", "weight": 2},
    ],
}


def _problems(data: dict, **kw) -> list[tuple[str, str]]:
    with pytest.raises(SchedulingInputError) as caught:
        solve(parse_instance(data), **kw)
    return caught.value.problems


def test_no_possible_meeting_is_an_error():
    data = json.loads(json.dumps(NO_SHARED_SLOT))
    data["participants"][2]["available"] = ["s2"]  # now no request has a common slot
    ((path, message),) = _problems(data)
    assert path == "requests" and "no meeting is possible" in message


def test_one_possible_meeting_is_scheduled():
    sol = solve(parse_instance(NO_SHARED_SLOT), time_limit=2)
    assert [m.request for m in sol.meetings] == ["r2"]


@pytest.mark.parametrize("limit", [0, -1, 3600.5, float("nan")])
def test_time_limit_must_be_positive_and_at_most_an_hour(limit):
    ((path, message),) = _problems(NO_SHARED_SLOT, time_limit=limit)
    assert path == "time_limit" and "at most 3600" in message


def test_table_of_an_unknown_owner_is_named():
    data = NO_SHARED_SLOT | {"tables": [{"id": "t1"}, {"id": "own-x", "owner": "ghost"}]}
    with pytest.raises(SchedulingInputError) as caught:
        parse_instance(data)
    assert ("tables[1].owner", "unknown participant 'ghost'") in caught.value.problems


@pytest.mark.parametrize(
    ("data", "args", "words"),
    [
        (NO_SHARED_SLOT, ["--time-limit", "4000"], "time_limit"),
        (NO_SHARED_SLOT, ["--time-limit", "0"], "time_limit"),
        (
            NO_SHARED_SLOT
            | {
                "participants": [
                    {"id": "a", "available": ["s1"]},
                    {"id": "b", "available": ["s2"]},
                    {"id": "c", "available": ["s2"]},
                ]
            },
            [],
            "no meeting is possible",
        ),
    ],
)
def test_cli_exits_2_with_the_reason(tmp_path, data, args, words):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(data))
    result = CliRunner().invoke(app, ["solve", str(path), *args])
    assert result.exit_code == 2
    assert words in result.output
