"""Rules of commitments: what is due when, who changes what, which status may follow which, progress."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.agreements import policy, vocab
from kcbridge.agreements import repository as repo
from kcbridge.agreements.models import Agreement, Commitment, CommitmentSupporter, Milestone, ProgressNote
from kcbridge.agreements.schemas import CommitmentIn, CommitmentPatch, MilestoneIn, ProgressIn
from kcbridge.agreements.service import actor_of, agreement_service, invalid, today
from kcbridge.directory import repository as directory_repo
from kcbridge.kit.audit import audit_service, diff
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, NotFound
from kcbridge.kit.i18n import _, get_lang

ENTITY = "commitment"
DEFINITION = (
    "what_ko",
    "what_zh",
    "what_en",
    "owner_org_id",
    "responsible_name",
    "responsible_person_id",
    "starts_on",
    "due_on",
)
REPORTING = ("status", "completion")


def snapshot(c: Commitment) -> dict[str, Any]:
    return {
        **{k: getattr(c, k) for k in DEFINITION + REPORTING},
        "supporter_ids": c.supporter_ids,
        "milestones": [[m.title, m.due_on, m.done] for m in c.milestones],
    }


def transition_error(current: str, new: str, lang_label: Any) -> str:
    allowed = sorted(vocab.TRANSITIONS.get(current, frozenset()))
    return _("A commitment that is “{current}” cannot become “{new}”. It can become: {allowed}.").format(
        current=lang_label(current),
        new=lang_label(new),
        allowed=", ".join(lang_label(s) for s in allowed) or "—",
    )


class CommitmentService:
    def of_agreement(
        self, db: Session, *, user: User | None, agreement_id: int
    ) -> tuple[Agreement, list[Commitment]]:
        """An agreement the user may read and its commitments."""
        a = agreement_service.get(db, agreement_id, user)
        return a, repo.commitments(db, a.id)

    def get(
        self, db: Session, *, user: User | None, agreement_id: int, commitment_id: int
    ) -> tuple[Agreement, Commitment]:
        """A commitment of an agreement the user may read."""
        a = agreement_service.get(db, agreement_id, user)
        c = repo.commitment(db, a.id, commitment_id)
        if c is None:
            raise NotFound(_("This commitment does not exist."))
        return a, c

    def create(self, db: Session, *, user: User, agreement_id: int, data: CommitmentIn) -> Commitment:
        """A commitment added by a member of the parties."""
        a = agreement_service.get(db, agreement_id, user)
        if not policy.can_edit(db, user, a):
            raise Forbidden(_("Only members of the parties can add commitments to this agreement."))
        c = Commitment(
            agreement_id=a.id,
            **{k: getattr(data, k) for k in DEFINITION + REPORTING},
            position=len(repo.commitments(db, a.id)),
        )
        c.supporter_rows = [CommitmentSupporter(organisation_id=o) for o in data.supporter_ids]
        c.milestones = self._milestones(data.milestones)
        self._check(db, a, c)
        if c.status == "done":
            c.completion = "complete"
        db.add(c)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type=ENTITY,
            entity_id=c.id,
            changes=diff({}, snapshot(c)),
        )
        return c

    def update(
        self, db: Session, *, user: User, agreement_id: int, commitment_id: int, data: CommitmentPatch
    ) -> Commitment:
        """Parties' members change what is committed; the owner's members its status, completion and
        milestones. A status may only follow the current one as vocab.TRANSITIONS allows."""
        a, c = self.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
        given = data.model_dump(exclude_unset=True)
        defines = [k for k in (*DEFINITION, "supporter_ids") if k in given]
        if defines and not policy.can_edit(db, user, a):
            raise Forbidden(_("Only members of the parties can change what was committed."))
        if not policy.can_report(db, user, a, c):
            raise Forbidden(_("Only the owner and the parties can update this commitment."))
        before = snapshot(c)
        for key in DEFINITION:
            if key in given and (given[key] is not None or key not in ("owner_org_id",)):
                setattr(c, key, "" if given[key] is None and key == "responsible_name" else given[key])
        if data.supporter_ids is not None:
            c.supporter_rows = [CommitmentSupporter(organisation_id=o) for o in data.supporter_ids]
        if data.milestones is not None:
            c.milestones = self._milestones(data.milestones)
        if data.status is not None:
            self._move(c, data.status)
        if data.completion is not None:
            c.completion = data.completion
        self._check(db, a, c)
        changes = diff(before, snapshot(c))
        if changes:
            c.updated_at = utcnow()
            action = "status" if set(changes) <= {"status", "completion"} else "update"
            audit_service.record(
                db, actor=actor_of(user), action=action, entity_type=ENTITY, entity_id=c.id, changes=changes
            )
        db.flush()
        return c

    def set_milestone(
        self, db: Session, *, user: User, agreement_id: int, commitment_id: int, milestone_id: int, done: bool
    ) -> Milestone:
        a, c = self.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
        if not policy.can_report(db, user, a, c):
            raise Forbidden(_("Only the owner and the parties can update this commitment."))
        m = next((m for m in c.milestones if m.id == milestone_id), None)
        if m is None:
            raise NotFound(_("This milestone does not exist."))
        if m.done != done:
            m.done = done
            c.updated_at = utcnow()
            audit_service.record(
                db,
                actor=actor_of(user),
                action="milestone",
                entity_type=ENTITY,
                entity_id=c.id,
                changes={"milestone": m.title, "done": [not done, done]},
            )
        db.flush()
        return m

    def add_progress(
        self,
        db: Session,
        *,
        user: User,
        agreement_id: int,
        commitment_id: int,
        data: ProgressIn,
        file: tuple[str | None, bytes] | None = None,
    ) -> ProgressNote:
        """A dated report with its evidence; it may move the status and completion at the same time,
        and it keeps the agreement's light green for six more months."""
        a, c = self.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
        if not policy.can_report(db, user, a, c):
            raise Forbidden(_("Only the owner and the parties can report progress on this commitment."))
        noted_on = data.noted_on or today()
        if noted_on > today() + timedelta(days=1):
            raise invalid(("noted_on",), _("A progress note cannot be dated in the future."))
        if noted_on < a.signed_on:
            raise invalid(
                ("noted_on",), _("A progress note cannot be dated before the agreement was signed.")
            )
        before = snapshot(c)
        if data.status is not None:
            self._move(c, data.status)
        if data.completion is not None:
            c.completion = data.completion
        if c.status == "done":
            c.completion = "complete"
        evidence = None
        if file is not None and file[1]:
            evidence = agreement_service.store_file(
                db,
                user=user,
                agreement=a,
                filename=file[0],
                data=file[1],
                role="evidence",
                loc="evidence_file",
            )
        note = ProgressNote(
            commitment_id=c.id,
            noted_on=noted_on,
            author_id=user.id,
            author_name=user.display_name,
            text=data.text,
            evidence_url=data.evidence_url,
            evidence_title=data.evidence_title,
            evidence_file_id=evidence.id if evidence else None,
        )
        db.add(note)
        c.last_progress_on = max(filter(None, (c.last_progress_on, noted_on)))
        a.last_progress_on = max(filter(None, (a.last_progress_on, noted_on)))
        c.updated_at = utcnow()
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="progress",
            entity_type=ENTITY,
            entity_id=c.id,
            changes={"note": note.id, "noted_on": noted_on, **diff(before, snapshot(c))},
        )
        return note

    def _move(self, c: Commitment, new: str) -> None:
        if not vocab.may_move(c.status, new):
            lang = get_lang()
            msg = transition_error(c.status, new, lambda code: vocab.label(code, lang))
            raise invalid(("status",), msg)
        if new != c.status:
            c.status = new
            if new == "done":
                c.completion = "complete"

    def _check(self, db: Session, a: Agreement, c: Commitment) -> None:
        """Rules over several fields and the agreement, also when a PATCH changes one of them."""
        if not (c.what_ko or c.what_zh or c.what_en):
            raise invalid(("what_en",), _("Say what is committed in at least one language."))
        if c.due_on is not None and c.due_on < a.signed_on:
            msg = _("A commitment cannot be due before the agreement was signed ({date}).").format(
                date=a.signed_on.isoformat()
            )
            raise invalid(("due_on",), msg)
        if c.starts_on and c.due_on and c.due_on < c.starts_on:
            raise invalid(("due_on",), _("A commitment cannot be due before it starts."))
        orgs = repo.organisations(db, [c.owner_org_id, *c.supporter_ids])
        owner = orgs.get(c.owner_org_id)
        if owner is None or owner.deleted_at is not None:
            raise invalid(("owner_org_id",), _("This organisation does not exist."))
        for i, oid in enumerate(c.supporter_ids):
            if oid not in orgs or orgs[oid].deleted_at is not None:
                raise invalid(("supporter_ids", i), _("This organisation does not exist."))
        if c.responsible_person_id is not None:
            person = directory_repo.person(db, c.responsible_person_id)
            if person is None or person.organisation_id != c.owner_org_id:
                msg = _("This person is not listed for the owner organisation in the directory.")
                raise invalid(("responsible_person_id",), msg)

    def _milestones(self, items: list[MilestoneIn]) -> list[Milestone]:
        return [
            Milestone(title=m.title, due_on=m.due_on, done=m.done, position=i) for i, m in enumerate(items)
        ]

    def open_of(self, db: Session, *, user: User, org_ids: list[int]) -> list[tuple[Commitment, Agreement]]:
        """Open commitments of the user's organisations (owned, or under their agreements), overdue first."""
        mine = set(repo.member_org_ids(db, user.id))
        allowed = [o for o in org_ids if o in mine or user.is_admin]
        return repo.open_commitments_of(db, user, allowed, today())

    def summary(self, db: Session, *, user: User, org_ids: list[int]) -> dict[str, int]:
        """Counts for the dashboard: open, overdue and at-risk commitments of the user's organisations."""
        now = today()
        rows = self.open_of(db, user=user, org_ids=org_ids)
        return {
            "open": len(rows),
            "overdue": sum(vocab.is_overdue(c.due_on, c.status, now) for c, _a in rows),
            "at_risk": sum(c.status == "at_risk" for c, _a in rows),
        }


commitment_service = CommitmentService()
