"""Demo events (data/events.toml): Gyeonggi's delegation visit to a Shanghai cloud company (story 1), the hybrid
Beijing forum at the size of the real one (story 2: 300 participants, a third online, 40 tables and 40 online
rooms, speakers in two tracks) and a Seoul pitch day with twelve projects of both countries (story 8), each
with requests and a published schedule — the one stored in data/schedules.toml when it still fits, else solved here.

Organisations come from the demo directory by name; any that is missing is created, so this also runs
on a database loaded with other data.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, Membership, Role, User
from kcbridge.accounts.service import account_service
from kcbridge.directory.models import Organisation, OrgSector
from kcbridge.directory.schemas import OrganisationIn
from kcbridge.directory.service import directory_service
from kcbridge.events import hybrid
from kcbridge.events.agenda import agenda_service
from kcbridge.events.models import (
    Event,
    MeetingRequest,
    Participant,
    ProjectBookmark,
    RegistrationStatus,
    RequestStatus,
)
from kcbridge.events.projects import project_service
from kcbridge.events.schemas import (
    EventIn,
    ProjectIn,
    RegistrationIn,
    SessionIn,
    SlotSeriesIn,
    SpeakerPersonIn,
    TableIn,
)
from kcbridge.events.service import audit as event_audit
from kcbridge.events.service import event_service
from kcbridge.events.speakers import speaker_service
from kcbridge.kit.audit import Actor

from . import schedules, source
from ._text import written

ACTOR = Actor.system("demo loader")
Built = tuple[Event, User]


def _org(db: Session, name_en: str, create: dict[str, Any] | None = None) -> Organisation:
    """The live organisation called `name_en`, created from `create` when the directory lacks it."""
    org = db.scalar(
        select(Organisation)
        .where(func.lower(Organisation.name_en) == name_en.lower(), Organisation.deleted_at.is_(None))
        .order_by(Organisation.id)
    )
    if org is not None:
        return org
    data = OrganisationIn.model_validate({"name_en": name_en, **(create or {})})
    return directory_service.create(db, user=None, data=data, actor=ACTOR)


def _firms(
    db: Session, country: str, sector: str, n: int, exclude: set[int], prefer_city: str = ""
) -> list[int]:
    """Up to `n` companies or startups of `country` in `sector`, those in `prefer_city` first."""
    stmt = (
        select(Organisation.id)
        .join(OrgSector, OrgSector.organisation_id == Organisation.id)
        .where(
            Organisation.country == country,
            OrgSector.sector == sector,
            Organisation.org_type.in_(("company", "startup")),
            Organisation.deleted_at.is_(None),
        )
        .order_by((Organisation.city == prefer_city).desc(), Organisation.id)
    )
    return [i for i in db.scalars(stmt.limit(n + len(exclude))) if i not in exclude][:n]


def _organiser(db: Session, email: str, org_id: int) -> User:
    """The demo user `email` as a member of the organising body (an administrator if the user is missing)."""
    user = db.scalar(select(User).where(User.email == email))
    if user is None:
        user = db.scalar(select(User).where(User.role == Role.ADMIN.value).order_by(User.id))
    if user is None:
        user = account_service.register(
            db, email=email, password="kcbridge-demo", display_name=email.split("@")[0], role=Role.USER
        )
    if not user.is_admin:
        account_service.add_member(
            db, user=user, organisation_id=org_id, role=MemberRole.MEMBER.value, actor=ACTOR
        )
    return user


def _create(db: Session, spec: dict[str, Any], extra: dict[str, Any] | None = None) -> Built:
    """The event of `spec`, its organiser and its meeting slots."""
    organiser = _org(db, spec["organiser"], spec.get("organiser_create"))
    user = _organiser(db, spec["team"], organiser.id)
    langs = spec["languages"]
    event = event_service.create(
        db,
        user=user,
        data=EventIn(
            event_type=spec["event_type"],
            mode=spec["mode"],
            **{f"title_{lang}": spec["title"][lang] for lang in ("ko", "zh", "en")},
            description=written(spec["description"], langs, sep="\n\n"),
            timezone=spec["timezone"],
            starts_at=spec["starts"],
            ends_at=spec["ends"],
            venue=written(spec["venue"], langs),
            online_url=spec.get("online_url"),
            video_base_url=spec.get("video_base_url"),
            languages=langs,
            organiser_org_id=organiser.id,
            **(extra or {}),
        ),
    )
    slots = spec["slots"]
    event_service.add_slot_series(
        db,
        user=user,
        event_id=event.id,
        data=SlotSeriesIn(
            starts_at=slots["starts"],
            minutes=slots["minutes"],
            break_minutes=slots["break_minutes"],
            count=slots["count"],
        ),
    )
    return event, user


def _register(db: Session, user: User, event: Event, org_id: int, role: str, team: str = "") -> Participant:
    """The organisation registered by the organiser; an invited one accepts (the demo answers for it)."""
    data = RegistrationIn(organisation_id=org_id, role=role, team=team)
    row = event_service.register(db, user=user, event_id=event.id, data=data)
    if row.status == RegistrationStatus.INVITED.value:
        row.status = RegistrationStatus.APPROVED.value
    return row


class _Registrar:
    """Registers many organisations as `_register` does, with one flush: through the service, the forum's 300
    registrations each read every participant again (the slowest part of the demo's load). Organisations
    with members still go through the service, which sends them the invitation; the others get the
    service's row (invited, at the event's default attendance) and audit entry, and are approved."""

    def __init__(self, db: Session, user: User, event: Event, org_ids: list[int]) -> None:
        self.db, self.user, self.event = db, user, event
        self.new: list[Participant] = []
        self.with_members = set(
            db.scalars(select(Membership.organisation_id).where(Membership.organisation_id.in_(org_ids)))
        )
        self.attendance = hybrid.default_attendance(event)

    def add(self, org_id: int, role: str) -> Participant:
        if org_id in self.with_members:
            return _register(self.db, self.user, self.event, org_id, role)
        row = Participant(
            event_id=self.event.id,
            organisation_id=org_id,
            team="",
            role=role,
            status=RegistrationStatus.APPROVED.value,
            mail_consent=False,
            attendance=self.attendance,
            offer="",
            seek="",
        )
        self.db.add(row)
        self.new.append(row)
        return row

    def done(self) -> None:
        self.db.flush()
        for row in self.new:
            event_audit(
                self.db, self.user, "create", "event_participant", row.id, event_id=self.event.id,
                status=RegistrationStatus.INVITED.value,
            )  # fmt: skip


def _table(db: Session, user: User, event: Event, name: str, **fields: Any) -> None:
    event_service.add_table(db, user=user, event_id=event.id, data=TableIn(name=name, **fields))


def _request(event: Event, a: Participant, b: Participant, status: str, message: str) -> MeetingRequest:
    return MeetingRequest(event_id=event.id, from_id=a.id, to_id=b.id, status=status, message=message)


def _message(spec: dict[str, Any], key: str, sender: Participant, org_country: dict[int, str]) -> str:
    """A request's message in both languages, the sender's own first."""
    own = "ko" if org_country.get(sender.organisation_id) == "KR" else "zh"
    return written(spec[key], [own, "zh" if own == "ko" else "ko"], sep="\n")


def _countries(db: Session, people: list[Participant]) -> dict[int, str]:
    ids = {p.organisation_id for p in people}
    rows = db.execute(select(Organisation.id, Organisation.country).where(Organisation.id.in_(ids)))
    return {org_id: country for org_id, country in rows}


def _at(day: datetime, hhmm: str) -> datetime:
    return datetime.combine(day.date(), time.fromisoformat(hhmm))


def _visit(db: Session, rng: random.Random, spec: dict[str, Any]) -> Built:
    event, officer = _create(db, spec)
    langs = spec["languages"]
    host_spec = spec["host"]
    host = _org(db, host_spec["organisation"], host_spec.get("create"))
    teams = []
    for team in host_spec["teams"]:
        p = _register(db, officer, event, host.id, "host_team", written(team["name"], langs))
        _table(db, officer, event, written(team["room"], langs), owner_id=p.id)
        teams.append(p)
    v = spec["visitors"]
    visitors = _org(db, spec["organiser"])
    ids = _firms(db, v["country"], v["sector"], v["count"], {visitors.id}, prefer_city=v["prefer_city"])
    for n in range(len(ids), v["count"]):
        name = {lang: text.format(n=n + 1) for lang, text in v["stand_in"].items()}
        create = {"name_ko": name["ko"], "name_zh": name["zh"], "org_type": "company", "country": v["country"],
                  "city": v["prefer_city"], "sectors": [v["sector"]]}  # fmt: skip
        ids.append(_org(db, name["en"], create).id)
    firms = [_register(db, officer, event, oid, "visitor") for oid in ids]
    message = written(spec["message"], ["ko", "zh"], sep="\n")  # Korean firms write to a Chinese host
    for firm in firms:
        for team in rng.sample(teams, 2 + (rng.random() < 0.5)):
            status = RequestStatus.ACCEPTED if rng.random() < 0.8 else RequestStatus.DECLINED
            db.add(_request(event, firm, team, status.value, message))
    return event, officer


ORG_TYPES = ("company", "startup", "investor", "incubator", "research_institute", "university", "support_agency",
             "association", "economic_zone")  # fmt: skip


def _pool(db: Session, country: str, n: int, exclude: set[int], first: list[int]) -> list[int]:
    """`first`, then up to `n` organisations of `country` taking part in a forum: companies first."""
    order = case({t: i for i, t in enumerate(ORG_TYPES)}, value=Organisation.org_type)
    stmt = (
        select(Organisation.id)
        .where(
            Organisation.country == country,
            Organisation.org_type.in_(ORG_TYPES),
            Organisation.deleted_at.is_(None),
        )
        .order_by(order, Organisation.id)
    )
    ids = [*first, *(i for i in db.scalars(stmt) if i not in exclude and i not in first)]
    return ids[:n]


def _role(rng: random.Random, org_type: str) -> str:
    if org_type == "investor":
        return "investor"
    if org_type in ("company", "startup"):
        return rng.choices(["visitor", "exhibitor", "speaker"], weights=[6, 3, 1])[0]
    return "visitor"


def _speakers(db: Session, user: User, event: Event, spec: dict[str, Any]) -> dict[str, int]:
    """The event's speakers (people) by their key in the spec."""
    out = {}
    for sp in spec.get("speakers", []):
        org = db.scalar(  # the speaker's organisation when the directory has it (never created for a speaker)
            select(Organisation)
            .where(
                func.lower(Organisation.name_en) == sp.get("org", "").lower(),
                Organisation.deleted_at.is_(None),
            )
            .limit(1)
        )
        data = SpeakerPersonIn(
            organisation_id=org.id if org else None,
            **{f"name_{lang}": sp["names"].get(lang) for lang in ("ko", "zh", "en")},
            **{f"title_{lang}": sp["title"][lang] for lang in ("ko", "zh", "en")},
            **{f"bio_{lang}": sp["bio"][lang] for lang in ("ko", "zh", "en")},
        )
        out[sp["key"]] = speaker_service.add(db, user=user, event_id=event.id, data=data).id
    return out


