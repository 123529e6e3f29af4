"""Pitch projects: what an organisation pitches at an event, who bookmarks it, who asks to meet about it.

Projects are presented in a pitch session of the agenda. Investors, producers and buyers bookmark them and
request meetings about them; those requests are ordinary meeting requests (tagged with the project), so
they flow into the same scheduler, and a bookmark counts as mutual interest when the scheduler weighs a
request between the two. The organisers see the interest in every project; a project's own people see who
is interested in it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.events import policy
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import display_name
from kcbridge.events.models import (
    AgendaSession,
    Event,
    MeetingRequest,
    Participant,
    Project,
    ProjectBookmark,
    RegistrationStatus,
    SessionKind,
)
from kcbridge.events.schemas import ProjectIn, RequestIn
from kcbridge.events.service import audit, event_service, invalid
from kcbridge.kit.errors import Forbidden, NotFound
from kcbridge.kit.i18n import _, get_lang

TEXT_FIELDS = tuple(f"{f}_{x}" for f in ("title", "logline", "description") for x in ("ko", "zh", "en"))
AUDIENCE = ("investor", "producer", "buyer")  # the roles a pitch is made to


def projects(db: Session, event_id: int) -> list[Project]:
    return list(db.scalars(select(Project).where(Project.event_id == event_id).order_by(Project.id)))


def bookmarked(db: Session, participant_ids: list[int]) -> set[tuple[int, int]]:
    """(participant, project) bookmarks of the given participants."""
    if not participant_ids:
        return set()
    rows = db.execute(
        select(ProjectBookmark.participant_id, ProjectBookmark.project_id).where(
            ProjectBookmark.participant_id.in_(participant_ids)
        )
    )
    return {(a, b) for a, b in rows}


def liked_pairs(db: Session, event_id: int) -> set[tuple[int, int]]:
    """(bookmarking participant, presenting participant) pairs: interest the scheduler weighs."""
    rows = db.execute(
        select(ProjectBookmark.participant_id, Project.participant_id)
        .join(Project, Project.id == ProjectBookmark.project_id)
        .where(ProjectBookmark.event_id == event_id)
    )
    return {(a, b) for a, b in rows}


@dataclass
class Interest:
    project: Project
    bookmarks: int
    requests: int


def interest(db: Session, event_id: int) -> list[Interest]:
    """Bookmarks and meeting requests per project, most wanted first."""
    marks = Counter(
        dict(
            db.execute(
                select(ProjectBookmark.project_id, func.count())
                .where(ProjectBookmark.event_id == event_id)
                .group_by(ProjectBookmark.project_id)
            ).all()
        )
    )
    asks = Counter(
        dict(
            db.execute(
                select(MeetingRequest.project_id, func.count())
                .where(MeetingRequest.event_id == event_id, MeetingRequest.project_id.is_not(None))
                .group_by(MeetingRequest.project_id)
            ).all()
        )
    )
    rows = [Interest(p, int(marks[p.id]), int(asks[p.id])) for p in projects(db, event_id)]
    return sorted(rows, key=lambda i: (-(i.bookmarks + i.requests), i.project.id))


@dataclass
class Interested:
    participant: Participant
    name: str
    bookmarked: bool
    request: MeetingRequest | None


class ProjectService:
    def get(self, db: Session, project_id: int) -> Project:
        row = db.get(Project, project_id)
        if row is None:
            raise NotFound(_("This project does not exist."))
        return row

    def _check(self, db: Session, user: User, event: Event, data: ProjectIn) -> Participant:
        owner = repo.participant(db, data.participant_id)
        if owner is None or owner.event_id != event.id:
            raise invalid(
                _("Participant {id} is not registered for this event.").format(id=data.participant_id),
                "participant_id",
            )
        if not (policy.acts_for(db, user, owner) or policy.is_organiser(db, user, event)):
            raise Forbidden(_("Only the presenting organisation and the organisers can edit its projects."))
        if owner.status in (RegistrationStatus.REJECTED.value, RegistrationStatus.DECLINED.value):
            raise invalid(_("This participant does not take part in the event."), "participant_id")
        if data.session_id is not None:
            session = db.get(AgendaSession, data.session_id)
            if session is None or session.event_id != event.id or session.kind != SessionKind.PITCH.value:
                raise invalid(
                    _("A project is presented in a pitch session of this event's agenda."), "session_id"
                )
        return owner

    def create(self, db: Session, *, user: User, event_id: int, data: ProjectIn) -> Project:
        """The presenting organisation (or an organiser) adds a project to the event."""
        event = event_service.get(db, event_id)
        self._check(db, user, event, data)
        row = Project(event_id=event.id, **data.model_dump(mode="json"))
        for f in TEXT_FIELDS:
            value = getattr(row, f)
            setattr(row, f, value.strip() if value else ("" if not f.startswith("title") else None))
        db.add(row)
        db.flush()
        audit(db, user, "create", "event_project", row.id, title=row.title("en"), session_id=row.session_id)
        return row

    def update(self, db: Session, *, user: User, project_id: int, data: ProjectIn) -> Project:
        row = self.get(db, project_id)
        event = event_service.get(db, row.event_id)
        current = repo.participant(db, row.participant_id)
        if current is None or not (
            policy.acts_for(db, user, current) or policy.is_organiser(db, user, event)
        ):
            raise Forbidden(_("Only the presenting organisation and the organisers can edit its projects."))
        self._check(db, user, event, data)
        changed = {}
        for key, value in data.model_dump(mode="json").items():
            if getattr(row, key) != value:
                changed[key] = value
                setattr(row, key, value)
        db.flush()
        audit(db, user, "update", "event_project", row.id, fields=sorted(changed))
        return row

    def delete(self, db: Session, *, user: User, project_id: int) -> None:
        row = self.get(db, project_id)
        event = event_service.get(db, row.event_id)
        owner = repo.participant(db, row.participant_id)
        if not ((owner and policy.acts_for(db, user, owner)) or policy.is_organiser(db, user, event)):
            raise Forbidden(_("Only the presenting organisation and the organisers can edit its projects."))
        db.delete(row)
        audit(db, user, "delete", "event_project", project_id)

    def bookmark(
        self, db: Session, *, user: User, participant_id: int, project_id: int, on: bool = True
    ) -> bool:
        """A participant bookmarks a project (or forgets it); never its own organisation's."""
        me, project = event_service.participant(db, participant_id), self.get(db, project_id)
        if project.event_id != me.event_id:
            raise invalid(_("This project is not pitched at your event."), "project_id")
        if not policy.acts_for(db, user, me):
            raise Forbidden(_("You can only bookmark for your own registration."))
        owner = repo.participant(db, project.participant_id)
        if owner is not None and owner.organisation_id == me.organisation_id:
            raise invalid(_("You cannot bookmark your own project."), "project_id")
        row = db.get(ProjectBookmark, (me.id, project.id))
        if on and row is None:
            db.add(ProjectBookmark(participant_id=me.id, project_id=project.id, event_id=project.event_id))
            audit(db, user, "create", "event_project_bookmark", project.id, participant_id=me.id)
        elif not on and row is not None:
            db.delete(row)
            audit(db, user, "delete", "event_project_bookmark", project.id, participant_id=me.id)
        db.flush()
        return on

    def request_meeting(
        self, db: Session, *, user: User, project_id: int, from_id: int, message: str = ""
    ) -> MeetingRequest:
        """A meeting request to the project's presenters about it: an ordinary request, so the same
        scheduler places it once they accept."""
        project = self.get(db, project_id)
        data = RequestIn(from_id=from_id, to_id=project.participant_id, message=message)
        row = event_service.request_meeting(db, user=user, event_id=project.event_id, data=data)
        row.project_id = project.id
        db.flush()
        return row

    def interested(self, db: Session, *, user: User, project_id: int) -> list[Interested]:
        """Who bookmarked the project or asked to meet about it: for its own people and the organisers."""
        project = self.get(db, project_id)
        event = event_service.get(db, project.event_id)
        owner = repo.participant(db, project.participant_id)
        if not ((owner and policy.acts_for(db, user, owner)) or policy.is_organiser(db, user, event)):
            raise Forbidden(_("Only the presenting organisation and the organisers see who is interested."))
        marks = set(
            db.scalars(select(ProjectBookmark.participant_id).where(ProjectBookmark.project_id == project.id))
        )
        asks = {
            r.from_id: r
            for r in db.scalars(select(MeetingRequest).where(MeetingRequest.project_id == project.id))
        }
        people = {p.id: p for p in repo.participants(db, event.id) if p.id in marks | set(asks)}
        orgs = repo.organisations(db, [p.organisation_id for p in people.values()])
        lang = get_lang()
        rows = [
            Interested(p, display_name(p, orgs.get(p.organisation_id), lang), p.id in marks, asks.get(p.id))
            for p in people.values()
        ]
        return sorted(rows, key=lambda i: (i.request is None, not i.bookmarked, i.name))


project_service = ProjectService()
