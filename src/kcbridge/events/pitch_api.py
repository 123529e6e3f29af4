"""JSON routes of hybrid events, pitch projects and speakers: attendance, video address, projects with
bookmarks, requests and interest, speakers with photos. The same services as the pages."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request, Response, status
from pydantic import BaseModel, Field

from kcbridge.accounts.auth import CurrentUser, OptionalUser
from kcbridge.events import projects, speakers
from kcbridge.events import repository as repo
from kcbridge.events.api import participants_out
from kcbridge.events.attendance import attendance_service
from kcbridge.events.auth import OrganisedEvent
from kcbridge.events.models import Project, Speaker
from kcbridge.events.projects import project_service
from kcbridge.events.schemas import (
    AttendanceIn,
    InterestOut,
    ParticipantOut,
    ProjectIn,
    ProjectOut,
    ProjectRequestIn,
    RequestOut,
    SpeakerPersonIn,
    SpeakerPersonOut,
)
from kcbridge.events.service import event_service
from kcbridge.kit.i18n import get_lang
from kcbridge.kit.web.deps import DbSession, csrf_protect

router = APIRouter(tags=["events"], dependencies=[Depends(csrf_protect)])
LANGS = ("ko", "zh", "en")


class VideoAddressIn(BaseModel):
    video_base_url: str | None = Field(None, max_length=400)


class SwitchOut(BaseModel):
    participant: ParticipantOut
    moved_online: list[int] = Field(description="Meetings moved to a free online room at the same time")
    organisers_told: list[int] = Field(description="Meetings left at a venue table: no online room was free")


@router.put("/participants/{participant_id}/attendance", response_model=SwitchOut)
def set_attendance(participant_id: int, data: AttendanceIn, db: DbSession, user: CurrentUser) -> SwitchOut:
    """Switch a registration between on site and online; its meetings at venue tables move online."""
    out = attendance_service.set_attendance(db, user=user, participant_id=participant_id, data=data)
    return SwitchOut(
        participant=participants_out(db, [out.participant])[0],
        moved_online=[m.id for m in out.moved],
        organisers_told=[m.id for m in out.stuck],
    )


@router.put("/events/{event_id}/video-address", status_code=status.HTTP_204_NO_CONTENT)
def set_video_address(event_id: int, data: VideoAddressIn, db: DbSession, user: CurrentUser) -> Response:
    """The organisers' video-meeting address; online rooms without a link give each meeting a room under it."""
    attendance_service.set_video_address(db, user=user, event_id=event_id, url=data.video_base_url or "")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def project_out(db: DbSession, row: Project, counts: projects.Interest | None = None) -> ProjectOut:
    owner = repo.participant(db, row.participant_id)

    def versions(field: str) -> dict[str, str]:
        return {x: v for x in LANGS if (v := getattr(row, f"{field}_{x}"))}

    return ProjectOut(
        id=row.id,
        event_id=row.event_id,
        participant_id=row.participant_id,
        organisation_id=owner.organisation_id if owner else 0,
        session_id=row.session_id,
        title=row.title(get_lang()),
        titles=versions("title"),
        loglines=versions("logline"),
        descriptions=versions("description"),
        stage=row.stage,
        kind=row.kind,
        ask_amount=row.ask_amount,
        currency=row.currency,
        sectors=list(row.sectors or []),
        materials_url=row.materials_url,
        bookmarks=counts.bookmarks if counts else 0,
        requests=counts.requests if counts else 0,
    )


@router.get("/events/{event_id}/projects", response_model=list[ProjectOut])
def list_projects(event_id: int, db: DbSession) -> list[ProjectOut]:
    """The event's pitched projects with how many bookmarked them and asked to meet about them."""
    event = event_service.get(db, event_id)
    return [project_out(db, i.project, i) for i in projects.interest(db, event.id)]


@router.post("/events/{event_id}/projects", response_model=ProjectOut, status_code=status.HTTP_201_CREATED)
def add_project(event_id: int, data: ProjectIn, db: DbSession, user: CurrentUser) -> ProjectOut:
    """Add a project presented by one of your registrations (organisers: by any participant)."""
    return project_out(db, project_service.create(db, user=user, event_id=event_id, data=data))


@router.get("/projects/{project_id}", response_model=ProjectOut)
def get_project(project_id: int, db: DbSession) -> ProjectOut:
    row = project_service.get(db, project_id)
    counts = next((i for i in projects.interest(db, row.event_id) if i.project.id == row.id), None)
    return project_out(db, row, counts)


@router.put("/projects/{project_id}", response_model=ProjectOut)
def update_project(project_id: int, data: ProjectIn, db: DbSession, user: CurrentUser) -> ProjectOut:
    return project_out(db, project_service.update(db, user=user, project_id=project_id, data=data))


