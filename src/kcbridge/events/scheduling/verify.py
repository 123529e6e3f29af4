"""An independent feasibility check, written from the rules and not from the solver's data structures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .model import Instance


def _meetings(solution: Any) -> tuple[list[tuple[str, str, str]], Any, Any]:
    if isinstance(solution, dict):
        raw, objective, bound = (
            solution.get("meetings", []),
            solution.get("objective"),
            solution.get("upper_bound"),
        )
    elif isinstance(solution, list):
        raw, objective, bound = solution, None, None
    else:
        raw, objective, bound = solution.meetings, solution.objective, solution.upper_bound
    rows = [
        (m["request"], m["slot"], m["table"]) if isinstance(m, dict) else (m.request, m.slot, m.table)
        for m in raw
    ]
    return rows, objective, bound


def verify(instance: Instance, solution: Any) -> list[str]:
    """Every broken rule as a sentence; empty means feasible (and the reported objective is honest)."""
    errors: list[str] = []
    rows, objective, bound = _meetings(solution)
    requests = {r.id: r for r in instance.requests}
    people = {p.id: p for p in instance.participants}
    tables = {t.id: t for t in instance.tables}
    slots = set(instance.slots)
    seen: set[str] = set()
    person_slot: dict[tuple[str, str], str] = {}
    table_slot: dict[tuple[str, str], str] = {}
    per_person: Counter = Counter()
    total = 0.0
    owned: dict[str, set[str]] = {}
    for t in instance.tables:
        if t.owner is not None:
            owned.setdefault(t.owner, set()).add(t.id)
    for rid, slot, table in rows:
        r = requests.get(rid)
        if r is None:
            errors.append(f"meeting for unknown request '{rid}'")
            continue
        if rid in seen:
            errors.append(f"request '{rid}' scheduled more than once")
        seen.add(rid)
        if slot not in slots:
            errors.append(f"request '{rid}' in unknown slot '{slot}'")
        if table not in tables:
            errors.append(f"request '{rid}' at unknown table '{table}'")
            continue
        total += r.weight
        if (table, slot) in table_slot:
            errors.append(f"table '{table}' holds '{table_slot[table, slot]}' and '{rid}' in slot '{slot}'")
        table_slot[table, slot] = rid
        own = owned.get(r.a, set()) | owned.get(r.b, set())
        if own and table not in own:
            errors.append(f"request '{rid}' at '{table}' but its participants must meet at {sorted(own)}")
        if not own and tables[table].owner is not None:
            errors.append(f"request '{rid}' uses '{table}', owned by '{tables[table].owner}'")
        for who in (r.a, r.b):
            per_person[who] += 1
            p = people[who]
            if p.available is not None and slot not in p.available:
                errors.append(f"participant '{who}' is not available in slot '{slot}' (request '{rid}')")
            if (who, slot) in person_slot:
                errors.append(
                    f"participant '{who}' has '{person_slot[who, slot]}' and '{rid}' in slot '{slot}'"
                )
            person_slot[who, slot] = rid
        if r.locked is not None and (
            slot != r.locked.slot or (r.locked.table is not None and table != r.locked.table)
        ):
            errors.append(f"locked request '{rid}' moved to {slot}/{table}")
    for r in instance.requests:
        if r.locked is not None and r.id not in seen:
            errors.append(f"locked request '{r.id}' is not scheduled")
    for who, n in per_person.items():
        cap = people[who].max_meetings
        if cap is not None and n > cap:
            errors.append(f"participant '{who}' has {n} meetings, more than max_meetings {cap}")
    if objective is not None and abs(objective - total) > 1e-6 * max(1.0, total):
        errors.append(f"reported objective {objective} but the meetings weigh {total}")
    if bound is not None and objective is not None and objective > bound + 1e-6 * max(1.0, total):
        errors.append(f"objective {objective} exceeds the claimed upper bound {bound}")
    return errors
