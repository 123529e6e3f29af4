"""Stories 3 and 4 on the demo, with the real (cross-lingual) embedder: the Seoul robot-hand startup, writing
in Korean, meets Chinese partners, Chinese-language offers and incubation programmes, finds its interests
waiting, and its eligibility finder ranks programmes of its field first, the humanoid-robot centre's incubation
near the top of the incubation programmes."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from kcbridge.accounts.models import User
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation
from kcbridge.matchmaking import matches
from kcbridge.opportunities.models import ExpressionOfInterest
from kcbridge.programmes import finder

CENTRE = "人形机器人创新中心孵化计划：面向韩国灵巧手与触觉传感企业"


@pytest.mark.slow
@pytest.mark.real_embedder  # cross-lingual: the hash embedder does not match translations
def test_the_robot_hand_startup_meets_chinese_partners_and_programmes(
    app, db, core_demo
):  # app: plugs in the fit
    robotouch = db.scalar(select(Organisation).where(Organisation.name_en == "RoboTouch Inc."))
    org = directory_repo.get(db, robotouch.id)

    hits = matches.for_organisation(db, org, top=10, target="CN")
    assert hits and all(
        (h.entity.organisation.country if h.kind == "opportunity" else h.entity.country) == "CN" for h in hits
    )
    names = [
        h.entity.name("zh") if h.kind == "organisation" else h.entity.organisation.name("zh") for h in hits
    ]
    assert {"深圳灵巧智能科技有限公司", "北京擎天人形机器人科技有限公司"} & set(names), names

    programmes = [
        h.entity for h in matches.for_organisation(db, org, top=20, target="CN") if h.kind == "programme"
    ]
    assert any(
        p.prog_type in ("incubation", "zone_landing", "soft_landing") and "zh" in {t.lang for t in p.texts}
        for p in programmes
    ), [p.title("zh") for p in programmes]

    interests = db.scalars(select(ExpressionOfInterest)).all()
    assert len(interests) == 2 and {i.status for i in interests} == {"pending"}
    # a Chinese firm writes to the Korean startup in both languages
    assert all(
        re.search(r"[\u4e00-\u9fff]", i.message) and re.search(r"[가-힣]", i.message) for i in interests
    )

    founder = db.scalar(select(User).where(User.email == "founder@robotouch.example"))
    found = finder.eligible(db, user=founder, organisation_id=robotouch.id)
    assert found.ranked_by == "fit" and found.total_eligible > 50 and found.total_near_misses > 50
    assert all(f.verdict.eligible for f in found.eligible)
    assert all(len(f.verdict.failed) == 1 for f in found.near_misses)
    # best fit first: the top programmes are for its own field, and among incubation programmes the
    # humanoid-robot centre's (made for Korean robot-hand firms) comes near the top
    assert all(
        {"robotics", "humanoid_robots", "robot_components"} & set(f.programme.sectors)
        for f in found.eligible[:5]
    )
    incubation = finder.eligible(db, user=founder, organisation_id=robotouch.id, prog_types=("incubation",))
    assert CENTRE in [f.programme.title("zh") for f in incubation.eligible[:5]]