def _online_rooms(db: Session, user: User, event: Event, tables: dict[str, Any], langs: list[str]) -> None:
    for i in range(1, tables.get("rooms", 0) + 1):
        _table(db, user, event, written(tables["room"], langs).format(n=i), kind="online")


def _forum(db: Session, rng: random.Random, spec: dict[str, Any]) -> Built:
    """The hybrid forum (story 2) at the size of the real one: Korean and Chinese participants, a share of
    each online, venue tables and online rooms, cross-border requests, an agenda in two tracks with speakers."""
    event, agent = _create(db, spec)
    langs = spec["languages"]
    founder = list(
        db.scalars(
            select(Membership.organisation_id)
            .join(User, User.id == Membership.user_id)
            .where(User.email == "founder@robotouch.example")
        )
    )[:1]
    taken = {event.organiser_org_id}
    sizes, share = spec["participants"], spec["online"]
    kr = _pool(db, "KR", sizes["KR"], taken, founder)
    cn = _pool(db, "CN", sizes["CN"], taken | set(kr), [])
    types = dict(
        db.execute(select(Organisation.id, Organisation.org_type).where(Organisation.id.in_(kr + cn))).all()
    )
    people = []
    registrar = _Registrar(db, agent, event, kr + cn)
    for side, ids in (("KR", kr), ("CN", cn)):
        for oid in ids:
            p = registrar.add(oid, _role(rng, types[oid]))
            p.attendance = "online" if oid not in founder and rng.random() < share[side] else "onsite"
            p.mail_consent = rng.random() < 0.8
            people.append(p)
    registrar.done()
    tables = spec["tables"]
    booths = [p for p in people if p.role == "exhibitor" and p.attendance == "onsite"][: tables["booths"]]
    for i, p in enumerate(booths):
        _table(db, agent, event, written(tables["booth"], langs).format(letter=chr(65 + i)), owner_id=p.id)
    for i in range(1, tables["count"] + 1):
        _table(db, agent, event, written(tables["table"], langs).format(n=i))
    _online_rooms(db, agent, event, tables, langs)
    kr_people, cn_people = people[: len(kr)], people[len(kr) :]
    country = _countries(db, people)
    pairs: set[frozenset[int]] = set()
    for a in kr_people + cn_people:
        others = cn_people if a in kr_people else kr_people
        for b in rng.sample(others, min(len(others), spec["requests_each"])):
            if frozenset((a.id, b.id)) in pairs:
                continue
            pairs.add(frozenset((a.id, b.id)))
            roll = rng.random()
            status = (
                RequestStatus.ACCEPTED
                if roll < 0.68
                else RequestStatus.DECLINED
                if roll < 0.82
                else RequestStatus.PENDING
            )
            db.add(_request(event, a, b, status.value, _message(spec, "message", a, country)))
    presenters = [p for p in people if p.role == "speaker"]
    korea = [p for p in presenters if p in kr_people][:3] or kr_people[:2]
    china = [p for p in presenters if p in cn_people][:3] or cn_people[:2]
    who = {"korea": korea, "china": china, "panel": korea[:1] + china[:1]}
    person = _speakers(db, agent, event, spec)
    for s in spec["sessions"]:
        agenda_service.add_session(
            db,
            user=agent,
            event_id=event.id,
            data=SessionIn(
                kind=s["kind"],
                **{f"title_{lang}": s["title"][lang] for lang in ("ko", "zh", "en")},
                starts_at=_at(spec["starts"], s["starts"]),
                ends_at=_at(spec["starts"], s["ends"]),
                track=written(s["track"], langs),
                room=written(s["track"], langs),
                stream_url=s.get("stream"),
                speakers=[{"participant_id": p.id} for p in who.get(s.get("speakers", ""), [])],
                people=[{"speaker_id": person[k]} for k in s.get("people", [])],
            ),
        )
    return event, agent


