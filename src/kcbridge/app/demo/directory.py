"""Puts the demo directory (organisations.py) and the demo users into the database.

Every record is checked by the directory's own schemas; the rows are written in one batch (one revision of
the search feed, one flush) with an audit entry each, as the directory service writes them one by one.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, Role, User
from kcbridge.accounts.service import account_service
from kcbridge.directory.models import Organisation, OrgSector, OrgText, Person
from kcbridge.directory.schemas import OrganisationIn, PersonIn
from kcbridge.directory.service import snapshot
from kcbridge.kit import revisions
from kcbridge.kit.audit import Actor, audit_service, diff
from kcbridge.kit.db import utcnow

from .organisations import STORY_KEYS, demo_organisations

ACTOR = Actor.system("demo loader")
DEMO_PASSWORD = "kcbridge-demo"
# (email, name, role, story key of the organisation they own or None)
DEMO_USERS = [
    ("admin@kcbridge.example", "Platform Admin", Role.ADMIN, None),
    ("founder@robotouch.example", "김지훈", Role.USER, "robot_hand_startup"),
    ("officer@gyeonggi.example", "박서연", Role.GOVERNMENT_OFFICER, "gyeonggi"),
    ("agent@kic.example", "이민호", Role.SUPPORT_AGENT, "kic_china"),
    ("host@alibabacloud.example", "陈静", Role.USER, "alibaba_cloud"),
    ("analyst@kcbridge.example", "王磊", Role.ANALYST, None),
]


def load_demo(db: Session) -> str:
    """The demo organisations with their contact people, and the demo users."""
    now, revision = utcnow(), revisions.next_revision(db)
    orgs: list[Organisation] = []
    keys: list[str] = []
    for n, item in enumerate(demo_organisations()):
        data = OrganisationIn.model_validate(
            {
                **{f"name_{k}": v for k, v in item["names"].items()},
                "org_type": item["org_type"],
                "size": item.get("size"),
                "stage": item.get("stage"),
                "country": item["country"],
                "city": item.get("city", ""),
                "sectors": item.get("sectors", []),
                "founded_year": item.get("founded"),
                "website": item.get("website"),
                "texts": item.get("texts", {}),
            }
        )
        org = Organisation(
            **data.model_dump(include={"name_ko", "name_zh", "name_en", "org_type", "size", "stage", "country",
                                       "city", "founded_year", "website"}),
            revision=revision,
            created_at=now,
            # "last updated" spread over recent weeks, so the start page looks like a live platform
            updated_at=now - timedelta(hours=(n * 7919) % (24 * 60)),
        )  # fmt: skip
        org.texts = [OrgText(lang=lang, **t.model_dump()) for lang, t in data.texts.items()]
        org.sector_rows = [OrgSector(sector=s) for s in data.sectors]
        org.people = [
            Person(
                **PersonIn.model_validate({k: p.get(k) for k in PersonIn.model_fields}).model_dump(
                    mode="json"
                )
            )
            for p in item.get("people", [])
        ]
        orgs.append(org)
        keys.append(item["key"])
    db.add_all(orgs)
    db.flush()
    for org in orgs:
        audit_service.record(
            db, actor=ACTOR, action="create", entity_type="organisation", entity_id=org.id,
            changes=diff({}, snapshot(org)),
        )  # fmt: skip
        for person in org.people:
            fields = {k: getattr(person, k) for k in PersonIn.model_fields}
            audit_service.record(
                db, actor=ACTOR, action="create", entity_type="person", entity_id=person.id, changes=fields
            )
    people = sum(len(o.people) for o in orgs)
    by_key = {item_key: org for item_key, org in zip(keys, orgs, strict=True)}
    users = _users(db, by_key)
    return f"demo directory loaded: {len(orgs)} organisations, {people} contact people, {users}"


def _users(db: Session, by_key: dict[str, Organisation]) -> str:
    """The demo users (one password for all), owners of the organisations the stories start from."""
    password_hash = None
    users = 0
    for email, name, role, key in DEMO_USERS:
        if db.scalar(select(func.count()).select_from(User).where(User.email == email)):
            continue
        if password_hash is None:
            user = account_service.register(
                db, email=email, password=DEMO_PASSWORD, display_name=name, role=role
            )
            password_hash = user.password_hash
        else:  # the same password: hashed once (argon2 at production cost takes a good part of a second)
            user = User(email=email, password_hash=password_hash, display_name=name, role=role.value)
            db.add(user)
            db.flush()
        users += 1
        org = by_key.get(STORY_KEYS[key]) if key else None
        if org is not None:
            account_service.add_member(
                db, user=user, organisation_id=org.id, role=MemberRole.OWNER.value, actor=ACTOR
            )
    return f"{users} demo users (password for every demo user: {DEMO_PASSWORD})"
