"""Behaviour of the pure 1:1 meeting scheduler on small hand-made instances."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from kcbridge.events.scheduler import (
    Meeting,
    SchedulingInputError,
    greedy,
    parse_instance,
    solve,
    verify,
)


def make(slots=("s1", "s2"), tables=("t1",), people=("a", "b", "c", "d"), requests=(), **extra):
    """Instance from compact arguments: tables as ids or (id, owner); people as ids or dicts."""
    return {
        "slots": list(slots),
        "tables": [
            {"id": t, "owner": None} if isinstance(t, str) else {"id": t[0], "owner": t[1]} for t in tables
        ],
        "participants": [{"id": p} if isinstance(p, str) else p for p in people],
        "requests": [
            r
            if isinstance(r, dict)
            else {"id": r[0], "a": r[1], "b": r[2], "weight": r[3] if len(r) > 3 else 1}
            for r in requests
        ],
        **extra,
    }


def run(data, **kw):
    inst = parse_instance(data)
    sol = solve(inst, time_limit=kw.pop("time_limit", 5), **kw)
    assert verify(inst, sol) == []
    return inst, sol


def where(sol) -> dict[str, tuple[str, str]]:
    return {m.request: (m.slot, m.table) for m in sol.meetings}


def test_finds_optimum_where_weight_first_greedy_does_not():
    data = make(
        slots=["s1"],
        tables=["t1", "t2"],
        requests=[("r1", "a", "b", 3), ("r2", "a", "c", 2), ("r3", "b", "d", 2)],
    )
    inst, sol = run(data)
    base = greedy(inst)
    assert verify(inst, base) == []
    assert base.objective == 3
    assert sol.objective == 4 == sol.upper_bound
    assert sol.status == "OPTIMAL"
    assert set(where(sol)) == {"r2", "r3"}


def test_first_fit_slot_trap_is_avoided():
    people = ["a", {"id": "b", "available": ["s1"]}, "c"]
    data = make(people=people, requests=[("r1", "a", "c", 2), ("r2", "a", "b", 2)])
    inst, sol = run(data)
    assert greedy(inst).objective == 2
    assert sol.objective == 4 == sol.upper_bound
    assert where(sol)["r2"][0] == "s1"


def test_participant_with_own_table_meets_there():
    tables = ["t1", ("own-h", "h"), ("own-g", "g")]
    people = ["h", "g", "x", "y", "z"]
    requests = [("r1", "h", "x"), ("r2", "h", "y"), ("r3", "y", "z"), ("r4", "h", "g"), ("r5", "g", "z")]
    inst, sol = run(make(slots=["s1", "s2", "s3"], tables=tables, people=people, requests=requests))
    at = where(sol)
    assert sol.objective == 5
    assert at["r1"][1] == at["r2"][1] == "own-h"
    assert at["r3"][1] == "t1"
    assert at["r4"][1] in {"own-h", "own-g"}
    assert at["r5"][1] == "own-g"


def test_locks_are_kept():
    requests = [
        {"id": "r1", "a": "a", "b": "b", "weight": 1, "locked": {"slot": "s2", "table": "t2"}},
        {"id": "r2", "a": "c", "b": "d", "weight": 1, "locked": {"slot": "s1"}},
        ("r3", "a", "e", 3),
    ]
    inst, sol = run(make(tables=["t1", "t2"], people=["a", "b", "c", "d", "e"], requests=requests))
    at = where(sol)
    assert at["r1"] == ("s2", "t2")
    assert at["r2"][0] == "s1"
    assert at["r3"][0] == "s1"


def test_caps_are_respected_keeping_the_heaviest():
    people = [{"id": "hub", "max_meetings": 1}, "x", "y", "z"]
    requests = [("r1", "hub", "x", 1), ("r2", "hub", "y", 3), ("r3", "hub", "z", 2)]
    inst, sol = run(make(slots=["s1", "s2", "s3"], tables=["t1", "t2"], people=people, requests=requests))
    assert set(where(sol)) == {"r2"}
    assert sol.upper_bound == 3


def test_fairness_raises_the_minimum_among_equal_weight_optima():
    # {r1, r2} and {r2, r3} weigh the same, but only the second gives everyone a meeting.
    data = make(requests=[("r1", "a", "b"), ("r2", "a", "c"), ("r3", "d", "b")])
    inst, sol = run(data)
    assert set(where(sol)) == {"r2", "r3"}
    assert sol.stats["min_per_participant"] == 1


def test_idle_gaps_are_avoided():
    people = ["a", "b", "c"]
    requests = [("r1", "a", "b"), ("r2", "a", "c")]
    inst, sol = run(make(slots=["s1", "s2", "s3"], tables=["t1", "t2"], people=people, requests=requests))
    assert sorted(slot for slot, _ in where(sol).values()) in (["s1", "s2"], ["s2", "s3"])
    assert sol.stats["idle_gaps"] == 0


def _roomy_instance(seed=3):
    """Every request fits, so after a cancellation the best schedule needs no move."""
    rng = random.Random(seed)
    people = [f"p{i}" for i in range(8)]
    pairs = rng.sample([(a, b) for i, a in enumerate(people) for b in people[i + 1 :]], 10)
    requests = [(f"r{i}", a, b, rng.choice([1, 2, 3])) for i, (a, b) in enumerate(pairs)]
    return make(
        slots=[f"s{j}" for j in range(6)], tables=["t1", "t2", "t3"], people=people, requests=requests
    )


def test_cancellation_moves_no_other_meeting():
    data = _roomy_instance()
    _, first = run(data)
    assert len(first.meetings) == 10
    cancelled = first.meetings[4].request
    data["requests"] = [r for r in data["requests"] if r["id"] != cancelled]
    _, again = run(data, previous=first.meetings)
    before = {r: w for r, w in where(first).items() if r != cancelled}
    assert where(again) == before
    assert again.stats["moved"] == 0


def test_late_registration_keeps_existing_meetings():
    data = _roomy_instance()
    _, first = run(data)
    data["participants"].append({"id": "late"})
    data["requests"].append({"id": "r-late", "a": "late", "b": "p1", "weight": 2})
    _, again = run(data, previous={m.request: (m.slot, m.table) for m in first.meetings})
    assert "r-late" in where(again)
    assert all(where(again)[r] == w for r, w in where(first).items())


def test_random_small_event_is_solved_exactly():
    rng = random.Random(11)
    people = [{"id": f"p{i}", "max_meetings": rng.choice([2, 3, 4])} for i in range(14)]
    ids = [p["id"] for p in people]
    pairs = rng.sample([(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]], 40)
    requests = [(f"r{i}", a, b, rng.choice([1, 2, 3])) for i, (a, b) in enumerate(pairs)]
    tables = ["t1", "t2", ("own-p0", "p0")]
    inst, sol = run(
        make(slots=["s1", "s2", "s3", "s4"], tables=tables, people=people, requests=requests), time_limit=3
    )
    assert sol.status == "OPTIMAL" and sol.objective == sol.upper_bound
    assert sol.objective >= greedy(inst).objective
    per = Counter(x for m in sol.meetings for r in inst.requests if r.id == m.request for x in (r.a, r.b))
    assert all(per[p["id"]] <= p["max_meetings"] for p in people)


def test_fractional_weights_and_empty_instances():
    _, sol = run(make(requests=[("r1", "a", "b", 0.5), ("r2", "c", "d", 1.25)]))
    assert sol.objective == pytest.approx(1.75) and sol.upper_bound == pytest.approx(1.75)
    _, empty = run(make(requests=[]))
    assert empty.meetings == [] and empty.objective == 0


def test_verify_reports_broken_schedules():
    data = make(
        people=["a", "b", {"id": "c", "available": ["s1"], "max_meetings": 1}, "d"],
        tables=["t1", ("own-d", "d")],
        requests=[("r1", "a", "b"), ("r2", "a", "c"), ("r3", "b", "c"), ("r4", "a", "d")],
    )
    inst = parse_instance(data)
    bad = [
        Meeting("r1", "s1", "t1"),
        Meeting("r2", "s1", "t1"),
        Meeting("r3", "s2", "own-d"),
        Meeting("r4", "s2", "t1"),
    ]
    text = "\n".join(verify(inst, bad))
    assert "'a' has 'r1' and 'r2'" in text
    assert "table 't1' holds 'r1' and 'r2'" in text
    assert "'c' is not available in slot 's2'" in text
    assert "more than max_meetings 1" in text
    assert "owned by 'd'" in text
    assert "must meet at ['own-d']" in text


def _problems(data) -> list[tuple[str, str]]:
    with pytest.raises(SchedulingInputError) as caught:
        parse_instance(data)
    assert isinstance(caught.value, ValueError)
    return caught.value.problems


@pytest.mark.parametrize(
    ("data", "path", "words"),
    [
        (
            make(people=["a", {"id": "b", "available": ["s1", "s9"]}]),
            "participants[1].available[1]",
            ["'s9'"],
        ),
        (make(requests=[("r1", "a", "a")]), "requests[0]", ["'r1'", "itself"]),
        (make(requests=[("r1", "a", "b"), ("r1", "c", "d")]), "requests[1].id", ["duplicate", "'r1'"]),
        (make(requests=[("r1", "a", "b"), ("r2", "b", "a")]), "requests[1]", ["'r1'", "'r2'"]),
        (make(requests=[("r1", "a", "p9")]), "requests[0].b", ["unknown participant 'p9'"]),
        (make(requests=[("r1", "a", "b", -1)]), "requests[0].weight", ["positive"]),
        (make(requests=[("r1", "a", "b", 0)]), "requests[0].weight", ["positive"]),
        (make(slots=["s1", "s2", "s1"]), "slots[2]", ["duplicate slot id 's1'"]),
        (
            make(
                requests=[
                    {"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s1"}},
                    {"id": "r2", "a": "c", "b": "d", "locked": {"slot": "s1"}},
                ]
            ),
            "slots[0]",
            ["2 locked meetings", "'s1'", "1 shared tables"],
        ),
        (
            make(
                tables=["t1", "t2"],
                requests=[
                    {"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s1", "table": "t1"}},
                    {"id": "r2", "a": "c", "b": "d", "locked": {"slot": "s1", "table": "t1"}},
                ],
            ),
            "requests[1].locked",
            ["'t1'", "'r1'", "'r2'"],
        ),
        (
            make(
                tables=["t1", "t2"],
                requests=[
                    {"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s1"}},
                    {"id": "r2", "a": "a", "b": "c", "locked": {"slot": "s1"}},
                ],
            ),
            "requests[1].locked",
            ["'a'", "'r1'", "'r2'"],
        ),
        (
            make(
                people=["a", {"id": "b", "available": ["s2"]}],
                requests=[{"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s1"}}],
            ),
            "requests[0].locked.slot",
            ["'b'", "not available", "'s1'"],
        ),
        (
            make(
                tables=["t1", ("own-c", "c")],
                requests=[{"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s1", "table": "own-c"}}],
            ),
            "requests[0].locked.table",
            ["'own-c'", "'c'"],
        ),
        (
            make(
                tables=["t1", ("own-a", "a")],
                requests=[{"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s1", "table": "t1"}}],
            ),
            "requests[0].locked.table",
            ["'t1'", "own-a"],
        ),
        (
            make(requests=[{"id": "r1", "a": "a", "b": "b", "locked": {"slot": "s7", "table": "t9"}}]),
            "requests[0].locked.slot",
            ["unknown slot 's7'"],
        ),
        (make(tables=[("t1", "ghost")]), "tables[0].owner", ["unknown participant 'ghost'"]),
        (
            make(requests=[{"id": "r1", "a": "a", "b": "b", "weight": "high"}]),
            "requests[0].weight",
            ["number"],
        ),
    ],
)
def test_bad_input_names_the_problem(data, path, words):
    problems = _problems(data)
    messages = [m for p, m in problems if p == path]
    assert messages, problems
    assert all(any(w in m for m in messages) for w in words), problems


def test_all_problems_are_reported_together():
    data = make(slots=["s1", "s1"], requests=[("r1", "a", "a"), ("r1", "a", "zz", 0)])
    paths = {p for p, _ in _problems(data)}
    assert {"slots[1]", "requests[0]", "requests[1].id", "requests[1].b", "requests[1].weight"} <= paths
