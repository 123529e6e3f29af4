"""Hybrid events: who attends on site or online, where their meetings take place, and each online
meeting's link.

A meeting takes place online when either side attends online, at a table of the venue when both are on
site. The pure scheduler knows tables, not kinds of table, so an event with online rooms or online
participants is solved as two instances over disjoint tables (venue tables for on-site pairs, online rooms
for the others) that share the participants' time; `solve` merges them, and re-solves the online part
around the on-site one when the two independent schedules book someone twice.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kcbridge.events import scheduler
from kcbridge.events.models import Attendance, Event, EventMode, MeetingTable, Participant, TableKind
from kcbridge.events.scheduling.model import number
from kcbridge.events.schemas import web_link
from kcbridge.kit.config import get_settings
from kcbridge.kit.signing import sign

ONSITE, ONLINE = Attendance.ONSITE.value, Attendance.ONLINE.value
ROOM = TableKind.ONLINE.value


def attendances(event: Event) -> tuple[str, ...]:
    """How one may attend `event`: on site, online, or either for a hybrid event."""
    if event.mode == EventMode.ONLINE.value:
        return (ONLINE,)
    if event.mode == EventMode.HYBRID.value:
        return (ONSITE, ONLINE)
    return (ONSITE,)


def default_attendance(event: Event) -> str:
    return attendances(event)[0]


def online_meeting(a: Participant, b: Participant) -> bool:
    """A meeting takes place online when either side attends online."""
    return ONLINE in (a.attendance, b.attendance)


def room_name(event: Event, meeting_id: int) -> str:
    """A room name of its own for each online meeting, not guessable from the others'."""
    mark = sign(get_settings().resolved_secret_key(), f"event-room:{event.id}:{meeting_id}")[:10]
    return f"kcbridge-{event.id}-{meeting_id}-{mark}"


def meeting_link(event: Event, table: MeetingTable, meeting_id: int) -> str | None:
    """The link of a meeting: an online room's own link, else a room of its own under the organiser's
    video-meeting address; a venue table has a link only if the organiser gave it one."""
    own = web_link(table.online_url)
    if own or table.kind != ROOM:
        return own
    base = web_link(event.video_base_url)
    return f"{base.rstrip('/')}/{room_name(event, meeting_id)}" if base else None


def room_has_link(event: Event, table: MeetingTable) -> bool:
    """Whether a meeting in `table` would have a link (always true for venue tables: they need none)."""
    return table.kind != ROOM or bool(web_link(table.online_url) or web_link(event.video_base_url))


# Scheduling ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Split:
    """The two halves of a hybrid event's instance: on-site pairs at venue tables, the others online."""

    onsite: scheduler.Instance
    online: scheduler.Instance


def split(instance: scheduler.Instance, rooms: set[str], online: set[str]) -> Split | None:
    """None when the event has neither online rooms nor online participants (one instance suffices).

    `rooms` are the ids of online rooms, `online` those of participants attending online; a locked meeting
    stays in the half of the table it is locked to."""
    if not rooms and not online:
        return None

    def is_online(r: scheduler.Request) -> bool:
        if r.locked is not None and r.locked.table is not None:
            return r.locked.table in rooms
        return r.a in online or r.b in online

    def half(want: bool) -> scheduler.Instance:
        return scheduler.Instance(
            slots=instance.slots,
            tables=tuple(t for t in instance.tables if (t.id in rooms) is want),
            participants=instance.participants,
            requests=tuple(r for r in instance.requests if is_online(r) is want),
        )

    return Split(half(False), half(True))


def _empty() -> scheduler.Solution:
    return scheduler.Solution([], 0, 0, 0.0, "OPTIMAL", {"meetings": 0, "moved": 0})


def _part(
    instance: scheduler.Instance, time_limit: float, previous: Mapping[str, tuple[str, str]]
) -> tuple[scheduler.Solution, bool]:
    """Solves one half; a half where no request can be placed answers an empty schedule (and says so)."""
    if not instance.requests:
        return _empty(), False
    try:
        return scheduler.solve(instance, time_limit=max(time_limit, 0.2), previous=previous), False
    except scheduler.SchedulingInputError as exc:
        if all(path == "requests" for path, _m in exc.problems):
            return _empty(), True
        raise


Sides = Mapping[str, tuple[str, str]]