@router.delete("/projects/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_project(project_id: int, db: DbSession, user: CurrentUser) -> Response:
    project_service.delete(db, user=user, project_id=project_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put(
    "/participants/{participant_id}/project-bookmarks/{project_id}", status_code=status.HTTP_204_NO_CONTENT
)
def bookmark_project(participant_id: int, project_id: int, db: DbSession, user: CurrentUser) -> Response:
    """Bookmark a pitched project (never one of your own organisation's)."""
    project_service.bookmark(db, user=user, participant_id=participant_id, project_id=project_id, on=True)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/participants/{participant_id}/project-bookmarks/{project_id}", status_code=status.HTTP_204_NO_CONTENT
)
def unbookmark_project(participant_id: int, project_id: int, db: DbSession, user: CurrentUser) -> Response:
    project_service.bookmark(db, user=user, participant_id=participant_id, project_id=project_id, on=False)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/projects/{project_id}/requests", response_model=RequestOut, status_code=status.HTTP_201_CREATED
)
def request_about_project(
    project_id: int, data: ProjectRequestIn, db: DbSession, user: CurrentUser
) -> RequestOut:
    """Ask the project's presenters for a 1:1 meeting about it; scheduled like every accepted request."""
    row = project_service.request_meeting(
        db, user=user, project_id=project_id, from_id=data.from_id, message=data.message
    )
    return RequestOut.model_validate(row)


@router.get("/projects/{project_id}/interested", response_model=list[InterestOut])
def interested(project_id: int, db: DbSession, user: CurrentUser) -> list[InterestOut]:
    """Who bookmarked the project or asked to meet about it (its own people and the organisers only)."""
    return [
        InterestOut(
            participant_id=i.participant.id,
            organisation_id=i.participant.organisation_id,
            name=i.name,
            role=i.participant.role,
            bookmarked=i.bookmarked,
            request_status=i.request.status if i.request else None,
        )
        for i in project_service.interested(db, user=user, project_id=project_id)
    ]


def speaker_out(request: Request | None, row: Speaker, org_name: str = "") -> SpeakerPersonOut:
    def versions(field: str) -> dict[str, str]:
        return {x: v for x in LANGS if (v := getattr(row, f"{field}_{x}"))}

    return SpeakerPersonOut(
        id=row.id,
        event_id=row.event_id,
        person_id=row.person_id,
        organisation_id=row.organisation_id,
        name=row.name(get_lang()),
        names=versions("name"),
        titles=versions("title"),
        organisation=row.org_name or org_name,
        bios=versions("bio"),
        photo_url=f"/events/speakers/{row.id}/photo" if row.photo else None,
    )


@router.get("/events/{event_id}/speakers", response_model=list[SpeakerPersonOut])
def list_speakers(event_id: int, db: DbSession, user: OptionalUser) -> list[SpeakerPersonOut]:
    """The event's speakers (public, as the agenda is)."""
    event = event_service.get(db, event_id)
    rows = speakers.speakers(db, event.id)
    orgs = repo.organisations(db, [r.organisation_id for r in rows if r.organisation_id])
    lang = get_lang()
    return [
        speaker_out(None, r, orgs[r.organisation_id].name(lang) if r.organisation_id in orgs else "")
        for r in rows
    ]


@router.post(
    "/events/{event_id}/speakers", response_model=SpeakerPersonOut, status_code=status.HTTP_201_CREATED
)
def add_speaker(event_id: int, data: SpeakerPersonIn, db: DbSession, user: CurrentUser) -> SpeakerPersonOut:
    return speaker_out(None, speakers.speaker_service.add(db, user=user, event_id=event_id, data=data))


@router.put("/speakers/{speaker_id}", response_model=SpeakerPersonOut)
def update_speaker(
    speaker_id: int, data: SpeakerPersonIn, db: DbSession, user: CurrentUser
) -> SpeakerPersonOut:
    return speaker_out(None, speakers.speaker_service.update(db, user=user, speaker_id=speaker_id, data=data))


@router.delete("/speakers/{speaker_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_speaker(speaker_id: int, db: DbSession, user: CurrentUser) -> Response:
    speakers.speaker_service.delete(db, user=user, speaker_id=speaker_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/speakers/{speaker_id}/photo", status_code=status.HTTP_204_NO_CONTENT)
async def set_speaker_photo(speaker_id: int, request: Request, db: DbSession, user: CurrentUser) -> Response:
    """The photo as the request body (PNG, JPEG or WebP, at most 1 MB)."""
    body = await request.body()
    speakers.speaker_service.set_photo(
        db, user=user, speaker_id=speaker_id, data=body[: speakers.MAX_PHOTO + 1]
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/events/{event_id}/projects/interest", response_model=list[ProjectOut])
def project_interest(event_id: int, db: DbSession, event: OrganisedEvent) -> list[ProjectOut]:
    """Organisers: the projects by interest (bookmarks and requests), most wanted first."""
    return [project_out(db, i.project, i) for i in projects.interest(db, event.id)]
