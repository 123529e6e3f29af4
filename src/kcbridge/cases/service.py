"""Rules of a case's life: filing, routing, the thread, status changes, reassignment and the rating.

Every change of state is audited; the SLA clocks (sla.py) move with the status: the first reply stops
the first clock, a question to the firm pauses the resolution clock until the firm answers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.cases import messages, sla
from kcbridge.cases import repository as repo
from kcbridge.cases.models import Case, CaseAssignment, CaseMessage
from kcbridge.cases.policy import (
    ADMIN,
    FIRM,
    INSTITUTION,
    refuse_reader,
    require_case_user,
    require_side,
    side_of,
)
from kcbridge.cases.rules import check_institution, route_service
from kcbridge.cases.schemas import CaseIn, CasePatch, MessageIn, RatingIn, ReassignIn, StatusIn
from kcbridge.cases.vocab import FIRM_TYPES, TRANSITIONS, country_of, label
from kcbridge.directory.models import Organisation
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Forbidden, Invalid
from kcbridge.kit.i18n import _, get_lang

ENTITY = "case"
ROUTED = ("category", "sector", "region")
EDITABLE = ("category", "sector", "region", "lang", "subject", "description", "desired_outcome")


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("system")


def audit(db: Session, user: User | None, action: str, case: Case, **changes: Any) -> None:
    """One audit entry per transition (codes and ids only: case texts stay out of the log)."""
    audit_service.record(
        db, actor=actor_of(user), action=action, entity_type=ENTITY, entity_id=case.id, changes=changes
    )


def payload(case: Case, org: Organisation | None = None) -> dict[str, Any]:
    return {
        "case_id": case.id,
        "title": case.subject,
        "org": org.names() if org else "",  # read in each reader's language
        "link": f"/cases/{case.id}",
    }


def not_allowed(case: Case, to: str) -> Conflict:
    lang = get_lang()
    return Conflict(
        _("A case cannot go from “{current}” to “{wanted}”.").format(
            current=label(case.status, lang), wanted=label(to, lang)
        )
    )


# SLA bookkeeping ----------------------------------------------------------------------------------


def start_clocks(case: Case, now: datetime) -> None:
    case.submitted_at = now
    case.first_reply_due_at, case.resolution_due_at = sla.deadlines(case.category, now)


def pause(case: Case, now: datetime) -> None:
    if case.paused_since is None:
        case.paused_since = now


def resume(case: Case, now: datetime) -> None:
    """Ends a pause: the resolution deadline moves by its length."""
    length = sla.pause_length(case.paused_since, now)
    if case.paused_since is not None:
        case.paused_seconds += length
        case.resolution_due_at = case.resolution_due_at + (now - case.paused_since)
        case.paused_since = None


def first_reply(case: Case, now: datetime) -> None:
    if case.first_reply_at is not None:
        return
    case.first_reply_at = now
    case.first_reply_seconds = sla.business_seconds(case.submitted_at, now, case.paused_seconds)
    if sla.first_reply_breached(case.first_reply_due_at, now, now) and case.first_reply_breached_at is None:
        case.first_reply_breached_at = now


def close(case: Case, status: str, now: datetime) -> None:
    resume(case, now)
    first_reply(case, now)  # a reasoned resolution or refusal answers the firm too
    case.status, case.closed_at = status, now
    case.resolution_seconds = sla.business_seconds(case.submitted_at, now, case.paused_seconds)
    if (
        sla.resolution_breached(case.resolution_due_at, now, False, now)
        and case.resolution_breached_at is None
    ):
        case.resolution_breached_at = now


# Service ------------------------------------------------------------------------------------------


class CaseService:
    def get(self, db: Session, case_id: int, user: User | None) -> Case:
        """A case `user` may read (readable_statement), else 403 for officers or 404."""
        case = repo.get_readable(db, case_id, user)
        if case is None:
            refuse_reader(db, user, case_id)
        assert case is not None
        return case

    def get_acting(self, db: Session, case_id: int, user: User, *allowed: str) -> tuple[Case, str]:
        case = self.get(db, case_id, user)
        return case, require_side(side_of(db, user, case), *allowed)

    def create(self, db: Session, *, user: User, data: CaseIn, now: datetime | None = None) -> Case:
        """A firm's case, routed at once by the most specific rule (or left for an administrator)."""
        require_case_user(user)
        org = db.get(Organisation, data.organisation_id)
        if org is None or org.deleted_at is not None:
            msg = _("This organisation does not exist.")
            raise Invalid(msg, fields=[(("organisation_id",), msg)])
        if not repo.is_member(db, user.id, org.id) and not user.is_admin:
            raise Forbidden(_("You can file cases only for organisations you belong to."))
        if org.org_type not in FIRM_TYPES:
            msg = _("Cases are filed by firms (companies, investors, incubators, universities, institutes).")
            raise Invalid(msg, fields=[(("organisation_id",), msg)])
        return self.file(db, user=user, org=org, data=data, now=now or utcnow())

    def file(
        self,
        db: Session,
        *,
        user: User,
        org: Organisation,
        data: CaseIn,
        now: datetime,
        event_id: int | None = None,
    ) -> Case:
        """Stores and routes a checked case; a round table's (`event_id`) waits for the firm's confirmation."""
        case = Case(**{k: getattr(data, k) for k in EDITABLE}, organisation_id=org.id)
        case.country, case.filed_by = country_of(data.region), user.id
        case.origin, case.event_id = ("round_table", event_id) if event_id else ("firm", None)
        case.confirmed_at = None if event_id else now
        case.created_at = case.updated_at = now
        start_clocks(case, now)
        db.add(case)
        db.flush()
        audit(
            db,
            user,
            "create",
            case,
            status=[None, case.status],
            origin=[None, case.origin],
            event_id=event_id,
        )
        self._route(db, user, case, now)
        return case

    def _route(self, db: Session, user: User | None, case: Case, now: datetime) -> None:
        rule = route_service.choose(db, case)
        case.route_id = rule.id if rule else None
        if rule is None:
            case.institution_id = None
            messages.tell(db, repo.admin_ids(db), "case_unrouted", payload(case))
            audit(db, user, "route", case, institution_id=[None, None])
            return
        self._assign(db, user, case, rule.institution_id, now)
        audit(db, user, "route", case, institution_id=[None, rule.institution_id], route_id=rule.id)

    def _assign(self, db: Session, user: User | None, case: Case, institution_id: int, now: datetime) -> None:
        case.institution_id = institution_id
        db.add(
            CaseAssignment(
                case_id=case.id,
                institution_id=institution_id,
                assigned_at=now,
                assigned_by=user.id if user else None,
            )
        )
        db.flush()
        org = db.get(Organisation, institution_id)
        messages.tell(db, repo.agent_ids(db, institution_id), "case_routed", payload(case, org))

    def update(self, db: Session, *, user: User, case_id: int, data: CasePatch) -> Case:
        """The firm corrects its case while it is open (a round-table case also gets confirmed); a case
        not yet accepted is routed again when its category, sector or region changed."""
        case, _side = self.get_acting(db, case_id, user, FIRM)
        if not case.is_open:
            raise Conflict(_("A closed case cannot be changed: write in its thread instead."))
        fields = data.model_dump(exclude_unset=True, exclude={"confirm"})
        before = {k: getattr(case, k) for k in EDITABLE}
        held_by = case.institution_id
        for key, value in fields.items():
            if value is not None:
                setattr(case, key, value)
        case.country = country_of(case.region)
        now = utcnow()
        changed = [k for k in EDITABLE if getattr(case, k) != before[k]]
        if changed:
            case.updated_at = now
            audit(db, user, "update", case, fields=changed)
        if data.confirm and case.confirmed_at is None:
            case.confirmed_at = now
            audit(db, user, "confirm", case, confirmed=[False, True])
        if case.status == "submitted" and any(k in changed for k in ROUTED):
            current = repo.current_assignment(db, case.id)
            rule = route_service.choose(db, case)
            if rule is not None and rule.institution_id != case.institution_id:
                if current is not None:
                    current.ended_at = now
                case.route_id = rule.id
                self._assign(db, user, case, rule.institution_id, now)
                audit(db, user, "route", case, institution_id=[held_by, rule.institution_id])
        db.flush()
        return case

    def post_message(self, db: Session, *, user: User, case_id: int, data: MessageIn) -> CaseMessage:
        """A message in the thread. An institution's question pauses the resolution clock until the firm
        answers; the institution's first word stops the first-reply clock."""
        case, side = self.get_acting(db, case_id, user, FIRM, INSTITUTION, ADMIN)
        if not case.is_open:
            raise Conflict(_("This case is closed: its thread takes no new messages."))
        now = utcnow()
        if data.question and side == FIRM:
            raise Forbidden(_("Only support agents of the institution handling this case can do this."))
        if data.question:
            if "waiting_firm" not in TRANSITIONS[case.status] and case.status != "waiting_firm":
                raise not_allowed(case, "waiting_firm")
            old = case.status
            case.status = "waiting_firm"
            pause(case, now)
            audit(db, user, "ask", case, status=[old, case.status])
        msg = CaseMessage(
            case_id=case.id, author_id=user.id, side=side, kind="question" if data.question else "message"
        )
        msg.body, msg.created_at = data.body, now
        db.add(msg)
        if side in (INSTITUTION, ADMIN):
            first_reply(case, now)
            kind = "case_question" if data.question else "case_reply"
            messages.tell(
                db, repo.member_user_ids(db, case.organisation_id), kind, payload(case, case.institution)
            )
        else:
            if case.status == "waiting_firm":
                case.status = "in_progress"
                resume(case, now)
                audit(db, user, "answer", case, status=["waiting_firm", "in_progress"])
            if case.institution_id:
                messages.tell(db, repo.agent_ids(db, case.institution_id), "case_reply", payload(case))
        case.updated_at = now
        db.flush()
        return msg

    def change_status(self, db: Session, *, user: User, case_id: int, data: StatusIn) -> Case:
        """Accept (in progress), resolve or refuse, each only from the statuses that allow it; resolving
        and refusing need reasons, which the firm reads in the thread."""
        case, side = self.get_acting(db, case_id, user, INSTITUTION, ADMIN)
        if data.status not in TRANSITIONS[case.status]:
            raise not_allowed(case, data.status)
        if case.institution_id is None:
            raise Conflict(_("Assign this case to an institution first."))
        if data.status in ("resolved", "refused") and not data.reason:
            msg = _("Give the reasons: the firm reads them.")
            raise Invalid(msg, fields=[(("reason",), msg)])
        now, old = utcnow(), case.status
        if data.status == "in_progress":
            if old == "submitted":
                case.accepted_at = now
            resume(case, now)
            case.status = "in_progress"
            kind = "case_accepted" if old == "submitted" else "case_reply"
        else:
            close(case, data.status, now)
            kind = "case_resolved" if data.status == "resolved" else "case_refused"
        if data.reason:
            body_kind = {"resolved": "resolution", "refused": "refusal"}.get(data.status, "message")
            note = CaseMessage(
                case_id=case.id, author_id=user.id, side=side, kind=body_kind, body=data.reason
            )
            note.created_at = now
            db.add(note)
        case.updated_at = now
        audit(
            db, user, {"in_progress": "accept"}.get(data.status, data.status), case, status=[old, case.status]
        )
        messages.tell(
            db, repo.member_user_ids(db, case.organisation_id), kind, payload(case, case.institution)
        )
        db.flush()
        return case

    def reassign(self, db: Session, *, user: User, case_id: int, data: ReassignIn) -> Case:
        """Passes an open case to another institution with a reason. An institution that passed the case
        on never gets it back, unless an administrator sends it (no loops between institutions)."""
        case, side = self.get_acting(db, case_id, user, INSTITUTION, ADMIN)
        if not case.is_open:
            raise Conflict(_("A closed case cannot be passed on."))
        target = check_institution(db, data.institution_id)
        if target.id == case.institution_id:
            msg = _("This institution already handles the case.")
            raise Invalid(msg, fields=[(("institution_id",), msg)])
        passed = {a.institution_id for a in repo.assignments(db, case.id) if a.passed_on}
        if side != ADMIN and target.id in passed:
            msg = _(
                "{org} already passed this case on: it cannot be sent back there (only an administrator can)."
            ).format(org=target.name(get_lang()))
            raise Conflict(msg, fields=[(("institution_id",), msg)])
        now, old = utcnow(), (case.status, case.institution_id)
        current = repo.current_assignment(db, case.id)
        if current is not None:
            current.ended_at, current.reason = now, data.reason
            current.passed_on = side == INSTITUTION
        resume(case, now)
        case.status, case.accepted_at, case.updated_at = "submitted", None, now
        note = CaseMessage(
            case_id=case.id, author_id=user.id, side=side, kind="reassignment", body=data.reason
        )
        note.created_at = now
        db.add(note)
        self._assign(db, user, case, target.id, now)
        audit(db, user, "reassign", case, status=[old[0], "submitted"], institution_id=[old[1], target.id])
        messages.tell(
            db, repo.member_user_ids(db, case.organisation_id), "case_reassigned", payload(case, target)
        )
        db.flush()
        return case

    def rate(self, db: Session, *, user: User, case_id: int, data: RatingIn) -> Case:
        """The firm rates a resolution once (1 to 5, with an optional comment)."""
        case, _side = self.get_acting(db, case_id, user, FIRM)
        if case.status != "resolved":
            raise Conflict(_("Only a resolved case can be rated."))
        if case.rating is not None:
            raise Conflict(_("This case has been rated already."))
        case.rating, case.rating_comment, case.rated_at = data.score, data.comment, utcnow()
        audit(db, user, "rate", case, rating=[None, data.score])
        db.flush()
        return case

    def listing(self, db: Session, *, user: User, **filters: Any) -> tuple[list[Case], int]:
        """Cases the user may read, narrowed by words and filters (officers and analysts: 403)."""
        require_case_user(user)
        return repo.listing(db, repo.readable_statement(user), **filters)

    def shared(self, db: Session, *, user: User, offset: int = 0, limit: int = 50) -> tuple[list[Case], int]:
        """Cases firms shared with this officer by name."""
        return repo.listing(db, repo.shared_statement(user), offset=offset, limit=limit)


case_service = CaseService()
