"""HTML pages of events: list, event page (register, request meetings), organiser console, my schedule.

They call the same services as the JSON API; a refused action re-renders the page with the message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import ValidationError

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.accounts.models import User
from kcbridge.directory import repository as dir_repo
from kcbridge.events import agenda, hybrid, policy, projects, timefmt
from kcbridge.events import console as console_view
from kcbridge.events import repository as repo
from kcbridge.events.auth import OrganisedEvent
from kcbridge.events.ics import calendar
from kcbridge.events.itinerary import display_name, personal
from kcbridge.events.marketplace import suggestions
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import Event
from kcbridge.events.pdf import schedule_pdf
from kcbridge.events.schemas import (
    AvailabilityIn,
    EventIn,
    MeetingIn,
    MoveIn,
    RegistrationIn,
    RequestIn,
    SessionIn,
    SlotSeriesIn,
    TableIn,
)
from kcbridge.events.service import event_service
from kcbridge.events.stats import event_stats, meetings_csv, stats_csv
from kcbridge.kit.config import get_settings
from kcbridge.kit.errors import DomainError, Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import N_, _, get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.forms import field_errors
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])

ZONES = timefmt.ZONES
DEFAULT_ZONE = {"ko": "Asia/Seoul", "zh_Hans": "Asia/Shanghai", "en": "UTC"}
TYPE_LABELS = {
    "forum": N_("Forum"),
    "pitch_session": N_("Pitch session"),
    "trade_fair": N_("Trade fair / exhibition"),
    "delegation_visit": N_("Delegation visit"),
    "workshop": N_("Workshop"),
    "round_table": N_("Round table"),
}
MODE_LABELS = {"onsite": N_("On site"), "online": N_("Online"), "hybrid": N_("Hybrid (on site and online)")}
ROLE_LABELS = {
    "visitor": N_("Visitor"),
    "exhibitor": N_("Exhibitor"),
    "speaker": N_("Speaker"),
    "investor": N_("Investor"),
    "host_team": N_("Host team"),
    "producer": N_("Producer"),
    "buyer": N_("Buyer"),
}
STATUS_LABELS = {
    "pending": N_("pending"),
    "invited": N_("invited"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "accepted": N_("accepted"),
    "declined": N_("declined"),
    "expired": N_("expired"),
    "draft": N_("draft"),
    "published": N_("published"),
    "cancelled": N_("cancelled"),
    "queued": N_("queued"),
    "running": N_("running"),
    "done": N_("done"),
    "failed": N_("failed"),
    "held": N_("held"),
    "no_show": N_("no-show"),
}
SESSION_KINDS = {
    "keynote": N_("Keynote"),
    "panel": N_("Panel"),
    "presentation": N_("Company presentation"),
    "pitch": N_("Pitch"),
    "networking": N_("Networking"),
    "break": N_("Break"),
}
DONE = {
    "registered": N_("Your registration was sent to the organisers."),
    "requested": N_("Your meeting request was sent."),
    "answered": N_("Your answer was saved."),
    "saved": N_("Saved."),
    "queued": N_("The scheduler is running; reload this page in a few seconds."),
    "published": N_("Meetings were published; participants can see their schedules."),
    "mailed": N_("Schedules were sent by mail."),
}


def labels() -> dict[str, Any]:
    return {
        "types": {k: _(v) for k, v in TYPE_LABELS.items()},
        "modes": {k: _(v) for k, v in MODE_LABELS.items()},
        "roles": {k: _(v) for k, v in ROLE_LABELS.items()},
        "statuses": {k: _(v) for k, v in STATUS_LABELS.items()},
        "kinds": {k: _(v) for k, v in SESSION_KINDS.items()},
    }


def viewer_zone(tz: str | None, db: Any = None, user: User | None = None) -> str:
    """The zone the viewer asked for, else their organisation's country's, else their language's."""
    if tz in ZONES:
        return str(tz)
    orgs = dir_repo.of_user(db, user.id) if db is not None and user is not None else []
    return timefmt.default_zone(orgs[0][0].country if orgs else None)


