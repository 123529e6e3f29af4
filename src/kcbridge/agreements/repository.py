"""Queries of the agreements domain; who may read which agreement is decided here, once for every page,
API route and job (`readable_clause` / `readable_statement`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    case,
    exists,
    extract,
    func,
    or_,
    select,
    true,
    union,
)
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Membership, Role, User
from kcbridge.agreements import vocab
from kcbridge.agreements.models import (
    Agreement,
    AgreementField,
    AgreementFile,
    AgreementParty,
    Commitment,
    CommitmentSupporter,
    ProgressNote,
)
from kcbridge.directory.models import Organisation

READ_ALL_ROLES = (Role.ADMIN.value, Role.GOVERNMENT_OFFICER.value)


def reads_all(user: User | None) -> bool:
    """Administrators and government officers read every agreement, parties-only ones included."""
    return user is not None and user.role in READ_ALL_ROLES


def my_orgs(user: User) -> Select[Any]:
    return select(Membership.organisation_id).where(Membership.user_id == user.id)


def involved_ids(user: User) -> CompoundSelect[Any]:
    """Ids of the agreements that name one of the user's organisations: as a party, or as owner or
    supporter of one of its commitments (one uncorrelated subquery, evaluated once per statement)."""
    mine = my_orgs(user)
    return union(
        select(AgreementParty.agreement_id).where(AgreementParty.organisation_id.in_(mine)),
        select(Commitment.agreement_id).where(Commitment.owner_org_id.in_(mine)),
        select(Commitment.agreement_id)
        .join(CommitmentSupporter, CommitmentSupporter.commitment_id == Commitment.id)
        .where(CommitmentSupporter.organisation_id.in_(mine)),
    )


def involved_clause(user: User) -> ColumnElement[bool]:
    return Agreement.id.in_(involved_ids(user))


def readable_clause(user: User | None) -> ColumnElement[bool]:
    """Public agreements for everyone (anonymous visitors, analysts, support agents); parties-only ones
    for the organisations involved, government officers and administrators."""
    if reads_all(user):
        return true()
    public = Agreement.visibility == "public"
    if user is None:
        return public
    return or_(public, involved_clause(user))


def readable_statement(user: User | None) -> Select[Any]:
    return select(Agreement).where(readable_clause(user))


def _full(stmt: Select[Any]) -> Select[Any]:
    return stmt.options(
        selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
        selectinload(Agreement.parties).selectinload(AgreementParty.signatories),
        selectinload(Agreement.field_rows),
        selectinload(Agreement.event_rows),
        selectinload(Agreement.news),
    )


def get(db: Session, agreement_id: int, user: User | None) -> Agreement | None:
    """The agreement if `user` may read it (None also for one that exists but is hidden)."""
    return db.scalar(_full(readable_statement(user).where(Agreement.id == agreement_id)))


def get_many(db: Session, ids: Sequence[int], *, cards: bool = False) -> list[Agreement]:
    """Loaded agreements in the order of `ids` (already filtered by a readable query). For cards of a list
    only parties and fields are loaded (reading signatories, events or news then raises)."""
    if not ids:
        return []
    stmt = select(Agreement).where(Agreement.id.in_(ids))
    if cards:
        stmt = stmt.options(
            selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
            selectinload(Agreement.field_rows),
        )
    else:
        stmt = _full(stmt)
    rows = {a.id: a for a in db.scalars(stmt)}
    return [rows[i] for i in ids if i in rows]


# Filters and the list -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    party: int | None = None
    country: str | None = None
    kind: str | None = None
    field: str | None = None
    status: str | None = None  # agreements with a commitment in this status
    year: int | None = None
    light: str | None = None
    q: str | None = None
    organisations: tuple[int, ...] = ()  # any of these organisations is a party (portfolio)


def _open_exists() -> ColumnElement[bool]:
    return exists().where(Commitment.agreement_id == Agreement.id, Commitment.status.in_(vocab.OPEN_STATUSES))


def light_clause(light: str, today: date) -> ColumnElement[bool]:
    """SQL form of vocab.light: the same thresholds, over the kept last_progress_on."""
    since = func.coalesce(Agreement.last_progress_on, Agreement.signed_on)
    yellow_from, red_from = today - vocab.YELLOW_AFTER, today - vocab.RED_AFTER
    if light == "red":
        return and_(_open_exists(), since < red_from)
    if light == "yellow":
        return and_(_open_exists(), since < yellow_from, since >= red_from)
    return or_(~_open_exists(), since >= yellow_from)


def filtered(user: User | None, f: Filters, today: date) -> Select[Any]:
    """Ids of the agreements `user` may read that pass the filters."""
    stmt = select(Agreement.id).where(readable_clause(user))
    if f.party is not None:
        stmt = stmt.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id, AgreementParty.organisation_id == f.party
            )
        )
    if f.organisations:
        stmt = stmt.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id,
                AgreementParty.organisation_id.in_(f.organisations),
            )
        )
    if f.country:
        stmt = stmt.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id,
                Organisation.id == AgreementParty.organisation_id,
                Organisation.country == f.country,
            )
        )
    if f.kind:
        stmt = stmt.where(Agreement.kind == f.kind)
    if f.field:
        stmt = stmt.where(
            exists().where(AgreementField.agreement_id == Agreement.id, AgreementField.field == f.field)
        )
    if f.status:
        stmt = stmt.where(
            exists().where(Commitment.agreement_id == Agreement.id, Commitment.status == f.status)
        )
    if f.year:
        stmt = stmt.where(extract("year", Agreement.signed_on) == f.year)
    if f.light:
        stmt = stmt.where(light_clause(f.light, today))
    if f.q and f.q.strip():
        for word in f.q.split()[:6]:
            stmt = stmt.where(
                or_(
                    *(
                        col.icontains(word, autoescape=True)
                        for col in (Agreement.title_ko, Agreement.title_zh, Agreement.title_en)
                    ),
                    exists().where(
                        AgreementParty.agreement_id == Agreement.id,
                        Organisation.id == AgreementParty.organisation_id,
                        or_(
                            Organisation.name_ko.icontains(word, autoescape=True),
                            Organisation.name_zh.icontains(word, autoescape=True),
                            Organisation.name_en.icontains(word, autoescape=True),
                        ),
                    ),
                )
            )
    return stmt


def page(
    db: Session, user: User | None, f: Filters, today: date, *, offset: int, limit: int
) -> tuple[list[int], int]:
    """One page of agreement ids, newest signing first, and the total."""
    ids = filtered(user, f, today)
    total = int(db.scalar(select(func.count()).select_from(ids.subquery())) or 0)
    rows = db.scalars(
        ids.order_by(Agreement.signed_on.desc(), Agreement.id.desc()).offset(offset).limit(limit)
    )
    return list(rows), total


def timeline(db: Session, user: User | None, f: Filters, today: date, *, limit: int) -> list[Any]:
    """Plain rows (id, titles, kind, signed_on, place) for the timeline, newest first."""
    ids = filtered(user, f, today).subquery()
    stmt = (
        select(
            Agreement.id,
            Agreement.title_ko,
            Agreement.title_zh,
            Agreement.title_en,
            Agreement.kind,
            Agreement.signed_on,
            Agreement.signed_place,
        )
        .where(Agreement.id.in_(select(ids.c.id)))
        .order_by(Agreement.signed_on.desc(), Agreement.id.desc())
        .limit(limit)
    )
    return list(db.execute(stmt).all())


def party_choices(db: Session, user: User | None) -> list[Any]:
    """(id, name_ko, name_zh, name_en) of the organisations that are a party to an agreement the user may
    read (for the list's filter), Korean ones first."""
    readable_ids = select(Agreement.id).where(readable_clause(user))
    parties = select(AgreementParty.organisation_id).where(AgreementParty.agreement_id.in_(readable_ids))
    stmt = (
        select(Organisation.id, Organisation.name_ko, Organisation.name_zh, Organisation.name_en)
        .where(Organisation.id.in_(parties))
        .order_by(Organisation.country.desc(), Organisation.id)
    )
    return list(db.execute(stmt).all())


def years(db: Session, user: User | None) -> list[int]:
    stmt = select(extract("year", Agreement.signed_on)).where(readable_clause(user)).distinct()
    return sorted((int(y) for y in db.scalars(stmt) if y is not None), reverse=True)


@dataclass(slots=True)
class Counts:
    commitments: int = 0
    open: int = 0
    overdue: int = 0


def commitment_counts(db: Session, ids: Sequence[int], today: date) -> dict[int, Counts]:
    """Per agreement: commitments, open ones, overdue ones (one grouped query)."""
    if not ids:
        return {}
    is_open = Commitment.status.in_(vocab.OPEN_STATUSES)
    stmt = (
        select(
            Commitment.agreement_id,
            func.count(),
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((and_(is_open, Commitment.due_on < today), 1), else_=0)),
        )
        .where(Commitment.agreement_id.in_(ids))
        .group_by(Commitment.agreement_id)
    )
    out = {i: Counts() for i in ids}
    for aid, n, n_open, n_overdue in db.execute(stmt):
        out[aid] = Counts(int(n), int(n_open or 0), int(n_overdue or 0))
    return out


