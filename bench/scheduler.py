"""Benchmark the meeting scheduler against the weight-first first-fit greedy on seeded instances.

    python bench/scheduler.py [--quick] [--time-limit S] [--dump DIR]

Prints JSON: per size, objective, proven upper bound, ratio to it, meetings per participant, seconds and
whether an independent check found the schedule feasible.
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

from kcbridge.events.scheduler import greedy, parse_instance, solve, verify  # noqa: E402

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


def summary(instance, data: dict, sol, bound: float, seconds: float) -> dict:
    requested = {x for r in data["requests"] for x in (r["a"], r["b"])}
    per = Counter()
    by_id = {r["id"]: r for r in data["requests"]}
    for m in sol.meetings:
        per[by_id[m.request]["a"]] += 1
        per[by_id[m.request]["b"]] += 1
    counts = [per[p] for p in requested] or [0]
    return {
        "objective": sol.objective,
        "upper_bound": bound,
        "ratio": round(sol.objective / bound, 4) if bound else 1.0,
        "meetings": len(sol.meetings),
        "min_per_participant": min(counts),
        "median_per_participant": statistics.median(counts),
        "seconds": round(seconds, 2),
        "feasible": not verify(instance, sol),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small and medium only")
    parser.add_argument(
        "--time-limit", type=float, default=60.0, help="CP-SAT scheduler seconds per instance"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--dump", type=Path, help="also write each generated instance as JSON into this folder"
    )
    args = parser.parse_args()
    report = []
    for name, shape in SIZES.items():
        if args.quick and name == "large":
            continue
        data = generate(**shape, seed=args.seed)
        if args.dump:
            args.dump.mkdir(parents=True, exist_ok=True)
            (args.dump / f"scheduler-{name}.json").write_text(json.dumps(data))
        instance = parse_instance(data)
        t0 = time.perf_counter()
        sol = solve(instance, time_limit=args.time_limit, seed=0)
        t1 = time.perf_counter()
        base = greedy(instance)
        t2 = time.perf_counter()
        row = {"size": name, **shape, "locked": sum(1 for r in data["requests"] if r.get("locked"))}
        row["cpsat"] = summary(instance, data, sol, sol.upper_bound, t1 - t0) | {
            "status": sol.status,
            "idle_gaps": sol.stats.get("idle_gaps"),
            "phases": sol.stats.get("seconds"),
        }
        row["greedy"] = summary(instance, data, base, sol.upper_bound, t2 - t1)
        report.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    print(json.dumps({"time_limit": args.time_limit, "results": report}, indent=2))


if __name__ == "__main__":
    main()
