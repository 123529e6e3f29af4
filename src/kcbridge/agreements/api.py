"""JSON routes: agreements (public ones readable anonymously), their commitments and progress notes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile, status

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.agreements import present, vocab
from kcbridge.agreements import repository as repo
from kcbridge.agreements.commitments import commitment_service
from kcbridge.agreements.documents import MAX_BYTES
from kcbridge.agreements.schemas import (
    AgreementIn,
    AgreementOut,
    AgreementPage,
    AgreementPatch,
    CommitmentIn,
    CommitmentOut,
    CommitmentPatch,
    FileOut,
    ProgressIn,
    ProgressOut,
)
from kcbridge.agreements.service import agreement_service, today
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import _, get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect

router = APIRouter(tags=["agreements"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of titles and labels")]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def _code(value: str | None, allowed: frozenset[str], name: str) -> str | None:
    """A filter code, or a 422 naming the query parameter when unknown."""
    if value is None or value == "":
        return None
    if value not in allowed:
        msg = _("Unknown {what}: {value}").format(what=name, value=value)
        raise Invalid(msg, fields=[(("query", name), msg)])
    return value


def filters(
    party: int | None = None,
    country: str | None = None,
    kind: str | None = None,
    field: str | None = None,
    status_: str | None = None,
    year: int | None = None,
    light: str | None = None,
    q: str | None = None,
) -> repo.Filters:
    return repo.Filters(
        party=party,
        country=_code(country, tx.COUNTRY_CODES, "country"),
        kind=_code(kind, vocab.KIND_CODES, "kind"),
        field=_code(field, vocab.FIELD_CODES, "field"),
        status=_code(status_, vocab.STATUS_CODES, "status"),
        year=year,
        light=_code(light, vocab.LIGHT_CODES, "light"),
        q=q,
    )


@router.get("/agreements", response_model=AgreementPage)
def list_agreements(
    db: DbSession,
    user: OptionalUser,
    party: Annotated[int | None, Query(description="An organisation that is a party")] = None,
    country: Annotated[str | None, Query(description="A party is from this country (KR, CN, OTHER)")] = None,
    kind: Annotated[str | None, Query(description=", ".join(t.code for t in vocab.KINDS))] = None,
    field: Annotated[str | None, Query(description="A field of cooperation")] = None,
    status_: Annotated[
        str | None, Query(alias="status", description="A commitment is in this status")
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Signed in this year")] = None,
    light: Annotated[str | None, Query(description="green, yellow or red")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words of the title or a party's name")
    ] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    lang: Lang = None,
) -> AgreementPage:
    """Agreements you may read (public ones for everyone), newest signing first."""
    f = filters(party, country, kind, field, status_, year, light, q)
    now = today()
    ids, total = repo.page(db, user, f, now, offset=(page - 1) * per_page, limit=per_page)
    items = present.agreements(db, repo.get_many(db, ids), _lang(lang), now)
    return AgreementPage(items=items, total=total, page=page, per_page=per_page)


@router.post("/agreements", response_model=AgreementOut, status_code=status.HTTP_201_CREATED)
def create_agreement(data: AgreementIn, db: DbSession, user: CurrentUser, lang: Lang = None) -> AgreementOut:
    """Record an agreement of an organisation you belong to (two or more parties)."""
    a = agreement_service.create(db, user=user, data=data)
    db.expire_all()
    return present.agreements(db, [agreement_service.get(db, a.id, user)], _lang(lang), today())[0]


@router.get("/agreements/{agreement_id}", response_model=AgreementOut)
def get_agreement(agreement_id: int, db: DbSession, user: OptionalUser, lang: Lang = None) -> AgreementOut:
    """One agreement; a parties-only agreement is 404 for anyone not involved."""
    a = agreement_service.get(db, agreement_id, user)
    return present.agreements(db, [a], _lang(lang), today())[0]


@router.patch("/agreements/{agreement_id}", response_model=AgreementOut)
def update_agreement(
    agreement_id: int, data: AgreementPatch, db: DbSession, user: CurrentUser, lang: Lang = None
) -> AgreementOut:
    """Change fields; lists given (parties, fields, event_ids, news) replace the current ones."""
    agreement_service.update(db, user=user, agreement_id=agreement_id, data=data)
    db.expire_all()
    return present.agreements(db, [agreement_service.get(db, agreement_id, user)], _lang(lang), today())[0]


@router.put("/agreements/{agreement_id}/attachment", response_model=FileOut)
def put_attachment(agreement_id: int, file: UploadFile, db: DbSession, user: CurrentUser) -> FileOut:
    """The agreement's text as a document (multipart field `file`): PDF, DOCX or TXT, at most 5 MB."""
    data = file.file.read(MAX_BYTES + 1)
    row = agreement_service.set_text_file(
        db, user=user, agreement_id=agreement_id, filename=file.filename, data=data
    )
    return FileOut(
        id=row.id,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        url=present.file_url(agreement_id, row.id),
    )


