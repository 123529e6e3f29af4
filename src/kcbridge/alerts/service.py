"""Rules of saved searches: only their owner sees them, at most MAX_PER_USER each, alerts report only
results never met before (saving records the current results as the baseline)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.alerts import messages, results
from kcbridge.alerts import repository as repo
from kcbridge.alerts.models import SavedSearch
from kcbridge.alerts.results import Result
from kcbridge.alerts.schemas import NAME_MAX, MatchCriteria, SavedSearchIn, SavedSearchPatch, parse_criteria
from kcbridge.directory import repository as directory_repo
from kcbridge.kit import i18n
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Invalid, NotFound
from kcbridge.kit.i18n import _

MAX_PER_USER = 50


def lang_of(user: User) -> str:
    """The content language (ko, zh, en) of the user's chosen locale."""
    return i18n.LANG_OF_LOCALE[i18n.normalize_locale(user.locale) or i18n.DEFAULT_LOCALE]


class SavedSearchService:
    def mine(self, db: Session, *, user: User) -> list[SavedSearch]:
        """The user's saved searches, newest first."""
        return repo.of_user(db, user.id)

    def get(self, db: Session, *, user: User, search_id: int) -> SavedSearch:
        """The user's own saved search; anyone else's does not exist for them (404)."""
        search = repo.get_owned(db, user.id, search_id)
        if search is None:
            raise NotFound(_("This saved search does not exist."))
        return search

    def _criteria(self, db: Session, user: User, kind: str, raw: object) -> dict[str, object]:
        criteria = parse_criteria(kind, raw)
        if isinstance(criteria, MatchCriteria) and criteria.organisation_id is not None:
            if directory_repo.member_role(db, user.id, criteria.organisation_id) is None:
                msg = _("Choose one of your own organisations.")
                raise Invalid(msg, fields=[(("body", "criteria", "organisation_id"), msg)])
        return criteria.model_dump()

    def create(self, db: Session, *, user: User, data: SavedSearchIn, lang: str) -> SavedSearch:
        """Saves a search and records its current results, so that its first alert reports only new ones."""
        criteria = self._criteria(db, user, data.kind, data.criteria)
        if repo.count_of_user(db, user.id) >= MAX_PER_USER:
            raise Conflict(
                _("You can keep at most {n} saved searches. Delete one before saving another.").format(
                    n=MAX_PER_USER
                )
            )
        name = data.name or results.summary(db, data.kind, criteria, lang, quote=False)[:NAME_MAX]
        now = utcnow()
        search = SavedSearch(
            user_id=user.id,
            name=name,
            kind=data.kind,
            criteria=criteria,
            frequency=data.frequency,
            created_at=now,
            last_checked_at=now,
            viewed_at=now,
            new_count=0,
        )
        db.add(search)
        db.flush()
        self._baseline(db, search, user, now)
        return search

    def _baseline(self, db: Session, search: SavedSearch, user: User, now: datetime) -> None:
        found = results.run(db, parse_criteria(search.kind, search.criteria), user, lang_of(user))
        repo.add_seen(db, search.id, [r.key for r in found], now)
        db.flush()

    def update(self, db: Session, *, user: User, search_id: int, data: SavedSearchPatch) -> SavedSearch:
        """Renames, changes the alert frequency or the criteria (which starts a new baseline)."""
        search = self.get(db, user=user, search_id=search_id)
        if data.name is not None:
            search.name = data.name
        if data.frequency is not None:
            search.frequency = data.frequency
        if data.criteria is not None:
            criteria = self._criteria(db, user, search.kind, data.criteria)
            if criteria != search.criteria:
                search.criteria = criteria
                repo.forget_seen(db, search.id)
                now = utcnow()
                search.last_checked_at, search.viewed_at, search.new_count = now, now, 0
                db.flush()
                self._baseline(db, search, user, now)
        db.flush()
        return search

    def delete(self, db: Session, *, user: User, search_id: int) -> None:
        db.delete(self.get(db, user=user, search_id=search_id))
        db.flush()

    def results(
        self, db: Session, *, user: User, search_id: int, lang: str
    ) -> tuple[SavedSearch, list[tuple[Result, bool]]]:
        """Runs the search now: each result with whether it is new since the owner last looked (a read:
        looking is recorded by `look`)."""
        search, marked, _unseen = self._run(db, user, search_id, lang)
        return search, marked

    def look(
        self, db: Session, *, user: User, search_id: int, lang: str
    ) -> tuple[SavedSearch, list[tuple[Result, bool]]]:
        """Runs the search and records that its owner looked: the results it shows stop counting as new."""
        search, marked, unseen = self._run(db, user, search_id, lang)
        now = utcnow()
        repo.add_seen(db, search.id, unseen, now)
        search.viewed_at, search.new_count = now, 0
        db.flush()
        return search, marked

    def _run(
        self, db: Session, user: User, search_id: int, lang: str
    ) -> tuple[SavedSearch, list[tuple[Result, bool]], list[tuple[str, int]]]:
        search = self.get(db, user=user, search_id=search_id)
        found = results.run(db, parse_criteria(search.kind, search.criteria), user, lang)
        seen = repo.seen(db, search.id)
        since = search.viewed_at or search.created_at
        marked = [(r, r.key not in seen or seen[r.key] > since) for r in found]
        return search, marked, [r.key for r in found if r.key not in seen]

    def check(self, db: Session, *, search_id: int, now: datetime | None = None) -> list[Result]:
        """The alert: runs a due search for its owner and announces results it never met (none: no alert)."""
        now = now or utcnow()
        search = db.get(SavedSearch, search_id)
        user = db.get(User, search.user_id) if search is not None else None
        if search is None or user is None or not user.is_active:
            return []
        before = i18n.get_locale()
        i18n.set_locale(i18n.normalize_locale(user.locale) or i18n.DEFAULT_LOCALE)
        try:
            found = results.run(db, parse_criteria(search.kind, search.criteria), user, lang_of(user))
            seen = repo.seen(db, search.id)
            fresh = [r for r in found if r.key not in seen]
            repo.add_seen(db, search.id, [r.key for r in fresh], now)
            search.last_checked_at = now
            if fresh:
                search.new_count += len(fresh)
                search.last_alert_at = now
                messages.send_alert(db, user, search, fresh)
        finally:
            i18n.set_locale(before)
        db.flush()
        return fresh


saved_search_service = SavedSearchService()
