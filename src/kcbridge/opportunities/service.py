"""Rules of the opportunity board: drafting, staff review, expiry and expressions of interest.

Reads never write: a passed deadline reads as expired (see models), and the periodic jobs in tasks.py
store the expiry (`expire_due`, `expire_stale`) with its audit entries and notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.kit.audit import Actor, audit_service, diff
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _
from kcbridge.notifications.service import notify
from kcbridge.opportunities import repository as repo
from kcbridge.opportunities.models import (
    ExpressionOfInterest,
    Opportunity,
    OpportunitySector,
    OpportunityText,
    answer_by,
)
from kcbridge.opportunities.schemas import OpportunityIn, OpportunityPatch, OppTextIn, ReviewIn

EDITABLE = ("draft", "returned")


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("system")


def snapshot(opp: Opportunity) -> dict[str, Any]:
    return {
        "organisation_id": opp.organisation_id,
        "opp_type": opp.opp_type,
        "coop_types": list(opp.coop_types or []),
        "sectors": opp.sectors,
        "stage": opp.stage,
        "target_country": opp.target_country,
        "partner_type": opp.partner_type,
        "deadline": opp.deadline.isoformat() if opp.deadline else None,
        "anonymous": opp.anonymous,
        "status": opp.status,
        "texts": {t.lang: {"title": t.title, "description": t.description} for t in opp.texts},
    }


@dataclass(frozen=True)
class OpportunityView:
    opp: Opportunity
    shows_owner: bool
    can_manage: bool
    can_review: bool
    interests: list[ExpressionOfInterest]


def _title(opp: Opportunity) -> dict[str, str] | str:
    """The title for a notification: in every language it was written in, read in the reader's."""
    return opp.titles() or f"#{opp.id}"


