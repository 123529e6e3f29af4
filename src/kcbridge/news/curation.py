"""Candidates: organisations the news names that the directory lacks. An administrator makes one a new
directory entry or an alias of an existing entry in one click; every mention already stored follows,
and the gazetteer learns the name, so the next article links it by itself."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation
from kcbridge.directory.schemas import OrganisationIn
from kcbridge.directory.service import directory_service
from kcbridge.kit.audit import audit_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound
from kcbridge.kit.i18n import _
from kcbridge.news import gazetteer
from kcbridge.news import repository as repo
from kcbridge.news.extract.gazetteer import norm
from kcbridge.news.extract.text import script_of
from kcbridge.news.models import NewsAlias, NewsCandidate, NewsEntity, NewsEventParticipant
from kcbridge.news.schemas import CandidateAliasIn, CandidateEntryIn
from kcbridge.news.service import actor_of, require_reader

ENTITY = "news_candidate"


def _curator(user: User | None) -> User:
    user = require_reader(user)
    if not repo.can_curate(user):
        raise Forbidden(_("Only platform administrators can do this."))
    return user


def default_names(c: NewsCandidate) -> dict[str, str]:
    """The candidate's first name in each language the news gave."""
    return {lang: names[0] for lang, names in (c.names or {}).items() if names and lang in ("ko", "zh", "en")}


def suggestions(db: Session, c: NewsCandidate, limit: int = 5) -> list[Organisation]:
    """Directory organisations whose name, in the same script, looks like the candidate's."""
    key = norm(c.name)
    script = script_of(c.name)
    pool: dict[str, int] = {}
    for entry in gazetteer.directory_entries(db):
        oid = gazetteer.organisation_id(entry["id"])
        for names in entry["names"].values():
            for n in names:
                if oid is not None and script_of(n) == script:
                    pool.setdefault(norm(n), oid)
    found = process.extract(key, list(pool), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=60)
    ids = list(dict.fromkeys(pool[k] for k, _s, _i in found))[:limit]
    orgs = repo.organisations(db, ids)
    return [orgs[i] for i in ids if i in orgs]


class CurationService:
    def candidates(self, db: Session, *, user: User | None) -> list[NewsCandidate]:
        _curator(user)
        return repo.candidates(db)

    def get(self, db: Session, *, user: User | None, candidate_id: int) -> NewsCandidate:
        _curator(user)
        c = db.get(NewsCandidate, candidate_id)
        if c is None:
            raise NotFound(_("This candidate does not exist."))
        return c

    def _open(self, db: Session, user: User | None, candidate_id: int) -> tuple[User, NewsCandidate]:
        who = _curator(user)
        c = self.get(db, user=who, candidate_id=candidate_id)
        if c.status != "open":
            raise Conflict(_("This candidate has already been handled."))
        return who, c

    def create_entry(
        self, db: Session, *, user: User | None, candidate_id: int, data: CandidateEntryIn
    ) -> Organisation:
        """A new directory organisation from the candidate; its mentions now link to it."""
        who, c = self._open(db, user, candidate_id)
        names = default_names(c)
        fields = {f"name_{k}": getattr(data, f"name_{k}") or names.get(k) for k in ("ko", "zh", "en")}
        if not any(fields.values()):
            msg = _("Give the organisation a name.")
            raise Invalid(msg, fields=[(("body", "name_ko"), msg)])
        org_in = OrganisationIn.model_validate({**fields, "org_type": data.org_type, "country": data.country})
        taken = directory_repo.same_name(db, country=data.country, names=[v for v in fields.values() if v])
        if taken:
            msg = _("The directory already has an organisation with this name: make the candidate its alias.")
            raise Conflict(msg, fields=[(("body", "name_ko"), msg)])
        org = directory_service.create(db, user=None, data=org_in, actor=actor_of(who))
        self._resolve(db, who, c, org.id, "created")
        return org

    def make_alias(self, db: Session, *, user: User | None, candidate_id: int, data: CandidateAliasIn) -> int:
        """The candidate's names become aliases of an existing organisation; returns that organisation."""
        who, c = self._open(db, user, candidate_id)
        if directory_repo.get(db, data.organisation_id) is None:
            msg = _("This organisation does not exist.")
            raise Invalid(msg, fields=[(("body", "organisation_id"), msg)])
        forms = [c.name] + [n for ns in (c.names or {}).values() for n in ns]
        have = set(db.scalars(select(NewsAlias.key).where(NewsAlias.key.in_([norm(f) for f in forms]))))
        for form in dict.fromkeys(forms):
            key = norm(form)[:300]
            if len(key) >= 2 and key not in have:
                have.add(key)
                db.add(
                    NewsAlias(
                        organisation_id=data.organisation_id, alias=form[:300], key=key, created_by=who.id
                    )
                )
        self._resolve(db, who, c, data.organisation_id, "aliased")
        gazetteer.bump(db)
        return data.organisation_id

    def dismiss(self, db: Session, *, user: User | None, candidate_id: int) -> None:
        """Not an organisation worth a directory entry; it leaves the list."""
        who, c = self._open(db, user, candidate_id)
        c.status, c.resolved_by, c.resolved_at = "dismissed", who.id, utcnow()
        audit_service.record(
            db,
            actor=actor_of(who),
            action="dismiss",
            entity_type=ENTITY,
            entity_id=c.id,
            changes={"status": ["open", "dismissed"]},
        )
        db.flush()

    def _resolve(self, db: Session, who: User, c: NewsCandidate, org_id: int, status: str) -> None:
        for table in (NewsEntity, NewsEventParticipant):
            db.execute(
                update(table)
                .where(table.candidate_id == c.id)
                .values(organisation_id=org_id, candidate_id=None)
                .execution_options(synchronize_session=False)
            )
        c.status, c.organisation_id, c.resolved_by, c.resolved_at = status, org_id, who.id, utcnow()
        audit_service.record(
            db,
            actor=actor_of(who),
            action=status,
            entity_type=ENTITY,
            entity_id=c.id,
            changes={"status": ["open", status], "organisation_id": [None, org_id], "name": [c.name, c.name]},
        )
        db.flush()


curation_service = CurationService()
