"""Demo programmes: about 1,500 in Korean, Chinese and English, real institutions' own programmes, every one
with vectors, and titles that read well in every language (stories 3 and 4: test_stories.py)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select

from kcbridge.app.demo.programmes import load_demo
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation
from kcbridge.matchmaking.models import Embedding
from kcbridge.programmes.models import Programme, ProgrammeText

REAL_TITLES = (
    "人形机器人创新中心孵化计划：面向韩国灵巧手与触觉传感企业",
    "临空经济区外资企业一站式落地服务",
    "KIC중국 한중 혁신 스타트업 경진대회",
    "创业大街国际软着陆计划（韩国专场）",
    "北大创业训练营：中韩青年创业者专班",
)


@pytest.mark.slow
def test_demo_programmes_languages_titles_and_vectors(db, core_demo):
    assert "demo programmes loaded: 1500 programmes in en/ko/zh" in core_demo
    assert "1500 programmes embedded" in core_demo
    assert load_demo(db).startswith("demo programmes not loaded")
    assert db.scalar(select(func.count()).select_from(Programme)) == 1500
    langs = Counter(db.scalars(select(ProgrammeText.lang)))
    assert langs["ko"] > 300 and langs["zh"] > 300 and langs["en"] > 150, langs
    by_prog: dict[int, set[str]] = {}
    for pid, lang in db.execute(select(ProgrammeText.programme_id, ProgrammeText.lang)):
        by_prog.setdefault(pid, set()).add(lang)
    assert all(
        "en" not in s or {"ko", "zh"} <= s for s in by_prog.values()
    )  # no reader falls back to English
    statuses = Counter(db.scalars(select(Programme.status)))
    assert statuses["published"] > 1300 and statuses["draft"] and statuses["closed"]
    assert len(Counter(db.scalars(select(Programme.prog_type)))) == 8  # every programme type occurs
    vectors = select(func.count()).select_from(Embedding).where(Embedding.entity_type == "programme")
    assert db.scalar(vectors) == 1500
    titles = set(db.scalars(select(ProgrammeText.title)))
    assert set(REAL_TITLES) <= titles
    english = list(db.scalars(select(ProgrammeText.title).where(ProgrammeText.lang == "en")))
    labels = [t.en for t in tx.SECTORS if not t.en[1:2].isupper()]
    assert all(t[:1].isupper() or t[:1].isdigit() for t in english), [t for t in english if t[:1].islower()]
    assert not [t for t in english if any(f" {lab}" in t for lab in labels)]  # "in Artificial intelligence"
    zh = list(db.scalars(select(ProgrammeText.title).where(ProgrammeText.lang == "zh")))
    assert not [t for t in zh if any(c in t for c in ("Beijing", "Shanghai", "Seoul", "Suzhou"))]
    inno_way = db.scalar(select(Organisation.id).where(Organisation.name_en == "Zhongguancun Inno-Way"))
    assert db.scalar(select(func.count()).where(Programme.organisation_id == inno_way)) >= 140
