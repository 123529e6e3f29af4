"""Round-table mode: at a mayor's meeting with thirty firms, an organiser records their difficulties
quickly, each for a participating firm, which then sees, corrects, confirms and owns its case."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import messages
from kcbridge.cases import repository as repo
from kcbridge.cases.models import Case
from kcbridge.cases.schemas import CaseIn, RoundTableRow
from kcbridge.cases.service import case_service, payload
from kcbridge.cases.vocab import FIRM_TYPES
from kcbridge.directory.models import Organisation
from kcbridge.events import policy as event_policy
from kcbridge.events import repository as events_repo
from kcbridge.events.models import Event, EventType, RegistrationStatus
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _


class RoundTableService:
    def event(self, db: Session, *, user: User, event_id: int) -> Event:
        """A round table the user organises (members of the organiser or a co-host, administrators)."""
        event = events_repo.event(db, event_id)
        if event is None:
            raise NotFound(_("This event does not exist."))
        if not event_policy.is_organiser(db, user, event):
            raise Forbidden(_("Only the organisers of this round table can record its cases."))
        if event.event_type != EventType.ROUND_TABLE.value:
            raise Invalid(_("Cases are recorded at round tables only: this event is another kind."))
        return event

    def mine(self, db: Session, *, user: User) -> list[Event]:
        """Round tables the user organises, latest first."""
        stmt = select(Event).where(Event.event_type == EventType.ROUND_TABLE.value)
        found = db.scalars(stmt.order_by(Event.starts_at.desc(), Event.id.desc()).limit(200))
        return [e for e in found if event_policy.is_organiser(db, user, e)]

    def firms(self, db: Session, event: Event) -> list[Organisation]:
        """Organisations registered (and approved) at the round table."""
        ids = [
            p.organisation_id
            for p in events_repo.participants(db, event.id, status=RegistrationStatus.APPROVED)
        ]
        orgs = [o for o in events_repo.organisations(db, ids).values() if o.org_type in FIRM_TYPES]
        return sorted(orgs, key=lambda o: (o.name_ko or o.name_en or o.name_zh or "", o.id))

    def record(self, db: Session, *, user: User, event_id: int, rows: Sequence[RoundTableRow]) -> list[Case]:
        """Records every row, or none: a row for a firm not at the table is refused with its row number."""
        event = self.event(db, user=user, event_id=event_id)
        firms = {o.id: o for o in self.firms(db, event)}
        for i, row in enumerate(rows):
            if row.organisation_id not in firms:
                msg = _("Choose a firm that takes part in this round table.")
                raise Invalid(msg, fields=[(("cases", i, "organisation_id"), msg)])
        now = utcnow()
        cases = []
        for row in rows:
            data = CaseIn.model_validate(row.model_dump())
            case = case_service.file(
                db, user=user, org=firms[row.organisation_id], data=data, now=now, event_id=event.id
            )
            org = firms[row.organisation_id]
            messages.tell(db, repo.member_user_ids(db, org.id), "case_recorded", payload(case, org))
            cases.append(case)
        return cases

    def recorded(self, db: Session, event_id: int) -> int:
        return repo.recorded_at(db, event_id)


round_table_service = RoundTableService()