# Portfolio ----------------------------------------------------------------------------------


def summary_rows(db: Session, ids: Sequence[int]) -> list[Any]:
    """(id, titles, kind, signed_on, last_progress_on) of the agreements, newest signing first."""
    if not ids:
        return []
    stmt = (
        select(
            Agreement.id,
            Agreement.title_ko,
            Agreement.title_zh,
            Agreement.title_en,
            Agreement.kind,
            Agreement.signed_on,
            Agreement.last_progress_on,
        )
        .where(Agreement.id.in_(ids))
        .order_by(Agreement.signed_on.desc(), Agreement.id.desc())
    )
    return list(db.execute(stmt).all())


def field_counts(db: Session, ids: Sequence[int]) -> dict[str, int]:
    if not ids:
        return {}
    stmt = (
        select(AgreementField.field, func.count())
        .where(AgreementField.agreement_id.in_(ids))
        .group_by(AgreementField.field)
    )
    return {k: int(n) for k, n in db.execute(stmt)}


def commitment_groups(db: Session, ids: Sequence[int], today: date) -> list[Any]:
    """(agreement_id, status, completion, count, overdue) over the agreements' commitments."""
    if not ids:
        return []
    overdue = func.sum(
        case((and_(Commitment.status.in_(vocab.OPEN_STATUSES), Commitment.due_on < today), 1), else_=0)
    )
    stmt = (
        select(Commitment.agreement_id, Commitment.status, Commitment.completion, func.count(), overdue)
        .where(Commitment.agreement_id.in_(ids))
        .group_by(Commitment.agreement_id, Commitment.status, Commitment.completion)
    )
    return list(db.execute(stmt).all())


