"""Turn JSON-shaped input into an Instance and check it, collecting every problem with its path."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

from .model import Instance, Lock, Participant, Request, SchedulingInputError, Table

Problems = list[tuple[str, str]]


def _text(value: Any, path: str, problems: Problems) -> str:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    problems.append((path, f"must be a non-empty string, got {value!r}"))
    return f"<invalid {path}>"


def _list(data: dict, key: str, path: str, problems: Problems, required: bool = True) -> list:
    value = data.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        problems.append((path, "must be a list"))
        return []
    return value


def _dict(value: Any, path: str, problems: Problems) -> dict | None:
    if isinstance(value, dict):
        return value
    problems.append((path, "must be an object"))
    return None


def _lock(value: Any, path: str, problems: Problems) -> Lock | None:
    if value is None:
        return None
    raw = _dict(value, path, problems)
    if raw is None:
        return None
    slot = _text(raw.get("slot"), f"{path}.slot", problems)
    table = raw.get("table")
    return Lock(slot, None if table is None else _text(table, f"{path}.table", problems))


def _weight(value: Any, path: str, problems: Problems) -> float:
    if value is None:
        return 1
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append((path, f"must be a number, got {value!r}"))
        return 1
    return value


def parse_instance(data: Any) -> Instance:
    """Read the documented JSON shape; raise SchedulingInputError naming every bad field."""
    problems: Problems = []
    if not isinstance(data, dict):
        raise SchedulingInputError([("", "instance must be a JSON object")])
    slots = tuple(
        _text(s, f"slots[{i}]", problems) for i, s in enumerate(_list(data, "slots", "slots", problems))
    )
    tables = []
    for i, raw in enumerate(_list(data, "tables", "tables", problems, required=False)):
        if (t := _dict(raw, f"tables[{i}]", problems)) is not None:
            owner = t.get("owner")
            owner = None if owner is None else _text(owner, f"tables[{i}].owner", problems)
            tables.append(Table(_text(t.get("id"), f"tables[{i}].id", problems), owner))
    participants = []
    for i, raw in enumerate(_list(data, "participants", "participants", problems)):
        if (p := _dict(raw, f"participants[{i}]", problems)) is None:
            continue
        available = p.get("available")
        if available is not None:
            if isinstance(available, list):
                available = tuple(
                    _text(s, f"participants[{i}].available[{j}]", problems) for j, s in enumerate(available)
                )
            else:
                problems.append((f"participants[{i}].available", "must be a list of slot ids"))
                available = None
        cap = p.get("max_meetings")
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int)):
            problems.append((f"participants[{i}].max_meetings", f"must be an integer, got {cap!r}"))
            cap = None
        participants.append(
            Participant(_text(p.get("id"), f"participants[{i}].id", problems), available, cap)
        )
    requests = []
    for i, raw in enumerate(_list(data, "requests", "requests", problems)):
        if (r := _dict(raw, f"requests[{i}]", problems)) is None:
            continue
        requests.append(
            Request(
                id=_text(r.get("id"), f"requests[{i}].id", problems),
                a=_text(r.get("a"), f"requests[{i}].a", problems),
                b=_text(r.get("b"), f"requests[{i}].b", problems),
                weight=_weight(r.get("weight"), f"requests[{i}].weight", problems),
                locked=_lock(r.get("locked"), f"requests[{i}].locked", problems),
            )
        )
    if problems:
        raise SchedulingInputError(problems)
    instance = Instance(slots, tuple(tables), tuple(participants), tuple(requests))
    check_instance(instance)
    return instance


def _duplicates(ids: list[str], kind: str, path: str, problems: Problems) -> None:
    first: dict[str, int] = {}
    for i, value in enumerate(ids):
        if value in first:
            problems.append(
                (path.format(i), f"duplicate {kind} id '{value}' (also {path.format(first[value])})")
            )
        else:
            first[value] = i


def instance_problems(inst: Instance) -> Problems:
    """Every reason the instance cannot be scheduled as stated (unknown ids, impossible locks, …)."""
    problems: Problems = []
    _duplicates(list(inst.slots), "slot", "slots[{}]", problems)
    _duplicates([t.id for t in inst.tables], "table", "tables[{}].id", problems)
    _duplicates([p.id for p in inst.participants], "participant", "participants[{}].id", problems)
    _duplicates([r.id for r in inst.requests], "request", "requests[{}].id", problems)
    slots = set(inst.slots)
    people = {p.id: p for p in inst.participants}
    tables = {t.id: t for t in inst.tables}
    owned: dict[str, set[str]] = defaultdict(set)
    for i, t in enumerate(inst.tables):
        if t.owner is not None:
            if t.owner in people:
                owned[t.owner].add(t.id)
            else:
                problems.append((f"tables[{i}].owner", f"unknown participant '{t.owner}'"))
    for i, p in enumerate(inst.participants):
        for j, s in enumerate(p.available or ()):
            if s not in slots:
                problems.append((f"participants[{i}].available[{j}]", f"unknown slot '{s}'"))
        if p.max_meetings is not None and p.max_meetings < 0:
            problems.append(
                (f"participants[{i}].max_meetings", f"must be zero or more, got {p.max_meetings}")
            )
    pairs: dict[frozenset, str] = {}
    for i, r in enumerate(inst.requests):
        for side in ("a", "b"):
            if getattr(r, side) not in people:
                problems.append((f"requests[{i}].{side}", f"unknown participant '{getattr(r, side)}'"))
        if r.a == r.b:
            problems.append((f"requests[{i}]", f"request '{r.id}' pairs participant '{r.a}' with itself"))
        elif (pair := frozenset((r.a, r.b))) in pairs:
            problems.append(
                (f"requests[{i}]", f"requests '{pairs[pair]}' and '{r.id}' both pair '{r.a}' and '{r.b}'")
            )
        else:
            pairs[pair] = r.id
        if not r.weight > 0:
            problems.append((f"requests[{i}].weight", f"must be positive, got {r.weight}"))
    problems += _lock_problems(inst, people, tables, owned)
    return problems


def _lock_problems(inst: Instance, people: dict, tables: dict, owned: dict[str, set[str]]) -> Problems:
    problems: Problems = []
    slots = set(inst.slots)
    by_table: dict[tuple[str, str], str] = {}
    by_person: dict[tuple[str, str], str] = {}
    shared_need: Counter = Counter()
    locks_of: Counter = Counter()
    for i, r in enumerate(inst.requests):
        lock, path = r.locked, f"requests[{i}].locked"
        if lock is None:
            continue
        if lock.slot not in slots:
            problems.append((f"{path}.slot", f"unknown slot '{lock.slot}'"))
            continue
        if lock.table is not None and lock.table not in tables:
            problems.append((f"{path}.table", f"unknown table '{lock.table}'"))
            continue
        for who in (r.a, r.b):
            p = people.get(who)
            if p is not None and p.available is not None and lock.slot not in p.available:
                problems.append(
                    (f"{path}.slot", f"participant '{who}' is not available in slot '{lock.slot}'")
                )
            if (key := (who, lock.slot)) in by_person:
                problems.append(
                    (
                        path,
                        f"participant '{who}' is locked into both '{by_person[key]}' and '{r.id}' in slot '{lock.slot}'",
                    )
                )
            by_person[key] = r.id
            locks_of[who] += 1
        own = owned.get(r.a, set()) | owned.get(r.b, set())
        if lock.table is None:
            shared_need[lock.slot] += 0 if own else 1
            continue
        if own and lock.table not in own:
            problems.append(
                (
                    f"{path}.table",
                    f"table '{lock.table}' cannot be used: '{r.a}'/'{r.b}' meet at {sorted(own)}",
                )
            )
        elif not own and tables[lock.table].owner is not None:
            problems.append(
                (
                    f"{path}.table",
                    f"table '{lock.table}' belongs to '{tables[lock.table].owner}', not '{r.a}' or '{r.b}'",
                )
            )
        if (key := (lock.table, lock.slot)) in by_table:
            problems.append(
                (
                    path,
                    f"table '{lock.table}' in slot '{lock.slot}' is locked by both '{by_table[key]}' and '{r.id}'",
                )
            )
        by_table[key] = r.id
        if not own:
            shared_need[lock.slot] += 1
    n_shared = sum(1 for t in inst.tables if t.owner is None)
    for i, s in enumerate(inst.slots):
        if shared_need[s] > n_shared:
            problems.append(
                (
                    f"slots[{i}]",
                    f"{shared_need[s]} locked meetings in slot '{s}' but only {n_shared} shared tables",
                )
            )
    for i, p in enumerate(inst.participants):
        if p.max_meetings is not None and locks_of[p.id] > p.max_meetings:
            problems.append(
                (
                    f"participants[{i}].max_meetings",
                    f"'{p.id}' has {locks_of[p.id]} locked meetings, cap is {p.max_meetings}",
                )
            )
    return problems


def check_instance(inst: Instance) -> None:
    if problems := instance_problems(inst):
        raise SchedulingInputError(problems)
