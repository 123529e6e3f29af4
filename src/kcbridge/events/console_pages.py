"""Console routes beside the page itself (pages.py): the scheduler run's progress, the meeting dialog,
directory search to add participants, online rooms and the video-meeting address, speakers, projects.

GETs only read; every change goes through the same services as the JSON API, and a refusal re-renders
the console with its message.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_currency, get_currency_name
from fastapi import APIRouter, Depends, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from kcbridge.accounts.auth import CurrentUser
from kcbridge.accounts.models import User
from kcbridge.directory import repository as dir_repo
from kcbridge.directory.search import directory_search
from kcbridge.events import console, speakers, timefmt
from kcbridge.events import repository as repo
from kcbridge.events.attendance import attendance_service
from kcbridge.events.auth import OrganisedEvent
from kcbridge.events.models import Event, TableKind
from kcbridge.events.pages import flash_of, labels
from kcbridge.events.pitch_pages import _attempt
from kcbridge.events.projects import project_service
from kcbridge.events.schemas import AttendanceIn, ProjectIn, SpeakerPersonIn, TableIn
from kcbridge.events.service import event_service
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _, get_lang, get_locale
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])
MAX_UPLOAD = 2_000_000


def page(request: Request, db: DbSession, user: User, event: Event, **extra: Any) -> HTMLResponse:
    """The console page (GET, or after a refused change with its message)."""
    ctx = console.context_for(db, user, event, request.query_params)
    status = 422 if extra.get("flash_kind") == "error" else 200
    extra.setdefault("flash", flash_of(request))
    extra.setdefault("flash_kind", "ok")
    return render(request, "events/console.html", status_code=status, **ctx, **labels(), **extra)


def back(
    request: Request, db: DbSession, user: User, event_id: int, error: str | None, done: str
) -> Response:
    if error is None:
        return RedirectResponse(f"/events/{event_id}/console?done={done}", status_code=303)
    db.rollback()
    event = event_service.get(db, event_id)
    return page(request, db, user, event, flash=error, flash_kind="error")


@router.get("/events/{event_id}/console/run", response_class=HTMLResponse)
def run_box(request: Request, event_id: int, db: DbSession, event: OrganisedEvent) -> Response:
    """The scheduler box, polled while a run is queued or running; once it ended, the page reloads."""
    box = console.scheduler_box(db, event)
    response = render(request, "events/_scheduler.html", event=event, **box, **labels())
    if not box["busy"]:
        response.headers["HX-Refresh"] = "true"
    return response


def _meeting(db: DbSession, event: Event, meeting_id: int) -> Any:
    meeting = repo.meeting(db, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        raise NotFound(_("This meeting does not exist."))
    return meeting


@router.get("/events/{event_id}/console/meetings/{meeting_id}", response_class=HTMLResponse)
def meeting_dialog(
    request: Request, event_id: int, meeting_id: int, db: DbSession, event: OrganisedEvent
) -> HTMLResponse:
    """Move, cancel or mark a meeting: a dialog fragment for HTMX, a page of its own otherwise."""
    meeting = _meeting(db, event, meeting_id)
    people = [p for p in (repo.participant(db, s.participant_id) for s in meeting.seats) if p]
    ctx = dict(
        event=event,
        meeting=meeting,
        sides=people,
        names=console.names_of(db, event, people, get_lang()),
        slot=repo.slot(db, meeting.slot_id),
        table=repo.table(db, meeting.table_id),
        places=console.free_places(db, event, meeting),
        zone=event.timezone,
        lang=get_lang(),
        fragment=request.headers.get("HX-Request") == "true",
        **labels(),
    )
    return render(request, "events/meeting_dialog.html", **ctx)


@router.get("/events/{event_id}/console/orgs", response_class=HTMLResponse)
def find_orgs(
    request: Request, event_id: int, db: DbSession, event: OrganisedEvent, q: str = "", purpose: str = ""
) -> HTMLResponse:
    """Directory organisations whose name (in any language) matches `q`, to register one or, with
    `purpose=cohost`, to add one as a co-host."""
    found = []
    q = q.strip()[:100]
    if q:
        hits = directory_search.search(db, q, limit=10)
        found = dir_repo.get_many(db, hits.ids)
    if purpose == "cohost":
        taken = {event.organiser_org_id, *event_service.cohosts(db, event.id)}
        note = _("already hosts this event")
    else:
        taken = {p.organisation_id for p in repo.participants(db, event.id) if not p.team}
        note = _("already registered")
    return render(
        request,
        "events/_org_choices.html",
        orgs=found,
        q=q,
        registered=taken,
        note=note,
        lang=get_lang(),
        **labels(),
    )


@router.post("/events/{event_id}/console/rooms", response_model=None)
def add_rooms(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent, form: Form
) -> Response:
    """Adds `count` online meeting rooms named "<prefix> 1…n" (links: their own, or the video address)."""
    raw, prefix = str(form.get("count") or "1"), str(form.get("prefix") or "").strip() or _("Online room")
    url = str(form.get("online_url") or "").strip() or None

    def go() -> None:
        count = int(raw) if raw.isdigit() else 0
        if not 1 <= count <= 100:
            raise Invalid(_("Add between 1 and 100 online rooms at a time."))
        taken = {t.name for t in repo.tables(db, event.id)}
        n = 0
        for _i in range(count):
            n += 1
            while f"{prefix} {n}" in taken:
                n += 1
            data = TableIn(
                name=f"{prefix} {n}", kind=TableKind.ONLINE, online_url=url if count == 1 else None
            )
            event_service.add_table(db, user=user, event_id=event.id, data=data)

    return back(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/video", response_model=None)
def set_video(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent, form: Form
) -> Response:
    url = str(form.get("video_base_url") or "")
    error = _attempt(lambda: attendance_service.set_video_address(db, user=user, event_id=event.id, url=url))
    return back(request, db, user, event_id, error, "saved")


@router.post("/events/{event_id}/console/attendance", response_model=None)
def switch_attendance(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent, form: Form
) -> Response:
    pid = str(form.get("participant_id") or "")
    row = repo.participant(db, int(pid)) if pid.isdigit() and len(pid) < 10 else None
    if row is None or row.event_id != event.id:
        raise Forbidden(_("This participant does not belong to this event."))

    def go() -> None:
        data = AttendanceIn.model_validate({"attendance": form.get("attendance") or ""})
        attendance_service.set_attendance(db, user=user, participant_id=row.id, data=data)

    return back(request, db, user, event_id, _attempt(go), "saved")


def speaker_fields(form: Any) -> dict[str, Any]:
    keys = [f"{f}_{x}" for f in ("name", "title", "bio") for x in ("ko", "zh", "en")] + ["org_name"]
    values: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in keys}
    for k in ("name_ko", "name_zh", "name_en"):
        values[k] = values[k] or None
    for k in ("person_id", "organisation_id"):
        raw = str(form.get(k) or "")
        values[k] = int(raw) if raw.isdigit() and len(raw) < 10 else None
    return values


@router.post("/events/{event_id}/console/speakers", response_model=None)
def add_speaker(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent, form: Form
) -> Response:
    def go() -> None:
        data = SpeakerPersonIn.model_validate(speaker_fields(form))
        row = speakers.speaker_service.add(db, user=user, event_id=event.id, data=data)
        upload = form.get("photo")
        content = upload.file.read(MAX_UPLOAD) if isinstance(upload, UploadFile) else b""
        if content:
            speakers.speaker_service.set_photo(db, user=user, speaker_id=row.id, data=content)

    return back(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/speakers/{speaker_id}/delete", response_model=None)
def delete_speaker(
    request: Request, event_id: int, speaker_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent
) -> Response:
    row = speakers.speaker_service.get(db, speaker_id)
    if row.event_id != event.id:
        raise NotFound(_("This speaker does not exist."))
    error = _attempt(lambda: speakers.speaker_service.delete(db, user=user, speaker_id=speaker_id))
    return back(request, db, user, event_id, error, "saved")


@router.get("/events/speakers/{speaker_id}/photo")
def speaker_photo(speaker_id: int, db: DbSession) -> Response:
    """A speaker's photo (speakers are public, as the agenda is)."""
    row = speakers.speaker_service.get(db, speaker_id)
    if not row.photo or not row.photo_type:
        raise NotFound(_("This speaker has no photo."))
    return Response(
        row.photo,
        media_type=row.photo_type,
        headers={"Cache-Control": "public, max-age=300", "Content-Security-Policy": "default-src 'none'"},
    )


