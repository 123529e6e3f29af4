"""A participant switches between attending on site and online.

Switching online after being scheduled at a venue table moves each such meeting to a free online room at
the same time (both sides are told); a meeting that finds no free room stays where it is and the
organisers are told, so nothing is silently left where one side cannot come.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.events import hybrid, notices, policy
from kcbridge.events import repository as repo
from kcbridge.events.models import Event, Meeting, MeetingStatus, Participant
from kcbridge.events.schemas import AttendanceIn, check_link, web_link
from kcbridge.events.service import audit, event_service, invalid
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden
from kcbridge.kit.i18n import _


@dataclass
class Switched:
    participant: Participant
    moved: list[Meeting] = field(default_factory=list)  # now in an online room
    stuck: list[Meeting] = field(default_factory=list)  # no online room free: the organisers were told


class AttendanceService:
    def set_attendance(self, db: Session, *, user: User, participant_id: int, data: AttendanceIn) -> Switched:
        """The participant's people or the organisers switch it on site / online."""
        p = event_service.participant(db, participant_id)
        event = event_service.get(db, p.event_id)
        if not (policy.acts_for(db, user, p) or policy.is_organiser(db, user, event)):
            raise Forbidden(_("Only this participant and the organisers can change how it attends."))
        value = data.attendance.value
        if value not in hybrid.attendances(event):
            message = (
                _("This event takes place on site only.")
                if event.mode == "onsite"
                else _("This event takes place online only.")
            )
            raise invalid(message, "attendance")
        out = Switched(p)
        if value == p.attendance:
            return out
        before, p.attendance = p.attendance, value
        audit(db, user, "update", "event_participant", p.id, attendance=[before, value])
        if value == hybrid.ONLINE:
            self._move_online(db, user, event, p, out)
        return out

    def _move_online(self, db: Session, user: User, event: Event, p: Participant, out: Switched) -> None:
        tables = {t.id: t for t in repo.tables(db, event.id)}
        rooms = [t for t in tables.values() if t.kind == hybrid.ROOM and hybrid.room_has_link(event, t)]
        mine = repo.meetings(db, event.id, participant_ids=[p.id])
        for m in mine:
            if tables[m.table_id].kind == hybrid.ROOM:
                continue
            sides = [s.participant_id for s in m.seats]
            taken = {x.table_id for x in repo.meetings(db, event.id, slot_id=m.slot_id)}
            free = [t for t in rooms if t.id not in taken and (t.owner_id is None or t.owner_id in sides)]
            if not free or not self._move(db, user, m, free[0].id):
                out.stuck.append(m)
                continue
            out.moved.append(m)
            if m.status == MeetingStatus.PUBLISHED.value:
                notices.meeting_changed(db, event, m, notices.MOVED, sides)
        if out.stuck:
            notices.attendance_conflict(db, event, p, out.stuck)

    def _move(self, db: Session, user: User, meeting: Meeting, table_id: int) -> bool:
        try:
            with db.begin_nested():
                meeting.table_id, meeting.updated_at = table_id, utcnow()
                meeting.reminded_day = meeting.reminded_hour = False
                db.flush()
        except IntegrityError:  # taken meanwhile by another organiser
            db.refresh(meeting)
            return False
        audit(db, user, "update", "meeting", meeting.id, table_id=table_id, reason="attendance_online")
        return True

    def set_video_address(self, db: Session, *, user: User, event_id: int, url: str) -> Event:
        """Organisers set (or clear) the video-meeting address online rooms without a link of their own use;
        clearing it is refused while such a room holds a meeting."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        try:
            value = check_link(url)
        except ValueError as exc:
            raise invalid(str(exc), "video_base_url") from None
        if value is None:
            linkless = {
                t.id
                for t in repo.tables(db, event.id)
                if t.kind == hybrid.ROOM and not web_link(t.online_url)
            }
            if any(m.table_id in linkless for m in repo.meetings(db, event.id)):
                raise invalid(
                    _(
                        "Online rooms without a link of their own hold meetings: keep the video-meeting address."
                    ),
                    "video_base_url",
                )
        before, event.video_base_url = event.video_base_url, value
        audit(db, user, "update", "event", event.id, video_base_url=[before, value])
        return event


attendance_service = AttendanceService()
