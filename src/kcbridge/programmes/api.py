"""JSON routes: programmes, and the finder's eligibility mode."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.directory import taxonomy as tx
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import _, get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect
from kcbridge.programmes import finder, vocab
from kcbridge.programmes.finder import Found
from kcbridge.programmes.models import Programme
from kcbridge.programmes.schemas import (
    ApplicantOut,
    CriterionOut,
    EligibleList,
    EligibleOut,
    OperatorOut,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePage,
    ProgrammePatch,
    ProgTextIn,
)
from kcbridge.programmes.service import programme_service

router = APIRouter(tags=["programmes"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of labels and reasons")]
Codes = Annotated[list[str] | None, Query()]
Country = Annotated[str | None, Query(pattern="^(KR|CN|OTHER)$")]
Stage = Annotated[str | None, Query(pattern="^(idea|seed|early|growth|mature)$")]
ProgType = Annotated[
    list[str] | None,
    Query(description=", ".join(t.code for t in vocab.PROGRAMME_TYPES)),
]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def present(p: Programme, lang: str) -> ProgrammeOut:
    org = p.organisation
    return ProgrammeOut(
        id=p.id,
        operator=OperatorOut(id=org.id, name=org.name(lang), country=org.country, org_type=org.org_type),
        prog_type=p.prog_type,
        prog_type_label=vocab.label(p.prog_type, lang),
        title=p.title(lang),
        texts={
            t.lang: ProgTextIn(
                title=t.title, description=t.description, benefits=t.benefits, eligibility=t.eligibility
            )
            for t in p.texts
        },
        sectors=p.sectors,
        stages=list(p.stages or []),
        nationalities=list(p.nationalities or []),
        org_types=list(p.org_types or []),
        country=p.country,
        city=p.city,
        format=p.format,
        opens_on=p.opens_on,
        deadline=p.deadline,
        starts_on=p.starts_on,
        capacity=p.capacity,
        link_url=p.link_url,
        status=p.status,
        created_at=p.created_at,
        updated_at=p.updated_at,
        published_at=p.published_at,
    )


def _codes(values: list[str] | None, allowed: frozenset[str], loc: str) -> list[str]:
    """Codes of a filter, or a 422 naming the query parameter when one is unknown."""
    for v in values or []:
        if v not in allowed:
            msg = _("Unknown {what}: {value}").format(what=loc, value=v)
            raise Invalid(msg, fields=[(("query", loc), msg)])
    return list(values or [])


@router.get("/programmes", response_model=ProgrammePage)
def list_programmes(
    db: DbSession,
    lang: Lang = None,
    prog_type: ProgType = None,
    sector: Codes = None,
    stage: Stage = None,
    nationality: Country = None,
    country: Country = None,
    city: Annotated[str | None, Query(max_length=100)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words in the title, text or operator")
    ] = None,
    open_now: Annotated[bool, Query(description="Only programmes whose deadline is today or later")] = False,
    organisation_id: Annotated[int | None, Query(description="Only this operator's programmes")] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ProgrammePage:
    """Published programmes. `sector`, `stage` and `nationality` keep the programmes open to them
    (a programme naming no sector is open to all); open ones come first, nearest deadline first."""
    items, total = finder.browse(
        db,
        prog_types=_codes(prog_type, vocab.PROGRAMME_TYPE_CODES, "prog_type"),
        sectors=_codes(sector, tx.SECTOR_CODES, "sector"),
        stage=stage,
        nationality=nationality,
        country=country,
        city=city,
        q=q,
        open_now=open_now,
        organisation_id=organisation_id,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    language = _lang(lang)
    return ProgrammePage(
        items=[present(p, language) for p in items], total=total, page=page, per_page=per_page
    )


@router.post("/programmes", response_model=ProgrammeOut, status_code=status.HTTP_201_CREATED)
def create_programme(data: ProgrammeIn, db: DbSession, user: CurrentUser, lang: Lang = None) -> ProgrammeOut:
    """Create a programme for an organisation you belong to (status draft, or published at once)."""
    p = programme_service.create(db, user=user, data=data)
    db.expire_all()
    return present(programme_service.get(db, p.id, user), _lang(lang))


def _found(f: Found, lang: str) -> EligibleOut:
    return EligibleOut(
        programme=present(f.programme, lang),
        score=round(f.score, 4) if f.score is not None else None,
        criteria=[
            CriterionOut(criterion=c.criterion, ok=c.ok, reason=finder.reason(c, lang), code=c.reason)  # type: ignore[arg-type]
            for c in f.verdict.checks
        ],
        failed=[c.criterion for c in f.verdict.failed],
    )


@router.get("/programmes/eligible", response_model=EligibleList)
def eligible_programmes(
    db: DbSession,
    user: OptionalUser,
    organisation_id: Annotated[
        int | None, Query(description="One of your organisations: its sectors, stage, country and type")
    ] = None,
    sector: Codes = None,
    stage: Stage = None,
    nationality: Country = None,
    org_type: Annotated[str | None, Query(max_length=30)] = None,
    country: Annotated[Country, Query(description="Where the programme should run")] = None,
    city: Annotated[str | None, Query(max_length=100, description="Where the programme should run")] = None,
    prog_type: ProgType = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    lang: Lang = None,
) -> EligibleList:
    """Programmes whose eligibility the firm meets, each criterion checked with a reason, best fit
    first; near misses (exactly one criterion fails) separately. Parameters override the profile."""
    found = finder.eligible(
        db,
        user=user,
        organisation_id=organisation_id,
        sectors=_codes(sector, tx.SECTOR_CODES, "sector") or None,
        stage=stage,
        nationality=nationality,
        org_type=_codes([org_type], tx.ORG_TYPE_CODES, "org_type")[0] if org_type else None,
        country=country,
        city=city,
        prog_types=_codes(prog_type, vocab.PROGRAMME_TYPE_CODES, "prog_type"),
        limit=limit,
    )
    language = _lang(lang)
    a = found.applicant
    return EligibleList(
        applicant=ApplicantOut(
            organisation_id=found.organisation.id if found.organisation else None,
            sectors=list(a.sectors),
            stage=a.stage,
            nationality=a.nationality,
            org_type=a.org_type,
            country=a.country,
            city=a.city,
        ),
        ranked_by=found.ranked_by,  # type: ignore[arg-type]
        eligible=[_found(f, language) for f in found.eligible],
        near_misses=[_found(f, language) for f in found.near_misses],
        total_eligible=found.total_eligible,
        total_near_misses=found.total_near_misses,
    )


@router.get("/programmes/{prog_id}", response_model=ProgrammeOut)
def get_programme(prog_id: int, db: DbSession, user: OptionalUser, lang: Lang = None) -> ProgrammeOut:
    return present(programme_service.get(db, prog_id, user), _lang(lang))


@router.patch("/programmes/{prog_id}", response_model=ProgrammeOut)
def update_programme(
    prog_id: int, data: ProgrammePatch, db: DbSession, user: CurrentUser, lang: Lang = None
) -> ProgrammeOut:
    """Change fields; `status` publishes (published), closes (closed) or withdraws (draft) it."""
    programme_service.update(db, user=user, prog_id=prog_id, data=data)
    db.expire_all()
    return present(programme_service.get(db, prog_id, user), _lang(lang))