def _errors(exc: Exception) -> str:
    return "; ".join(field_errors(exc).values()) if isinstance(exc, ValidationError) else str(exc)


@router.post("/events/{event_id}/console/projects/{project_id}/session", response_model=None)
def project_session(
    request: Request,
    event_id: int,
    project_id: int,
    db: DbSession,
    user: CurrentUser,
    event: OrganisedEvent,
    form: Form,
) -> Response:
    """The organisers put a project in a pitch session (or take it out)."""
    project = project_service.get(db, project_id)
    if project.event_id != event.id:
        raise NotFound(_("This project does not exist."))
    raw = str(form.get("session_id") or "")

    def go() -> None:
        fields = {c: getattr(project, c) for c in ProjectIn.model_fields}
        fields["session_id"] = int(raw) if raw.isdigit() and len(raw) < 10 else None
        project_service.update(db, user=user, project_id=project.id, data=ProjectIn.model_validate(fields))

    return back(request, db, user, event_id, _attempt(go), "saved")


def money(amount: int, currency: str) -> str:
    """An amount in the reader's way of writing money: US$2,000,000 · ₩5,000,000,000 · ¥30,000,000."""
    return format_currency(amount, currency, format="¤#,##0", locale=get_locale(), currency_digits=False)


def currency_name(code: str) -> str:
    return str(get_currency_name(code, locale=get_locale()))


TEMPLATE_GLOBALS: dict[str, Any] = dict(  # installed by the app: event times and money in the reader's words
    event_hm=timefmt.hm,
    event_day=timefmt.day_label,
    zone_city=timefmt.zone_name,
    money=money,
    currency_name=currency_name,
)