def flash_of(request: Request) -> str | None:
    key = request.query_params.get("done")
    return _(DONE[key]) if key in DONE else None


def _attempt(fn: Callable[[], Any]) -> str | None:
    """Runs a service call; a refusal comes back as its message (field messages joined)."""
    try:
        fn()
    except ValidationError as exc:
        return "; ".join(field_errors(exc).values())
    except DomainError as exc:
        return exc.message
    return None


# Pages ------------------------------------------------------------------------------------------
@router.get("/events", response_class=HTMLResponse)
def list_page(request: Request, db: DbSession, user: OptionalUser) -> HTMLResponse:
    events = repo.events(db)
    counts = repo.count_participants(db, [e.id for e in events])
    return render(
        request,
        "events/list.html",
        events=events,
        counts=counts,
        lang=get_lang(),
        zoneinfo=ZoneInfo,
        **labels(),
    )


def _org_choices(db: DbSession, user: User) -> list[Any]:
    return [o for o, _role in dir_repo.of_user(db, user.id)]


@router.get("/events/new", response_class=HTMLResponse)
def new_page(request: Request, db: DbSession, user: CurrentUser) -> HTMLResponse:
    return render(
        request,
        "events/form.html",
        orgs=_org_choices(db, user),
        values={"timezone": "Asia/Seoul", "languages": ["ko", "zh"]},
        errors={},
        zones=ZONES,
        **labels(),
    )


@router.post("/events/new", response_class=HTMLResponse, response_model=None)
def create(request: Request, db: DbSession, user: CurrentUser, form: Form) -> Response:
    keys = ("event_type", "mode", "title_ko", "title_zh", "title_en", "description", "timezone", "starts_at")
    values: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in (*keys, "ends_at", "venue")}
    values["online_url"] = str(form.get("online_url") or "").strip() or None
    values["organiser_org_id"] = form.get("organiser_org_id") or None
    values["languages"] = [str(x) for x in form.getlist("languages")] or ["ko", "zh"]
    try:
        event = event_service.create(db, user=user, data=EventIn.model_validate(values))
    except (ValidationError, DomainError) as exc:
        db.rollback()
        return render(
            request,
            "events/form.html",
            status_code=exc.status if isinstance(exc, DomainError) else 422,
            orgs=_org_choices(db, user),
            values=values,
            errors=field_errors(exc),
            zones=ZONES,
            **labels(),
        )
    return RedirectResponse(f"/events/{event.id}/console?done=saved", status_code=303)


