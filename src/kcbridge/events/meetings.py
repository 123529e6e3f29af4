"""Meeting rules: place, move, cancel and publish meetings, and feed the pure scheduler from the database.

The database refuses double bookings (unique live slot+table, unique seat per slot and participant);
a refused write becomes a Conflict naming the meeting, never a silent overwrite.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.events import hybrid, notices, scheduler
from kcbridge.events import repository as repo
from kcbridge.events.models import (
    Event,
    Meeting,
    MeetingRequest,
    MeetingStatus,
    RequestStatus,
    SchedulerRun,
)
from kcbridge.events.planning import build_instance
from kcbridge.events.schemas import MeetingIn, MoveIn
from kcbridge.events.service import audit, cancel_meeting, event_service, invalid, seat
from kcbridge.events.tasks import run_scheduler
from kcbridge.events.timefmt import day_time
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Invalid, NotFound
from kcbridge.kit.i18n import _


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
        a, b = (event_service.participant(db, pid) for pid in sides)
        if hybrid.online_meeting(a, b) and table.kind != hybrid.ROOM:
            raise invalid(
                _("One side attends online: choose an online room for this meeting, not {table}.").format(
                    table=table.name
                ),
                "table_id",
            )
        if not hybrid.room_has_link(event, table):
            raise invalid(
                _(
                    "The online room {table} has no link: give it one, or set the event's video-meeting "
                    "address first."
                ).format(table=table.name),
                "table_id",
            )
        for p in (a, b):
            pid = p.id
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
        if meeting.status == MeetingStatus.PUBLISHED.value and before != (meeting.slot_id, meeting.table_id):
            meeting.reminded_day = meeting.reminded_hour = False
            notices.meeting_changed(db, event, meeting, notices.MOVED, (request.from_id, request.to_id))
        return meeting

    def cancel(self, db: Session, *, user: User, meeting_id: int) -> Meeting:
        meeting = self._meeting(db, meeting_id)
        event = event_service.get(db, meeting.event_id)
        event_service.require_organiser(db, user, event)
        if meeting.status == MeetingStatus.CANCELLED.value:
            return meeting
        was_published = meeting.status == MeetingStatus.PUBLISHED.value
        sides = [s.participant_id for s in meeting.seats]
        cancel_meeting(db, meeting)
        audit(db, user, "update", "meeting", meeting.id, status="cancelled")
        if was_published:
            notices.meeting_changed(db, event, meeting, notices.CANCELLED, sides)
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
        notices.schedule_published(db, event, drafts)
        return len(drafts)

    # Scheduler ----------------------------------------------------------------------------------
    def queue_run(self, db: Session, *, user: User, event_id: int, time_limit: float = 10.0) -> SchedulerRun:
        """Queues a scheduler run as a background job; it starts once this unit of work commits."""
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


meeting_service = MeetingService()
