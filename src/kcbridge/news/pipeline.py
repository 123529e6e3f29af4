"""One article into the database: the engine reads it, its organisations are linked to the directory or
kept as candidates, it joins a story (near-duplicate text, or the same event told by another outlet) and
its events merge into the story's, each article reporting an event being one of its mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from kcbridge.directory import taxonomy as tx
from kcbridge.kit.db import utcnow
from kcbridge.news import places
from kcbridge.news import repository as repo
from kcbridge.news.extract import Extractor, seed_entries, to_directory
from kcbridge.news.extract.gazetteer import norm
from kcbridge.news.extract.text import script_of
from kcbridge.news.gazetteer import organisation_id
from kcbridge.news.highlight import find_spans
from kcbridge.news.ingest import Article
from kcbridge.news.ingest.dedupe import THRESHOLD, minhash
from kcbridge.news.models import (
    NewsArticle,
    NewsArticleSector,
    NewsCandidate,
    NewsEntity,
    NewsEvent,
    NewsEventMention,
    NewsEventParticipant,
    NewsStatistic,
    NewsStory,
)
from kcbridge.news.vocab import suggest_indicator

STORY_DAYS = 7  # near-duplicates are looked for among articles published this close
EVENT_DAYS = 2  # one event told by two outlets: same type, dates this close, a shared organisation
NOT_CANDIDATES = {"media", "country", "city", "province"}


@dataclass(slots=True)
class Who:
    """A participant's link: a directory organisation, a candidate, or only a name (a person)."""

    name: str
    organisation_id: int | None = None
    candidate_id: int | None = None

    @property
    def key(self) -> tuple[str, int] | None:
        if self.organisation_id is not None:
            return ("org", self.organisation_id)
        if self.candidate_id is not None:
            return ("cand", self.candidate_id)
        return None


@dataclass(slots=True)
class Outcome:
    article: NewsArticle | None = None  # None: an exact duplicate
    new_candidates: list[int] = field(default_factory=list)


