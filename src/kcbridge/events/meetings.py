"""Meeting rules: place, move, cancel and publish meetings, and feed the pure scheduler from the database.

The database refuses double bookings (unique live slot+table, unique seat per slot and participant);
a refused write becomes a Conflict naming the meeting, never a silent overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.db import utcnow
from kcbridge.errors import Conflict, Invalid, NotFound
from kcbridge.events import repository as repo
from kcbridge.events import runs, scheduler
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
from kcbridge.events.schemas import MeetingIn, MoveIn
from kcbridge.events.service import audit, cancel_meeting, event_service, invalid, seat
from kcbridge.events.timefmt import day_time
from kcbridge.i18n import _

ACCEPTED_WEIGHT = 2
MUTUAL_WEIGHT = 3


@dataclass
class Built:
    """A scheduler instance and what its string ids stand for."""

    instance: scheduler.Instance
    locked: set[int]  # request ids of meetings that must stay put
    previous: dict[str, tuple[str, str]]


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
    return Built(instance, set(fixed), previous)


class MeetingService:
    def _meeting(self, db: Session, meeting_id: int) -> Meeting:
        row = repo.meeting(db, meeting_id)
        if row is None:
            raise NotFound(_("This meeting does not exist."))
        return row

    def _check_place(
        self, db: Session, event: Event, request: MeetingRequest, slot_id: int, table_id: int
    ) -> None:
        slot, table = repo.slot(db, slot_id), repo.table(db, table_id)
        if slot is None or slot.event_id != event.id:
            raise invalid(_("Slot {id} does not belong to this event.").format(id=slot_id), "slot_id")
        if table is None or table.event_id != event.id:
            raise invalid(_("Table {id} does not belong to this event.").format(id=table_id), "table_id")
        sides = (request.from_id, request.to_id)
        if table.owner_id is not None and table.owner_id not in sides:
            raise invalid(
                _("Table {id} belongs to participant {owner}.").format(id=table_id, owner=table.owner_id),
                "table_id",
            )
        for pid in sides:
            p = event_service.participant(db, pid)
            if p.availability is not None and slot_id not in p.availability:
                raise invalid(
                    _("Participant {p} is not available at {time}.").format(
                        p=pid, time=day_time(slot.starts_at, event.timezone)
                    ),
                    "slot_id",
                )

    def _taken(self, db: Session, event: Event, slot_id: int) -> Conflict:
        slot = repo.slot(db, slot_id)
        time = day_time(slot.starts_at, event.timezone) if slot else str(slot_id)
        return Conflict(
            _("The slot at {time} is already taken at this table or by one of the participants.").format(
                time=time
            )
        )

    def _save(self, db: Session, event: Event, meeting: Meeting) -> None:
        """Writes inside a savepoint so that a refused double booking leaves the session usable."""
        try:
            with db.begin_nested():
                db.add(meeting)
                db.flush()
        except IntegrityError as exc:
            raise self._taken(db, event, meeting.slot_id) from exc

    def place(self, db: Session, *, user: User, event_id: int, data: MeetingIn) -> Meeting:
        """An organiser places an accepted request by hand; the meeting is locked for later runs."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        request = repo.request(db, data.request_id)
        if request is None or request.event_id != event.id:
            raise invalid(
                _("Request {id} does not belong to this event.").format(id=data.request_id), "request_id"
            )
        if request.status != RequestStatus.ACCEPTED.value:
            raise Conflict(_("Request {id} has not been accepted.").format(id=request.id))
        self._check_place(db, event, request, data.slot_id, data.table_id)
        pair = {request.from_id, request.to_id}
        for other in repo.meetings(db, event.id, participant_ids=[request.from_id]):
            if {seat_.participant_id for seat_ in other.seats} == pair:
                raise Conflict(_("These two participants already meet (meeting {id}).").format(id=other.id))
        meeting = Meeting(
            event_id=event.id,
            request_id=request.id,
            slot_id=data.slot_id,
            table_id=data.table_id,
            locked=True,
        )
        seat(meeting, (request.from_id, request.to_id))
        self._save(db, event, meeting)
        audit(db, user, "create", "meeting", meeting.id, slot_id=meeting.slot_id, table_id=meeting.table_id)
        return meeting

    def move(self, db: Session, *, user: User, meeting_id: int, data: MoveIn) -> Meeting:
        meeting = self._meeting(db, meeting_id)
        event = event_service.get(db, meeting.event_id)
        event_service.require_organiser(db, user, event)
        if meeting.status == MeetingStatus.CANCELLED.value:
            raise Conflict(_("Meeting {id} is cancelled.").format(id=meeting.id))
        request = repo.request(db, meeting.request_id)
        assert request is not None
        self._check_place(db, event, request, data.slot_id, data.table_id)
        before = (meeting.slot_id, meeting.table_id)
        try:
            with db.begin_nested():
                meeting.slot_id, meeting.table_id = data.slot_id, data.table_id
                for s in meeting.seats:
                    s.slot_id = data.slot_id
                meeting.locked, meeting.updated_at = True, utcnow()
                db.flush()
        except IntegrityError as exc:
            db.refresh(meeting)
            raise self._taken(db, event, data.slot_id) from exc
        audit(db, user, "update", "meeting", meeting.id, place=[list(before), [data.slot_id, data.table_id]])
        return meeting

    def cancel(self, db: Session, *, user: User, meeting_id: int) -> Meeting:
        meeting = self._meeting(db, meeting_id)
        event_service.require_organiser(db, user, event_service.get(db, meeting.event_id))
        cancel_meeting(db, meeting)
        audit(db, user, "update", "meeting", meeting.id, status="cancelled")
        return meeting

    def set_outcome(self, db: Session, *, user: User, meeting_id: int, outcome: str | None) -> Meeting:
        """Organisers mark a meeting as held or as a no-show (or clear the mark)."""
        meeting = self._meeting(db, meeting_id)
        event_service.require_organiser(db, user, event_service.get(db, meeting.event_id))
        if meeting.status != MeetingStatus.PUBLISHED.value:
            raise Conflict(_("Only published meetings can be marked."))
        meeting.outcome = outcome
        audit(db, user, "update", "meeting", meeting.id, outcome=outcome)
        return meeting

    def publish(self, db: Session, *, user: User, event_id: int) -> int:
        """Draft meetings become published and locked: later scheduler runs keep them where they are."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        drafts = repo.meetings(db, event.id, status=MeetingStatus.DRAFT.value)
        now = utcnow()
        for m in drafts:
            m.status, m.locked, m.updated_at = MeetingStatus.PUBLISHED.value, True, now
        audit(db, user, "update", "event_meetings", event.id, published=len(drafts))
        return len(drafts)

    # Scheduler ----------------------------------------------------------------------------------
    def queue_run(self, db: Session, *, user: User, event_id: int, time_limit: float = 10.0) -> SchedulerRun:
        """Queues a scheduler run as a background job; it starts once this unit of work commits."""
        from kcbridge.events.tasks import run_scheduler

        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        event_service.expire_requests(db, event_id=event.id)
        problems = scheduler.instance_problems(build_instance(db, event).instance)
        if problems:  # e.g. a published meeting in a slot one of its participants no longer has
            raise Invalid(
                _(
                    "Some published or hand-placed meetings no longer fit the participants' availability or "
                    "limits; move or cancel them, then run the scheduler again."
                ),
                fields=[(("instance", p), m) for p, m in problems],  # the engine's own words, for the API
            )
        run = SchedulerRun(event_id=event.id, requested_by=user.id, time_limit=time_limit)
        db.add(run)
        db.flush()
        audit(db, user, "create", "scheduler_run", run.id, event_id=event.id)
        run_scheduler.defer(db, run_id=run.id)
        return run

    def plan(self, db: Session, run: SchedulerRun) -> tuple[Built, scheduler.Solution]:
        """Builds the instance and solves it; only reads, so it can run outside any write transaction."""
        built = build_instance(db, event_service.get(db, run.event_id))
        solution = scheduler.solve(built.instance, time_limit=run.time_limit, previous=built.previous)
        broken = scheduler.verify(built.instance, solution)
        if broken:
            raise runs.RunFailed("infeasible", "; ".join(broken[:5]))
        return built, solution

    def apply(self, db: Session, run: SchedulerRun, built: Built, solution: scheduler.Solution) -> None:
        """Replaces unlocked drafts by the solution, after checking it still fits the event as it is now.

        Organisers may have published, placed or cancelled meetings while the solver ran; a solution that
        no longer fits is refused (the run fails and can be started again) instead of overwriting them.
        """
        event = event_service.get(db, run.event_id)
        now = build_instance(db, event)
        if now.instance != built.instance or now.locked != built.locked:
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

    def execute(self, db: Session, run: SchedulerRun) -> None:
        """Plan and apply in one unit of work (the demo loader and small jobs)."""
        built, solution = self.plan(db, run)
        self.apply(db, run, built, solution)


meeting_service = MeetingService()