def _reduced(
    instance: scheduler.Instance, taken: Iterable[scheduler.Meeting], sides: Sides
) -> scheduler.Instance:
    """`instance` without the slots and meeting counts that `taken` (the other half's meetings) uses."""
    busy: dict[str, set[str]] = {}
    count: Counter[str] = Counter()
    for m in taken:
        for who in sides[m.request]:
            busy.setdefault(who, set()).add(m.slot)
            count[who] += 1
    people = []
    for p in instance.participants:
        if p.id not in busy:
            people.append(p)
            continue
        slots = p.available if p.available is not None else instance.slots
        cap = None if p.max_meetings is None else max(0, p.max_meetings - count[p.id])
        people.append(replace(p, available=tuple(s for s in slots if s not in busy[p.id]), max_meetings=cap))
    return replace(instance, participants=tuple(people))


def solve(
    instance: scheduler.Instance,
    halves: Split | None,
    *,
    time_limit: float,
    previous: Mapping[str, tuple[str, str]],
) -> scheduler.Solution:
    """The schedule of the whole event; a hybrid event's halves are solved apart and merged.

    The reported bound stays proven: each half's bound holds for its requests whatever the other half does,
    so their sum bounds the whole."""
    if halves is None:
        return scheduler.solve(instance, time_limit=time_limit, previous=previous)
    sides = {r.id: (r.a, r.b) for r in instance.requests}
    first, none_first = _part(halves.onsite, 0.45 * time_limit, previous)
    second, none_second = _part(halves.online, 0.25 * time_limit, previous)
    if none_first and none_second:
        raise scheduler.SchedulingInputError(
            [("requests", "no meeting is possible: no request has a slot both participants can attend")]
        )
    bound = first.upper_bound + second.upper_bound
    merged = _merge(instance, sides, first, second, bound)
    if verify(instance, halves, merged):  # someone booked twice across the halves: fit online around
        kept = {m.request: (m.slot, m.table) for m in second.meetings}
        reduced = _reduced(halves.online, first.meetings, sides)
        again, _none = _part(reduced, 0.3 * time_limit, {**previous, **kept})
        merged = _merge(instance, sides, first, again, bound)
    return merged


def _merge(
    instance: scheduler.Instance, sides: Sides, a: scheduler.Solution, b: scheduler.Solution, bound: float
) -> scheduler.Solution:
    meetings = [*a.meetings, *b.meetings]
    objective = number(a.objective + b.objective)
    count: Counter[str] = Counter()
    for m in meetings:
        count.update(sides[m.request])
    wanted = {p for r in instance.requests for p in (r.a, r.b)}
    counts = [count[p] for p in wanted] or [0]
    upper = number(max(bound, objective))
    return scheduler.Solution(
        meetings=meetings,
        objective=objective,
        upper_bound=upper,
        seconds=a.seconds + b.seconds,
        status="OPTIMAL" if objective >= upper else "FEASIBLE",
        stats={
            "meetings": len(meetings),
            "min_per_participant": min(counts),
            "median_per_participant": statistics.median(counts),
            "moved": a.stats.get("moved", 0) + b.stats.get("moved", 0),
            "online": len(b.meetings),
        },
    )


def verify(instance: scheduler.Instance, halves: Split | None, solution: scheduler.Solution) -> list[str]:
    """Every broken rule of a (merged) schedule. A hybrid event's meetings are checked in their half (where
    a table owner meets on-site partners at its own table, online ones in online rooms), and all together
    for what the halves share: nobody twice in a slot, availability, caps, locks and the objective."""
    if halves is None:
        return scheduler.verify(instance, solution)
    online_ids = {r.id for r in halves.online.requests}
    broken = []
    for half, mine in ((halves.onsite, False), (halves.online, True)):
        part = [m for m in solution.meetings if (m.request in online_ids) is mine]
        broken += scheduler.verify(half, part)
    shared = replace(instance, tables=tuple(replace(t, owner=None) for t in instance.tables))
    return broken + scheduler.verify(shared, solution)


def misplaced(
    instance: scheduler.Instance, rooms: set[str], online: set[str], solution: scheduler.Solution
) -> list[str]:
    """Unlocked meetings in the wrong kind of place: online pairs at a venue table, on-site pairs online."""
    requests = {r.id: r for r in instance.requests}
    out = []
    for m in solution.meetings:
        r = requests.get(m.request)
        if r is None or r.locked is not None:
            continue
        if (m.table in rooms) != (r.a in online or r.b in online):
            out.append(f"request '{r.id}' placed at '{m.table}'")
    return out
