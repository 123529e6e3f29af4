"""The demo cases: two calendar years in three languages, threads, a round table, the story firm's cases,
loaded in a few bulk statements; statistics show a real picture with withheld cells."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from kcbridge.app.demo import cases as demo_cases
from kcbridge.app.demo import directory
from kcbridge.cases import stats
from kcbridge.cases.models import Case, CaseMessage, CaseShare
from kcbridge.events.models import Event


@pytest.mark.slow
def test_demo_cases_load_fast_and_give_a_real_picture(db):
    directory.load_demo(db)
    started = time.perf_counter()
    summary = demo_cases.load_demo(db)
    assert time.perf_counter() - started < 10, "bulk inserts keep the demo fast"
    assert summary.startswith("demo cases loaded")
    total = db.scalar(select(func.count()).select_from(Case))
    assert total >= 400
    langs = dict(db.execute(select(Case.lang, func.count()).group_by(Case.lang)).all())
    assert set(langs) == {"ko", "zh", "en"}
    assert db.scalar(select(func.count()).select_from(CaseMessage)) > total
    years = {d.year for d in db.scalars(select(Case.submitted_at))}
    assert len(years) == 2
    table = db.scalar(select(Event).where(Event.event_type == "round_table"))
    assert db.scalar(select(func.count()).where(Case.event_id == table.id)) == 30
    assert db.scalar(select(func.count()).select_from(CaseShare)) == 1
    by_region = stats.case_stats(db, by="region")
    withheld = [c for c in by_region.cells if c.count is None]
    assert by_region.total == total and withheld and len(withheld) < len(by_region.cells)
    assert stats.case_stats(db, by="category").summary.first_reply_sla_pct is not None
    assert demo_cases.load_demo(db) == "demo cases not loaded: they already exist"
