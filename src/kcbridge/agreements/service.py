"""Rules of agreements: who records and changes them, what a valid agreement is, their documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.agreements import documents, policy
from kcbridge.agreements import repository as repo
from kcbridge.agreements.models import (
    Agreement,
    AgreementEvent,
    AgreementField,
    AgreementFile,
    AgreementNews,
    AgreementParty,
    Signatory,
)
from kcbridge.agreements.schemas import AgreementIn, AgreementPatch, NewsIn, PartyIn
from kcbridge.directory import repository as directory_repo
from kcbridge.events import repository as events_repo
from kcbridge.kit.audit import Actor, audit_service, diff
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _

ENTITY = "agreement"
SCALARS = (
    "kind",
    "title_ko",
    "title_zh",
    "title_en",
    "summary_ko",
    "summary_zh",
    "summary_en",
    "full_text",
    "signed_on",
    "signed_place",
    "valid_until",
    "visibility",
)
REQUIRED = ("kind", "signed_on", "visibility")  # a PATCH with null leaves these as they are
NOT_NULL_TEXTS = ("summary_ko", "summary_zh", "summary_en", "full_text", "signed_place")


def today() -> date:
    return utcnow().date()


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("system")


def snapshot(a: Agreement) -> dict[str, Any]:
    return {
        **{k: getattr(a, k) for k in SCALARS},
        "fields": a.fields,
        "parties": [
            {"organisation_id": p.organisation_id, "signatories": [[s.name, s.title] for s in p.signatories]}
            for p in a.parties
        ],
        "event_ids": a.event_ids,
        "news": [[n.url, n.title] for n in a.news],
    }


def invalid(loc: tuple[str | int, ...], msg: str) -> Invalid:
    return Invalid(msg, fields=[(loc, msg)])


class AgreementService:
    def get(self, db: Session, agreement_id: int, user: User | None) -> Agreement:
        """An agreement the user may read; a parties-only one of others is NotFound, like a missing one."""
        a = repo.get(db, agreement_id, user)
        if a is None:
            raise NotFound(_("This agreement does not exist."))
        return a

    def create(self, db: Session, *, user: User, data: AgreementIn) -> Agreement:
        """An agreement recorded by a member of one of its parties (or an administrator)."""
        self._check_parties(db, data.parties)
        if not policy.can_create(db, user, [p.organisation_id for p in data.parties]):
            raise Forbidden(_("You can record agreements only for organisations you belong to."))
        self._check_events(db, data.event_ids)
        a = Agreement(**{k: getattr(data, k) for k in SCALARS}, created_by=user.id)
        a.parties = self._parties(data.parties)
        a.field_rows = [AgreementField(field=f) for f in data.fields]
        a.event_rows = [AgreementEvent(event_id=e) for e in data.event_ids]
        a.news = self._news(data.news)
        db.add(a)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type=ENTITY,
            entity_id=a.id,
            changes=diff({}, snapshot(a)),
        )
        return a

    def update(self, db: Session, *, user: User, agreement_id: int, data: AgreementPatch) -> Agreement:
        """Changes the given fields; the parties' list, fields, events and news are replaced when given."""
        a = self.get(db, agreement_id, user)
        if not policy.can_edit(db, user, a):
            raise Forbidden(_("Only members of the parties can change this agreement."))
        before = snapshot(a)
        given = data.model_dump(exclude_unset=True)
        for key in SCALARS:
            if key in given and (given[key] is not None or key not in REQUIRED):
                value = given[key]
                setattr(a, key, "" if value is None and key in NOT_NULL_TEXTS else value)
        if a.valid_until is not None and a.valid_until < a.signed_on:
            raise invalid(("valid_until",), _("An agreement cannot expire before it was signed."))
        if not (a.title_ko or a.title_zh or a.title_en):
            raise invalid(("title_en",), _("Write a title in at least one language."))
        if data.parties is not None:
            self._check_parties(db, data.parties)
            if not user.is_admin and not policy.can_create(
                db, user, [p.organisation_id for p in data.parties]
            ):
                msg = _("Keep one of your organisations among the parties.")
                raise invalid(("parties",), msg)
            self._sync_parties(a, data.parties)
        if data.fields is not None:
            a.field_rows = [AgreementField(field=f) for f in data.fields]
        if data.event_ids is not None:
            self._check_events(db, data.event_ids)
            a.event_rows = [AgreementEvent(event_id=e) for e in data.event_ids]
        if data.news is not None:
            a.news = self._news(data.news)
        if "signed_on" in given:
            self._check_commitments_after(db, a)
        changes = diff(before, snapshot(a))
        if changes:
            a.updated_at = utcnow()
            audit_service.record(
                db, actor=actor_of(user), action="update", entity_type=ENTITY, entity_id=a.id, changes=changes
            )
        db.flush()
        return a

    def _check_commitments_after(self, db: Session, a: Agreement) -> None:
        early = [c for c in repo.commitments(db, a.id) if c.due_on is not None and c.due_on < a.signed_on]
        if early:
            msg = _("{n} commitments are due before this date: change their due dates first.").format(
                n=len(early)
            )
            raise invalid(("signed_on",), msg)

    def _check_parties(self, db: Session, parties: list[PartyIn]) -> None:
        orgs = repo.organisations(db, [p.organisation_id for p in parties])
        for i, p in enumerate(parties):
            org = orgs.get(p.organisation_id)
            if org is None or org.deleted_at is not None:
                raise invalid(("parties", i, "organisation_id"), _("This organisation does not exist."))
            for j, s in enumerate(p.signatories):
                if s.person_id is None:
                    continue
                person = directory_repo.person(db, s.person_id)
                if person is None or person.organisation_id != p.organisation_id:
                    msg = _("This person is not listed for this party in the directory.")
                    raise invalid(("parties", i, "signatories", j, "person_id"), msg)

    def _check_events(self, db: Session, event_ids: list[int]) -> None:
        for i, event_id in enumerate(event_ids):
            if events_repo.event(db, event_id) is None:
                raise invalid(("event_ids", i), _("This event does not exist."))

    def _parties(self, parties: list[PartyIn]) -> list[AgreementParty]:
        return [
            AgreementParty(
                organisation_id=p.organisation_id,
                position=i,
                signatories=[
                    Signatory(name=s.name, title=s.title, person_id=s.person_id, position=j)
                    for j, s in enumerate(p.signatories)
                ],
            )
            for i, p in enumerate(parties)
        ]

    def _sync_parties(self, a: Agreement, parties: list[PartyIn]) -> None:
        """Keeps the rows of parties that stay (a row per organisation is unique), in the new order."""
        kept = {p.organisation_id: p for p in a.parties}
        rows = []
        for i, new in enumerate(self._parties(parties)):
            row = kept.get(new.organisation_id)
            if row is None:
                rows.append(new)
                continue
            row.position = i
            row.signatories = new.signatories
            rows.append(row)
        a.parties = rows

    def _news(self, news: list[NewsIn]) -> list[AgreementNews]:
        seen: set[str] = set()
        out = []
        for n in news:
            if n.url and n.url not in seen:
                seen.add(n.url)
                out.append(AgreementNews(url=n.url, title=n.title))
        return out

    # Documents ------------------------------------------------------------------------------
    def check_document(self, data: bytes, loc: str) -> str:
        """The document kind of an upload, or a translated refusal naming the field."""
        if len(data) > documents.MAX_BYTES:
            msg = _("The file is too large (at most {mb} MB).").format(
                mb=documents.MAX_BYTES // (1024 * 1024)
            )
            raise invalid((loc,), msg)
        kind = documents.kind_of(data)
        if kind is None:
            raise invalid((loc,), _("Only documents can be attached: PDF, Word (DOCX) or plain text."))
        return kind

    def store_file(
        self,
        db: Session,
        *,
        user: User,
        agreement: Agreement,
        filename: str | None,
        data: bytes,
        role: str,
        loc: str,
    ) -> AgreementFile:
        kind = self.check_document(data, loc)
        row = AgreementFile(
            agreement_id=agreement.id,
            role=role,
            filename=documents.safe_name(filename, kind),
            content_type=documents.TYPES[kind],
            size=len(data),
            data=data,
            created_by=user.id,
        )
        db.add(row)
        db.flush()
        return row

    def set_text_file(
        self, db: Session, *, user: User, agreement_id: int, filename: str | None, data: bytes
    ) -> AgreementFile:
        """The agreement's text as a document (replacing the previous one)."""
        a = self.get(db, agreement_id, user)
        if not policy.can_edit(db, user, a):
            raise Forbidden(_("Only members of the parties can change this agreement."))
        self.check_document(data, "file")
        old = repo.text_file(db, a.id)
        if old is not None:
            db.delete(old)
            db.flush()
        row = self.store_file(
            db, user=user, agreement=a, filename=filename, data=data, role="text", loc="file"
        )
        audit_service.record(
            db,
            actor=actor_of(user),
            action="attach",
            entity_type=ENTITY,
            entity_id=a.id,
            changes={"file": row.filename, "bytes": row.size, "type": row.content_type},
        )
        return row

    def file(self, db: Session, *, user: User | None, agreement_id: int, file_id: int) -> AgreementFile:
        """A document of an agreement the user may read."""
        a = self.get(db, agreement_id, user)
        row = repo.file(db, a.id, file_id)
        if row is None:
            raise NotFound(_("This document does not exist."))
        return row


agreement_service = AgreementService()