# Commitments ---------------------------------------------------------------------------------


def _commitment_full(stmt: Select[Any]) -> Select[Any]:
    return stmt.options(
        selectinload(Commitment.owner),
        selectinload(Commitment.supporter_rows),
        selectinload(Commitment.milestones),
    )


def commitments(db: Session, agreement_id: int) -> list[Commitment]:
    stmt = (
        select(Commitment)
        .where(Commitment.agreement_id == agreement_id)
        .order_by(Commitment.position, Commitment.id)
    )
    return list(db.scalars(_commitment_full(stmt)))


def commitment(db: Session, agreement_id: int, commitment_id: int) -> Commitment | None:
    stmt = select(Commitment).where(Commitment.id == commitment_id, Commitment.agreement_id == agreement_id)
    return db.scalar(_commitment_full(stmt))


def open_commitments_of(
    db: Session, user: User, org_ids: Sequence[int], today: date
) -> list[tuple[Commitment, Agreement]]:
    """Open commitments owned by `org_ids`, or under agreements they are party to, overdue first."""
    if not org_ids:
        return []
    party = exists().where(
        AgreementParty.agreement_id == Commitment.agreement_id, AgreementParty.organisation_id.in_(org_ids)
    )
    stmt = (
        select(Commitment, Agreement)
        .join(Agreement, Agreement.id == Commitment.agreement_id)
        .where(
            Commitment.status.in_(vocab.OPEN_STATUSES),
            or_(Commitment.owner_org_id.in_(org_ids), party),
            readable_clause(user),
        )
        .order_by(
            case((Commitment.due_on < today, 0), else_=1),
            Commitment.due_on.is_(None),
            Commitment.due_on,
            Commitment.id,
        )
        .options(
            selectinload(Commitment.owner),
            selectinload(Commitment.milestones),
            selectinload(Commitment.supporter_rows),
        )
    )
    return [(c, a) for c, a in db.execute(stmt).all()]


