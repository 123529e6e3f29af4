"""Runs a saved search with the same services as its page, and words its criteria for people.

Match searches go through matchmaking/matches.py (published opportunities only, anonymous publishers
unnamed, exactly as on /matches); directory searches through the directory search index (as on
/organisations). Results are plain data: a title and a link, never contact details.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.alerts.schemas import Criteria, DirectoryCriteria, MatchCriteria
from kcbridge.directory import repository as directory_repo
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.search import directory_search
from kcbridge.kit.i18n import _
from kcbridge.matchmaking import matches

MATCH_TOP = 20  # as many as /matches shows
DIRECTORY_TOP = 100  # the newest or best-ranked organisations a directory search follows


@dataclass(frozen=True, slots=True)
class Result:
    kind: str
    id: int
    title: str
    country: str
    org_type: str
    url: str
    score: float | None = None
    summary: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.id)


def run(db: Session, criteria: Criteria, user: User, lang: str) -> list[Result]:
    """The search's current results, ranked, as `user` would see them on its page."""
    if isinstance(criteria, MatchCriteria):
        return _matches(db, criteria, user, lang)
    return _directory(db, criteria, lang)


def _matches(db: Session, c: MatchCriteria, user: User, lang: str) -> list[Result]:
    orgs = [o for o, _role in directory_repo.of_user(db, user.id)]
    current = next((o for o in orgs if o.id == c.organisation_id), None)
    target = c.target or (matches.counterpart(current.country) if current else None) or "any"
    kinds = c.kinds or None
    if c.text:
        country = current.country if current else None
        hits = matches.for_text(
            db, c.text, country=country, kinds=kinds, top=MATCH_TOP, target=target, loc=("criteria", "text")
        )
    elif current is not None:
        hits = matches.for_organisation(db, current, top=MATCH_TOP, kinds=kinds, target=target)
    else:  # the organisation was left or deleted: nothing to match any more
        return []
    out = []
    for hit in hits:
        p: dict[str, Any] = matches.present(db, hit, lang, user)
        out.append(
            Result(
                kind=str(p["kind"]),
                id=int(p["id"]),
                title=str(p.get("title") or ""),
                country=str(p.get("country") or ""),
                org_type=str(p.get("org_type") or ""),
                url=str(p["url"]),
                score=p.get("score"),
                summary=str((p.get("explanation") or {}).get("summary") or ""),
            )
        )
    return out


def _directory(db: Session, c: DirectoryCriteria, lang: str) -> list[Result]:
    hits = directory_search.search(
        db,
        c.q,
        org_type=c.org_type,
        country=c.country,
        city=c.city or None,
        sectors=c.sectors,
        offset=0,
        limit=DIRECTORY_TOP,
    )
    return [
        Result(
            kind="organisation",
            id=o.id,
            title=o.name(lang),
            country=o.country,
            org_type=o.org_type,
            url=f"/organisations/{o.id}",
        )
        for o in directory_repo.get_many(db, hits.ids, people=False)
    ]


def page_url(kind: str, criteria: dict[str, Any]) -> str:
    """The page that runs the search, with its parameters (what "Run" opens)."""
    if kind == "match":
        kinds = criteria.get("kinds") or []
        params: list[tuple[str, Any]] = [
            ("q", criteria.get("text") or ""),
            ("org", criteria.get("organisation_id") or ""),
            ("kind", kinds[0] if len(kinds) == 1 else ""),
            ("target", criteria.get("target") or ""),
        ]
        path = "/matches"
    else:
        params = [(k, criteria.get(k) or "") for k in ("q", "country", "org_type", "city")]
        params += [("sector", s) for s in criteria.get("sectors") or []]
        path = "/organisations"
    query = urlencode([(k, v) for k, v in params if v not in ("", None)])
    return f"{path}?{query}" if query else path


def summary(db: Session, kind: str, criteria: dict[str, Any], lang: str, *, quote: bool = True) -> str:
    """The criteria in a line, in `lang` (the list page; unquoted: the default name)."""
    parts: list[str] = []
    q = ("“", "”") if quote else ("", "")
    if kind == "match":
        text = " ".join(str(criteria.get("text") or "").split())
        if text:
            parts.append(q[0] + (text if len(text) <= 60 else text[:59] + "…") + q[1])
        org_id = criteria.get("organisation_id")
        org = directory_repo.get(db, int(org_id)) if org_id else None
        if org is not None:
            parts.append(_("for {name}").format(name=org.name(lang)))
        kinds = criteria.get("kinds") or []
        if kinds == ["organisation"]:
            parts.append(_("Organisations only"))
        elif kinds == ["opportunity"]:
            parts.append(_("Opportunities only"))
        elif kinds == ["programme"]:
            parts.append(_("Programmes only"))
        target = criteria.get("target")
        if target and target != "any":
            parts.append(_("in {country}").format(country=tx.label(target, lang)))
    else:
        if criteria.get("q"):
            parts.append(q[0] + str(criteria["q"]) + q[1])
        for key in ("country", "org_type"):
            if criteria.get(key):
                parts.append(tx.label(str(criteria[key]), lang))
        parts += [tx.label(s, lang) for s in criteria.get("sectors") or []]
        if criteria.get("city"):
            parts.append(str(criteria["city"]))
        if not parts:
            parts.append(_("All organisations"))
    return " · ".join(parts)
