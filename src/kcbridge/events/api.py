"""JSON routes of events: registration, slots and tables, meeting requests, scheduling, schedules, stats."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response, status

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.events import agenda, hybrid, runs
from kcbridge.events import repository as repo
from kcbridge.events.auth import OrganisedEvent
from kcbridge.events.ics import calendar
from kcbridge.events.itinerary import display_name, personal
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import AgendaSession, Event, Meeting, Participant, SchedulerRun
from kcbridge.events.pdf import schedule_pdf
from kcbridge.events.schemas import (
    AvailabilityIn,
    EventIn,
    EventOut,
    InvitationAnswerIn,
    MeetingIn,
    MeetingOut,
    MoveIn,
    OutcomeIn,
    ParticipantOut,
    RegistrationIn,
    RequestIn,
    RequestOut,
    RunIn,
    RunOut,
    SessionIn,
    SessionOut,
    SlotIn,
    SlotOut,
    SlotSeriesIn,
    SpeakerIn,
    TableIn,
    TableOut,
    TalkIn,
)
from kcbridge.events.service import event_service
from kcbridge.events.stats import event_stats, meetings_csv, stats_csv
from kcbridge.kit.config import get_settings
from kcbridge.kit.errors import NotFound
from kcbridge.kit.i18n import _, get_lang
from kcbridge.kit.web.deps import DbSession, csrf_protect

router = APIRouter(tags=["events"], dependencies=[Depends(csrf_protect)])


def event_out(event: Event) -> EventOut:
    titles = {k: v for k, v in (("ko", event.title_ko), ("zh", event.title_zh), ("en", event.title_en)) if v}
    return EventOut.model_validate(
        {
            **{c: getattr(event, c) for c in EventOut.model_fields if hasattr(event, c) and c != "title"},
            "title": event.title(get_lang()),
            "titles": titles,
        }
    )


def participants_out(db: DbSession, rows: list[Participant]) -> list[ParticipantOut]:
    orgs = repo.organisations(db, [p.organisation_id for p in rows])
    return [
        ParticipantOut(
            id=p.id,
            organisation_id=p.organisation_id,
            name=display_name(p, orgs.get(p.organisation_id), get_lang()),
            team=p.team,
            role=p.role,
            status=p.status,
            max_meetings=p.max_meetings,
            availability=p.availability,
            mail_consent=p.mail_consent,
            attendance=p.attendance,
            offer=p.offer,
            seek=p.seek,
        )
        for p in rows
    ]


def meetings_out(db: DbSession, event: Event, rows: list[Meeting]) -> list[MeetingOut]:
    slots = {s.id: s for s in repo.slots(db, event.id)}
    tables = {t.id: t for t in repo.tables(db, event.id)}
    return [
        MeetingOut(
            id=m.id,
            request_id=m.request_id,
            slot_id=m.slot_id,
            table_id=m.table_id,
            table=tables[m.table_id].name,
            status=m.status,
            locked=m.locked,
            outcome=m.outcome,
            starts_at=slots[m.slot_id].starts_at,
            ends_at=slots[m.slot_id].ends_at,
            participants=sorted(s.participant_id for s in m.seats),
            online=tables[m.table_id].kind == hybrid.ROOM,
            link=hybrid.meeting_link(event, tables[m.table_id], m.id),
        )
        for m in rows
    ]


@router.get("/events", response_model=list[EventOut])
def list_events(db: DbSession) -> list[EventOut]:
    return [event_out(e) for e in repo.events(db)]


@router.post("/events", response_model=EventOut, status_code=status.HTTP_201_CREATED)
def create_event(data: EventIn, db: DbSession, user: CurrentUser) -> EventOut:
    """Create an event organised by one of your organisations; naive times are in the event's time zone."""
    return event_out(event_service.create(db, user=user, data=data))


@router.get("/events/{event_id}", response_model=EventOut)
def get_event(event_id: int, db: DbSession) -> EventOut:
    return event_out(event_service.get(db, event_id))


@router.get("/events/{event_id}/cohosts", response_model=list[int])
def list_cohosts(event_id: int, db: DbSession) -> list[int]:
    """Organisations co-hosting the event (their members are organisers too)."""
    event_service.get(db, event_id)
    return event_service.cohosts(db, event_id)