def flagged_for_digest(db: Session, today: date) -> dict[int, list[tuple[Commitment, Agreement]]]:
    """Open commitments that are overdue or at risk, by owner organisation (for the weekly digest)."""
    stmt = (
        select(Commitment, Agreement)
        .join(Agreement, Agreement.id == Commitment.agreement_id)
        .where(
            Commitment.status.in_(vocab.OPEN_STATUSES),
            or_(Commitment.status == "at_risk", Commitment.due_on < today),
        )
        .order_by(Commitment.owner_org_id, Commitment.due_on, Commitment.id)
    )
    out: dict[int, list[tuple[Commitment, Agreement]]] = {}
    for c, a in db.execute(stmt).all():
        out.setdefault(c.owner_org_id, []).append((c, a))
    return out


def progress(
    db: Session, commitment_ids: Sequence[int], *, limit: int | None = None
) -> dict[int, list[ProgressNote]]:
    """Progress notes per commitment, newest first."""
    if not commitment_ids:
        return {}
    stmt = (
        select(ProgressNote)
        .where(ProgressNote.commitment_id.in_(commitment_ids))
        .order_by(ProgressNote.noted_on.desc(), ProgressNote.id.desc())
    )
    out: dict[int, list[ProgressNote]] = {i: [] for i in commitment_ids}
    for note in db.scalars(stmt):
        if limit is None or len(out[note.commitment_id]) < limit:
            out[note.commitment_id].append(note)
    return out


# Files --------------------------------------------------------------------------------------


def text_file(db: Session, agreement_id: int) -> AgreementFile | None:
    """The agreement's text document (metadata and bytes)."""
    return db.scalar(
        select(AgreementFile).where(AgreementFile.agreement_id == agreement_id, AgreementFile.role == "text")
    )


def file_meta(db: Session, agreement_id: int, ids: Sequence[int] = ()) -> dict[int, Any]:
    """(id, filename, content_type, size, role) of the agreement's files, without their bytes."""
    stmt = select(
        AgreementFile.id,
        AgreementFile.filename,
        AgreementFile.content_type,
        AgreementFile.size,
        AgreementFile.role,
    ).where(AgreementFile.agreement_id == agreement_id)
    if ids:
        stmt = stmt.where(AgreementFile.id.in_(ids))
    return {r.id: r for r in db.execute(stmt)}


def text_files_meta(db: Session, agreement_ids: Sequence[int]) -> dict[int, Any]:
    """{agreement id: (id, filename, content_type, size, role)} of their text documents, without bytes."""
    if not agreement_ids:
        return {}
    stmt = select(
        AgreementFile.agreement_id,
        AgreementFile.id,
        AgreementFile.filename,
        AgreementFile.content_type,
        AgreementFile.size,
        AgreementFile.role,
    ).where(AgreementFile.agreement_id.in_(agreement_ids), AgreementFile.role == "text")
    return {r.agreement_id: r for r in db.execute(stmt)}


def file(db: Session, agreement_id: int, file_id: int) -> AgreementFile | None:
    return db.scalar(
        select(AgreementFile).where(AgreementFile.id == file_id, AgreementFile.agreement_id == agreement_id)
    )


# Organisations ------------------------------------------------------------------------------


def member_org_ids(db: Session, user_id: int) -> list[int]:
    return list(
        db.scalars(
            select(Membership.organisation_id)
            .join(Organisation, Organisation.id == Membership.organisation_id)
            .where(Membership.user_id == user_id, Organisation.deleted_at.is_(None))
            .order_by(Membership.organisation_id)
        )
    )


def member_user_ids(db: Session, org_id: int) -> list[int]:
    return list(db.scalars(select(Membership.user_id).where(Membership.organisation_id == org_id)))


def organisations(db: Session, ids: Sequence[int]) -> dict[int, Organisation]:
    if not ids:
        return {}
    return {o.id: o for o in db.scalars(select(Organisation).where(Organisation.id.in_(set(ids))))}


def find_organisations(db: Session, text: str, *, limit: int = 5) -> list[Organisation]:
    """Live organisations whose name in any language is `text` (exactly, else containing it)."""
    text = text.strip()
    if not text:
        return []
    cols = (Organisation.name_ko, Organisation.name_zh, Organisation.name_en)
    live = Organisation.deleted_at.is_(None)
    exact = list(
        db.scalars(
            select(Organisation).where(live, or_(*(func.lower(c) == text.lower() for c in cols))).limit(limit)
        )
    )
    if exact:
        return exact
    return list(
        db.scalars(
            select(Organisation)
            .where(live, or_(*(c.icontains(text, autoescape=True) for c in cols)))
            .order_by(Organisation.id)
            .limit(limit)
        )
    )
