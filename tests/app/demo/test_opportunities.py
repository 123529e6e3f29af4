"""Demo opportunities: story 3's are in place with vectors, titles read well in every language, and no Korean or
Chinese reader is left with the English version (the story itself: test_stories.py)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from kcbridge.app.demo.opportunities import load_demo
from kcbridge.directory import taxonomy as tx
from kcbridge.directory.models import Organisation
from kcbridge.matchmaking.models import Embedding
from kcbridge.opportunities.models import Opportunity, OpportunityText


@pytest.mark.slow
def test_demo_opportunities_languages_titles_and_vectors(db, core_demo):
    assert "demo opportunities loaded: 40 opportunities" in core_demo
    assert load_demo(db).startswith("demo opportunities not loaded")
    opps = db.scalars(select(Opportunity)).all()
    assert len(opps) == 40 and sum(o.status == "published" for o in opps) >= 30
    orgs = db.scalar(select(func.count()).select_from(Organisation))
    vectors = select(func.count()).where(Embedding.entity_type.in_(("organisation", "opportunity")))
    assert db.scalar(vectors) == orgs + len(opps)
    by_opp: dict[int, set[str]] = {}
    for t in db.scalars(select(OpportunityText)):
        by_opp.setdefault(t.opportunity_id, set()).add(t.lang)
    assert all("en" not in langs or {"ko", "zh"} <= langs for langs in by_opp.values()), by_opp
    assert sum(langs == {"zh"} for langs in by_opp.values()) >= 2  # Chinese-only offers stay (story 3)
    english = db.scalars(select(OpportunityText.title).where(OpportunityText.lang == "en")).all()
    assert len(english) >= 5 and all(t[:1].isupper() for t in english), english
    # a sector's label ("Artificial intelligence") starts a title or reads lower-case inside it; no "a Artificial"
    labels = [t.en for t in tx.SECTORS if not t.en[1:2].isupper()]
    assert not [t for t in english if re.search(r"\ban? [A-Z]", t) or any(f" {lab}" in t for lab in labels)]
