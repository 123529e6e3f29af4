"""Benchmark the meeting scheduler against the weight-first first-fit greedy on seeded instances.

    python bench/scheduler.py [--quick] [--family generous|tight] [--time-limit S] [--dump DIR]

Two families: generous (most participants free all day, plenty of tables) and tight (narrow availability
windows, scarce shared tables). Prints JSON: per instance, objective, the reported (proven) upper bound, the
full slot-model LP bound computed here independently of the scheduler, meetings per participant, seconds, the
time the bound was reached, and whether an independent check found the schedule feasible; then re-solves of
each large instance after a cancellation, a late registration and a lost slot, with how many meetings moved.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ortools.linear_solver import pywraplp  # noqa: E402

from kcbridge.events.scheduler import greedy, parse_instance, solve, verify  # noqa: E402

TIGHT_SIZES = {
    "small": dict(participants=50, requests=300, slots=8, tables=6),
    "medium": dict(participants=300, requests=3_000, slots=12, tables=36),
    "large": dict(participants=1_000, requests=20_000, slots=16, tables=120),
}
SIZES = {
    "small": dict(participants=50, requests=300, slots=8, tables=12),
    "medium": dict(participants=300, requests=3_000, slots=12, tables=60),
    "large": dict(participants=1_000, requests=20_000, slots=16, tables=400),
}


def generate(participants: int, requests: int, slots: int, tables: int, seed: int = 7) -> dict:
    """10% own a table, a third attend part of the day, popularity is skewed, a few meetings are locked."""
    rng = random.Random(seed)
    slot_ids = [f"s{j + 1:02d}" for j in range(slots)]
    people = []
    for i in range(participants):
        p: dict = {"id": f"p{i:04d}"}
        if rng.random() < 1 / 3:
            length = rng.randint(slots // 3, 2 * slots // 3)
            begin = rng.choice([0, slots - length, rng.randint(0, slots - length)])
            p["available"] = slot_ids[begin : begin + length]
        cap = rng.choice([None, None, 6, 8, 10, 12])
        if cap is not None:
            p["max_meetings"] = cap
        people.append(p)
    owners = rng.sample(range(participants), participants // 10)
    table_rows = [{"id": f"t{j + 1:03d}", "owner": None} for j in range(tables)]
    table_rows += [{"id": f"own-{people[i]['id']}", "owner": people[i]["id"]} for i in owners]
    popularity = [1 / (rank + 5) ** 0.9 for rank in range(participants)]
    rng.shuffle(popularity)
    pairs: set[frozenset] = set()
    rows = []
    while len(rows) < requests:
        a = rng.randrange(participants)
        b = rng.choices(range(participants), weights=popularity)[0]
        if a == b or frozenset((a, b)) in pairs:
            continue
        pairs.add(frozenset((a, b)))
        weight = rng.choices([3, 2, 1], weights=[0.15, 0.35, 0.5])[0]
        rows.append({"id": f"r{len(rows):05d}", "a": people[a]["id"], "b": people[b]["id"], "weight": weight})
    _lock_some(rng, rows, people, table_rows, slot_ids, count=max(3, requests // 400))
    return {"slots": slot_ids, "tables": table_rows, "participants": people, "requests": rows}


def generate_tight(participants: int, requests: int, slots: int, tables: int, seed: int = 7) -> dict:
    """Everyone attends one window of 3-7 consecutive slots, 5% own a table, no cap below the slot count."""
    rng = random.Random(seed * 1_000_003 + 1)
    slot_ids = [f"s{j + 1:02d}" for j in range(slots)]
    people = []
    for i in range(participants):
        length = rng.randint(3, min(7, slots))
        begin = rng.randint(0, slots - length)
        people.append({"id": f"p{i:04d}", "available": slot_ids[begin : begin + length]})
    owners = rng.sample(range(participants), participants // 20)
    table_rows = [{"id": f"t{j + 1:03d}", "owner": None} for j in range(tables)]
    table_rows += [{"id": f"own-{people[i]['id']}", "owner": people[i]["id"]} for i in owners]
    popularity = [1 / (rank + 5) ** 0.9 for rank in range(participants)]
    rng.shuffle(popularity)
    pairs: set[frozenset] = set()
    rows = []
    while len(rows) < requests:
        a = rng.randrange(participants)
        b = rng.choices(range(participants), weights=popularity)[0]
        if a == b or frozenset((a, b)) in pairs:
            continue
        pairs.add(frozenset((a, b)))
        weight = rng.choices([3, 2, 1], weights=[0.15, 0.35, 0.5])[0]
        rows.append({"id": f"r{len(rows):05d}", "a": people[a]["id"], "b": people[b]["id"], "weight": weight})
    _lock_some(rng, rows, people, table_rows, slot_ids, count=max(3, requests // 1000))
    return {"slots": slot_ids, "tables": table_rows, "participants": people, "requests": rows}


FAMILIES = {"generous": (generate, SIZES), "tight": (generate_tight, TIGHT_SIZES)}


def _lock_some(rng, rows, people, table_rows, slot_ids, count) -> None:
    """Lock a few requests into consistent slots and tables, as an organiser pinning VIP meetings would."""
    avail = {p["id"]: set(p.get("available", slot_ids)) for p in people}
    own = {t["owner"]: t["id"] for t in table_rows if t["owner"]}
    shared = [t["id"] for t in table_rows if not t["owner"]]
    busy, used, locks = set(), set(), Counter()
    for r in rng.sample(rows, count * 3):
        if count == 0:
            break
        a, b = r["a"], r["b"]
        options = [
            s for s in slot_ids if s in avail[a] & avail[b] and (a, s) not in busy and (b, s) not in busy
        ]
        if not options or locks[a] >= 2 or locks[b] >= 2:
            continue
        s = rng.choice(options)
        table = own.get(a) or own.get(b) or next((t for t in shared if (t, s) not in used), None)
        if table is None or (table, s) in used:
            continue
        r["locked"] = {"slot": s, "table": table}
        busy |= {(a, s), (b, s)}
        used.add((table, s))
        locks.update((a, b))
        count -= 1


def _common(data: dict, avail: dict, r: dict) -> list[str]:
    return [s for s in data["slots"] if s in avail[r["a"]] and s in avail[r["b"]]]


def slot_lp_bound(data: dict) -> float:
    """The full slot model's LP optimum, built here from the JSON and not from the scheduler's data (GLOP).

    x[request, slot] in [0, 1] over slots both participants attend (locked: fixed to 1 at its slot); at most
    one slot per request, one meeting per participant and slot, max_meetings per participant, and meetings of
    participants without an own table at most the shared tables in each slot. GLOP's simplex up to 60,000
    variables; above, it takes minutes where PDLP takes seconds (PDLP's value is exact to about 1e-4 relative).
    """
    everyone = set(data["slots"])
    avail = {
        p["id"]: everyone if p.get("available") is None else set(p["available"]) for p in data["participants"]
    }
    variables = sum(len(_common(data, avail, r)) for r in data["requests"])
    solver = pywraplp.Solver.CreateSolver("GLOP" if variables <= 60_000 else "PDLP")
    owners = {t["owner"] for t in data["tables"] if t.get("owner")}
    n_shared = sum(1 for t in data["tables"] if not t.get("owner"))
    per_person: dict = {}
    per_slot: dict = {}
    per_person_slot: dict = {}
    objective = []
    for r in data["requests"]:
        lock = (r.get("locked") or {}).get("slot")
        both = [lock] if lock else _common(data, avail, r)
        shared = r["a"] not in owners and r["b"] not in owners
        xs = []
        for s in both:
            v = solver.NumVar(1 if lock else 0, 1, "")
            xs.append(v)
            objective.append(r["weight"] * v)
            for who in (r["a"], r["b"]):
                per_person_slot.setdefault((who, s), []).append(v)
                per_person.setdefault(who, []).append(v)
            if shared:
                per_slot.setdefault(s, []).append(v)
        if len(xs) > 1:
            solver.Add(solver.Sum(xs) <= 1)
    for vs in per_person_slot.values():
        solver.Add(solver.Sum(vs) <= 1)
    for p in data["participants"]:
        if p.get("max_meetings") is not None and p["id"] in per_person:
            solver.Add(solver.Sum(per_person[p["id"]]) <= p["max_meetings"])
    for vs in per_slot.values():
        solver.Add(solver.Sum(vs) <= n_shared)
    solver.Maximize(solver.Sum(objective))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        raise RuntimeError("slot LP not solved")
    return solver.Objective().Value()


def summary(instance, data: dict, sol, lp_bound: float, seconds: float) -> dict:
    requested = {x for r in data["requests"] for x in (r["a"], r["b"])}
    per: Counter = Counter()
    by_id = {r["id"]: r for r in data["requests"]}
    for m in sol.meetings:
        per[by_id[m.request]["a"]] += 1
        per[by_id[m.request]["b"]] += 1
    counts = [per[p] for p in requested] or [0]
    return {
        "objective": sol.objective,
        "ratio_to_lp_bound": round(sol.objective / lp_bound, 4) if lp_bound else 1.0,
        "meetings": len(sol.meetings),
        "min_per_participant": min(counts),
        "median_per_participant": statistics.median(counts),
        "seconds": round(seconds, 2),
        "feasible": not verify(instance, sol),
    }


def run_instance(family: str, name: str, shape: dict, args) -> tuple[dict, dict, object]:
    make = FAMILIES[family][0]
    data = make(**shape, seed=args.seed)
    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        (args.dump / f"scheduler-{family}-{name}.json").write_text(json.dumps(data))
    instance = parse_instance(data)
    t0 = time.perf_counter()
    sol = solve(instance, time_limit=args.time_limit, seed=0)
    t1 = time.perf_counter()
    base = greedy(instance)
    t2 = time.perf_counter()
    lp_bound = slot_lp_bound(data)
    row = {"family": family, "size": name, **shape}
    row["locked"] = sum(1 for r in data["requests"] if r.get("locked"))
    row["slot_lp_bound"] = round(lp_bound, 3)
    seconds = sol.stats.get("seconds", {})
    row["scheduler"] = summary(instance, data, sol, lp_bound, t1 - t0) | {
        "upper_bound": sol.upper_bound,
        "ratio_to_reported_bound": round(sol.objective / sol.upper_bound, 4) if sol.upper_bound else 1.0,
        "bound_above_objective": round(sol.upper_bound / sol.objective - 1, 4) if sol.objective else 0.0,
        "bound_not_above_lp": sol.upper_bound <= lp_bound * (1 + 1e-4),
        "status": sol.status,
        "time_to_bound": seconds.get("to_bound"),
        "idle_gaps": sol.stats.get("idle_gaps"),
        "phases": seconds,
    }
    row["greedy"] = summary(instance, data, base, lp_bound, t2 - t1)
    return row, data, sol


def changes(data: dict, sol, seed: int) -> dict[str, dict]:
    """Three edits an organiser makes after publishing: a cancellation, a late registration, a lost slot."""
    rng = random.Random(seed)
    by_id = {r["id"]: r for r in data["requests"]}
    placed = [m for m in sol.meetings if not by_id[m.request].get("locked")]
    out = {}
    gone = rng.choice(placed).request
    out["cancellation"] = data | {"requests": [r for r in data["requests"] if r["id"] != gone]}
    late = {"id": "late", "available": data["slots"][:]}
    others = rng.sample([p["id"] for p in data["participants"]], 20)
    extra = [{"id": f"late-{j}", "a": "late", "b": p, "weight": 2} for j, p in enumerate(others)]
    out["late_registration"] = data | {
        "participants": [*data["participants"], late],
        "requests": data["requests"] + extra,
    }
    m = rng.choice(placed)
    who = by_id[m.request]["a"]
    people = [
        p | {"available": [s for s in p.get("available", data["slots"]) if s != m.slot]}
        if p["id"] == who
        else p
        for p in data["participants"]
    ]
    out["unavailable_for_a_slot"] = data | {"participants": people}
    return out


def resolve_rows(family: str, data: dict, sol, args) -> list[dict]:
    rows = []
    for change, changed in changes(data, sol, args.seed).items():
        instance = parse_instance(changed)
        t0 = time.perf_counter()
        again = solve(instance, time_limit=args.resolve_limit, previous=sol.meetings, seed=0)
        seconds = time.perf_counter() - t0
        rows.append(
            {
                "family": family,
                "change": change,
                "time_limit": args.resolve_limit,
                "seconds": round(seconds, 2),
                "objective_before": sol.objective,
                "objective": again.objective,
                "upper_bound": again.upper_bound,
                "published": len(sol.meetings),
                "moved": again.stats.get("moved"),
                "feasible": not verify(instance, again),
            }
        )
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small and medium only, no re-solves")
    parser.add_argument("--family", choices=sorted(FAMILIES), help="only this family")
    parser.add_argument("--time-limit", type=float, default=60.0, help="scheduler seconds per instance")
    parser.add_argument("--resolve-limit", type=float, default=2.0, help="seconds per re-solve")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--dump", type=Path, help="also write each generated instance as JSON into this folder"
    )
    args = parser.parse_args()
    report, resolves = [], []
    for family, (_, sizes) in FAMILIES.items():
        if args.family and family != args.family:
            continue
        for name, shape in sizes.items():
            if args.quick and name == "large":
                continue
            row, data, sol = run_instance(family, name, shape, args)
            report.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            if name == "large":
                resolves += resolve_rows(family, data, sol, args)
    print(json.dumps({"time_limit": args.time_limit, "results": report, "resolves": resolves}, indent=2))


if __name__ == "__main__":
    main()
