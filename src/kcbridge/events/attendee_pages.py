"""What attendees browse: the marketplace (cards, filters, search, suggestions), the agenda by day and
track with its speakers, and switching between attending on site and online."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.directory import taxonomy
from kcbridge.events import agenda, marketplace, speakers, timefmt
from kcbridge.events import repository as repo
from kcbridge.events.attendance import attendance_service
from kcbridge.events.itinerary import display_name
from kcbridge.events.pages import _back_to_event, flash_of, labels, viewer_zone
from kcbridge.events.pitch_pages import _attempt
from kcbridge.events.schemas import AttendanceIn
from kcbridge.events.service import event_service
from kcbridge.kit.i18n import get_lang
from kcbridge.kit.web.deps import DbSession, Form, csrf_protect
from kcbridge.kit.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(csrf_protect)])


@router.get("/events/{event_id}/marketplace", response_class=HTMLResponse)
def marketplace_page(request: Request, event_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """Approved participants as cards, with filters that links (and the language switch) keep."""
    event = event_service.get(db, event_id)
    params = request.query_params
    page_no = str(params.get("page") or "1")
    filters = marketplace.Filters(
        q=str(params.get("q") or "").strip()[:100],
        country=str(params.get("country") or "")[:8],
        role=str(params.get("role") or "")[:20],
        sector=str(params.get("sector") or "")[:40],
        attendance=str(params.get("attendance") or "")[:10],
        page=int(page_no) if page_no.isdigit() and len(page_no) < 6 else 1,
    )
    lang = get_lang()
    found = marketplace.cards(db, event, lang, filters)
    mine = repo.participants_of_user(db, user.id, event.id) if user else []
    senders = [p for p in mine if p.status == "approved"]
    requests = event_service.visible_requests(db, user, event) if user else []
    asked = {(r.from_id, r.to_id) for r in requests} | {(r.to_id, r.from_id) for r in requests}
    liked = {
        (b.participant_id, b.target_id)
        for b in repo.bookmarks(db, event.id, participant_ids=[p.id for p in mine])
    }
    suggested = marketplace.suggestions(db, event, senders[0], limit=6) if senders else []
    orgs = repo.organisations(db, [s.participant.organisation_id for s in suggested])
    names = {
        s.participant.id: display_name(s.participant, orgs.get(s.participant.organisation_id), lang)
        for s in suggested
    }
    return render(
        request,
        "events/marketplace.html",
        flash=flash_of(request),
        flash_kind="ok",
        event=event,
        lang=lang,
        found=found,
        filters=filters,
        mine_ids={p.id for p in mine},
        mine_orgs={p.organisation_id for p in mine},
        senders=senders,
        asked=asked,
        liked=liked,
        suggested=suggested,
        sug_names=names,
        taxonomy=taxonomy,
        **labels(),
    )


@router.get("/events/{event_id}/agenda", response_class=HTMLResponse)
def agenda_page(request: Request, event_id: int, db: DbSession, user: OptionalUser) -> HTMLResponse:
    """Sessions by day and track with their speakers, in the event's and the viewer's time zones."""
    event = event_service.get(db, event_id)
    tz = request.query_params.get("tz")
    zone = viewer_zone(tz, db, user)
    lang = get_lang()
    sessions = agenda.sessions(db, event.id)
    everyone = speakers.speakers(db, event.id)
    people = {sp.id: sp for sp in everyone}
    presenters = repo.participants(db, event.id)
    orgs = repo.organisations(db, [p.organisation_id for p in presenters])
    names = {p.id: display_name(p, orgs.get(p.organisation_id), lang) for p in presenters}
    ez = ZoneInfo(event.timezone)
    days: dict[Any, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for (
        s
    ) in sessions:  # a day of the event's own calendar, then its tracks (a session's track, else its room)
        days[s.starts_at.astimezone(ez).date()][s.track or s.room or ""].append(s)
    by_day = [(next(iter(tracks.values()))[0].starts_at, dict(tracks)) for _d, tracks in sorted(days.items())]
    return render(
        request,
        "events/agenda.html",
        event=event,
        lang=lang,
        days=by_day,
        people=people,
        names=names,
        all_speakers=everyone,
        org_names={
            o.id: o.name(lang)
            for o in repo.organisations(
                db, [sp.organisation_id for sp in everyone if sp.organisation_id]
            ).values()
        },
        zone=zone,
        zones=timefmt.ZONES,
        streams=agenda.sees_streams(db, user, event),
        ZoneInfo=ZoneInfo,
        **labels(),
    )


@router.post("/events/participants/{participant_id}/attendance", response_model=None)
def switch_attendance(
    request: Request, participant_id: int, db: DbSession, user: CurrentUser, form: Form
) -> Response:
    """A participant's people switch it between on site and online (meetings follow, see attendance.py)."""
    p = event_service.participant(db, participant_id)
    error = _attempt(
        lambda: attendance_service.set_attendance(
            db,
            user=user,
            participant_id=p.id,
            data=AttendanceIn.model_validate({"attendance": form.get("attendance") or ""}),
        )
    )
    if error is None and form.get("back") == "schedule":
        return RedirectResponse(f"/events/participants/{p.id}?done=saved", status_code=303)
    return _back_to_event(request, db, user, p.event_id, error, "saved")
