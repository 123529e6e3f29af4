"""The demo events' meeting schedules, solved once and stored in data/schedules.toml.

Loading the demo places each event's meetings from the stored schedule when it was solved for the very same
event — the same slots, tables, participants and requests, by position (a fingerprint says so) — and the
scheduler's own `verify` accepts it; otherwise the scheduler solves it at load, as an organiser's run would.
After changing the demo's directory or events, store new schedules with

    python -m kcbridge.app.demo.store_schedules
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.events import planning, scheduler
from kcbridge.events import repository as repo
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import Event, SchedulerRun

from . import source

FILE = "schedules.toml"
TIME_LIMIT = 10.0  # seconds per event when solving at load
STORE_TIME_LIMIT = 60.0  # when storing: enough to prove the demo's schedules optimal
STATS = ("meetings", "min_per_participant", "median_per_participant", "moved")
# While `main` stores schedules: every event is solved and its schedule kept here.
_solving: dict[str, dict[str, Any]] | None = None


@dataclass
class Positions:
    """Participants, slots and tables of an event by position: what a stored schedule refers to."""

    people: dict[str, int]
    slots: list[str]
    tables: list[str]

    @classmethod
    def of(cls, db: Session, event: Event, instance: scheduler.Instance) -> Positions:
        people = {str(p.id): i for i, p in enumerate(repo.participants(db, event.id))}
        return cls(people, list(instance.slots), [t.id for t in instance.tables])

    def fingerprint(self, instance: scheduler.Instance) -> str:
        """The event as the scheduler sees it, by position; equal fingerprints mean the same problem."""
        pos, tables = self.people, {t: i for i, t in enumerate(self.tables)}
        slot_at = {s: i for i, s in enumerate(self.slots)}
        shape = {
            "slots": len(self.slots),
            "tables": [pos.get(t.owner or "", -1) for t in instance.tables],
            "people": sorted(
                (
                    pos[p.id],
                    None if p.available is None else sorted(slot_at[s] for s in p.available),
                    p.max_meetings,
                )
                for p in instance.participants
            ),
            "requests": sorted(
                (
                    pos[r.a],
                    pos[r.b],
                    r.weight,
                    None
                    if r.locked is None
                    else (slot_at[r.locked.slot], tables.get(r.locked.table or "", -1)),
                )
                for r in instance.requests
            ),  # fmt: skip
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:24]


def stored(built: planning.Built, at: Positions, entry: dict[str, Any] | None) -> scheduler.Solution | None:
    """The stored schedule as a solution of this event, or None when it was solved for another one."""
    if not entry or entry.get("instance") != at.fingerprint(built.instance):
        return None
    requests = {(at.people[r.a], at.people[r.b]): r.id for r in built.instance.requests}
    meetings = []
    for a, b, slot, table in entry["meetings"]:
        if (a, b) not in requests or not (0 <= slot < len(at.slots) and 0 <= table < len(at.tables)):
            return None
        meetings.append(scheduler.Meeting(requests[a, b], at.slots[slot], at.tables[table]))
    solution = scheduler.Solution(
        meetings=meetings,
        objective=float(entry["objective"]),
        upper_bound=float(entry["upper_bound"]),
        seconds=float(entry.get("seconds", 0.0)),
        status=str(entry.get("status", "FEASIBLE")),
        stats=dict(entry.get("stats", {})),
    )
    return None if scheduler.verify(built.instance, solution) else solution


def publish(db: Session, user: User, event: Event, key: str, *, solve: bool = False) -> str:
    """Places the event's meetings (stored schedule, else solved) and publishes them; a one-line summary."""
    built = planning.build_instance(db, event)
    at = Positions.of(db, event, built.instance)
    entries = {} if solve or _solving is not None else _entries()
    solution = stored(built, at, entries.get(key))
    run = SchedulerRun(
        event_id=event.id,
        requested_by=user.id,
        time_limit=STORE_TIME_LIMIT if _solving is not None else TIME_LIMIT,
    )
    db.add(run)
    db.flush()
    how = "stored schedule"
    if solution is None:
        built, solution = planning.plan(db, run)
        how = "solved now" if _solving is not None or solve else f"solved now: {FILE} does not fit it"
    planning.apply(db, run, built, solution)
    meeting_service.publish(db, user=user, event_id=event.id)
    if _solving is not None:
        _solving[key] = _entry(at, built, solution)
    return f"{key} #{event.id} ({run.meetings} meetings, score {run.objective:g} of bound {run.upper_bound:g}, {how})"


def _entries() -> dict[str, Any]:
    return source.read(FILE) if (source.DATA / FILE).exists() else {}


def _entry(at: Positions, built: planning.Built, solution: scheduler.Solution) -> dict[str, Any]:
    sides = {r.id: (at.people[r.a], at.people[r.b]) for r in built.instance.requests}
    slot_at, table_at = {s: i for i, s in enumerate(at.slots)}, {t: i for i, t in enumerate(at.tables)}
    rows = sorted([*sides[m.request], slot_at[m.slot], table_at[m.table]] for m in solution.meetings)
    return {
        "instance": at.fingerprint(built.instance),
        "status": solution.status,
        "objective": solution.objective,
        "upper_bound": solution.upper_bound,
        "seconds": round(solution.seconds, 2),
        "stats": {k: solution.stats[k] for k in STATS if k in solution.stats},
        "meetings": rows,
    }


def _toml(entries: dict[str, dict[str, Any]]) -> str:
    def value(v: Any) -> str:
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return (
            json.dumps(v)
            if not isinstance(v, dict)
            else "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        )

    lines = [
        "# Meeting schedules of the demo events, solved once by the scheduler and stored by",
        "# `python -m kcbridge.app.demo.store_schedules` (generated: do not edit). Meetings are [requesting participant,",
        "# requested participant, slot, table], by position in the event; `instance` fingerprints the event they",
        "# were solved for, and the loader solves anew when it differs.",
    ]
    for key, entry in entries.items():
        lines += ["", f"[{key}]"]
        lines += [f"{k} = {value(v)}" for k, v in entry.items() if k != "meetings"]
        lines.append("meetings = [")
        lines += [f"  {json.dumps(row)}," for row in entry["meetings"]]
        lines.append("]")
    return "\n".join(lines) + "\n"


def solve_all() -> dict[str, dict[str, Any]]:
    """From now on every event is solved and its schedule kept in the returned dict (store_schedules)."""
    global _solving
    _solving = {}
    return _solving


def write(entries: dict[str, dict[str, Any]]) -> None:
    (source.DATA / FILE).write_text(_toml(entries), encoding="utf-8")
