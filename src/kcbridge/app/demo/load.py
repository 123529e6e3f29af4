"""Loads the demo data set into an empty database, through the same services as real users."""

from __future__ import annotations

from datetime import timedelta

from rich.console import Console
from rich.progress import Progress
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kcbridge.accounts.models import MemberRole, Role, User
from kcbridge.accounts.service import account_service
from kcbridge.app.demo.events import load_demo as load_events
from kcbridge.app.demo.opportunities import load_demo as load_opportunities
from kcbridge.app.demo.organisations import STORY_KEYS, demo_organisations
from kcbridge.app.demo.programmes import load_demo as load_programmes
from kcbridge.directory.models import Organisation
from kcbridge.directory.schemas import OrganisationIn, PersonIn
from kcbridge.directory.service import directory_service
from kcbridge.kit.audit import Actor
from kcbridge.kit.db import utcnow

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


def load_demo(db: Session, *, force: bool = False, console: Console | None = None) -> str:
    """Inserts demo organisations, people and users unless the directory already has organisations."""
    if not force and db.scalar(select(func.count()).select_from(Organisation)):
        return "demo data not loaded: the database already has organisations"
    actor = Actor.system("demo loader")
    items = demo_organisations()
    by_key: dict[str, int] = {}
    now = utcnow()
    with Progress(console=console or Console(stderr=True), transient=True) as progress:
        task = progress.add_task("loading demo organisations", total=len(items))
        for n, item in enumerate(items):
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
            org = directory_service.create(db, user=None, data=data, actor=actor)
            # Spread "last updated" over recent weeks so the start page looks like a live platform.
            org.updated_at = now - timedelta(hours=(n * 7919) % (24 * 60))
            for p in item.get("people", []):
                directory_service.add_person(
                    db,
                    user=None,
                    org_id=org.id,
                    actor=actor,
                    data=PersonIn.model_validate(
                        {k: p.get(k) for k in ("name", "title", "email", "phone", "languages")}
                    ),
                )
            by_key[item["key"]] = org.id
            progress.advance(task)
    users = 0
    for email, name, role, key in DEMO_USERS:
        if db.scalar(select(func.count()).select_from(User).where(User.email == email)):
            continue
        user = account_service.register(db, email=email, password=DEMO_PASSWORD, display_name=name, role=role)
        users += 1
        org_id = by_key.get(STORY_KEYS[key]) if key else None
        if org_id:
            account_service.add_member(
                db, user=user, organisation_id=org_id, role=MemberRole.OWNER.value, actor=actor
            )
    db.execute(update(Organisation).where(Organisation.id.in_(list(by_key.values()))).values(created_at=now))
    db.flush()
    summary = (
        f"demo data loaded: {len(by_key)} organisations, {users} users "
        f"(password for every demo user: {DEMO_PASSWORD})"
    )
    return "; ".join([summary, load_opportunities(db), load_programmes(db), load_events(db)])