def published_of(value: str | None) -> tuple[datetime | None, int | None]:
    """The instant (UTC) and the source's offset in minutes of an ISO time."""
    if not value:
        return None, None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None, None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC), 0
    offset = dt.utcoffset() or timedelta(0)
    return dt.astimezone(UTC), int(offset.total_seconds() // 60)


def signature(text: str) -> bytes:
    return np.asarray(minhash(text).hashvalues, dtype=np.uint64).tobytes()


def _similarity(a: bytes, b: bytes) -> float:
    x, y = np.frombuffer(a, dtype=np.uint64), np.frombuffer(b, dtype=np.uint64)
    return float(np.mean(x == y)) if len(x) == len(y) and len(x) else 0.0


def store(
    db: Session,
    a: Article,
    engine: Extractor,
    *,
    job_id: int | None = None,
    feed_id: int | None = None,
    user_id: int | None = None,
) -> Outcome:
    """Reads and stores one article; an exact duplicate of a stored one is skipped (Outcome.article None).
    Lookups run before anything is added, so the unit of work flushes twice per article, not per query."""
    if db.scalar(select(NewsArticle.id).where(NewsArticle.fingerprint == a.fingerprint)) is not None:
        return Outcome()
    r = engine.extract(
        a.body,
        title=a.title,
        published=a.published,
        language=a.language,
        outlet=a.outlet,
        author=a.author,
        captions=a.captions,
        source=a.source,
    )
    out = Outcome()
    links, forms = _links(db, r["organizations"], a.language, out)
    for p in r["people"]:
        forms.setdefault(norm(p["name"]), Who(p["name"]))
    events = [_event_of(e, forms) for e in r["events"] if e.get("type")]
    when, offset = published_of(a.published)
    sig = signature(a.title + "\n" + a.body)
    story = _story(db, when, sig, (a.title or a.body[:80]).strip()[:500], events)
    known = repo.story_events(db, story.id) if story.id is not None else []
    row = NewsArticle(
        title=(a.title or a.body[:80]).strip()[:500],
        outlet=(a.outlet or None) and a.outlet[:200],
        author=(a.author or None) and a.author[:200],
        published_at=when,
        published_offset=offset,
        language=a.language,
        body=a.body,
        captions=list(a.captions),
        source=a.source[:1000],
        encoding=a.encoding,
        fingerprint=a.fingerprint,
        signature=sig,
        job_id=job_id,
        feed_id=feed_id,
        ingested_by=user_id,
        entities=_entities(a.body, r, links),
        sector_rows=[NewsArticleSector(sector=s) for s in to_directory(r["sectors"])],
        statistics=[_statistic(s) for s in r["stats"] if isinstance(s.get("value"), int | float)],
    )
    row.story = story
    _count(story, when)
    db.add(row)
    for ev in events:
        _merge_event(db, story, row, ev, known)
    db.flush()  # a unique fingerprint: another process storing the same text now fails this unit of work
    out.article = row
    return out


# Entities ---------------------------------------------------------------------------------------


def _links(
    db: Session, orgs: list[dict[str, Any]], language: str, out: Outcome
) -> tuple[list[Who], dict[str, Who]]:
    """Each organisation's link (directory, alias, candidate; new candidates created), and every written
    form of a name → its link (for event participants)."""
    keys = [norm(f) for o in orgs for f in [o["name"], *o.get("aliases", [])]]
    aliases = repo.alias_keys(db, keys)
    cands = repo.candidates_by_key(db, keys)
    now = utcnow()
    links: list[Who] = []
    created: list[tuple[NewsCandidate, Who]] = []
    forms: dict[str, Who] = {}
    for o in orgs:
        names = [o["name"], *o.get("aliases", [])]
        oid = organisation_id(o.get("linked_id"))
        if oid is None:
            oid = next((aliases[norm(n)] for n in names if norm(n) in aliases), None)
        cand: NewsCandidate | None = None
        if oid is None:
            cand = next((cands[norm(n)] for n in names if norm(n) in cands), None)
            if cand is not None and cand.status in ("created", "aliased") and cand.organisation_id:
                oid, cand = cand.organisation_id, None
            elif cand is None and (o.get("type") or "other") not in NOT_CANDIDATES:
                cand = _new_candidate(o, language)
                cands[cand.key] = cand
                db.add(cand)
            if cand is not None:
                cand.mentions = (cand.mentions or 0) + 1
                cand.last_seen = now
        link = Who(o["name"], oid, cand.id if cand is not None else None)
        if cand is not None and cand.id is None:
            created.append((cand, link))
        links.append(link)
        for n in names:
            forms[norm(n)] = link
    if created:
        db.flush()
        for cand, link in created:
            link.candidate_id = cand.id
            out.new_candidates.append(cand.id)
    return links, forms


def _entities(body: str, r: dict[str, Any], links: list[Who]) -> list[NewsEntity]:
    """Entity rows of an article, each with where it is named in the body."""
    rows = []
    for o, link in zip(r["organizations"], links, strict=True):
        names = [o["name"], *o.get("aliases", [])]
        rows.append(
            NewsEntity(
                kind="org",
                name=o["name"][:300],
                aliases=[x[:300] for x in o.get("aliases", [])][:20],
                org_type=(o.get("type") or None),
                country=o.get("country"),
                organisation_id=link.organisation_id,
                candidate_id=link.candidate_id,
                spans=find_spans(body, names),
            )
        )
    for p in r["people"]:
        rows.append(
            NewsEntity(
                kind="person",
                name=p["name"][:300],
                aliases=list(p.get("aliases") or [])[:20],
                role=(p.get("role") or None) and str(p["role"])[:120],
                affiliation=(p.get("organization") or None) and str(p["organization"])[:300],
                spans=find_spans(body, [p["name"], *(p.get("aliases") or [])]),
            )
        )
    for name in r["places"]:
        rows.append(NewsEntity(kind="place", name=name[:300], spans=find_spans(body, [name])))
    return rows


def _new_candidate(o: dict[str, Any], language: str) -> NewsCandidate:
    name = o["name"][:300]
    seed = _seed(o.get("linked_id"))
    names: dict[str, list[str]] = dict(seed.get("names") or {}) if seed else {}
    lang = {"hangul": "ko", "han": "zh", "latin": "en"}.get(script_of(name), language)
    if name not in names.get(lang, []):
        names[lang] = [name, *names.get(lang, [])]
    country = o.get("country") or (seed or {}).get("country")
    org_type = o.get("type") if o.get("type") in tx.ORG_TYPE_CODES else None
    return NewsCandidate(
        key=norm(name)[:300],
        name=name,
        org_type=org_type,
        country=country if country in tx.COUNTRY_CODES else ("CN" if language == "zh" else None),
        names=names,
        mentions=0,
    )


def _seed(linked_id: str | None) -> dict[str, Any] | None:
    if not linked_id or organisation_id(linked_id) is not None:
        return None
    return next((e for e in seed_entries() if e["id"] == linked_id), None)


def _statistic(s: dict[str, Any]) -> NewsStatistic:
    indicator = str(s.get("indicator") or "")[:300]
    year = s.get("year")
    return NewsStatistic(
        indicator=indicator,
        value=float(s["value"]),
        unit=str(s.get("unit") or "")[:30],
        year=year if isinstance(year, int) and 1900 <= year <= 2100 else None,
        country=s.get("country"),
        suggested=suggest_indicator(indicator),
    )


# Stories and events -----------------------------------------------------------------------------


@dataclass(slots=True)
class Found:
    type: str
    day: date | None
    place: str | None
    evidence: str
    who: list[Who]

    @property
    def keys(self) -> set[tuple[str, int]]:
        return {k for w in self.who if (k := w.key) is not None}


def _event_of(e: dict[str, Any], forms: dict[str, Who]) -> Found:
    day = None
    if e.get("date"):
        try:
            day = date.fromisoformat(e["date"])
        except ValueError:
            day = None
    who = [forms.get(norm(p)) or Who(p) for p in e.get("participants") or []]
    return Found(e["type"], day, e.get("place"), str(e.get("evidence") or ""), _unique(who))


def _unique(who: list[Who]) -> list[Who]:
    seen: set[object] = set()
    out = []
    for w in who:
        k = w.key or ("name", w.name)
        if k not in seen:
            seen.add(k)
            out.append(w)
    return out


def _story(db: Session, when: datetime | None, sig: bytes, title: str, events: list[Found]) -> NewsStory:
    """The story an article tells: a near-duplicate's, else one whose event it reports, else a new one
    (not yet added to the session)."""
    story_id: int | None = None
    if when is not None:
        window = timedelta(days=STORY_DAYS)
        near = repo.signatures_between(db, when - window, when + window)
    else:
        near = repo.signatures_between(db, None, None, limit=200)
    best = 0.0
    for _aid, sid, other in near:
        if sid is not None and (s := _similarity(sig, other)) >= max(THRESHOLD, best):
            best, story_id = s, sid
    if story_id is None:
        story_id = _story_of_same_event(db, events)
    story = db.get(NewsStory, story_id) if story_id is not None else None
    return story or NewsStory(title=title, article_count=0)


def _count(story: NewsStory, when: datetime | None) -> None:
    story.article_count = (story.article_count or 0) + 1
    if when is not None:
        if story.first_published is None or when < story.first_published:
            story.first_published = when
        if story.last_published is None or when > story.last_published:
            story.last_published = when


def _story_of_same_event(db: Session, events: list[Found]) -> int | None:
    dated = [e for e in events if e.day is not None and e.keys]
    if not dated:
        return None
    days = [e.day for e in dated if e.day is not None]
    pad = timedelta(days=EVENT_DAYS)
    known = repo.events_near(db, [e.type for e in dated], min(days) - pad, max(days) + pad)
    for e in dated:
        for k in known:
            if (
                k.event_type == e.type
                and k.day is not None
                and e.day is not None
                and abs((k.day - e.day).days) <= EVENT_DAYS
                and e.keys & _keys(k)
            ):
                return k.story_id
    return None


def _keys(ev: NewsEvent) -> set[tuple[str, int]]:
    out: set[tuple[str, int]] = set()
    for p in ev.participants:
        if p.organisation_id is not None:
            out.add(("org", p.organisation_id))
        elif p.candidate_id is not None:
            out.add(("cand", p.candidate_id))
    return out


def _same(old: NewsEvent, new: Found) -> bool:
    if old.event_type != new.type:
        return False
    if old.day is not None and new.day is not None and abs((old.day - new.day).days) > 1:
        return False
    shared = bool(new.keys & _keys(old)) or bool(
        {norm(w.name) for w in new.who} & {norm(p.name) for p in old.participants}
    )
    return shared or (old.day is not None and old.day == new.day)


def _merge_event(db: Session, story: NewsStory, row: NewsArticle, new: Found, known: list[NewsEvent]) -> None:
    """Adds the article as a mention of the story's same event (among `known`), or the event itself."""
    ev = next((old for old in known if old.event_type == new.type and _same(old, new)), None)
    if ev is None:
        ev = NewsEvent(
            story=story,
            event_type=new.type,
            day=new.day,
            place=(new.place or None) and new.place[:200],
            city=places.city_of(new.place) or places.last_city(new.evidence),
        )
        ev.participants = []
        ev.mentions = []
        db.add(ev)
        known.append(ev)
    else:
        ev.day = ev.day or new.day
        ev.place = ev.place or ((new.place or None) and new.place[:200])
        ev.city = ev.city or places.city_of(new.place) or places.last_city(new.evidence)
    have = {_who_key(p.organisation_id, p.candidate_id, p.name) for p in ev.participants}
    for w in new.who:
        k = _who_key(w.organisation_id, w.candidate_id, w.name)
        if k not in have:
            have.add(k)
            ev.participants.append(
                NewsEventParticipant(
                    name=w.name[:300], organisation_id=w.organisation_id, candidate_id=w.candidate_id
                )
            )
    if not any(m.__dict__.get("article") is row for m in ev.mentions):  # the others are older articles'
        ev.mentions.append(NewsEventMention(article=row, evidence=new.evidence[:2000]))


def _who_key(org_id: int | None, cand_id: int | None, name: str) -> tuple[str, object]:
    if org_id is not None:
        return ("org", org_id)
    if cand_id is not None:
        return ("cand", cand_id)
    return ("name", norm(name))