def _audience(
    db: Session, rng: random.Random, spec: dict[str, Any], exclude: set[int]
) -> list[tuple[int, str]]:
    """Investors, producers (content firms) and buyers (retail and consumer firms) of both countries."""
    want = spec["audience"]
    chosen: list[tuple[int, str]] = []

    def take(stmt: Any, role: str, n: int) -> None:
        rows = [i for i in db.scalars(stmt) if i not in exclude]
        kr_first = rows[::2] + rows[1::2]
        for oid in kr_first[:n]:
            exclude.add(oid)
            chosen.append((oid, role))

    live = Organisation.deleted_at.is_(None)
    take(select(Organisation.id).where(Organisation.org_type == "investor", live).order_by(Organisation.id),
         "investor", want["investor"])  # fmt: skip
    for role, sectors in (("producer", [spec["producers"]]), ("buyer", spec["buyers"])):
        stmt = (  # the ordering column is selected too: PostgreSQL orders a DISTINCT only by what it selects
            select(Organisation.id, Organisation.country)
            .join(OrgSector, OrgSector.organisation_id == Organisation.id)
            .where(OrgSector.sector.in_(sectors), Organisation.org_type.in_(("company", "startup")), live)
            .order_by(Organisation.country, Organisation.id)
            .distinct()
        )
        take(stmt, role, want[role])
    return chosen


