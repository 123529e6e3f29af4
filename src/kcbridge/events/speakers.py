"""Speakers as people: someone of the directory or a guest, with a title, an organisation, a photo and a
short bio in each language; sessions list them in order (SessionTalk).

A directory person (one the organiser may read: contacts stay private) lends a speaker its name, title and
organisation when the organiser leaves them blank;
the photo is uploaded (PNG, JPEG or WebP up to 1 MB) and served by the site itself (pages load no images
from elsewhere).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as dir_repo
from kcbridge.directory.models import Person
from kcbridge.events.models import AgendaSession, SessionTalk, Speaker
from kcbridge.events.schemas import SpeakerPersonIn
from kcbridge.events.service import audit, event_service, invalid
from kcbridge.kit.errors import NotFound
from kcbridge.kit.i18n import _

LANGS = ("ko", "zh", "en")
MAX_PHOTO = 1_000_000
PHOTO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}


def speakers(db: Session, event_id: int) -> list[Speaker]:
    return list(db.scalars(select(Speaker).where(Speaker.event_id == event_id).order_by(Speaker.id)))


def by_id(db: Session, ids: set[int]) -> dict[int, Speaker]:
    if not ids:
        return {}
    return {s.id: s for s in db.scalars(select(Speaker).where(Speaker.id.in_(ids)))}


def photo_type(data: bytes) -> str | None:
    """The image type of `data` from its first bytes (WebP: RIFF….WEBP), or None."""
    for magic, kind in PHOTO_TYPES.items():
        if data.startswith(magic) and (kind != "image/webp" or data[8:12] == b"WEBP"):
            return kind
    return None


class SpeakerService:
    def get(self, db: Session, speaker_id: int) -> Speaker:
        row = db.get(Speaker, speaker_id)
        if row is None:
            raise NotFound(_("This speaker does not exist."))
        return row

    def _fill(self, db: Session, user: User, row: Speaker, data: SpeakerPersonIn) -> None:
        values = data.model_dump()
        if data.person_id is not None:  # only people the organiser may read (contacts stay private)
            person = db.scalar(dir_repo.readable_people(user).where(Person.id == data.person_id))
            if person is None:
                raise invalid(_("This person is not in the directory."), "person_id")
            for lang in LANGS:  # a name is written once, in whatever script the person uses
                values[f"name_{lang}"] = values[f"name_{lang}"] or person.name
            if not (data.title_ko or data.title_zh or data.title_en):
                values.update({f"title_{lang}": person.title for lang in LANGS})
            values["organisation_id"] = data.organisation_id or person.organisation_id
        if values["organisation_id"] is not None and dir_repo.get(db, values["organisation_id"]) is None:
            raise invalid(_("This organisation does not exist."), "organisation_id")
        for key, value in values.items():
            setattr(row, key, value.strip() if isinstance(value, str) else value)

    def add(self, db: Session, *, user: User, event_id: int, data: SpeakerPersonIn) -> Speaker:
        """Organisers add a speaker to the event."""
        event = event_service.get(db, event_id)
        event_service.require_organiser(db, user, event)
        row = Speaker(event_id=event.id)
        self._fill(db, user, row, data)
        db.add(row)
        db.flush()
        audit(db, user, "create", "event_speaker", row.id, name=row.name("en"), person_id=row.person_id)
        return row

    def update(self, db: Session, *, user: User, speaker_id: int, data: SpeakerPersonIn) -> Speaker:
        row = self.get(db, speaker_id)
        event_service.require_organiser(db, user, event_service.get(db, row.event_id))
        self._fill(db, user, row, data)
        db.flush()
        audit(db, user, "update", "event_speaker", row.id, name=row.name("en"))
        return row

    def delete(self, db: Session, *, user: User, speaker_id: int) -> None:
        row = self.get(db, speaker_id)
        event_service.require_organiser(db, user, event_service.get(db, row.event_id))
        db.delete(row)
        audit(db, user, "delete", "event_speaker", speaker_id)

    def set_photo(self, db: Session, *, user: User, speaker_id: int, data: bytes) -> Speaker:
        """A PNG, JPEG or WebP photo of at most 1 MB; anything else is refused before it is stored."""
        row = self.get(db, speaker_id)
        event_service.require_organiser(db, user, event_service.get(db, row.event_id))
        if len(data) > MAX_PHOTO:
            raise invalid(_("The photo is larger than 1 MB."), "photo")
        kind = photo_type(data)
        if kind is None:
            raise invalid(_("The photo must be a PNG, JPEG or WebP image."), "photo")
        row.photo, row.photo_type = data, kind
        db.flush()
        audit(db, user, "update", "event_speaker", row.id, photo=len(data))
        return row

    def sessions_of(self, db: Session, speaker_id: int) -> list[AgendaSession]:
        stmt = (
            select(AgendaSession)
            .join(SessionTalk, SessionTalk.session_id == AgendaSession.id)
            .where(SessionTalk.speaker_id == speaker_id)
            .order_by(AgendaSession.starts_at)
        )
        return list(db.scalars(stmt))


speaker_service = SpeakerService()
