"""HTML pages of the directory; they call the same services as the API."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from kcbridge.accounts.auth import CurrentUser, OptionalUser, optional_user
from kcbridge.accounts.models import User
from kcbridge.directory import places, taxonomy
from kcbridge.directory import repository as repo
from kcbridge.directory.auth import OrgEditor
from kcbridge.directory.schemas import OrganisationIn, OrganisationPatch, PersonIn
from kcbridge.directory.search import directory_search
from kcbridge.directory.service import directory_service
from kcbridge.kit.db import unit_of_work
from kcbridge.kit.errors import DomainError, NotFound
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect, refuse_writes
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app
    label=lambda code: taxonomy.label(code, get_lang()) if code else "",
    place=lambda value: places.name(value, get_lang()),  # a stored city in the reader's language
    taxonomy=taxonomy,
)
PER_PAGE = 20
TEXT_FIELDS = ("description", "offer", "seek")


def _clean(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def org_form_dict(form: FormData) -> dict[str, Any]:
    """Form fields → the shape OrganisationIn validates (texts per language, sectors as a list)."""
    data: dict[str, Any] = {
        k: _clean(str(form.get(k) or ""))
        for k in (
            "name_ko",
            "name_zh",
            "name_en",
            "org_type",
            "size",
            "stage",
            "country",
            "founded_year",
            "website",
        )
    }
    data["city"] = str(form.get("city") or "").strip()
    data["sectors"] = [str(s) for s in form.getlist("sectors")]
    data["texts"] = {
        lang: {f: str(form.get(f"{f}_{lang}") or "").strip() for f in TEXT_FIELDS}
        for lang in ("ko", "zh", "en")
    }
    return data


def org_values(org: Any) -> dict[str, Any]:
    """An organisation as form values, for the edit page."""
    values: dict[str, Any] = {
        k: getattr(org, k)
        for k in (
            "name_ko",
            "name_zh",
            "name_en",
            "org_type",
            "size",
            "stage",
            "country",
            "city",
            "founded_year",
            "website",
        )
    }
    values["sectors"] = org.sectors
    values["texts"] = {t.lang: {f: getattr(t, f) for f in TEXT_FIELDS} for t in org.texts}
    return values


@lru_cache(maxsize=8)
def filter_options(lang: str) -> dict[str, list[tuple[str, str]]]:
    """The filter form's choices as (code, label) in `lang`: labelled once, not on every page."""
    return {
        name: [(t.code, t.label(lang)) for t in terms]
        for name, terms in (
            ("countries", taxonomy.COUNTRIES),
            ("org_types", taxonomy.ORG_TYPES),
            ("sectors", taxonomy.SECTORS),
        )
    }


@dataclass(frozen=True, slots=True)
class CardText:
    lang: str
    description: str


@dataclass(frozen=True, slots=True)
class OrgCard:
    """A card of the result list (directory/_macros.html: result_card), from a plain row of
    `repo.list_rows`, with what org_card decides in its template decided here: no ORM objects and
    little template logic on the busiest page."""

    id: int
    title: str  # the name in the reader's language, else the first one given (as Organisation.name)
    others: list[str]  # the other names
    country: str
    country_label: str
    place: str  # the city in the reader's language
    type_label: str
    size_label: str
    sector_labels: list[str]  # the first four
    text: CardText | None  # in the reader's language, else the home one, else any (as org_card)

    @classmethod
    def of(cls, row: dict[str, Any], lang: str) -> OrgCard:
        names = {k: row[f"name_{k}"] for k in ("ko", "zh", "en") if row[f"name_{k}"]}
        title = names.get(lang) or next(iter(names.values()), "")
        texts: dict[str, dict[str, Any]] = row["texts"]
        home = {"KR": "ko", "CN": "zh"}.get(row["country"])
        chosen = lang if lang in texts else home if home in texts else min(texts, default=None)
        description = texts[chosen]["description"] if chosen else None
        return cls(
            id=row["id"],
            title=title,
            others=[n for n in names.values() if n != title],
            country=row["country"],
            country_label=taxonomy.label(row["country"], lang),
            place=places.name(row["city"], lang) if row["city"] else "",
            type_label=taxonomy.label(row["org_type"], lang),
            size_label=taxonomy.label(row["size"], lang) if row["size"] else "",
            sector_labels=[taxonomy.label(code, lang) for code in row["sectors"][:4]],
            text=CardText(chosen, description) if chosen and description else None,
        )


