"""Demo cases of the voice of business (story 5): two years of difficulties filed by the demo's firms in
ko / zh / en, routed by real-looking rules to the demo's institutions, answered in threads, with SLA
clocks, breaches, ratings, a Gyeonggi round table with thirty firms, and the story firm's own cases.

Texts come from data/cases.json; rows are inserted in bulk (a few statements) so loading stays fast.
The statistics then show a real picture: busy categories and regions, and thin ones that are withheld.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, Membership, Role, User
from kcbridge.accounts.service import account_service
from kcbridge.cases import routing, sla, vocab
from kcbridge.cases.models import Case, CaseAssignment, CaseMessage, CaseRoute, CaseShare
from kcbridge.directory.models import Organisation, OrgSector
from kcbridge.events.models import Event, Participant
from kcbridge.kit.audit import Actor, AuditEntry
from kcbridge.kit.db import utcnow

DATA = Path(__file__).resolve().parent / "data" / "cases.json"
ACTOR = Actor.system("demo loader")
CASES = 460
STORY_EMAIL = "founder@robotouch.example"
OFFICER_EMAIL = "officer@gyeonggi.example"


def _org_ids_by_name(db: Session, names: dict[str, str]) -> dict[str, int]:
    found = dict(
        db.execute(
            select(Organisation.name_en, Organisation.id).where(
                Organisation.name_en.in_(list(names.values())), Organisation.deleted_at.is_(None)
            )
        ).all()
    )
    return {key: found[name] for key, name in names.items() if name in found}


def _firms(db: Session, country: str) -> list[tuple[int, list[str]]]:
    """(id, sectors) of the live companies of `country`."""
    ids = list(
        db.scalars(
            select(Organisation.id)
            .where(
                Organisation.country == country,
                Organisation.org_type == "company",
                Organisation.deleted_at.is_(None),
            )
            .order_by(Organisation.id)
        )
    )
    sectors: dict[int, list[str]] = {i: [] for i in ids}
    for oid, sector in db.execute(
        select(OrgSector.organisation_id, OrgSector.sector).where(OrgSector.organisation_id.in_(ids))
    ):
        sectors[oid].append(sector)
    return [(i, sorted(s) or ["smart_manufacturing"]) for i, s in sectors.items()]


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _user(db: Session, email: str) -> User | None:
    return db.scalar(select(User).where(User.email == email))


def _agents(db: Session, data: dict[str, Any], institutions: dict[str, int]) -> dict[int, list[int]]:
    """Support agents of each routed institution (created when missing), by institution id. They share
    the demo password, hashed once (argon2 at production cost takes a good part of a second)."""
    out: dict[int, list[int]] = {}
    password_hash = db.scalar(select(User.password_hash).where(User.email.like("%@%.example")).limit(1))
    for a in data["agents"]:
        org_id = institutions.get(a["institution"])
        if org_id is None:
            continue
        user = _user(db, a["email"])
        if user is None:
            if password_hash is None:
                user = account_service.register(
                    db,
                    email=a["email"],
                    password="kcbridge-demo",
                    display_name=a["name"],
                    role=Role.SUPPORT_AGENT,
                )
                password_hash = user.password_hash
            else:
                user = User(
                    email=a["email"],
                    password_hash=password_hash,
                    display_name=a["name"],
                    role=Role.SUPPORT_AGENT.value,
                )
                db.add(user)
            user.locale = a["locale"]
            db.flush()
            db.add(Membership(user_id=user.id, organisation_id=org_id, role=MemberRole.MEMBER.value))
        out.setdefault(org_id, []).append(user.id)
    kic = institutions.get("kic")
    kic_agent = _user(db, "agent@kic.example")
    if kic and kic_agent is not None:
        out.setdefault(kic, []).insert(0, kic_agent.id)
    return out


def _rules(db: Session, data: dict[str, Any], institutions: dict[str, int]) -> list[routing.Rule]:
    rows = []
    for r in data["rules"]:
        if r["institution"] not in institutions:
            continue
        region = r.get("region")
        country = r.get("country") or (vocab.country_of(region) if region else None)
        rows.append(
            {
                "category": r.get("category"),
                "country": country,
                "region": region,
                "sector": r.get("sector"),
                "institution_id": institutions[r["institution"]],
                "created_at": utcnow(),
            }
        )
    ids = list(db.scalars(insert(CaseRoute).returning(CaseRoute.id, sort_by_parameter_order=True), rows))
    return [
        routing.Rule(i, r["institution_id"], r["category"], r["country"], r["region"], r["sector"])
        for i, r in zip(ids, rows, strict=True)
    ]


class Builder:
    """Makes the rows of one case and of its thread and assignments, consistently with its SLA."""

    def __init__(
        self,
        rng: random.Random,
        data: dict[str, Any],
        rules: list[routing.Rule],
        agents: dict[int, list[int]],
        now: datetime,
    ):
        self.rng, self.data, self.rules, self.agents, self.now = rng, data, rules, agents, now
        self.cases: list[dict[str, Any]] = []
        self.threads: list[list[dict[str, Any]]] = []
        self.assignments: list[list[dict[str, Any]]] = []
        self.institutions = sorted({r.institution_id for r in rules})

    def texts(self, lang: str, category: str, region: str) -> tuple[str, str, str]:
        t = self.data["texts"][lang][category]
        place = vocab.label(region, lang)
        rng = self.rng
        return (
            rng.choice(t["subjects"]).format(place=place)[:200],
            rng.choice(t["descriptions"]).format(place=place),
            rng.choice(t["outcomes"]),
        )

    def status(self, age_days: float) -> str:
        if age_days > 120:
            weights = {"resolved": 78, "refused": 12, "in_progress": 6, "waiting_firm": 2, "submitted": 2}
        elif age_days > 30:
            weights = {"resolved": 45, "refused": 8, "in_progress": 30, "waiting_firm": 10, "submitted": 7}
        else:
            weights = {"submitted": 40, "in_progress": 40, "waiting_firm": 15, "resolved": 5}
        return _pick(self.rng, weights)

    def add(
        self,
        *,
        org_id: int,
        sectors: list[str],
        region: str,
        lang: str,
        submitted: datetime,
        category: str | None = None,
        status: str | None = None,
        texts: tuple[str, str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> int:
        """Adds a case; returns its index (its id is known after the insert)."""
        rng, now = self.rng, self.now
        category = category or _pick(rng, self.data["weights"]["category"])
        sector = rng.choice(sectors)
        country = vocab.country_of(region)
        rule = routing.choose(self.rules, routing.Facts(category, country, region, sector))
        institution = rule.institution_id if rule else None
        age = (now - submitted).total_seconds() / 86400
        status = status or self.status(age)
        first_due, res_due = sla.deadlines(category, submitted)
        subject, description, outcome = texts or self.texts(lang, category, region)
        row: dict[str, Any] = {
            "organisation_id": org_id,
            "category": category,
            "sector": sector,
            "region": region,
            "country": country,
            "lang": lang,
            "subject": subject,
            "description": description,
            "desired_outcome": outcome,
            "status": status,
            "institution_id": institution,
            "route_id": rule.id if rule else None,
            "origin": "firm",
            "event_id": None,
            "filed_by": None,
            "confirmed_at": submitted,
            "submitted_at": submitted,
            "accepted_at": None,
            "first_reply_at": None,
            "closed_at": None,
            "first_reply_due_at": first_due,
            "resolution_due_at": res_due,
            "paused_since": None,
            "paused_seconds": 0,
            "first_reply_seconds": None,
            "resolution_seconds": None,
            "first_reply_breached_at": None,
            "resolution_breached_at": None,
            "rating": None,
            "rating_comment": "",
            "rated_at": None,
            "created_at": submitted,
            "updated_at": submitted,
        }
        thread: list[dict[str, Any]] = []
        agent = rng.choice(self.agents.get(institution, [None])) if institution else None
        words = self.data["thread"][lang]

        def say(side: str, kind: str, text: str, at: datetime, author: int | None = None) -> None:
            thread.append(
                {"side": side, "kind": kind, "body": text, "created_at": min(at, now), "author_id": author}
            )

        replied = status != "submitted" or rng.random() < 0.4
        if replied and institution:
            late = rng.random() < 0.13
            hours = (
                rng.uniform(1.1, 3.0) * first_due_hours(first_due, submitted)
                if late
                else rng.lognormvariate(3.6, 0.8)
            )
            first = min(submitted + timedelta(hours=hours), now - timedelta(minutes=5))
            row["first_reply_at"], row["first_reply_seconds"] = (
                first,
                int((first - submitted).total_seconds()),
            )
            if first > first_due:
                row["first_reply_breached_at"] = first
            if status != "submitted":
                row["accepted_at"] = first
            say("institution", "message", rng.choice(words["reply"]), first, agent)
            cursor = first
            if status == "waiting_firm" or rng.random() < 0.35:
                asked = cursor + timedelta(hours=rng.uniform(4, 72))
                say("institution", "question", rng.choice(words["question"]), asked, agent)
                if status == "waiting_firm":
                    row["paused_since"] = min(asked, now - timedelta(hours=1))
                else:
                    pause = timedelta(days=rng.uniform(1, 9))
                    say("firm", "message", rng.choice(words["answer"]), asked + pause)
                    row["paused_seconds"] = int(pause.total_seconds())
                    row["resolution_due_at"] = res_due + pause
                    cursor = asked + pause
            if rng.random() < 0.25:
                say("firm", "message", rng.choice(words["firm"]), cursor + timedelta(days=rng.uniform(1, 10)))
        elif not institution:
            row["status"] = status = "submitted"
        if status in ("resolved", "refused"):
            base = row["first_reply_at"] or submitted
            late = rng.random() < 0.15
            span = (
                (res_due - submitted) * rng.uniform(1.05, 1.6)
                if late
                else timedelta(days=rng.lognormvariate(3.1, 0.6))
            )
            closed = max(
                base + timedelta(hours=2),
                min(submitted + span + timedelta(seconds=row["paused_seconds"]), now - timedelta(hours=1)),
            )
            row["closed_at"] = row["updated_at"] = closed
            row["resolution_seconds"] = int((closed - submitted).total_seconds()) - row["paused_seconds"]
            if closed > row["resolution_due_at"]:
                row["resolution_breached_at"] = closed
            kind = "resolution" if status == "resolved" else "refusal"
            say("institution", kind, rng.choice(words[kind]), closed, agent)
            if status == "resolved" and rng.random() < 0.7:
                row["rating"] = rng.choices([5, 4, 3, 2, 1], weights=[45, 30, 13, 7, 5])[0]
                row["rated_at"] = closed + timedelta(days=1)
        if row["first_reply_at"] is None and now > first_due:
            row["first_reply_breached_at"] = first_due + timedelta(hours=1)
        if status in vocab.OPEN_STATUSES and row["paused_since"] is None and now > row["resolution_due_at"]:
            row["resolution_breached_at"] = row["resolution_due_at"] + timedelta(hours=1)
        row.update(extra or {})
        history = []
        if institution:
            if rng.random() < 0.06 and len(self.institutions) > 1:
                first_holder = rng.choice([i for i in self.institutions if i != institution])
                moved = submitted + timedelta(days=rng.uniform(1, 5))
                history.append(
                    {
                        "institution_id": first_holder,
                        "assigned_at": submitted,
                        "ended_at": moved,
                        "passed_on": True,
                        "reason": "",
                    }
                )
                say("institution", "reassignment", rng.choice(words["refusal"])[:120], moved)
            history.append(
                {
                    "institution_id": institution,
                    "assigned_at": history[-1]["ended_at"] if history else submitted,
                    "ended_at": None,
                    "passed_on": False,
                    "reason": "",
                }
            )
        thread.sort(key=lambda m: m["created_at"])
        self.cases.append(row)
        self.threads.append(thread)
        self.assignments.append(history)
        return len(self.cases) - 1

    def insert(self, db: Session) -> list[int]:
        ids = list(db.scalars(insert(Case).returning(Case.id, sort_by_parameter_order=True), self.cases))
        messages = [
            {**m, "case_id": cid} for cid, thread in zip(ids, self.threads, strict=True) for m in thread
        ]
        assignments = [
            {**a, "case_id": cid} for cid, hist in zip(ids, self.assignments, strict=True) for a in hist
        ]
        if messages:
            db.execute(insert(CaseMessage), messages)
        if assignments:
            db.execute(insert(CaseAssignment), assignments)
        now = utcnow()
        db.execute(
            insert(AuditEntry),
            [
                {
                    "at": now,
                    "actor_id": None,
                    "actor_label": ACTOR.label,
                    "action": "create",
                    "entity_type": "case",
                    "entity_id": str(cid),
                    "changes": {"status": [None, row["status"]], "origin": [None, row["origin"]]},
                }
                for cid, row in zip(ids, self.cases, strict=True)
            ],
        )
        return ids


def first_due_hours(due: datetime, submitted: datetime) -> float:
    return (due - submitted).total_seconds() / 3600


def _round_table(
    db: Session, data: dict[str, Any], firms: list[int], now: datetime
) -> tuple[Event | None, User | None]:
    """Gyeonggi's round table with thirty firms (registered and approved)."""
    officer = _user(db, OFFICER_EMAIL)
    gov = db.scalar(select(Organisation.id).where(Organisation.name_en == "Gyeonggi Province"))
    if officer is None or gov is None:
        return None, None
    spec = data["round_table"]
    day = date.fromisoformat(spec["date"])
    event = Event(
        event_type="round_table",
        mode="onsite",
        title_ko=spec["title_ko"],
        title_zh=spec["title_zh"],
        title_en=spec["title_en"],
        description="",
        timezone="Asia/Seoul",
        starts_at=datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC),
        ends_at=datetime(day.year, day.month, day.day, 4, 0, tzinfo=UTC),
        venue=spec["venue"],
        languages=["ko"],
        organiser_org_id=gov,
        created_by=officer.id,
        registration_open=False,
    )
    db.add(event)
    db.flush()
    db.execute(
        insert(Participant),
        [
            {"event_id": event.id, "organisation_id": f, "status": "approved", "role": "visitor", "team": ""}
            for f in firms
        ],
    )
    return event, officer