@router.put("/events/{event_id}/cohosts/{organisation_id}", status_code=status.HTTP_204_NO_CONTENT)
def add_cohost(event_id: int, organisation_id: int, db: DbSession, user: CurrentUser) -> Response:
    event_service.add_cohost(db, user=user, event_id=event_id, organisation_id=organisation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/events/{event_id}/slots", response_model=list[SlotOut])
def list_slots(event_id: int, db: DbSession) -> list[SlotOut]:
    event_service.get(db, event_id)
    return [SlotOut.model_validate(s) for s in repo.slots(db, event_id)]


@router.post("/events/{event_id}/slots", response_model=list[SlotOut], status_code=status.HTTP_201_CREATED)
def add_slots(event_id: int, data: list[SlotIn], db: DbSession, user: CurrentUser) -> list[SlotOut]:
    """Add slots, all or nothing: overlapping slots or slots outside the event are refused, naming them."""
    return [
        SlotOut.model_validate(s)
        for s in event_service.add_slots(db, user=user, event_id=event_id, slots=data)
    ]


@router.post(
    "/events/{event_id}/slots/series", response_model=list[SlotOut], status_code=status.HTTP_201_CREATED
)
def add_slot_series(event_id: int, data: SlotSeriesIn, db: DbSession, user: CurrentUser) -> list[SlotOut]:
    rows = event_service.add_slot_series(db, user=user, event_id=event_id, data=data)
    return [SlotOut.model_validate(s) for s in rows]


@router.get("/events/{event_id}/tables", response_model=list[TableOut])
def list_tables(event_id: int, db: DbSession) -> list[TableOut]:
    event_service.get(db, event_id)
    return [TableOut.model_validate(t) for t in repo.tables(db, event_id)]


@router.post("/events/{event_id}/tables", response_model=TableOut, status_code=status.HTTP_201_CREATED)
def add_table(event_id: int, data: TableIn, db: DbSession, user: CurrentUser) -> TableOut:
    return TableOut.model_validate(event_service.add_table(db, user=user, event_id=event_id, data=data))


@router.get("/events/{event_id}/participants", response_model=list[ParticipantOut])
def list_participants(event_id: int, db: DbSession, user: OptionalUser) -> list[ParticipantOut]:
    """Approved participants (organisers also see pending and rejected registrations)."""
    event = event_service.get(db, event_id)
    return participants_out(db, event_service.visible_participants(db, user, event))


@router.post(
    "/events/{event_id}/participants", response_model=ParticipantOut, status_code=status.HTTP_201_CREATED
)
def register(event_id: int, data: RegistrationIn, db: DbSession, user: CurrentUser) -> ParticipantOut:
    """Register one of your organisations; the organisers approve it. Organisers registering another
    organisation invite it (status `invited`): its members accept or decline."""
    return participants_out(db, [event_service.register(db, user=user, event_id=event_id, data=data)])[0]


@router.post("/participants/{participant_id}/invitation/accept", response_model=ParticipantOut)
def accept_invitation(
    participant_id: int, db: DbSession, user: CurrentUser, data: InvitationAnswerIn | None = None
) -> ParticipantOut:
    """Members of an invited organisation accept the invitation (and say whether mails are welcome)."""
    row = event_service.answer_invitation(
        db,
        user=user,
        participant_id=participant_id,
        accept=True,
        mail_consent=(data or InvitationAnswerIn()).mail_consent,
    )
    return participants_out(db, [row])[0]


@router.post("/participants/{participant_id}/invitation/decline", response_model=ParticipantOut)
def decline_invitation(participant_id: int, db: DbSession, user: CurrentUser) -> ParticipantOut:
    row = event_service.answer_invitation(db, user=user, participant_id=participant_id, accept=False)
    return participants_out(db, [row])[0]


@router.post("/participants/{participant_id}/approve", response_model=ParticipantOut)
def approve(participant_id: int, db: DbSession, user: CurrentUser) -> ParticipantOut:
    row = event_service.decide(db, user=user, participant_id=participant_id, approve=True)
    return participants_out(db, [row])[0]


@router.post("/participants/{participant_id}/reject", response_model=ParticipantOut)
def reject(participant_id: int, db: DbSession, user: CurrentUser) -> ParticipantOut:
    row = event_service.decide(db, user=user, participant_id=participant_id, approve=False)
    return participants_out(db, [row])[0]


@router.put("/participants/{participant_id}/availability", response_model=ParticipantOut)
def set_availability(
    participant_id: int, data: AvailabilityIn, db: DbSession, user: CurrentUser
) -> ParticipantOut:
    row = event_service.set_availability(db, user=user, participant_id=participant_id, data=data)
    return participants_out(db, [row])[0]


@router.get("/participants/{participant_id}/bookmarks", response_model=list[int])
def list_bookmarks(participant_id: int, db: DbSession, user: CurrentUser) -> list[int]:
    """Participants this participant bookmarked (its own people and organisers only)."""
    return [b.target_id for b in event_service.bookmarks_of(db, user=user, participant_id=participant_id)]


@router.put("/participants/{participant_id}/bookmarks/{target_id}", status_code=status.HTTP_204_NO_CONTENT)
def add_bookmark(participant_id: int, target_id: int, db: DbSession, user: CurrentUser) -> Response:
    """Bookmark a participant (a pitched project, an exhibitor); counts as interest when scheduling."""
    event_service.bookmark(db, user=user, participant_id=participant_id, target_id=target_id, on=True)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/participants/{participant_id}/bookmarks/{target_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_bookmark(participant_id: int, target_id: int, db: DbSession, user: CurrentUser) -> Response:
    event_service.bookmark(db, user=user, participant_id=participant_id, target_id=target_id, on=False)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/events/{event_id}/requests", response_model=list[RequestOut])
def list_requests(event_id: int, db: DbSession, user: CurrentUser) -> list[RequestOut]:
    """Your requests, sent and received (organisers: all of the event's requests)."""
    event = event_service.get(db, event_id)
    return [RequestOut.model_validate(r) for r in event_service.visible_requests(db, user, event)]


@router.post("/events/{event_id}/requests", response_model=RequestOut, status_code=status.HTTP_201_CREATED)
def request_meeting(event_id: int, data: RequestIn, db: DbSession, user: CurrentUser) -> RequestOut:
    return RequestOut.model_validate(
        event_service.request_meeting(db, user=user, event_id=event_id, data=data)
    )


@router.post("/requests/{request_id}/accept", response_model=RequestOut)
def accept(request_id: int, db: DbSession, user: CurrentUser) -> RequestOut:
    return RequestOut.model_validate(event_service.answer(db, user=user, request_id=request_id, accept=True))


@router.post("/requests/{request_id}/decline", response_model=RequestOut)
def decline(request_id: int, db: DbSession, user: CurrentUser) -> RequestOut:
    return RequestOut.model_validate(event_service.answer(db, user=user, request_id=request_id, accept=False))


@router.post("/events/{event_id}/schedule", response_model=RunOut, status_code=status.HTTP_202_ACCEPTED)
def run_scheduler(event_id: int, db: DbSession, user: CurrentUser, data: RunIn | None = None) -> RunOut:
    """Queue a scheduler run (a background job); published meetings stay where they are."""
    run = meeting_service.queue_run(db, user=user, event_id=event_id, time_limit=(data or RunIn()).time_limit)
    return run_out(run)


@router.get("/events/{event_id}/runs/{run_id}", response_model=RunOut)
def get_run(event_id: int, run_id: int, db: DbSession, event: OrganisedEvent) -> RunOut:
    run = repo.run(db, run_id)
    if run is None or run.event_id != event.id:
        raise NotFound(_("This scheduler run does not exist."))
    return run_out(run)


def run_out(run: SchedulerRun) -> RunOut:
    return RunOut(
        id=run.id,
        status=run.status,
        objective=run.objective,
        upper_bound=run.upper_bound,
        meetings=run.meetings,
        outcome=runs.outcome(run),
        message=runs.note(run),
        created_at=run.created_at,
        finished_at=run.finished_at,
    )


@router.post("/events/{event_id}/publish")
def publish(event_id: int, db: DbSession, user: CurrentUser) -> dict[str, int]:
    """Publish every draft meeting; participants then see them and later runs keep them."""
    return {"published": meeting_service.publish(db, user=user, event_id=event_id)}


@router.get("/events/{event_id}/meetings", response_model=list[MeetingOut])
def list_meetings(event_id: int, db: DbSession, user: CurrentUser) -> list[MeetingOut]:
    """Organisers: every live meeting; participants: their own published meetings."""
    event = event_service.get(db, event_id)
    return meetings_out(db, event, repo.meetings_readable(db, user, event.id))


@router.post("/events/{event_id}/meetings", response_model=MeetingOut, status_code=status.HTTP_201_CREATED)
def place_meeting(event_id: int, data: MeetingIn, db: DbSession, user: CurrentUser) -> MeetingOut:
    meeting = meeting_service.place(db, user=user, event_id=event_id, data=data)
    return meetings_out(db, event_service.get(db, event_id), [meeting])[0]


@router.put("/meetings/{meeting_id}", response_model=MeetingOut)
def move_meeting(meeting_id: int, data: MoveIn, db: DbSession, user: CurrentUser) -> MeetingOut:
    meeting = meeting_service.move(db, user=user, meeting_id=meeting_id, data=data)
    return meetings_out(db, event_service.get(db, meeting.event_id), [meeting])[0]


@router.post("/meetings/{meeting_id}/cancel", response_model=MeetingOut)
def cancel_meeting(meeting_id: int, db: DbSession, user: CurrentUser) -> MeetingOut:
    meeting = meeting_service.cancel(db, user=user, meeting_id=meeting_id)
    return meetings_out(db, event_service.get(db, meeting.event_id), [meeting])[0]


@router.put("/meetings/{meeting_id}/outcome", response_model=MeetingOut)
def set_outcome(meeting_id: int, data: OutcomeIn, db: DbSession, user: CurrentUser) -> MeetingOut:
    meeting = meeting_service.set_outcome(db, user=user, meeting_id=meeting_id, outcome=data.outcome)
    return meetings_out(db, event_service.get(db, meeting.event_id), [meeting])[0]


@router.get("/participants/{participant_id}/schedule.ics")
def schedule_ics(participant_id: int, db: DbSession, user: CurrentUser) -> Response:
    """The participant's published meetings as an RFC 5545 calendar file."""
    p = personal(db, user, participant_id)
    body = calendar(p.event, p.items, lang=get_lang(), participant_id=p.participant.id)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="schedule-{p.event.id}-{p.participant.id}.ics"'
        },
    )


