"""Demo programmes: about 1,500 in Korean, Chinese and English, real institutions' own programmes, every
one with vectors, and story 3 (the Seoul robot-hand startup meets Chinese incubation programmes)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from kcbridge.accounts.models import User
from kcbridge.app.demo.load import load_demo as load_everything
from kcbridge.app.demo.programmes import load_demo
from kcbridge.directory import repository as directory_repo
from kcbridge.directory.models import Organisation
from kcbridge.matchmaking import matches
from kcbridge.matchmaking.models import Embedding
from kcbridge.programmes import finder
from kcbridge.programmes.models import Programme, ProgrammeText


@pytest.mark.slow
def test_demo_programmes_languages_vectors_and_story3(db):
    summary = load_everything(db)
    db.commit()
    assert "demo programmes loaded: 1500 programmes in en/ko/zh, 1500 embedded" in summary
    assert load_demo(db).startswith("demo programmes not loaded")
    assert db.scalar(select(func.count()).select_from(Programme)) == 1500
    langs = Counter(db.scalars(select(ProgrammeText.lang)))
    assert langs["ko"] > 300 and langs["zh"] > 300 and langs["en"] > 150, langs
    statuses = Counter(db.scalars(select(Programme.status)))
    assert statuses["published"] > 1300 and statuses["draft"] and statuses["closed"]
    types = Counter(db.scalars(select(Programme.prog_type)))
    assert len(types) == 8  # every programme type occurs
    vectors = db.scalar(
        select(func.count()).select_from(Embedding).where(Embedding.entity_type == "programme")
    )
    assert vectors == 1500
    titles = set(db.scalars(select(ProgrammeText.title)))
    for real in (
        "人形机器人创新中心孵化计划：面向韩国灵巧手与触觉传感企业",
        "临空经济区外资企业一站式落地服务",
        "KIC중국 한중 혁신 스타트업 경진대회",
        "创业大街国际软着陆计划（韩国专场）",
        "北大创业训练营：中韩青年创业者专班",
    ):
        assert real in titles
    inno_way = db.scalar(select(Organisation.id).where(Organisation.name_en == "Zhongguancun Inno-Way"))
    assert db.scalar(select(func.count()).where(Programme.organisation_id == inno_way)) >= 140

    # Story 3: RoboTouch's matches include Chinese-language incubation or landing programmes.
    robotouch = db.scalar(select(Organisation).where(Organisation.name_en == "RoboTouch Inc."))
    org = directory_repo.get(db, robotouch.id)
    hits = matches.for_organisation(db, org, top=20, target="CN")
    programmes = [h.entity for h in hits if h.kind == "programme"]
    assert any(
        p.prog_type in ("incubation", "zone_landing", "soft_landing") and "zh" in {t.lang for t in p.texts}
        for p in programmes
    ), [p.title("zh") for p in programmes]
    # Story 4: the founder's eligibility finder ranks by fit; the humanoid-robot centre's programme is near the top.
    founder = db.scalar(select(User).where(User.email == "founder@robotouch.example"))
    found = finder.eligible(db, user=founder, organisation_id=robotouch.id)
    assert found.ranked_by == "fit" and found.total_eligible > 50 and found.total_near_misses > 50
    top = [f.programme.title("zh") for f in found.eligible[:5]]
    assert "人形机器人创新中心孵化计划：面向韩国灵巧手与触觉传感企业" in top, top
    assert all(f.verdict.eligible for f in found.eligible)
    assert all(len(f.verdict.failed) == 1 for f in found.near_misses)
