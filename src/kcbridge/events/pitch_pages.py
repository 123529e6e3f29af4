"""Pitch pages: the projects of an event (filters by stage and kind), a project with who is interested
(for its own people and the organisers), adding a project, bookmarks, requests about a project, and the
organisers' chart of interest per project (Apache ECharts, vendored)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.events import agenda, policy, projects
from kcbridge.events import repository as repo
from kcbridge.events.auth import OrganisedEvent
from kcbridge.events.itinerary import display_name
from kcbridge.events.models import Event, Project
from kcbridge.events.pages import flash_of, labels
from kcbridge.events.projects import project_service
from kcbridge.events.schemas import ProjectIn
from kcbridge.events.service import event_service
from kcbridge.kit.errors import DomainError, Forbidden, NotFound
from kcbridge.kit.i18n import N_, _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])

STAGES = {
    "planning": N_("planning"),
    "development": N_("in development"),
    "production": N_("in production"),
    "ready": N_("ready"),
}
KINDS = {
    "technology": N_("technology"),
    "coproduction": N_("content co-production"),
    "presales": N_("product for pre-sales"),
}
TEXTS = [f"{f}_{x}" for f in ("title", "logline", "description") for x in ("ko", "zh", "en")]


def pitch_labels() -> dict[str, Any]:
    return {
        "stages": {k: _(v) for k, v in STAGES.items()},
        "project_kinds": {k: _(v) for k, v in KINDS.items()},
    }


def _context(
    db: DbSession, user: User | None, event: Event, stage: str = "", kind: str = ""
) -> dict[str, Any]:
    lang = get_lang()
    rows = projects.interest(db, event.id)
    rows.sort(key=lambda i: i.project.id)
    if stage:
        rows = [i for i in rows if i.project.stage == stage]
    if kind:
        rows = [i for i in rows if i.project.kind == kind]
    people = {p.id: p for p in repo.participants(db, event.id)}
    orgs = repo.organisations(db, [p.organisation_id for p in people.values()])
    names = {pid: display_name(p, orgs.get(p.organisation_id), lang) for pid, p in people.items()}
    mine = repo.participants_of_user(db, user.id, event.id) if user else []
    senders = [p for p in mine if p.status == "approved"]
    requests = event_service.visible_requests(db, user, event) if user else []
    sessions = {s.id: s for s in agenda.sessions(db, event.id)}
    return dict(
        event=event,
        lang=lang,
        rows=rows,
        names=names,
        countries={
            pid: orgs[p.organisation_id].country for pid, p in people.items() if p.organisation_id in orgs
        },
        mine=mine,
        mine_orgs={p.organisation_id for p in mine},
        org_of={pid: p.organisation_id for pid, p in people.items()},
        senders=senders,
        marked=projects.bookmarked(db, [p.id for p in mine]),
        asked={(r.from_id, r.to_id) for r in requests},
        sessions=sessions,
        pitch_sessions=[s for s in sessions.values() if s.kind == "pitch"],
        organiser=policy.is_organiser(db, user, event),
        filter_stage=stage,
        filter_kind=kind,
        **pitch_labels(),
        **labels(),
    )


@router.get("/events/{event_id}/projects", response_class=HTMLResponse)
def projects_page(
    request: Request, event_id: int, db: DbSession, user: OptionalUser, stage: str = "", kind: str = ""
) -> HTMLResponse:
    event = event_service.get(db, event_id)
    ctx = _context(db, user, event, stage if stage in STAGES else "", kind if kind in KINDS else "")
    return render(
        request, "events/projects.html", flash=flash_of(request), flash_kind="ok", values={}, errors={}, **ctx
    )


def _back(request: Request, db: DbSession, user: User, event_id: int, error: str | None, to: str) -> Response:
    if error is None:
        return RedirectResponse(to, status_code=303)
    db.rollback()
    ctx = _context(db, user, event_service.get(db, event_id))
    return render(
        request,
        "events/projects.html",
        status_code=422,
        flash=error,
        flash_kind="error",
        values={},
        errors={},
        **ctx,
    )


def _project(db: DbSession, event_id: int, project_id: int) -> Project:
    row = project_service.get(db, project_id)
    if row.event_id != event_id:
        raise NotFound(_("This project does not exist."))
    return row


@router.get("/events/{event_id}/projects/{project_id}", response_class=HTMLResponse)
def project_page(
    request: Request, event_id: int, project_id: int, db: DbSession, user: OptionalUser
) -> HTMLResponse:
    event = event_service.get(db, event_id)
    project = _project(db, event.id, project_id)
    ctx = _context(db, user, event)
    owner = repo.participant(db, project.participant_id)
    sees = user is not None and (
        (owner is not None and policy.acts_for(db, user, owner)) or policy.is_organiser(db, user, event)
    )
    interested = project_service.interested(db, user=user, project_id=project.id) if sees and user else None
    counts = next((i for i in projects.interest(db, event.id) if i.project.id == project.id), None)
    return render(
        request,
        "events/project.html",
        flash=flash_of(request),
        flash_kind="ok",
        project=project,
        interested=interested,
        counts=counts,
        **ctx,
    )


def project_fields(form: Any) -> dict[str, Any]:
    values: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in TEXTS}
    for k in ("title_ko", "title_zh", "title_en"):
        values[k] = values[k] or None
    amount = str(form.get("ask_amount") or "").replace(",", "").strip()
    values.update(
        participant_id=form.get("participant_id") or 0,
        session_id=form.get("session_id") or None,
        stage=form.get("stage") or "development",
        kind=form.get("kind") or "technology",
        ask_amount=amount or None,
        currency=form.get("currency") or "USD",
        sectors=[str(x) for x in form.getlist("sectors")],
        materials_url=str(form.get("materials_url") or "").strip() or None,
    )
    return values


@router.post("/events/{event_id}/projects", response_model=None)
def add_project(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """The presenting organisation (or an organiser) adds a project; errors come back on the form."""
    event = event_service.get(db, event_id)
    values = project_fields(form)
    try:
        row = project_service.create(db, user=user, event_id=event.id, data=ProjectIn.model_validate(values))
    except (Forbidden, NotFound):
        raise
    except (ValidationError, DomainError) as exc:
        db.rollback()
        ctx = _context(db, user, event)
        return render(
            request,
            "events/projects.html",
            status_code=exc.status if isinstance(exc, DomainError) else 422,
            flash=_("The project was not saved: see the messages below."),
            flash_kind="error",
            values=values,
            errors=field_errors(exc),
            **ctx,
        )
    return RedirectResponse(f"/events/{event.id}/projects/{row.id}?done=saved", status_code=303)


def _attempt(fn: Any) -> str | None:
    """Runs a service call; a refusal comes back as its message, while "not yours" and "no such thing"
    answer 403 and 404 as everywhere."""
    try:
        fn()
    except ValidationError as exc:
        return "; ".join(field_errors(exc).values())
    except (Forbidden, NotFound):
        raise
    except DomainError as exc:
        return exc.message
    return None


def _num(form: Any, key: str) -> int:
    raw = str(form.get(key) or "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else 0


@router.post("/events/{event_id}/projects/{project_id}/bookmark", response_model=None)
def bookmark(
    request: Request, event_id: int, project_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    project = _project(db, event_id, project_id)
    on = form.get("on") != "0"
    error = _attempt(
        lambda: project_service.bookmark(
            db, user=user, participant_id=_num(form, "from_id"), project_id=project.id, on=on
        )
    )
    return _back(request, db, user, event_id, error, _return_to(form, event_id, project.id))


@router.post("/events/{event_id}/projects/{project_id}/request", response_model=None)
def request_about(
    request: Request, event_id: int, project_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    project = _project(db, event_id, project_id)
    message = str(form.get("message") or "")[:2000]
    error = _attempt(
        lambda: project_service.request_meeting(
            db, user=user, project_id=project.id, from_id=_num(form, "from_id"), message=message
        )
    )
    return _back(request, db, user, event_id, error, _return_to(form, event_id, project.id, "requested"))


def _return_to(form: Any, event_id: int, project_id: int, done: str = "saved") -> str:
    if form.get("back") == "project":
        return f"/events/{event_id}/projects/{project_id}?done={done}"
    return f"/events/{event_id}/projects?done={done}#project-{project_id}"


@router.get("/events/{event_id}/interest", response_class=HTMLResponse)
def interest_page(request: Request, event_id: int, db: DbSession, event: OrganisedEvent) -> HTMLResponse:
    """The organisers' chart: bookmarks and meeting requests per project."""
    lang = get_lang()
    rows = projects.interest(db, event.id)
    chart = {
        "labels": [i.project.title(lang) for i in rows],
        "bookmarks": [i.bookmarks for i in rows],
        "requests": [i.requests for i in rows],
        "names": {"bookmarks": _("Bookmarks"), "requests": _("Meeting requests")},
    }
    people = {p.id: p for p in repo.participants(db, event.id)}
    orgs = repo.organisations(db, [p.organisation_id for p in people.values()])
    names = {pid: display_name(p, orgs.get(p.organisation_id), lang) for pid, p in people.items()}
    return render(
        request,
        "events/interest.html",
        event=event,
        lang=lang,
        rows=rows,
        chart=chart,
        names=names,
        **pitch_labels(),
    )
