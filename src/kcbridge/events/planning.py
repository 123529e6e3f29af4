"""Scheduling an event's meetings: the instance the engine sees, and its solution written back.

Used by the scheduler job (plan outside a write transaction, then apply) and the demo loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kcbridge.events import hybrid, projects, runs, scheduler
from kcbridge.events import repository as repo
from kcbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    MeetingStatus,
    RegistrationStatus,
    RequestStatus,
    SchedulerRun,
)
from kcbridge.events.service import event_service, seat
from kcbridge.kit.db import utcnow

ACCEPTED_WEIGHT = 2
MUTUAL_WEIGHT = 3


@dataclass
class Built:
    """A scheduler instance and what its string ids stand for."""

    instance: scheduler.Instance
    locked: set[int]  # request ids of meetings that must stay put
    previous: dict[str, tuple[str, str]]
    rooms: frozenset[str] = field(default=frozenset())  # online meeting rooms (hybrid.py)
    online: frozenset[str] = field(default=frozenset())  # participants attending online

    def halves(self) -> hybrid.Split | None:
        return hybrid.split(self.instance, set(self.rooms), set(self.online))


def build_instance(db: Session, event: Event) -> Built:
    """Approved participants, accepted requests (weight 2; 3 when the asked side also asked or bookmarked the
    asker), live published or hand-placed meetings as locks."""
    slots = repo.slots(db, event.id)
    slot_ids = [s.id for s in slots]
    people = repo.participants(db, event.id, status=RegistrationStatus.APPROVED.value)
    approved = {p.id for p in people}
    requests = repo.requests(db, event.id)
    by_pair: dict[frozenset[int], list[MeetingRequest]] = {}
    for r in requests:
        if r.from_id in approved and r.to_id in approved:
            by_pair.setdefault(frozenset((r.from_id, r.to_id)), []).append(r)
    liked = {(b.participant_id, b.target_id) for b in repo.bookmarks(db, event.id)}
    liked |= projects.liked_pairs(db, event.id)  # a bookmarked project: interest in its presenters
    live = repo.meetings(db, event.id)
    fixed = {m.request_id: m for m in live if m.locked or m.status == MeetingStatus.PUBLISHED.value}
    drafts = {m.request_id: m for m in live if m.request_id not in fixed}
    chosen: list[scheduler.Request] = []
    for pair in by_pair.values():
        accepted = [r for r in pair if r.status == RequestStatus.ACCEPTED.value]
        pinned = [r for r in pair if r.id in fixed]
        if not accepted and not pinned:
            continue
        rep = (pinned or accepted)[0]
        asked_both = (
            sum(1 for r in pair if r.status != RequestStatus.DECLINED.value) >= 2
            or (rep.to_id, rep.from_id) in liked
        )
        m = fixed.get(rep.id)
        chosen.append(
            scheduler.Request(
                id=str(rep.id),
                a=str(rep.from_id),
                b=str(rep.to_id),
                weight=MUTUAL_WEIGHT if asked_both else ACCEPTED_WEIGHT,
                locked=scheduler.Lock(str(m.slot_id), str(m.table_id)) if m else None,
            )
        )
    known = set(slot_ids)
    instance = scheduler.Instance(
        slots=tuple(str(s) for s in slot_ids),
        tables=tuple(
            scheduler.Table(str(t.id), str(t.owner_id) if t.owner_id in approved else None)
            for t in repo.tables(db, event.id)
        ),
        participants=tuple(
            scheduler.Participant(
                str(p.id),
                None if p.availability is None else tuple(str(s) for s in p.availability if s in known),
                p.max_meetings,
            )
            for p in people
        ),
        requests=tuple(chosen),
    )
    previous = {str(rid): (str(m.slot_id), str(m.table_id)) for rid, m in drafts.items()}
    rooms = frozenset(str(t.id) for t in repo.tables(db, event.id) if t.kind == hybrid.ROOM)
    online = frozenset(str(p.id) for p in people if p.attendance == hybrid.ONLINE)
    return Built(instance, set(fixed), previous, rooms, online)


def plan(db: Session, run: SchedulerRun) -> tuple[Built, scheduler.Solution]:
    """Builds the instance and solves it; only reads, so it can run outside any write transaction."""
    built = build_instance(db, event_service.get(db, run.event_id))
    solution = hybrid.solve(
        built.instance, built.halves(), time_limit=run.time_limit, previous=built.previous
    )
    broken = hybrid.verify(built.instance, built.halves(), solution)
    broken += hybrid.misplaced(built.instance, set(built.rooms), set(built.online), solution)
    if broken:
        raise runs.RunFailed("infeasible", "; ".join(broken[:5]))
    return built, solution


def apply(db: Session, run: SchedulerRun, built: Built, solution: scheduler.Solution) -> None:
    """Replaces unlocked drafts by the solution, after checking it still fits the event as it is now.

    Organisers may have published, placed or cancelled meetings while the solver ran; a solution that
    no longer fits is refused (the run fails and can be started again) instead of overwriting them.
    """
    event = event_service.get(db, run.event_id)
    now = build_instance(db, event)
    if (now.instance, now.locked, now.rooms, now.online) != (
        built.instance,
        built.locked,
        built.rooms,
        built.online,
    ):
        raise runs.RunFailed("changed")
    old = [m.id for m in repo.meetings(db, event.id) if int(m.request_id) not in built.locked]
    if old:
        db.execute(delete(MeetingSeat).where(MeetingSeat.meeting_id.in_(old)))
        db.execute(delete(Meeting).where(Meeting.id.in_(old)))
        db.expire_all()
    sides = {r.id: (int(r.a), int(r.b)) for r in built.instance.requests}
    for m in solution.meetings:
        rid = int(m.request)
        if rid in built.locked:
            continue
        meeting = Meeting(event_id=event.id, request_id=rid, slot_id=int(m.slot), table_id=int(m.table))
        seat(meeting, sides[m.request])
        db.add(meeting)
    db.flush()
    run = repo.run(db, run.id) or run
    run.status, run.finished_at = "done", utcnow()
    run.objective, run.upper_bound = float(solution.objective), float(solution.upper_bound)
    run.meetings = len(solution.meetings)
    runs.record(run, runs.done(solution))


def execute(db: Session, run: SchedulerRun) -> None:
    """Plan and apply in one unit of work (the demo loader and small jobs)."""
    built, solution = plan(db, run)
    apply(db, run, built, solution)