def _event_context(db: DbSession, user: User | None, event: Event, tz: str | None = None) -> dict[str, Any]:
    lang = get_lang()
    people = event_service.visible_participants(db, user, event)
    orgs = repo.organisations(db, [p.organisation_id for p in people])
    names = {p.id: display_name(p, orgs.get(p.organisation_id), lang) for p in people}
    mine = repo.participants_of_user(db, user.id, event.id) if user else []
    mine_ids = {p.id for p in mine}
    requests = event_service.visible_requests(db, user, event) if user else []
    asked = {(r.from_id, r.to_id) for r in requests}
    registered = {(p.organisation_id, p.team) for p in repo.participants(db, event.id)}
    my_orgs = [o for o in _org_choices(db, user) if (o.id, "") not in registered] if user else []
    return dict(
        event=event,
        lang=lang,
        organiser=repo.organises(db, user, event.id),
        organiser_org=dir_repo.get(db, event.organiser_org_id),
        cohost_orgs=dir_repo.get_many(db, event_service.cohosts(db, event.id)),
        people=[p for p in people if p.status == "approved"],
        names=names,
        mine=mine,
        mine_ids=mine_ids,
        senders=[p for p in mine if p.status == "approved"],
        incoming=[r for r in requests if r.to_id in mine_ids],
        outgoing=[r for r in requests if r.from_id in mine_ids],
        asked=asked,
        liked={
            (b.participant_id, b.target_id)
            for b in repo.bookmarks(db, event.id, participant_ids=list(mine_ids))
        },
        my_orgs=my_orgs,
        sessions=agenda.sessions(db, event.id),
        suggested=[(me, suggestions(db, event, me)) for me in mine if me.status == "approved"][:1],
        zone=viewer_zone(tz, db, user),
        streams=agenda.sees_streams(db, user, event),
        has_projects=event.event_type == "pitch_session" or bool(projects.projects(db, event.id)),
        attendances=hybrid.attendances(event),
        ZoneInfo=ZoneInfo,
        **labels(),
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    event = event_service.get(db, event_id)
    ctx = _event_context(db, user, event, request.query_params.get("tz"))
    return render(request, "events/event.html", flash=flash_of(request), flash_kind="ok", **ctx)


def _back_to_event(
    request: Request, db: DbSession, user: User, event_id: int, error: str | None, done: str, back: str = ""
) -> Response:
    if error is None and back == "marketplace":  # the marketplace's cards, with their filters kept
        return RedirectResponse(f"/events/{event_id}/marketplace?done={done}", status_code=303)
    if error is None:
        return RedirectResponse(f"/events/{event_id}?done={done}", status_code=303)
    db.rollback()
    ctx = _event_context(db, user, event_service.get(db, event_id))
    return render(request, "events/event.html", status_code=422, flash=error, flash_kind="error", **ctx)


@router.post("/events/{event_id}/register", response_model=None)
def register(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    def go() -> None:
        data = RegistrationIn.model_validate(
            {
                "organisation_id": form.get("organisation_id") or 0,
                "team": str(form.get("team") or ""),
                "role": form.get("role") or "visitor",
                "mail_consent": form.get("mail_consent") == "1",
                "attendance": form.get("attendance") or None,
                "offer": str(form.get("offer") or ""),
                "seek": str(form.get("seek") or ""),
            }
        )
        event_service.register(db, user=user, event_id=event_id, data=data)

    return _back_to_event(request, db, user, event_id, _attempt(go), "registered")


@router.post("/events/participants/{participant_id}/invitation", response_model=None)
def answer_invitation(
    request: Request, participant_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """A member of an invited organisation accepts (agreeing to mails or not) or declines."""
    event_id = event_service.participant(db, participant_id).event_id
    error = _attempt(
        lambda: event_service.answer_invitation(
            db,
            user=user,
            participant_id=participant_id,
            accept=form.get("accept") == "1",
            mail_consent=form.get("mail_consent") == "1",
        )
    )
    return _back_to_event(request, db, user, event_id, error, "answered")


@router.post("/events/{event_id}/requests", response_model=None)
def request_meeting(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    def go() -> None:
        data = RequestIn.model_validate(
            {
                "from_id": form.get("from_id") or 0,
                "to_id": form.get("to_id") or 0,
                "message": str(form.get("message") or ""),
            }
        )
        event_service.request_meeting(db, user=user, event_id=event_id, data=data)

    back = str(form.get("back") or "")
    return _back_to_event(request, db, user, event_id, _attempt(go), "requested", back)


@router.post("/events/{event_id}/bookmarks", response_model=None)
def bookmark(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Bookmark a participant (or forget it) for one of your registrations."""
    me, target = str(form.get("from_id") or "0"), str(form.get("to_id") or "0")
    on = form.get("on") != "0"
    error = _attempt(
        lambda: event_service.bookmark(
            db,
            user=user,
            participant_id=int(me) if me.isdigit() else 0,
            target_id=int(target) if target.isdigit() else 0,
            on=on,
        )
    )
    return _back_to_event(request, db, user, event_id, error, "saved", str(form.get("back") or ""))


@router.post("/events/requests/{request_id}/answer", response_model=None)
def answer(request: Request, request_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    row = repo.request(db, request_id)
    if row is None:
        raise NotFound(_("This meeting request does not exist."))
    event_id = row.event_id
    error = _attempt(
        lambda: event_service.answer(db, user=user, request_id=request_id, accept=form.get("accept") == "1")
    )
    back = str(form.get("back") or "")
    if error is None and back == "console":
        return RedirectResponse(f"/events/{event_id}/console?done=answered", status_code=303)
    return _back_to_event(request, db, user, event_id, error, "answered")


# Organiser console --------------------------------------------------------------------------------
def _console_context(db: DbSession, user: User, event: Event, params: Any = None) -> dict[str, Any]:
    """The console's context (console.py), filtered by the page's query (participant, table, status)."""
    return {**console_view.context_for(db, user, event, params), **labels()}


def _organiser_event(db: DbSession, user: User, event_id: int) -> Event:
    event = event_service.get(db, event_id)
    event_service.require_organiser(db, user, event)
    return event


@router.get("/events/{event_id}/console", response_class=HTMLResponse)
def console(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent
) -> HTMLResponse:
    return render(
        request,
        "events/console.html",
        flash=flash_of(request),
        flash_kind="ok",
        **_console_context(db, user, event, request.query_params),
    )


def _back_to_console(
    request: Request, db: DbSession, user: User, event_id: int, error: str | None, done: str
) -> Response:
    if error is None:
        return RedirectResponse(f"/events/{event_id}/console?done={done}", status_code=303)
    db.rollback()
    event = _organiser_event(db, user, event_id)
    ctx = _console_context(db, user, event)
    return render(request, "events/console.html", status_code=422, flash=error, flash_kind="error", **ctx)


@router.post("/events/{event_id}/console/participants", response_model=None)
def console_participant(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent, form: Form
) -> Response:
    """Approve or reject a registration, or register a host team / exhibitor on its behalf."""
    action = form.get("action")

    if action == "cohost":
        org_id = str(form.get("organisation_id") or "")
        error = _attempt(
            lambda: event_service.add_cohost(
                db, user=user, event_id=event_id, organisation_id=int(org_id) if org_id.isdigit() else 0
            )
        )
        return _back_to_console(request, db, user, event_id, error, "saved")

    def go() -> None:
        if action in ("approve", "reject"):
            pid = int(str(form.get("participant_id") or 0))
            participant = event_service.participant(db, pid)
            if participant.event_id != event_id:
                raise Forbidden(_("This participant does not belong to this event."))
            event_service.decide(db, user=user, participant_id=pid, approve=action == "approve")
        else:
            data = RegistrationIn.model_validate(
                {
                    "organisation_id": form.get("organisation_id") or 0,
                    "team": str(form.get("team") or ""),
                    "role": form.get("role") or "visitor",
                    "attendance": form.get("attendance") or None,
                }
            )
            event_service.register(db, user=user, event_id=event_id, data=data)

    return _back_to_console(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/slots", response_model=None)
def console_slots(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    def go() -> None:
        data = SlotSeriesIn.model_validate(
            {
                "starts_at": form.get("starts_at") or None,
                "minutes": form.get("minutes") or 30,
                "break_minutes": form.get("break_minutes") or 0,
                "count": form.get("count") or 1,
            }
        )
        event_service.add_slot_series(db, user=user, event_id=event_id, data=data)

    return _back_to_console(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/tables", response_model=None)
def console_tables(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    def go() -> None:
        data = TableIn.model_validate(
            {
                "name": str(form.get("name") or "").strip(),
                "owner_id": form.get("owner_id") or None,
                "online_url": str(form.get("online_url") or "").strip() or None,
                "kind": form.get("kind") or "table",
            }
        )
        event_service.add_table(db, user=user, event_id=event_id, data=data)

    return _back_to_console(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/schedule", response_model=None)
def console_schedule(request: Request, event_id: int, db: DbSession, user: CurrentUser) -> Response:
    error = _attempt(lambda: meeting_service.queue_run(db, user=user, event_id=event_id))
    return _back_to_console(request, db, user, event_id, error, "queued")


@router.post("/events/{event_id}/console/publish", response_model=None)
def console_publish(request: Request, event_id: int, db: DbSession, user: CurrentUser) -> Response:
    error = _attempt(lambda: meeting_service.publish(db, user=user, event_id=event_id))
    return _back_to_console(request, db, user, event_id, error, "published")


@router.post("/events/{event_id}/console/meetings/{meeting_id}", response_model=None)
def console_meeting(
    request: Request, event_id: int, meeting_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """Move or cancel a meeting, or mark it held / no-show."""
    action = str(form.get("action") or "")
    meeting = repo.meeting(db, meeting_id)
    if meeting is None or meeting.event_id != event_id:
        raise Forbidden(_("This meeting does not belong to this event."))
    if action == "move":
        error = _attempt(
            lambda: meeting_service.move(
                db, user=user, meeting_id=meeting_id, data=MoveIn.model_validate(_place_fields(form))
            )
        )
    elif action == "cancel":
        error = _attempt(lambda: meeting_service.cancel(db, user=user, meeting_id=meeting_id))
    else:
        outcome = action if action in ("held", "no_show") else None
        error = _attempt(
            lambda: meeting_service.set_outcome(db, user=user, meeting_id=meeting_id, outcome=outcome)
        )
    return _back_to_console(request, db, user, event_id, error, "saved")


def _place_fields(form: Any) -> dict[str, Any]:
    """'slot:table' from the console's place selector, or a slot and a table chosen apart."""
    slot, _sep, table = str(form.get("place") or "").partition(":")
    return {"slot_id": slot or form.get("slot_id") or 0, "table_id": table or form.get("table_id") or 0}


@router.post("/events/{event_id}/console/place", response_model=None)
def console_place(request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form) -> Response:
    """Place an accepted request by hand at a chosen slot and table (the meeting is then locked)."""

    def go() -> None:
        data = MeetingIn.model_validate({"request_id": form.get("request_id") or 0, **_place_fields(form)})
        meeting_service.place(db, user=user, event_id=event_id, data=data)

    return _back_to_console(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/sessions", response_model=None)
def console_sessions(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """Add an agenda session with its speakers (participants of the event)."""

    def go() -> None:
        speakers = [{"participant_id": int(str(x))} for x in form.getlist("speakers") if str(x).isdigit()]
        data = SessionIn.model_validate(
            {
                "kind": form.get("kind") or "presentation",
                "title_ko": str(form.get("title_ko") or "").strip() or None,
                "title_zh": str(form.get("title_zh") or "").strip() or None,
                "title_en": str(form.get("title_en") or "").strip() or None,
                "starts_at": form.get("starts_at") or None,
                "ends_at": form.get("ends_at") or None,
                "room": str(form.get("room") or "").strip(),
                "track": str(form.get("track") or "").strip(),
                "stream_url": str(form.get("stream_url") or "").strip() or None,
                "speakers": speakers,
                "people": [{"speaker_id": int(str(x))} for x in form.getlist("people") if str(x).isdigit()],
            }
        )
        agenda.agenda_service.add_session(db, user=user, event_id=event_id, data=data)

    return _back_to_console(request, db, user, event_id, _attempt(go), "saved")


@router.post("/events/{event_id}/console/sessions/{session_id}/delete", response_model=None)
def console_session_delete(
    request: Request, event_id: int, session_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent
) -> Response:
    error = _attempt(lambda: agenda.agenda_service.delete_session(db, user=user, session_id=session_id))
    return _back_to_console(request, db, user, event_id, error, "saved")


@router.post("/events/{event_id}/console/check-in", response_model=None)
def console_check_in(
    request: Request, event_id: int, db: DbSession, user: CurrentUser, event: OrganisedEvent, form: Form
) -> Response:
    pid = int(str(form.get("participant_id") or 0)) if str(form.get("participant_id") or "").isdigit() else 0
    row = repo.participant(db, pid)
    if row is None or row.event_id != event_id:
        raise Forbidden(_("This participant does not belong to this event."))
    present = form.get("present") != "0"
    error = _attempt(
        lambda: agenda.agenda_service.check_in(db, user=user, participant_id=pid, present=present)
    )
    return _back_to_console(request, db, user, event_id, error, "saved")


@router.post("/events/{event_id}/console/reminders", response_model=None)
def console_reminders(request: Request, event_id: int, db: DbSession, user: CurrentUser) -> Response:
    base = get_settings().base_url
    error = _attempt(
        lambda: agenda.agenda_service.send_schedules(db, user=user, event_id=event_id, base_url=base)
    )
    return _back_to_console(request, db, user, event_id, error, "mailed")


@router.get("/events/{event_id}/stats.csv")
def console_stats_csv(event_id: int, db: DbSession, event: OrganisedEvent) -> Response:
    return Response(
        stats_csv(event_stats(db, event)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event.id}-stats.csv"'},
    )


@router.get("/events/{event_id}/meetings.csv")
def console_csv(event_id: int, db: DbSession, event: OrganisedEvent) -> Response:
    return Response(
        meetings_csv(db, event, get_lang()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event.id}-meetings.csv"'},
    )


# Personal schedule --------------------------------------------------------------------------------
@router.get("/events/participants/{participant_id}", response_class=HTMLResponse)
def schedule_page(
    request: Request, participant_id: int, db: DbSession, user: CurrentUser, tz: str | None = None
) -> HTMLResponse:
    p = personal(db, user, participant_id)
    zone = viewer_zone(tz, db, user)
    slots = repo.slots(db, p.event.id)
    return render(
        request,
        "events/schedule.html",
        flash=flash_of(request),
        flash_kind="ok",
        p=p,
        event=p.event,
        lang=get_lang(),
        zone=zone,
        zones=ZONES,
        event_zone=ZoneInfo(p.event.timezone),
        viewer=ZoneInfo(zone),
        slots=slots,
        can_edit=policy.acts_for(db, user, p.participant),
        own=policy.acts_for(db, user, p.participant),
        heading=_("My schedule")
        if policy.acts_for(db, user, p.participant)
        else _("Schedule of {name}").format(name=p.who[get_lang()]),
        attendances=hybrid.attendances(p.event),
        **labels(),
    )


@router.post("/events/participants/{participant_id}/availability", response_model=None)
def schedule_availability(
    request: Request, participant_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    slots = [int(str(s)) for s in form.getlist("slots") if str(s).isdigit()]
    cap = str(form.get("max_meetings") or "").strip()
    try:
        data = AvailabilityIn.model_validate(
            {"slots": slots if form.get("limit") else None, "max_meetings": cap or None}
        )
    except ValidationError as exc:
        raise Invalid("; ".join(field_errors(exc).values())) from exc
    event_service.set_availability(db, user=user, participant_id=participant_id, data=data)
    return RedirectResponse(f"/events/participants/{participant_id}?done=saved", status_code=303)


@router.get("/events/participants/{participant_id}/schedule.ics")
def schedule_ics(participant_id: int, db: DbSession, user: CurrentUser) -> Response:
    p = personal(db, user, participant_id)
    return Response(
        calendar(p.event, p.items, lang=get_lang(), participant_id=p.participant.id),
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="schedule-{p.event.id}-{p.participant.id}.ics"'
        },
    )


@router.get("/events/participants/{participant_id}/schedule.pdf")
def schedule_pdf_page(participant_id: int, db: DbSession, user: CurrentUser) -> Response:
    p = personal(db, user, participant_id)
    return Response(
        schedule_pdf(p.event, p.who, p.items, get_lang()),
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="schedule-{p.event.id}-{p.participant.id}.pdf"'},
    )
