"""Re-solving after an organiser's change: fast, feasible, and moving few former meetings."""

from __future__ import annotations

import time

from kcbridge.events.scheduler import parse_instance, solve, verify

from .test_scheduling_bounds import optimum, tight


def first(data: dict, seconds: float = 3):
    inst = parse_instance(data)
    sol = solve(inst, time_limit=seconds)
    assert verify(inst, sol) == []
    return sol


def again(data: dict, previous, seconds: float = 2):
    inst = parse_instance(data)
    t0 = time.perf_counter()
    sol = solve(inst, time_limit=seconds, previous=previous)
    assert time.perf_counter() - t0 < seconds
    assert verify(inst, sol) == []
    return sol


def test_lost_slot_moves_only_what_it_must():
    data = tight(5, people=60, requests=400, slots=8, shared=4)
    before = first(data)
    sides = {r["id"]: r for r in data["requests"]}
    m = next(m for m in before.meetings if not sides[m.request].get("locked"))
    who = sides[m.request]["a"]
    for p in data["participants"]:
        if p["id"] == who:
            p["available"] = [s for s in p["available"] if s != m.slot]
    sol = again(data, before.meetings)
    now = {x.request: (x.slot, x.table) for x in sol.meetings}
    assert now.get(m.request, ("",))[0] != m.slot
    assert sol.stats["moved"] <= 5
    assert sol.objective >= before.objective - sides[m.request]["weight"]


def test_cancellation_and_late_registration_keep_the_rest():
    data = tight(6, people=60, requests=400, slots=8, shared=4)
    before = first(data)
    sides = {r["id"]: r for r in data["requests"]}
    busy = {who for m in before.meetings for who in (sides[m.request]["a"], sides[m.request]["b"])}
    idle = [p["id"] for p in data["participants"] if p["id"] not in busy][:5]
    gone = before.meetings[0].request
    data["requests"] = [r for r in data["requests"] if r["id"] != gone]
    data["participants"].append({"id": "late"})
    data["requests"] += [{"id": f"late-{p}", "a": "late", "b": p, "weight": 3} for p in idle]
    sol = again(data, {m.request: (m.slot, m.table) for m in before.meetings})
    assert sol.stats["moved"] <= 3
    assert sol.objective == optimum(parse_instance(data))