def load_demo(db: Session) -> str:
    """Loads the demo cases unless cases exist; returns a one-line summary."""
    if db.scalar(select(func.count()).select_from(Case)):
        return "demo cases not loaded: they already exist"
    data = json.loads(DATA.read_text(encoding="utf-8"))
    institutions = _org_ids_by_name(db, data["institutions"])
    if not institutions:
        return "demo cases not loaded: the demo institutions are missing"
    rng = random.Random(20261207)
    now = utcnow().replace(minute=0, second=0, microsecond=0)
    agents = _agents(db, data, institutions)
    rules = _rules(db, data, institutions)
    kr, cn = _firms(db, "KR"), _firms(db, "CN")
    build = Builder(rng, data, rules, agents, now)
    span = (now - datetime(now.year - 1, 1, 3, tzinfo=UTC)).total_seconds() / 86400  # two calendar years
    weights = data["weights"]
    for _n in range(CASES):
        korean = rng.random() < 0.78 or not cn
        org_id, sectors = rng.choice(kr if korean else cn)
        region = _pick(rng, weights["region_cn"] if korean else weights["region_kr"])
        lang = ("ko" if korean else "zh") if rng.random() < 0.8 else "en"
        u = rng.random()  # a third spread evenly, the rest more and more lately
        days = span * (u if rng.random() < 0.35 else 1 - math.sqrt(u))
        build.add(
            org_id=org_id,
            sectors=sectors,
            region=region,
            lang=lang,
            submitted=now - timedelta(days=days, hours=rng.uniform(0, 23)),
        )
    story = db.scalar(
        select(Membership.organisation_id)
        .join(User, User.id == Membership.user_id)
        .where(User.email == STORY_EMAIL)
    )
    table_firms = [f for f, _s in rng.sample(kr, min(len(kr), data["round_table"]["firms"]))]
    if story and story not in table_firms:
        table_firms[0] = story
    event, officer = _round_table(db, data, table_firms, now)
    if event is not None and officer is not None:
        sectors_of = dict(kr)
        when = event.ends_at
        for i, firm in enumerate(table_firms):
            confirmed = None if i % 5 == 4 or firm == story else when + timedelta(days=rng.uniform(1, 6))
            extra = {
                "origin": "round_table",
                "event_id": event.id,
                "filed_by": officer.id,
                "confirmed_at": confirmed,
            }
            texts = None
            if firm == story:
                s = data["story"]
                texts = (s["round_table_subject"], s["round_table_description"], "")
            build.add(
                org_id=firm,
                sectors=sectors_of.get(firm, ["robotics"]),
                region=_pick(rng, weights["region_cn"]),
                lang="ko",
                submitted=when,
                category="hiring_visas" if firm == story else None,
                texts=texts,
                extra=extra,
            )
    shared_index = None
    if story:
        s = data["story"]
        build.add(
            org_id=story,
            sectors=["robotics"],
            region="CN-shanghai",
            lang="ko",
            submitted=now - timedelta(days=4),
            category="tax_customs",
            status="waiting_firm",
            texts=(s["subject"], s["description"], s["outcome"]),
        )
        shared_index = build.add(
            org_id=story,
            sectors=["robotics"],
            region="CN-beijing",
            lang="ko",
            submitted=now - timedelta(days=40),
            category="market_access",
            status="in_progress",
            texts=(s["shared_subject"], s["shared_description"], ""),
        )
    ids = build.insert(db)
    officer_user = _user(db, OFFICER_EMAIL)
    founder = _user(db, STORY_EMAIL)
    if shared_index is not None and officer_user is not None:
        db.add(
            CaseShare(
                case_id=ids[shared_index], user_id=officer_user.id, shared_by=founder.id if founder else None
            )
        )
    db.flush()
    return (
        f"demo cases loaded: {len(ids)} cases, {sum(len(t) for t in build.threads)} messages, "
        f"{len(rules)} routing rules"
    )