@router.get("/agreements/{agreement_id}/commitments", response_model=list[CommitmentOut])
def list_commitments(
    agreement_id: int, db: DbSession, user: OptionalUser, lang: Lang = None
) -> list[CommitmentOut]:
    _a, items = commitment_service.of_agreement(db, user=user, agreement_id=agreement_id)
    return present.commitments(db, items, _lang(lang), today())


@router.post(
    "/agreements/{agreement_id}/commitments",
    response_model=CommitmentOut,
    status_code=status.HTTP_201_CREATED,
)
def create_commitment(
    agreement_id: int, data: CommitmentIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> CommitmentOut:
    """Add a commitment (members of the parties); it cannot be due before the agreement was signed."""
    c = commitment_service.create(db, user=user, agreement_id=agreement_id, data=data)
    db.expire_all()
    _a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=c.id)
    return present.commitments(db, [c], _lang(lang), today())[0]


@router.get("/agreements/{agreement_id}/commitments/{commitment_id}", response_model=CommitmentOut)
def get_commitment(
    agreement_id: int, commitment_id: int, db: DbSession, user: OptionalUser, lang: Lang = None
) -> CommitmentOut:
    _a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
    return present.commitments(db, [c], _lang(lang), today())[0]


@router.patch("/agreements/{agreement_id}/commitments/{commitment_id}", response_model=CommitmentOut)
def update_commitment(
    agreement_id: int,
    commitment_id: int,
    data: CommitmentPatch,
    db: DbSession,
    user: CurrentUser,
    lang: Lang = None,
) -> CommitmentOut:
    """Change a commitment: `status` follows the allowed transitions (see `allowed_statuses`)."""
    commitment_service.update(
        db, user=user, agreement_id=agreement_id, commitment_id=commitment_id, data=data
    )
    db.expire_all()
    _a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
    return present.commitments(db, [c], _lang(lang), today())[0]


@router.get(
    "/agreements/{agreement_id}/commitments/{commitment_id}/progress", response_model=list[ProgressOut]
)
def list_progress(
    agreement_id: int, commitment_id: int, db: DbSession, user: OptionalUser
) -> list[ProgressOut]:
    """Progress notes, newest first."""
    a, c = commitment_service.get(db, user=user, agreement_id=agreement_id, commitment_id=commitment_id)
    return present.notes(db, a.id, repo.progress(db, [c.id])[c.id])


@router.post(
    "/agreements/{agreement_id}/commitments/{commitment_id}/progress",
    response_model=ProgressOut,
    status_code=status.HTTP_201_CREATED,
)
def add_progress(
    agreement_id: int, commitment_id: int, data: ProgressIn, db: DbSession, user: CurrentUser
) -> ProgressOut:
    """Report progress (the owner's and the parties' members), optionally moving status and completion."""
    note = commitment_service.add_progress(
        db, user=user, agreement_id=agreement_id, commitment_id=commitment_id, data=data
    )
    return present.notes(db, agreement_id, [note])[0]