class OpportunityService:
    def get(self, db: Session, opp_id: int, user: User | None) -> Opportunity:
        """An opportunity the user may read (NotFound hides the others)."""
        opp = repo.get(db, opp_id, user)
        if opp is None:
            raise NotFound(_("This opportunity does not exist."))
        return opp

    def managed(self, db: Session, opp_id: int, user: User | None) -> Opportunity:
        """An opportunity the user may change (NotFound if unreadable, Forbidden if not theirs)."""
        opp = self.get(db, opp_id, user)
        if not repo.may_manage(db, user, opp):
            raise Forbidden(_("Only members of the publishing organisation can change this opportunity."))
        return opp

    def view(self, db: Session, opp_id: int, user: User | None) -> OpportunityView:
        """The detail page's view of an opportunity for `user`: whether its publisher is named to them,
        what they may do, and (for its managers) the expressions of interest it received."""
        opp = self.get(db, opp_id, user)
        manage = repo.may_manage(db, user, opp)
        return OpportunityView(
            opp=opp,
            shows_owner=opp.id in repo.owners_shown(db, user, [opp]),
            can_manage=manage,
            can_review=repo.may_review(user),
            interests=repo.eois_of_opportunity(db, opp.id) if manage else [],
        )

    def board(self, db: Session, **filters: Any) -> tuple[list[Opportunity], int]:
        """Published opportunities (those past their deadline read as expired)."""
        return repo.board(db, **filters)

    def create(self, db: Session, *, user: User, data: OpportunityIn) -> Opportunity:
        """A draft for one of the user's organisations."""
        if directory_repo.get(db, data.organisation_id) is None:
            msg = _("This organisation does not exist.")
            raise Invalid(msg, fields=[(("organisation_id",), msg)])
        if not (user.is_admin or repo.is_member(db, user, data.organisation_id)):
            raise Forbidden(_("You can publish opportunities only for organisations you belong to."))
        opp = Opportunity(
            organisation_id=data.organisation_id,
            opp_type=data.opp_type,
            coop_types=list(data.coop_types),
            stage=data.stage,
            target_country=data.target_country,
            partner_type=data.partner_type,
            deadline=data.deadline,
            anonymous=data.anonymous,
            status="draft",
            review_comment="",
            created_by=user.id,
        )
        opp.texts = [
            OpportunityText(lang=k, title=t.title, description=t.description) for k, t in data.texts.items()
        ]
        opp.sector_rows = [OpportunitySector(sector=s) for s in data.sectors]
        db.add(opp)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type="opportunity",
            entity_id=opp.id,
            changes=diff({}, snapshot(opp)),
        )
        return opp

    def update(self, db: Session, *, user: User, opp_id: int, data: OpportunityPatch) -> Opportunity:
        """Members change drafts and returned opportunities; staff may correct any."""
        opp = self.get(db, opp_id, user) if repo.is_staff(user) else self.managed(db, opp_id, user)
        if opp.status not in EDITABLE and not repo.is_staff(user):
            raise Conflict(_("Only drafts and opportunities returned for changes can be edited."))
        before = snapshot(opp)
        fields = data.model_dump(exclude_unset=True)
        for key in ("opp_type", "stage", "target_country", "partner_type", "deadline", "anonymous"):
            if key in fields and (fields[key] is not None or key not in ("opp_type", "anonymous")):
                setattr(opp, key, fields[key])
        if data.coop_types is not None:
            opp.coop_types = list(data.coop_types)
        if data.sectors is not None:
            opp.sector_rows = [OpportunitySector(sector=s) for s in data.sectors]
        if data.texts is not None:
            self._set_texts(opp, data.texts)
        changes = diff(before, snapshot(opp))
        if changes:
            opp.updated_at = utcnow()
            audit_service.record(
                db,
                actor=actor_of(user),
                action="update",
                entity_type="opportunity",
                entity_id=opp.id,
                changes=changes,
            )
        db.flush()
        return opp

    def _set_texts(self, opp: Opportunity, texts: dict[str, OppTextIn]) -> None:
        existing = {t.lang: t for t in opp.texts}
        keep = []
        for lang, t in texts.items():
            row = existing.get(lang) or OpportunityText(lang=lang)
            row.title, row.description = t.title, t.description
            keep.append(row)
        opp.texts = keep

    def _transition(
        self, db: Session, opp: Opportunity, user: User | None, status: str, **extra: Any
    ) -> None:
        before = opp.status
        opp.status = status
        opp.updated_at = utcnow()
        audit_service.record(
            db,
            actor=actor_of(user),
            action=status,
            entity_type="opportunity",
            entity_id=opp.id,
            changes={"status": [before, status], **extra},
        )
        db.flush()  # readers that reload the row see the new status

    def submit(self, db: Session, *, user: User, opp_id: int) -> Opportunity:
        """Sends a draft (or a returned opportunity) to platform staff for review."""
        opp = self.managed(db, opp_id, user)
        if opp.status not in EDITABLE:
            raise Conflict(_("Only drafts and opportunities returned for changes can be submitted."))
        self._check_deadline(opp.deadline)
        self._transition(db, opp, user, "in_review")
        notify(db, repo.staff_user_ids(db), "review_needed", {"opportunity_id": opp.id, "title": _title(opp)})
        return opp

    def _check_deadline(self, deadline: date | None) -> None:
        if deadline is not None and deadline < date.today():
            msg = _("The deadline has passed: choose a later date.")
            raise Invalid(msg, fields=[(("deadline",), msg)])

    def review(self, db: Session, *, user: User, opp_id: int, data: ReviewIn) -> Opportunity:
        """Staff approve (publish), return with comments, or reject an opportunity in review."""
        if not repo.may_review(user):
            raise Forbidden(_("Only platform staff review opportunities."))
        opp = self.get(db, opp_id, user)
        if opp.status != "in_review":
            raise Conflict(_("This opportunity is not waiting for review."))
        status = {"approve": "published", "return": "returned", "reject": "rejected"}[data.decision]
        if status == "published":
            self._check_deadline(opp.deadline)
            opp.published_at = utcnow()
        opp.review_comment = data.comment.strip()
        self._transition(db, opp, user, status, comment=opp.review_comment)
        kind = {"published": "opp_published", "returned": "opp_returned", "rejected": "opp_rejected"}[status]
        payload = {"opportunity_id": opp.id, "title": _title(opp), "comment": opp.review_comment}
        notify(db, repo.member_user_ids(db, opp.organisation_id), kind, payload)
        return opp

    def close(self, db: Session, *, user: User, opp_id: int) -> Opportunity:
        opp = self.managed(db, opp_id, user)
        if opp.status in ("closed", "rejected"):
            raise Conflict(_("This opportunity is already closed."))
        self._transition(db, opp, user, "closed")
        return opp

    def renew(self, db: Session, *, user: User, opp_id: int, deadline: date | None) -> Opportunity:
        """A new deadline: an expired opportunity is published again at once (staff approved the same
        text); one its owner closed goes back to staff review, since it was withdrawn for a reason."""
        opp = self.managed(db, opp_id, user)
        if opp.status not in ("expired", "closed") or opp.published_at is None:
            raise Conflict(_("Only expired or closed opportunities that were published can be renewed."))
        self._check_deadline(deadline)
        opp.deadline = deadline
        changed = {"deadline": deadline.isoformat() if deadline else None}
        if opp.status == "closed":
            self._transition(db, opp, user, "in_review", **changed)
            notify(
                db, repo.staff_user_ids(db), "review_needed", {"opportunity_id": opp.id, "title": _title(opp)}
            )
            return opp
        opp.published_at = utcnow()
        self._transition(db, opp, user, "published", **changed)
        return opp

    def expire_due(self, db: Session) -> int:
        """Periodic: published opportunities whose deadline passed are stored as expired (with an audit
        entry; matchmaking's hook sees them leave). Readers already saw them as expired."""
        ids = repo.due_for_expiry(db, date.today())
        if ids:
            now = utcnow()
            for opp in repo.get_many(db, ids).values():  # as objects: matchmaking's hook sees them leave
                opp.status, opp.updated_at = "expired", now
            for oid in ids:
                audit_service.record(
                    db,
                    actor=Actor.system("deadline"),
                    action="expired",
                    entity_type="opportunity",
                    entity_id=oid,
                    changes={"status": ["published", "expired"]},
                )
        return len(ids)

    # Expressions of interest ------------------------------------------------------------------

    def send_interest(
        self, db: Session, *, user: User, opp_id: int, from_org_id: int | None, message: str
    ) -> ExpressionOfInterest:
        """Refuses one's own organisation, duplicates and opportunities that are not open."""
        opp = self.get(db, opp_id, user)
        from_org_id = self._sender(db, user, from_org_id)
        if from_org_id == opp.organisation_id:
            raise Conflict(_("You cannot express interest in your own organisation's opportunity."))
        if opp.status != "published":
            raise Conflict(_("This opportunity is closed: it no longer accepts expressions of interest."))
        if repo.open_eoi(db, from_org_id, opp_id=opp.id) is not None:
            raise Conflict(_("Your organisation has already expressed interest in this opportunity."))
        eoi = self._record_interest(db, user, from_org_id, opp.organisation_id, opp, message)
        sender = directory_repo.get(db, from_org_id)
        payload = {
            "eoi_id": eoi.id,
            "opportunity_id": opp.id,
            "title": _title(opp),
            "org": sender.names() if sender else "",
        }
        notify(db, repo.member_user_ids(db, opp.organisation_id), "eoi_received", payload)
        return eoi

    def contact_organisation(
        self, db: Session, *, user: User, to_org_id: int, from_org_id: int | None, message: str
    ) -> ExpressionOfInterest:
        """Interest in an organisation found in the directory or among matches, without an opportunity."""
        target = directory_repo.get(db, to_org_id)
        if target is None or target.deleted_at is not None:
            raise NotFound(_("This organisation does not exist."))
        from_org_id = self._sender(db, user, from_org_id)
        if from_org_id == to_org_id:
            raise Conflict(_("You cannot express interest in your own organisation."))
        if repo.open_eoi(db, from_org_id, to_org=to_org_id) is not None:
            raise Conflict(_("Your organisation has already expressed interest in this organisation."))
        if not repo.member_user_ids(db, to_org_id):
            raise Conflict(_("Nobody manages this profile on kcbridge yet, so nobody could answer."))
        eoi = self._record_interest(db, user, from_org_id, to_org_id, None, message)
        sender = directory_repo.get(db, from_org_id)
        payload = {"eoi_id": eoi.id, "title": target.names(), "org": sender.names() if sender else ""}
        notify(db, repo.member_user_ids(db, to_org_id), "eoi_received_profile", payload)
        return eoi

    def _sender(self, db: Session, user: User, from_org_id: int | None) -> int:
        mine = repo.org_ids_of(db, user.id)
        if from_org_id is None:
            if len(mine) != 1:
                msg = _("Choose the organisation on whose behalf you write.")
                raise Invalid(msg, fields=[(("from_organisation_id",), msg)])
            return mine[0]
        if from_org_id not in mine:
            raise Forbidden(_("You can write only on behalf of an organisation you belong to."))
        return from_org_id

    def _record_interest(
        self, db: Session, user: User, from_org_id: int, to_org_id: int, opp: Opportunity | None, message: str
    ) -> ExpressionOfInterest:
        eoi = ExpressionOfInterest(
            opportunity_id=opp.id if opp else None,
            to_organisation_id=to_org_id,
            from_organisation_id=from_org_id,
            sent_by=user.id,
            message=message.strip(),
            status="pending",
        )
        db.add(eoi)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type="expression_of_interest",
            entity_id=eoi.id,
            changes={
                "opportunity_id": eoi.opportunity_id,
                "to_organisation_id": to_org_id,
                "from_organisation_id": from_org_id,
            },
        )
        return eoi

    def answer(self, db: Session, *, user: User, eoi_id: int, accept: bool) -> ExpressionOfInterest:
        """The addressee accepts (contacts open both ways) or declines a pending expression; of answers
        given at the same moment, one is taken and the others find it answered."""
        eoi = repo.eoi(db, eoi_id, lock=True)
        if eoi is None:
            raise NotFound(_("This expression of interest does not exist."))
        if not repo.is_member(db, user, eoi.to_organisation_id):
            if repo.is_member(db, user, eoi.from_organisation_id):
                raise Forbidden(
                    _("Only the organisation it was sent to can answer this expression of interest.")
                )
            raise NotFound(_("This expression of interest does not exist."))
        if eoi.status != "pending":  # answered, or unanswered for too long (expired as read)
            raise Conflict(_("This expression of interest has already been answered or has expired."))
        eoi.status = "accepted" if accept else "declined"
        eoi.answered_at = utcnow()
        eoi.answered_by = user.id
        audit_service.record(
            db,
            actor=actor_of(user),
            action=eoi.status,
            entity_type="expression_of_interest",
            entity_id=eoi.id,
            changes={"status": ["pending", eoi.status]},
        )
        payload = self._about(eoi)
        kind = "eoi_accepted" if accept else "eoi_declined"
        notify(db, repo.member_user_ids(db, eoi.from_organisation_id), kind, payload)
        return eoi

    def expire_stale(self, db: Session) -> int:
        """Periodic: expressions unanswered for EOI_ANSWER_DAYS are stored as expired; their senders are
        told. Readers already saw them as expired."""
        stale = repo.stale_pending(db, answer_by())
        for eoi in stale:
            eoi.status = "expired"
            audit_service.record(
                db,
                actor=Actor.system("expiry"),
                action="expired",
                entity_type="expression_of_interest",
                entity_id=eoi.id,
                changes={"status": ["pending", "expired"]},
            )
            notify(
                db,
                repo.member_user_ids(db, eoi.from_organisation_id),
                "eoi_expired",
                self._about(eoi),
                mail=False,
            )
        db.flush()
        return len(stale)

    @staticmethod
    def _about(eoi: ExpressionOfInterest) -> dict[str, Any]:
        """Notification payload naming what the expression was about (an opportunity or a profile)."""
        if eoi.opportunity is not None:
            return {"eoi_id": eoi.id, "opportunity_id": eoi.opportunity_id, "title": _title(eoi.opportunity)}
        return {"eoi_id": eoi.id, "title": eoi.to_organisation.names()}

    def interests(
        self, db: Session, *, user: User
    ) -> tuple[list[ExpressionOfInterest], list[ExpressionOfInterest]]:
        """(received, sent) expressions of the user's organisations."""
        return repo.interests_of(db, user)


opportunity_service = OpportunityService()