@router.get("/participants/{participant_id}/schedule.pdf")
def schedule_pdf_file(participant_id: int, db: DbSession, user: CurrentUser) -> Response:
    """Printable bilingual schedule: your language and the event's other language."""
    p = personal(db, user, participant_id)
    body = schedule_pdf(p.event, p.who, p.items, get_lang())
    return Response(
        body,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="schedule-{p.event.id}-{p.participant.id}.pdf"'},
    )


def session_out(row: AgendaSession, stream: bool = False) -> SessionOut:
    """`stream`: the caller may follow the live stream (organisers and online participants)."""
    titles = {k: v for k, v in (("ko", row.title_ko), ("zh", row.title_zh), ("en", row.title_en)) if v}
    return SessionOut(
        id=row.id,
        kind=row.kind,
        title=row.title(get_lang()),
        titles=titles,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        room=row.room,
        track=row.track,
        streamed=bool(row.stream_url),
        stream_url=row.stream_url if stream else None,
        description=row.description,
        speakers=[SpeakerIn(participant_id=s.participant_id, topic=s.topic) for s in row.speakers],
        people=[TalkIn(speaker_id=t.speaker_id, topic=t.topic) for t in row.talks],
    )


@router.get("/events/{event_id}/sessions", response_model=list[SessionOut])
def list_sessions(event_id: int, db: DbSession, user: OptionalUser) -> list[SessionOut]:
    """The agenda: sessions in time order with their speakers; stream links for organisers and online
    participants."""
    event = event_service.get(db, event_id)
    stream = agenda.sees_streams(db, user, event)
    return [session_out(s, stream) for s in agenda.sessions(db, event_id)]


