"""Demo agreements: the real agreements as facts, fifty invented ones in ko / zh / en with commitments in
every status, the officer's portfolio filled, loaded quickly and only once."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date

from sqlalchemy import func, select

from kcbridge.agreements import repository as repo
from kcbridge.agreements.models import Agreement, AgreementParty, Commitment, ProgressNote
from kcbridge.agreements.service import today
from kcbridge.app.demo import directory
from kcbridge.app.demo.agreements import load_demo
from kcbridge.directory import places
from kcbridge.directory.models import Organisation


def test_demo_agreements(db):
    directory.load_demo(db)  # the demo events are not needed: without past events none is linked
    started = time.perf_counter()
    summary = load_demo(db)
    took = time.perf_counter() - started
    db.commit()
    assert summary.startswith("demo agreements loaded: 51 agreements") and took < 5, (summary, took)
    assert load_demo(db).startswith("demo agreements not loaded")

    mou = db.scalar(
        select(Agreement).where(
            Agreement.title_en == "Gyeonggi Province–Shanghai friendship and cooperation MOU"
        )
    )
    assert mou is not None and mou.signed_on.isoformat() == "2025-09-25" and mou.kind == "friendship"
    places_read = {a.signed_place for a in db.scalars(select(Agreement))}
    assert all(places.find(p) for p in places_read), places_read  # read as ko / zh / en by the gazetteer
    parties = db.scalars(
        select(Organisation.name_en).join(AgreementParty, AgreementParty.organisation_id == Organisation.id)
        .where(AgreementParty.agreement_id == mou.id).order_by(AgreementParty.position)
    ).all()  # fmt: skip
    assert parties == ["Gyeonggi Province", "Shanghai Municipal People's Government"]
    whats = db.scalars(select(Commitment.what_en).where(Commitment.agreement_id == mou.id)).all()
    assert (
        len(whats) == 4 and any("trade fair" in w for w in whats) and any("semiconductor" in w for w in whats)
    )
    ministries = db.scalars(select(Agreement).where(Agreement.signed_on == date(2014, 12, 18))).all()
    assert len(ministries) == 2 and all(not a.last_progress_on for a in ministries)
    reds, _n = repo.page(db, None, repo.Filters(light="red", year=2014), today(), offset=0, limit=10)
    assert sorted(reds) == sorted(a.id for a in ministries)  # nothing reported on kcbridge since 2014

    statuses = Counter(db.scalars(select(Commitment.status)))
    assert set(statuses) == {"planned", "in_progress", "at_risk", "done", "dropped"}, statuses
    langs = Counter(n.text[:1] for n in db.scalars(select(ProgressNote)))
    assert any("가" <= ch <= "힣" for ch in langs) and any("一" <= ch <= "鿿" for ch in langs)
    invented = db.scalars(select(Agreement).where(Agreement.signed_on != date(2014, 12, 18))).all()
    assert all(a.title_ko and a.title_zh and a.title_en for a in invented)
    assert db.scalar(select(func.count()).select_from(Agreement).where(Agreement.visibility == "parties"))
    gyeonggi = db.scalar(select(Organisation.id).where(Organisation.name_en == "Gyeonggi Province"))
    mine, total = repo.page(db, None, repo.Filters(party=gyeonggi), today(), offset=0, limit=100)
    assert total >= 8
