"""JSON routes of the directory: organisations, people, logos, vocabularies."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, UploadFile, status
from starlette.concurrency import run_in_threadpool

from kcbridge.accounts.auth import CurrentUser, OptionalUser, optional_user
from kcbridge.accounts.models import User
from kcbridge.directory import repository as repo
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation, Person
from kcbridge.directory.schemas import (
    MemberIn,
    MemberOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPage,
    OrganisationPatch,
    PersonIn,
    PersonOut,
    TextsIn,
)
from kcbridge.directory.search import directory_search
from kcbridge.directory.service import directory_service
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.i18n import get_lang, normalize_locale
from kcbridge.kit.web.deps import DbSession, csrf_protect, refuse_writes

router = APIRouter(tags=["directory"], dependencies=[Depends(csrf_protect)])
Lang = Annotated[str | None, Query(description="ko, zh or en: language of `name`; unknown codes fall back")]


def _lang(lang: str | None) -> str:
    loc = normalize_locale(lang)
    return {"ko": "ko", "zh_Hans": "zh", "en": "en"}[loc] if loc else get_lang()


def present(
    db: DbSession,
    org: Organisation,
    user: User | None,
    lang: str,
    logos: set[int] | None = None,
    warnings: list[str] | None = None,
    people: dict[int, list[Person]] | None = None,
) -> OrganisationOut:
    """The organisation as `user` may read it; `people` are the readable contact people of a page of
    organisations (repo.people_among), read here for one when not given."""
    readable = people.get(org.id) if people is not None else repo.people_of(db, user, org.id)
    has_logo = org.id in logos if logos is not None else repo.logo(db, org.id) is not None
    return OrganisationOut(
        id=org.id,
        names=org.names(),
        name=org.name(lang),
        org_type=org.org_type,
        size=org.size,
        stage=org.stage,
        country=org.country,
        city=org.city,
        sectors=org.sectors,
        founded_year=org.founded_year,
        website=org.website,
        texts={t.lang: TextsIn(description=t.description, offer=t.offer, seek=t.seek) for t in org.texts},
        logo_url=f"/organisations/{org.id}/logo" if has_logo else None,
        contacts_visible=readable is not None,
        people=[PersonOut.model_validate(p) for p in readable] if readable is not None else None,
        warnings=warnings or [],
    )


def present_row(row: dict[str, Any], lang: str) -> OrganisationOut:
    """A public listing entry from plain row data (anonymous callers: never contact people)."""
    names = {k: row[f"name_{k}"] for k in ("ko", "zh", "en") if row[f"name_{k}"]}
    return OrganisationOut(
        id=row["id"],
        names=names,
        name=names.get(lang) or next(iter(names.values()), ""),
        org_type=row["org_type"],
        size=row["size"],
        stage=row["stage"],
        country=row["country"],
        city=row["city"] or "",
        sectors=row["sectors"],
        founded_year=row["founded_year"],
        website=row["website"],
        texts={k: TextsIn(**v) for k, v in row["texts"].items()},
        logo_url=f"/organisations/{row['id']}/logo" if row["has_logo"] else None,
        contacts_visible=False,
        people=None,
    )


def _list_page(
    request: Request,
    lang: str | None,
    q: str,
    org_type: str | None,
    country: str | None,
    city: str | None,
    sector: list[str] | None,
    page: int,
    per_page: int,
) -> Response:
    with unit_of_work(write=False) as db:
        refuse_writes(db, f"GET {request.url.path}")
        user = optional_user(request, db)
        hits = directory_search.search(
            db,
            q,
            org_type=org_type,
            country=country,
            city=city,
            sectors=sector or (),
            offset=(page - 1) * per_page,
            limit=per_page,
        )
        language = _lang(lang)
        if user is None:
            items = [present_row(r, language) for r in repo.list_rows(db, hits.ids)]
        else:
            logos, people = repo.has_logo(db, hits.ids), repo.people_among(db, user, hits.ids)
            items = [
                present(db, o, user, language, logos, people=people) for o in repo.get_many(db, hits.ids)
            ]
        result = OrganisationPage(items=items, total=hits.total, page=page, per_page=per_page)
    return Response(result.model_dump_json(), media_type="application/json")


@router.get("/organisations", response_model=OrganisationPage)
async def list_organisations(
    request: Request,
    lang: Lang = None,
    q: Annotated[str, Query(max_length=200, description="Text in any language")] = "",
    org_type: str | None = None,
    country: str | None = None,
    city: str | None = None,
    sector: Annotated[list[str] | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Response:
    """Search and filter the directory; text matches names and texts in Korean, Chinese and English.

    The busiest route: one unit of work in one worker thread, plain rows for anonymous callers."""
    return await run_in_threadpool(
        _list_page, request, lang, q, org_type, country, city, sector, page, per_page
    )


@router.post("/organisations", response_model=OrganisationOut, status_code=status.HTTP_201_CREATED)
def create_organisation(
    data: OrganisationIn, db: DbSession, user: CurrentUser, lang: Lang = None
) -> OrganisationOut:
    """Create an organisation; you become its owner. Duplicate names in a country come back as warnings."""
    warnings = directory_service.duplicates(db, data)
    org = directory_service.create(db, user=user, data=data)
    return present(db, directory_service.get(db, org.id), user, _lang(lang), warnings=warnings)


@router.get("/organisations/{org_id}", response_model=OrganisationOut)
def get_organisation(org_id: int, db: DbSession, user: OptionalUser, lang: Lang = None) -> OrganisationOut:
    return present(db, directory_service.get(db, org_id), user, _lang(lang))


@router.patch("/organisations/{org_id}", response_model=OrganisationOut)
def update_organisation(
    org_id: int, data: OrganisationPatch, db: DbSession, user: CurrentUser, lang: Lang = None
) -> OrganisationOut:
    org = directory_service.get(db, org_id)
    warnings = directory_service.duplicates(db, data, exclude_id=org_id, country=org.country)
    directory_service.update(db, user=user, org_id=org_id, data=data)
    db.expire_all()
    return present(db, directory_service.get(db, org_id), user, _lang(lang), warnings=warnings)


@router.delete("/organisations/{org_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_organisation(org_id: int, db: DbSession, user: CurrentUser) -> Response:
    directory_service.delete(db, user=user, org_id=org_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/organisations/{org_id}/logo", status_code=status.HTTP_204_NO_CONTENT)
def put_logo(org_id: int, file: UploadFile, db: DbSession, user: CurrentUser) -> Response:
    """Upload a logo (multipart field `file`): PNG, JPEG, WebP or GIF."""
    data = file.file.read(2 * 1024 * 1024 + 1)
    directory_service.set_logo(db, user=user, org_id=org_id, data=data)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/organisations/{org_id}/people", response_model=list[PersonOut])
def list_people(org_id: int, db: DbSession, user: OptionalUser) -> list[PersonOut]:
    """Contact people: only for members, administrators and accepted partners."""
    return [PersonOut.model_validate(p) for p in directory_service.people(db, user=user, org_id=org_id)]


@router.post("/organisations/{org_id}/people", response_model=PersonOut, status_code=status.HTTP_201_CREATED)
def add_person(org_id: int, data: PersonIn, db: DbSession, user: CurrentUser) -> PersonOut:
    return PersonOut.model_validate(directory_service.add_person(db, user=user, org_id=org_id, data=data))


@router.put("/people/{person_id}", response_model=PersonOut)
def update_person(person_id: int, data: PersonIn, db: DbSession, user: CurrentUser) -> PersonOut:
    return PersonOut.model_validate(
        directory_service.update_person(db, user=user, person_id=person_id, data=data)
    )


@router.delete("/people/{person_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_person(person_id: int, db: DbSession, user: CurrentUser) -> Response:
    directory_service.delete_person(db, user=user, person_id=person_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/organisations/{org_id}/members", response_model=list[MemberOut])
def list_members(org_id: int, db: DbSession, user: CurrentUser) -> list[MemberOut]:
    """Users of an organisation (for its members and administrators)."""
    return [
        MemberOut(user_id=u.id, display_name=u.display_name, email=u.email, role=r)
        for u, r in directory_service.members(db, user=user, org_id=org_id)
    ]


@router.post("/organisations/{org_id}/members", response_model=MemberOut, status_code=status.HTTP_201_CREATED)
def add_member(org_id: int, data: MemberIn, db: DbSession, user: CurrentUser) -> MemberOut:
    """Add a registered user by e-mail as owner or member (owners and administrators)."""
    m = directory_service.add_member(db, user=user, org_id=org_id, email=data.email, role=data.role)
    target = next(u for u, _r in directory_service.members(db, user=user, org_id=org_id) if u.id == m.user_id)
    return MemberOut(user_id=target.id, display_name=target.display_name, email=target.email, role=m.role)


@router.delete("/organisations/{org_id}/members/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(org_id: int, user_id: int, db: DbSession, user: CurrentUser) -> Response:
    directory_service.remove_member(db, user=user, org_id=org_id, member_id=user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/taxonomy")
def taxonomy(request: Request) -> dict[str, list[dict[str, str]]]:
    """The controlled vocabularies with labels in ko, zh and en."""
    groups = {
        "sectors": tx.SECTORS,
        "org_types": tx.ORG_TYPES,
        "sizes": tx.COMPANY_SIZES,
        "stages": tx.STAGES,
        "countries": tx.COUNTRIES,
        "languages": tx.LANGUAGES,
    }
    return {k: [{"code": t.code, "ko": t.ko, "zh": t.zh, "en": t.en} for t in v] for k, v in groups.items()}
