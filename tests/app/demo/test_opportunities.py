"""Demo opportunities: story 3 is in place, vectors exist for everything, matching finds Chinese partners."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from kcbridge.app.demo.load import load_demo as load_directory
from kcbridge.app.demo.opportunities import load_demo
from kcbridge.directory.models import Organisation
from kcbridge.matchmaking import matches
from kcbridge.matchmaking.models import Embedding
from kcbridge.opportunities.models import ExpressionOfInterest, Opportunity


@pytest.mark.slow
def test_demo_opportunities_story3_and_vectors(db):
    summary = load_directory(db)  # the demo loader adds opportunities after the organisations
    db.commit()
    assert "40 opportunities" in summary
    assert load_demo(db).startswith("demo opportunities not loaded")
    opps = db.scalars(select(Opportunity)).all()
    assert 35 <= len(opps) <= 40 and sum(o.status == "published" for o in opps) >= 30
    orgs = db.scalar(select(func.count()).select_from(Organisation))
    profiles_and_opps = select(func.count()).where(Embedding.entity_type.in_(("organisation", "opportunity")))
    assert db.scalar(profiles_and_opps) == orgs + len(opps)  # programmes have theirs too (tests/programmes)
    assert db.scalar(select(func.count()).select_from(ExpressionOfInterest)) == 2
    robotouch = db.scalar(select(Organisation).where(Organisation.name_en == "RoboTouch Inc."))
    from kcbridge.directory import repository as directory_repo

    org = directory_repo.get(db, robotouch.id)
    hits = matches.for_organisation(db, org, top=10, target="CN")
    names = [
        h.entity.name("zh") if h.kind == "organisation" else h.entity.organisation.name("zh") for h in hits
    ]
    assert all(
        h.entity.organisation.country == "CN" if h.kind == "opportunity" else h.entity.country == "CN"
        for h in hits
    )
    assert {"深圳灵巧智能科技有限公司", "北京擎天人形机器人科技有限公司"} & set(names), names