@router.get("/organisations", response_class=HTMLResponse)
async def list_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    org_type: str = "",
    country: str = "",
    city: str = "",
    sector: Annotated[list[str] | None, Query()] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> HTMLResponse:
    """The directory: as the JSON listing, one unit of work in one worker thread (not a thread hop per
    dependency) and plain rows for the cards, rendered in that thread."""
    sectors = [s for s in (sector or []) if s]
    return await run_in_threadpool(_list_page, request, q, org_type, country, city, sectors, page)


def _list_page(
    request: Request, q: str, org_type: str, country: str, city: str, sectors: list[str], page: int
) -> HTMLResponse:
    with unit_of_work(write=False) as db:
        refuse_writes(db, f"GET {request.url.path}")
        optional_user(request, db)  # the frame shows who is signed in
        hits = directory_search.search(
            db,
            q,
            org_type=org_type or None,
            country=country or None,
            city=city or None,
            sectors=sectors,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
        )
        rows = repo.list_rows(db, hits.ids)  # the cards show no contact people
        lang = get_lang()
        context: dict[str, Any] = dict(
            orgs=[OrgCard.of(r, lang) for r in rows],
            options=filter_options(lang),
            logos={r["id"] for r in rows if r["has_logo"]},
            total=hits.total,
            page=page,
            pages=max(1, -(-hits.total // PER_PAGE)),
            q=q,
            org_type=org_type,
            country=country,
            city=city,
            sectors=sectors,
        )
        partial = request.headers.get("hx-request") and request.headers.get("hx-target") == "results"
        return render(request, "directory/_results.html" if partial else "directory/list.html", **context)


@router.get("/organisations/new", response_class=HTMLResponse)
def new_page(request: Request, user: CurrentUser) -> HTMLResponse:
    return render(request, "directory/form.html", values={"texts": {}, "sectors": []}, errors={}, org=None)


@router.post("/organisations/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    values = org_form_dict(form)
    try:
        data = OrganisationIn.model_validate(values)
    except ValidationError as exc:
        return render(
            request, "directory/form.html", status_code=422, values=values, errors=field_errors(exc), org=None
        )
    warnings = directory_service.duplicates(db, data)
    if warnings and not form.get("confirm_duplicate"):
        return render(
            request,
            "directory/form.html",
            status_code=409,
            values=values,
            errors={},
            org=None,
            duplicate_warnings=warnings,
        )
    org = directory_service.create(db, user=user, data=data)
    return RedirectResponse(f"/organisations/{org.id}?created=1", status_code=303)


def _profile(
    request: Request, db: DbSession, user: User | None, org_id: int, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    """The profile page; forms on it (people, members, logo) re-render it with their errors."""
    view = directory_service.profile(db, user=user, org_id=org_id)
    context: dict[str, Any] = dict(
        org=view.org,
        people=view.people,  # None: hidden from this reader (the repository's rule)
        logos=repo.has_logo(db, [org_id]),
        can_edit=view.can_edit,
        can_delete=view.can_delete,
        person_errors={},
        person_values={},
        member_errors={},
        members=view.members,
    )
    context.update(extra)
    return render(request, "directory/profile.html", status_code=status_code, **context)


@router.get("/organisations/{org_id}", response_class=HTMLResponse)
def profile(
    request: Request, org_id: int, db: DbSession, user: OptionalUser, created: int = 0
) -> HTMLResponse:
    flash = _("The organisation was created.") if created else None
    return _profile(request, db, user, org_id, flash=flash, flash_kind="ok")


@router.get("/organisations/{org_id}/edit", response_class=HTMLResponse)
def edit_page(request: Request, org_id: int, db: DbSession, user: OrgEditor) -> HTMLResponse:
    org = directory_service.get(db, org_id)
    return render(request, "directory/form.html", values=org_values(org), errors={}, org=org)


@router.post("/organisations/{org_id}/edit", response_class=HTMLResponse, response_model=None)
def update(request: Request, org_id: int, db: DbSession, user: OrgEditor, form: Form) -> Response:
    org = directory_service.get(db, org_id)
    values = org_form_dict(form)
    try:
        OrganisationIn.model_validate(values)  # the edit form always sends every field
        data = OrganisationPatch.model_validate(values)
        directory_service.update(db, user=user, org_id=org_id, data=data)
    except (ValidationError, DomainError) as exc:
        if isinstance(exc, DomainError) and not exc.fields:
            raise
        return render(
            request, "directory/form.html", status_code=422, values=values, errors=field_errors(exc), org=org
        )
    return RedirectResponse(f"/organisations/{org_id}", status_code=303)


@router.post("/organisations/{org_id}/delete", response_model=None)
def delete(org_id: int, db: DbSession, user: CurrentUser) -> Response:
    directory_service.delete(db, user=user, org_id=org_id)
    return RedirectResponse("/my/organisations", status_code=303)


@router.post("/organisations/{org_id}/people", response_class=HTMLResponse, response_model=None)
def add_person(request: Request, org_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    values = {k: str(form.get(k) or "").strip() for k in ("name", "title", "email", "phone")}
    data_in: dict[str, Any] = {
        **values,
        "email": values["email"] or None,
        "phone": values["phone"] or None,
        "languages": [str(v) for v in form.getlist("languages")],
    }
    try:
        directory_service.add_person(db, user=user, org_id=org_id, data=PersonIn.model_validate(data_in))
    except ValidationError as exc:
        return _profile(
            request, db, user, org_id, status_code=422, person_errors=field_errors(exc), person_values=data_in
        )
    return RedirectResponse(f"/organisations/{org_id}#people", status_code=303)


@router.post("/organisations/{org_id}/members", response_class=HTMLResponse, response_model=None)
def add_member(request: Request, org_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    try:
        directory_service.add_member(
            db,
            user=user,
            org_id=org_id,
            email=str(form.get("email") or ""),
            role=str(form.get("role") or "member"),
        )
    except DomainError as exc:
        if not exc.fields:
            raise
        return _profile(request, db, user, org_id, status_code=422, member_errors=field_errors(exc))
    return RedirectResponse(f"/organisations/{org_id}#members", status_code=303)


@router.post(
    "/organisations/{org_id}/members/{member_id}/remove", response_class=HTMLResponse, response_model=None
)
def remove_member(
    request: Request, org_id: int, member_id: int, db: DbSession, user: CurrentUser
) -> Response:
    try:
        directory_service.remove_member(db, user=user, org_id=org_id, member_id=member_id)
    except DomainError as exc:
        if exc.status != 422:
            raise
        return _profile(request, db, user, org_id, status_code=422, flash=exc.message, flash_kind="error")
    return RedirectResponse(f"/organisations/{org_id}#members", status_code=303)


@router.post("/people/{person_id}/delete", response_model=None)
def delete_person(person_id: int, db: DbSession, user: CurrentUser) -> Response:
    person = repo.person(db, person_id)
    if person is None:
        raise NotFound(_("This person does not exist."))
    org_id = person.organisation_id
    directory_service.delete_person(db, user=user, person_id=person_id)
    return RedirectResponse(f"/organisations/{org_id}#people", status_code=303)


@router.post("/organisations/{org_id}/logo", response_class=HTMLResponse, response_model=None)
def upload_logo(request: Request, org_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    upload = form.get("logo")
    data = upload.file.read(2 * 1024 * 1024 + 1) if isinstance(upload, UploadFile) else b""
    try:
        directory_service.set_logo(db, user=user, org_id=org_id, data=data)
    except DomainError as exc:
        if not exc.fields:
            raise
        return _profile(request, db, user, org_id, status_code=422, flash=exc.message, flash_kind="error")
    return RedirectResponse(f"/organisations/{org_id}", status_code=303)


@router.get("/organisations/{org_id}/logo")
def logo(org_id: int, db: DbSession) -> Response:
    row = repo.logo(db, org_id)
    if row is None or repo.get(db, org_id) is None:
        raise NotFound(_("No logo."))
    return Response(
        row.data,
        media_type=row.content_type,
        headers={"Cache-Control": "public, max-age=300", "Content-Security-Policy": "default-src 'none'"},
    )


@router.get("/my/organisations", response_class=HTMLResponse)
def mine(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    rows = repo.of_user(db, user.id)
    return render(
        request, "directory/mine.html", rows=rows, logos=repo.has_logo(db, [o.id for o, _r in rows])
    )
