"""Rules of programmes: operators' members (and staff) write them, everyone reads published ones."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.kit.audit import Actor, audit_service, diff
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _
from kcbridge.programmes import repository as repo
from kcbridge.programmes.eligibility import local_today
from kcbridge.programmes.models import Programme, ProgrammeSector, ProgrammeText
from kcbridge.programmes.schemas import ProgrammeIn, ProgrammePatch, ProgTextIn

ENTITY = "programme"
TEXT_FIELDS = ("title", "description", "benefits", "eligibility")
SCALARS = (
    "prog_type",
    "country",
    "city",
    "format",
    "opens_on",
    "deadline",
    "starts_on",
    "capacity",
    "link_url",
    "status",
)
REQUIRED = ("prog_type", "country", "format", "status", "city")  # a PATCH with null leaves these


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("system")


def snapshot(p: Programme) -> dict[str, Any]:
    return {
        "organisation_id": p.organisation_id,
        **{k: getattr(p, k) for k in SCALARS},
        "stages": list(p.stages or []),
        "nationalities": list(p.nationalities or []),
        "org_types": list(p.org_types or []),
        "sectors": p.sectors,
        "texts": {t.lang: {f: getattr(t, f) for f in TEXT_FIELDS} for t in p.texts},
    }


class ProgrammeService:
    def get(self, db: Session, prog_id: int, user: User | None) -> Programme:
        """A programme the user may read (NotFound hides drafts of other operators)."""
        p = repo.get(db, prog_id, user)
        if p is None:
            raise NotFound(_("This programme does not exist."))
        return p

    def managed(self, db: Session, prog_id: int, user: User | None) -> Programme:
        """A programme the user may change (NotFound if unreadable, Forbidden if not theirs)."""
        p = self.get(db, prog_id, user)
        if not repo.may_manage(db, user, p):
            raise Forbidden(_("Only members of the operating organisation can change this programme."))
        return p

    def create(self, db: Session, *, user: User, data: ProgrammeIn) -> Programme:
        """A programme of an organisation the user belongs to (staff: of any organisation)."""
        if directory_repo.get(db, data.organisation_id) is None:
            msg = _("This organisation does not exist.")
            raise Invalid(msg, fields=[(("organisation_id",), msg)])
        member = directory_repo.member_role(db, user.id, data.organisation_id) is not None
        if not (member or repo.is_staff(user)):
            raise Forbidden(_("You can publish programmes only for organisations you belong to."))
        p = Programme(
            organisation_id=data.organisation_id,
            **{k: getattr(data, k) for k in SCALARS},
            stages=list(data.stages),
            nationalities=list(data.nationalities),
            org_types=list(data.org_types),
            created_by=user.id,
        )
        p.texts = [ProgrammeText(lang=k, **t.model_dump()) for k, t in data.texts.items()]
        p.sector_rows = [ProgrammeSector(sector=s) for s in data.sectors]
        self._check(p, became_published=p.status == "published")
        if p.status == "published":
            p.published_at = utcnow()
        db.add(p)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type=ENTITY,
            entity_id=p.id,
            changes=diff({}, snapshot(p)),
        )
        repo.bump(db)
        return p

    def update(self, db: Session, *, user: User, prog_id: int, data: ProgrammePatch) -> Programme:
        """Changes the given fields; publishing, closing and reopening are a change of `status`."""
        p = self.managed(db, prog_id, user)
        before = snapshot(p)
        fields = data.model_dump(exclude_unset=True)
        for key in SCALARS:
            if key in fields and (fields[key] is not None or key not in REQUIRED):
                setattr(p, key, fields[key])
        for key in ("stages", "nationalities", "org_types"):
            if fields.get(key) is not None:
                setattr(p, key, list(fields[key]))
        if data.sectors is not None:
            p.sector_rows = [ProgrammeSector(sector=s) for s in data.sectors]
        if data.texts is not None:
            self._set_texts(p, data.texts)
        became_published = before["status"] != "published" and p.status == "published"
        self._check(p, became_published=became_published)
        changes = diff(before, snapshot(p))
        if changes:
            p.updated_at = utcnow()
            if became_published:
                p.published_at = p.updated_at
            action = {"published": "publish", "closed": "close"}.get(p.status, "update")
            audit_service.record(
                db,
                actor=actor_of(user),
                action=action if "status" in changes else "update",
                entity_type=ENTITY,
                entity_id=p.id,
                changes=changes,
            )
            repo.bump(db)
        db.flush()
        return p

    def _set_texts(self, p: Programme, texts: dict[str, ProgTextIn]) -> None:
        existing = {t.lang: t for t in p.texts}
        keep = []
        for lang, t in texts.items():
            row = existing.get(lang) or ProgrammeText(lang=lang)
            for f in TEXT_FIELDS:
                setattr(row, f, getattr(t, f))
            keep.append(row)
        p.texts = keep

    def _check(self, p: Programme, *, became_published: bool) -> None:
        """Rules over several fields, also when a PATCH changes only one of them."""
        if p.opens_on and p.deadline and p.deadline < p.opens_on:
            msg = _("The application deadline cannot be before the opening date.")
            raise Invalid(msg, fields=[(("deadline",), msg)])
        if p.opens_on and p.starts_on and p.starts_on < p.opens_on:
            msg = _("The programme cannot start before applications open.")
            raise Invalid(msg, fields=[(("starts_on",), msg)])
        if became_published and p.deadline and p.deadline < local_today(p.country, datetime.now()):
            msg = _("The deadline has passed: choose a later date.")
            raise Invalid(msg, fields=[(("deadline",), msg)])

    def of_user(self, db: Session, *, user: User) -> list[Programme]:
        """Programmes of the user's organisations, drafts included."""
        return repo.of_organisations(db, repo.member_org_ids(db, user.id))


programme_service = ProgrammeService()
