"""Demo opportunities for the demo organisations (data/opportunities.toml).

Story 3 is written by hand (the Seoul robot-hand startup's request, the Chinese component makers' offers,
some in Chinese only); the rest are drawn from the demo organisations' own offer and seek texts, in the
languages each organisation writes. Vectors are computed by the loader's last step, for everything at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.db import utcnow
from kcbridge.matching.text import infer_intent
from kcbridge.opportunities.models import (
    ExpressionOfInterest,
    Opportunity,
    OpportunitySector,
    OpportunityText,
)

from . import source
from ._text import capitalised, sector_words, written

TARGET = 40
ACTOR = Actor.system("demo loader")


def _find(db: Session, name: str) -> Organisation | None:
    stmt = (
        select(Organisation)
        .where(
            or_(Organisation.name_en == name, Organisation.name_zh == name, Organisation.name_ko == name),
            Organisation.deleted_at.is_(None),
        )
        .options(selectinload(Organisation.texts), selectinload(Organisation.sector_rows))
    )
    return db.scalars(stmt).first()


def _add(db: Session, org: Organisation, spec: dict[str, Any], status: str) -> Opportunity:
    now = utcnow()
    opp = Opportunity(
        organisation_id=org.id,
        opp_type=spec["type"],
        coop_types=sorted(set(spec.get("coop", []))),
        stage=spec.get("stage"),
        target_country=spec.get("target"),
        partner_type=spec.get("partner"),
        deadline=date.today() + timedelta(days=spec.get("days", 90)),
        status=status,
        review_comment="",
        anonymous=spec.get("anonymous", False),
        published_at=now if status == "published" else None,
    )
    opp.texts = [
        OpportunityText(lang=lang, title=spec["title"][lang][:200], description=spec["description"][lang])
        for lang in spec["written_in"]
    ]
    opp.sector_rows = [OpportunitySector(sector=s) for s in sorted(set(spec.get("sectors", [])))]
    db.add(opp)
    return opp


def _drawn(org: Organisation, n: int) -> dict[str, Any] | None:
    """An opportunity written from an organisation's own offer or seek texts, in its languages.

    English goes only with both Korean and Chinese, so no Korean or Chinese reader is shown the English
    version for want of theirs."""
    texts = {t.lang: t for t in org.texts}
    if not texts or not org.sectors or ("en" in texts and not {"ko", "zh"} <= set(texts)):
        return None
    if org.org_type == "investor":
        kind = "investment_offer"
    elif org.org_type in ("incubator", "economic_zone", "support_agency"):
        kind = "business_offer"
    elif org.org_type in ("university", "research_institute"):
        kind = "rnd_partner"
    else:
        kind = ("business_request", "technology_offer", "business_offer", "rnd_partner", "investment_sought")[
            n % 5
        ]
    frame = source.read("opportunities.toml")["kinds"][kind]
    sector = org.sectors[n % len(org.sectors)]
    other = {"KR": "CN", "CN": "KR"}.get(org.country, "CN")
    title: dict[str, str] = {}
    body: dict[str, str] = {}
    for lang, t in texts.items():
        text = getattr(t, frame["field"]) or t.description
        if text.strip():
            words = sector_words(sector, lang) | {"country": tx.label(other, lang)}
            title[lang], body[lang] = capitalised(frame["title"][lang].format(**words)), text
    if not title:
        return None
    offer, seek = infer_intent(" ".join(body.values()), org.org_type)
    coop = list(offer if frame["field"] == "offer" else seek) or {"investment_offer": ["investment"]}.get(
        kind, []
    )
    return {
        "type": kind,
        "coop": coop,
        "sectors": org.sectors[:3],
        "stage": org.stage,
        "target": other,
        "days": 30 + (n * 37) % 150,
        "anonymous": n % 11 == 4,
        "written_in": list(title),
        "title": title,
        "description": body,
    }


def load_demo(db: Session) -> str:
    """About forty opportunities (story 3 included) and two expressions of interest."""
    if db.scalar(select(func.count()).select_from(Opportunity)):
        return "demo opportunities not loaded: there are opportunities already"
    data = source.read("opportunities.toml")
    made: dict[str, Opportunity] = {}
    used: set[int] = set()
    for spec in data["story"]:
        org = _find(db, spec["org"])
        if org is not None:
            made.setdefault(spec["org"], _add(db, org, spec, "published"))
            used.add(org.id)
    count = sum(1 for s in data["story"] if _find(db, s["org"]) is not None)
    candidates = db.scalars(
        select(Organisation)
        .where(Organisation.deleted_at.is_(None), Organisation.id.not_in(used or {0}))
        .options(selectinload(Organisation.texts), selectinload(Organisation.sector_rows))
        .order_by(Organisation.id)
    ).all()
    step = max(1, len(candidates) // max(1, TARGET - count))
    n = 0
    # every step-th organisation first, then the ones in between, until there are enough
    for org in [*candidates[::step], *(c for i, c in enumerate(candidates) if i % step)]:
        if count >= TARGET:
            break
        drawn = _drawn(org, n)
        if drawn is None:
            continue
        status = "in_review" if n % 13 == 5 else "draft" if n % 19 == 7 else "published"
        _add(db, org, drawn, status)
        n += 1
        count += 1
    db.flush()
    for opp in db.scalars(select(Opportunity)):
        audit_service.record(
            db, actor=ACTOR, action="create", entity_type="opportunity", entity_id=opp.id,
            changes={"status": opp.status},
        )  # fmt: skip
    _interests(db, made, data["interests"])
    return f"demo opportunities loaded: {count} opportunities"


def _interests(db: Session, made: dict[str, Opportunity], interests: list[dict[str, Any]]) -> None:
    """Pending expressions of interest the robot-hand founder can answer in the demo."""
    request = made.get("RoboTouch Inc.")
    for item in interests:
        sender = _find(db, item["org"])
        if request is not None and sender is not None:
            db.add(
                ExpressionOfInterest(
                    opportunity_id=request.id,
                    to_organisation_id=request.organisation_id,
                    from_organisation_id=sender.id,
                    message=written(item["message"], item["written_in"], sep="\n\n"),
                    status="pending",
                )
            )
    db.flush()
