"""Directory rules: create, change and remove organisations, their people and logos."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError
from sqlalchemy.orm import Session

from kcbridge.accounts import repository as accounts_repo
from kcbridge.accounts.models import MemberRole, Membership, User
from kcbridge.directory import repository as repo
from kcbridge.directory.models import Organisation, OrgLogo, OrgSector, OrgText, Person
from kcbridge.directory.schemas import OrganisationIn, OrganisationPatch, PersonIn, TextsIn
from kcbridge.kit import revisions
from kcbridge.kit.audit import Actor, audit_service, diff
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _, get_lang

LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("anonymous")


def snapshot(org: Organisation) -> dict[str, Any]:
    """The organisation as plain data: what the audit log compares and the exporter writes."""
    return {
        "name_ko": org.name_ko,
        "name_zh": org.name_zh,
        "name_en": org.name_en,
        "org_type": org.org_type,
        "size": org.size,
        "stage": org.stage,
        "country": org.country,
        "city": org.city,
        "sectors": org.sectors,
        "founded_year": org.founded_year,
        "website": org.website,
        "texts": {
            t.lang: {"description": t.description, "offer": t.offer, "seek": t.seek} for t in org.texts
        },
    }


def _audit_created(
    db: Session, actor: Actor, entity_type: str, entity_id: int, changes: dict[str, Any]
) -> None:
    """The audit entry of a new organisation or person (one form for the single and the bulk paths)."""
    audit_service.record(
        db, actor=actor, action="create", entity_type=entity_type, entity_id=entity_id, changes=changes
    )


@dataclass(frozen=True)
class Profile:
    """An organisation as one reader may see it: contact people only where the rules open them (None:
    hidden), and what the reader may do with it."""

    org: Organisation
    people: list[Person] | None
    can_edit: bool
    can_delete: bool
    members: list[tuple[User, str]]


class DirectoryService:
    def get(self, db: Session, org_id: int) -> Organisation:
        org = repo.get(db, org_id)
        if org is None:
            raise NotFound(_("This organisation does not exist."))
        return org

    def profile(self, db: Session, *, user: User | None, org_id: int) -> Profile:
        """The profile page's view of an organisation for `user` (the rules live in the repository)."""
        org = self.get(db, org_id)
        can_edit = repo.may_edit(db, user, org_id)
        return Profile(
            org=org,
            people=repo.people_of(db, user, org_id),
            can_edit=can_edit,
            can_delete=repo.may_manage(db, user, org_id),
            members=repo.members(db, org_id) if can_edit else [],
        )

    def people(self, db: Session, *, user: User | None, org_id: int) -> list[Person]:
        """Contact people, for members, administrators and accepted partners only (403 for the others)."""
        self.get(db, org_id)
        people = repo.people_of(db, user, org_id)
        if people is None:
            raise Forbidden(_("Contact people are visible only to members and accepted partners."))
        return people

    def duplicates(
        self,
        db: Session,
        data: OrganisationIn | OrganisationPatch,
        *,
        exclude_id: int | None = None,
        country: str | None = None,
    ) -> list[str]:
        """Warnings for names already used in the same country (a warning, not a refusal)."""
        country = data.country or country
        if not country:
            return []
        names = [n for n in (data.name_ko, data.name_zh, data.name_en) if n]
        typed = {n.strip().lower() for n in names}
        lang = get_lang()

        def shown(o: Organisation) -> str:
            """Its name in the reader's language, else the name that matched what was typed."""
            own = o.names()
            return own.get(lang) or next((n for n in own.values() if n.lower() in typed), o.name(lang))

        return [
            _("Another organisation in this country already has this name: {name}").format(name=shown(o))
            for o in repo.same_name(db, country=country, names=names, exclude_id=exclude_id)
        ]

    def create(
        self,
        db: Session,
        *,
        user: User | None,
        data: OrganisationIn,
        actor: Actor | None = None,
        org_id: int | None = None,
    ) -> Organisation:
        """Creates an organisation; a user who creates it becomes its owner."""
        org = self._new(db, data, org_id)
        org.people = []
        db.add(org)
        db.flush()
        if user is not None:
            db.add(Membership(user_id=user.id, organisation_id=org.id, role=MemberRole.OWNER.value))
        _audit_created(db, actor or actor_of(user), "organisation", org.id, diff({}, snapshot(org)))
        return org

    def create_many(
        self, db: Session, items: list[tuple[OrganisationIn, list[PersonIn], int | None]], *, actor: Actor
    ) -> list[Organisation]:
        """Creates organisations with their people (an id each, or None for the next free one) in one flush:
        the bulk path of imports, where a flush for each row would take three quarters of the time. The
        audit log gets what `create` and `add_person` would have written."""
        orgs = []
        for data, people, org_id in items:
            org = self._new(db, data, org_id)
            org.people = [Person(**p.model_dump(mode="json")) for p in people]
            orgs.append(org)
        db.add_all(orgs)
        db.flush()
        for org, (_data, people, _id) in zip(orgs, items, strict=True):
            _audit_created(db, actor, "organisation", org.id, diff({}, snapshot(org)))
            for person, p in zip(org.people, people, strict=True):
                _audit_created(db, actor, "person", person.id, p.model_dump(mode="json"))
        return orgs

    def _new(self, db: Session, data: OrganisationIn, org_id: int | None) -> Organisation:
        """A new organisation with its texts and sectors, not yet added to the session."""
        org = Organisation(
            id=org_id,
            name_ko=data.name_ko or None,
            name_zh=data.name_zh or None,
            name_en=data.name_en or None,
            org_type=data.org_type,
            size=data.size,
            stage=data.stage,
            country=data.country,
            city=data.city,
            founded_year=data.founded_year,
            website=data.website,
            revision=revisions.next_revision(db),
        )
        org.texts = [OrgText(lang=lang, **t.model_dump()) for lang, t in data.texts.items()]
        org.sector_rows = [OrgSector(sector=s) for s in data.sectors]
        return org

    def update(
        self,
        db: Session,
        *,
        user: User | None,
        org_id: int,
        data: OrganisationPatch,
        actor: Actor | None = None,
    ) -> Organisation:
        org = self.get(db, org_id)
        if actor is None and not repo.may_edit(db, user, org_id):
            raise Forbidden(_("Only members of this organisation can change it."))
        before = snapshot(org)
        fields = data.model_dump(exclude_unset=True)
        for key in (
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
        ):
            if key in fields:
                setattr(org, key, fields[key] if fields[key] != "" else None)
        if org.city is None:
            org.city = ""
        if not (org.name_ko or org.name_zh or org.name_en):
            msg = _("Give the organisation a name in at least one language.")
            raise Invalid(msg, fields=[(("name_ko",), msg)])
        if data.sectors is not None:
            org.sector_rows = [OrgSector(sector=s) for s in data.sectors]
        if data.texts is not None:
            self._set_texts(org, data.texts)
        after = snapshot(org)
        changes = diff(before, after)
        if changes:
            org.updated_at = utcnow()
            org.revision = revisions.next_revision(db)
            audit_service.record(
                db,
                actor=actor or actor_of(user),
                action="update",
                entity_type="organisation",
                entity_id=org.id,
                changes=changes,
            )
        db.flush()
        return org

    def _set_texts(self, org: Organisation, texts: dict[str, TextsIn]) -> None:
        existing = {t.lang: t for t in org.texts}
        keep: list[OrgText] = []
        for lang, t in texts.items():
            row = existing.get(lang) or OrgText(lang=lang)
            row.description, row.offer, row.seek = t.description, t.offer, t.seek
            keep.append(row)
        org.texts = keep

    def delete(self, db: Session, *, user: User | None, org_id: int) -> None:
        """Removes an organisation from the directory; the row stays for the audit trail."""
        org = self.get(db, org_id)
        if not repo.may_manage(db, user, org_id):
            raise Forbidden(_("Only the owner of this organisation or an administrator can delete it."))
        org.deleted_at = utcnow()
        org.revision = revisions.next_revision(db)
        audit_service.record(
            db,
            actor=actor_of(user),
            action="delete",
            entity_type="organisation",
            entity_id=org.id,
            changes={},
        )

    # People -------------------------------------------------------------------------------------
    def add_person(
        self, db: Session, *, user: User | None, org_id: int, data: PersonIn, actor: Actor | None = None
    ) -> Person:
        org = self.get(db, org_id)
        if actor is None and not repo.may_edit(db, user, org_id):
            raise Forbidden(_("Only members of this organisation can change it."))
        person = Person(organisation_id=org.id, **data.model_dump(mode="json"))
        db.add(person)
        db.flush()
        _audit_created(db, actor or actor_of(user), "person", person.id, data.model_dump(mode="json"))
        return person

    def update_person(self, db: Session, *, user: User | None, person_id: int, data: PersonIn) -> Person:
        person = repo.person(db, person_id)
        if person is None or repo.get(db, person.organisation_id) is None:
            raise NotFound(_("This person does not exist."))
        if not repo.may_edit(db, user, person.organisation_id):
            raise Forbidden(_("Only members of this organisation can change it."))
        before = {k: getattr(person, k) for k in ("name", "title", "email", "phone", "languages")}
        for k, v in data.model_dump(mode="json").items():
            setattr(person, k, v)
        audit_service.record(
            db,
            actor=actor_of(user),
            action="update",
            entity_type="person",
            entity_id=person.id,
            changes=diff(before, data.model_dump(mode="json")),
        )
        return person

    def delete_person(self, db: Session, *, user: User | None, person_id: int) -> None:
        person = repo.person(db, person_id)
        if person is None:
            raise NotFound(_("This person does not exist."))
        if not repo.may_edit(db, user, person.organisation_id):
            raise Forbidden(_("Only members of this organisation can change it."))
        db.delete(person)
        audit_service.record(
            db, actor=actor_of(user), action="delete", entity_type="person", entity_id=person_id, changes={}
        )

    # Members ------------------------------------------------------------------------------------
    def members(self, db: Session, *, user: User | None, org_id: int) -> list[tuple[User, str]]:
        self.get(db, org_id)
        if not repo.may_edit(db, user, org_id):
            raise Forbidden(_("Only members of this organisation can see its members."))
        return repo.members(db, org_id)

    def add_member(self, db: Session, *, user: User | None, org_id: int, email: str, role: str) -> Membership:
        """Adds a registered user to the organisation; only owners and administrators may."""
        self.get(db, org_id)
        if not repo.may_manage(db, user, org_id):
            raise Forbidden(
                _("Only the owner of this organisation or an administrator can manage its members.")
            )
        if role not in (MemberRole.OWNER.value, MemberRole.MEMBER.value):
            msg = _("Choose owner or member.")
            raise Invalid(msg, fields=[(("role",), msg)])
        target = accounts_repo.user_by_email(db, email)
        if target is None:
            msg = _("No account uses this e-mail. Ask your colleague to register first.")
            raise Invalid(msg, fields=[(("email",), msg)])
        existing = repo.membership_of(db, target.id, org_id)
        if existing is not None:
            before = existing.role
            existing.role = role
            audit_service.record(
                db,
                actor=actor_of(user),
                action="update",
                entity_type="membership",
                entity_id=existing.id,
                changes={"role": [before, role]},
            )
            return existing
        m = Membership(user_id=target.id, organisation_id=org_id, role=role)
        db.add(m)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type="membership",
            entity_id=m.id,
            changes={"user_id": target.id, "organisation_id": org_id, "role": role},
        )
        return m

    def remove_member(self, db: Session, *, user: User | None, org_id: int, member_id: int) -> None:
        self.get(db, org_id)
        if not repo.may_manage(db, user, org_id):
            raise Forbidden(
                _("Only the owner of this organisation or an administrator can manage its members.")
            )
        m = repo.membership_of(db, member_id, org_id)
        if m is None:
            raise NotFound(_("This person is not a member."))
        owners = [u for u, r in repo.members(db, org_id) if r == MemberRole.OWNER.value]
        if m.role == MemberRole.OWNER.value and len(owners) <= 1:
            raise Invalid(_("An organisation keeps at least one owner."))
        db.delete(m)
        audit_service.record(
            db,
            actor=actor_of(user),
            action="delete",
            entity_type="membership",
            entity_id=m.id,
            changes={"user_id": member_id, "organisation_id": org_id},
        )

    # Logo ---------------------------------------------------------------------------------------
    def set_logo(self, db: Session, *, user: User | None, org_id: int, data: bytes) -> None:
        """Accepts PNG, JPEG, WebP or GIF images up to the configured size."""
        self.get(db, org_id)
        if not repo.may_edit(db, user, org_id):
            raise Forbidden(_("Only members of this organisation can change it."))
        limit = get_settings().logo_max_bytes
        if len(data) > limit:
            msg = _("The logo is too large (at most {kb} KB).").format(kb=limit // 1024)
            raise Invalid(msg, fields=[(("logo",), msg)])
        try:
            with Image.open(io.BytesIO(data)) as img:
                fmt = img.format
                img.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            fmt = None
        if fmt not in LOGO_TYPES:
            msg = _("The logo must be a PNG, JPEG, WebP or GIF image.")
            raise Invalid(msg, fields=[(("logo",), msg)])
        row = repo.logo(db, org_id) or OrgLogo(organisation_id=org_id)
        row.content_type, row.data, row.updated_at = LOGO_TYPES[fmt], data, utcnow()
        db.add(row)
        audit_service.record(
            db,
            actor=actor_of(user),
            action="update",
            entity_type="organisation_logo",
            entity_id=org_id,
            changes={"bytes": len(data), "type": row.content_type},
        )


directory_service = DirectoryService()