@router.post("/events/{event_id}/sessions", response_model=SessionOut, status_code=status.HTTP_201_CREATED)
def add_session(event_id: int, data: SessionIn, db: DbSession, user: CurrentUser) -> SessionOut:
    row = agenda.agenda_service.add_session(db, user=user, event_id=event_id, data=data)
    return session_out(row, stream=True)


@router.delete("/sessions/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_session(session_id: int, db: DbSession, user: CurrentUser) -> Response:
    agenda.agenda_service.delete_session(db, user=user, session_id=session_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/participants/{participant_id}/check-in", response_model=ParticipantOut)
def check_in(participant_id: int, db: DbSession, user: CurrentUser, present: bool = True) -> ParticipantOut:
    """Mark a participant as arrived (`present=false` undoes it); organisers only."""
    row = agenda.agenda_service.check_in(db, user=user, participant_id=participant_id, present=present)
    return participants_out(db, [row])[0]


@router.post("/events/{event_id}/reminders")
def send_reminders(event_id: int, db: DbSession, user: CurrentUser) -> dict[str, int]:
    """Mail every participant its published schedule; returns how many mails were queued."""
    base = get_settings().base_url
    return {"mails": agenda.agenda_service.send_schedules(db, user=user, event_id=event_id, base_url=base)}


@router.get("/events/{event_id}/stats")
def stats(event_id: int, db: DbSession, event: OrganisedEvent) -> dict[str, object]:
    """Requests, acceptance rate, meetings, no-shows, slot and table use (organisers only)."""
    return event_stats(db, event)


@router.get("/events/{event_id}/stats.csv")
def stats_export(event_id: int, db: DbSession, event: OrganisedEvent) -> Response:
    """The statistics as CSV (organisers only)."""
    return Response(
        stats_csv(event_stats(db, event)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event.id}-stats.csv"'},
    )


@router.get("/events/{event_id}/meetings.csv")
def meetings_export(event_id: int, db: DbSession, event: OrganisedEvent) -> Response:
    """Every meeting as CSV (organisers only)."""
    return Response(
        meetings_csv(db, event, get_lang()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="event-{event.id}-meetings.csv"'},
    )