def _pitch(db: Session, rng: random.Random, spec: dict[str, Any]) -> Built:
    """The pitch day (story 8): twelve projects of both countries pitch in sessions of their own to
    investors, producers and buyers, who bookmark them and ask to meet about them."""
    event, agent = _create(db, spec)
    langs = spec["languages"]
    taken = {event.organiser_org_id}
    presenters: list[Participant] = []
    for i, pr in enumerate(spec["projects"]):
        found = _firms(db, pr["country"], pr["sector"], 1, taken)
        if not found:  # a database without the demo directory: a stand-in presents the project
            create = {"org_type": "company", "country": pr["country"], "sectors": [pr["sector"]]}
            found = [_org(db, f"Pitch Day Presenter {i + 1}", create).id]
        taken.update(found)
        presenters.append(_register(db, agent, event, found[0], "speaker"))
    audience = []
    for oid, role in _audience(db, rng, spec, taken):
        p = _register(db, agent, event, oid, role)
        p.attendance = "online" if rng.random() < spec["online"] else "onsite"
        audience.append(p)
    tables = spec["tables"]
    for i in range(1, tables["count"] + 1):
        _table(db, agent, event, written(tables["table"], langs).format(n=i))
    _online_rooms(db, agent, event, tables, langs)
    pitches = spec["pitches"]
    first = _at(spec["starts"], pitches["starts"])
    projects = []
    for i, (pr, p) in enumerate(zip(spec["projects"], presenters, strict=True)):
        starts = first + timedelta(minutes=pitches["every"] * i)
        session = agenda_service.add_session(
            db,
            user=agent,
            event_id=event.id,
            data=SessionIn(
                kind="pitch",
                **{
                    f"title_{x}": pitches["title"][x].format(title=pr["title"][x]) for x in ("ko", "zh", "en")
                },
                starts_at=starts,
                ends_at=starts + timedelta(minutes=pitches["minutes"]),
                room=written(pitches["room"], langs),
                track=written(pitches["room"], langs),
                speakers=[{"participant_id": p.id}],
            ),
        )
        data = ProjectIn(
            participant_id=p.id,
            session_id=session.id,
            **{f"{f}_{x}": pr[f][x] for f in ("title", "logline", "description") for x in ("ko", "zh", "en")},
            stage=pr["stage"],
            kind=pr["kind"],
            ask_amount=pr["ask"],
            currency=pr["currency"],
            sectors=[pr["sector"]],
            materials_url=f"https://files.example.org/pitch-day-2027/project-{i + 1}.pdf",
        )
        projects.append(project_service.create(db, user=agent, event_id=event.id, data=data))
    db.flush()
    country = _countries(db, presenters + audience)
    fits = {"investor": ("technology", "coproduction", "presales"), "producer": ("coproduction",),
            "buyer": ("presales", "technology")}  # fmt: skip
    asked: set[frozenset[int]] = set()
    for a in audience:
        liked = [pj for pj in projects if pj.kind in fits[a.role]]
        for pj in rng.sample(liked, min(len(liked), rng.randint(3, 5))):
            db.add(ProjectBookmark(participant_id=a.id, project_id=pj.id, event_id=event.id))
            if rng.random() < 0.7:
                row = _request(
                    event, a, presenters[projects.index(pj)], "", _message(spec, "message", a, country)
                )
                row.status = (RequestStatus.ACCEPTED if rng.random() < 0.8 else RequestStatus.PENDING).value
                row.project_id = pj.id
                asked.add(frozenset((a.id, row.to_id)))
                db.add(row)
    for p in presenters:
        for a in rng.sample(audience, min(2, len(audience))):
            if frozenset((a.id, p.id)) not in asked and rng.random() < 0.5:
                asked.add(frozenset((a.id, p.id)))
                db.add(
                    _request(event, p, a, RequestStatus.ACCEPTED.value, _message(spec, "reply", p, country))
                )
    return event, agent


BUILDERS: dict[str, Callable[[Session, random.Random, dict[str, Any]], Built]] = {
    "visit": _visit,
    "forum": _forum,
    "pitch": _pitch,
}


def load_demo(db: Session, *, solve: bool = False) -> str:
    """Creates the demo events unless they exist, each with its schedule published; returns a summary.

    `solve` runs the scheduler even where data/schedules.toml has a schedule that fits (to store anew)."""
    specs = source.read("events.toml")["event"]
    first = specs[0]["title"]["en"]
    if db.scalar(select(func.count()).select_from(Event).where(Event.title_en == first)):
        return "demo events not loaded: they already exist"
    rng = random.Random(20261208)
    done = []
    for spec in specs:
        event, user = BUILDERS[spec["key"]](db, rng, spec)
        db.flush()
        done.append(schedules.publish(db, user, event, spec["key"], solve=solve))
    return "demo events loaded: " + ", ".join(done)
