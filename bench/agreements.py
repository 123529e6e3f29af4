"""Agreements benchmark: the list and the officer's portfolio at 1,000 agreements, on SQLite (or PostgreSQL).

    python bench/agreements.py                      # 1,000 agreements, 3 commitments each, 40 timed calls
    python bench/agreements.py --agreements 5000 --calls 20
    python bench/agreements.py --database postgresql://postgres@127.0.0.1:5432/kcb_bench   # an empty database

Measures, each against a naive baseline in the same run:
- list: one page of 20 agreements a member of one organisation may read (public ones and the parties-only
  ones of their organisation), filtered by field, with parties, counts and lights (repository.page +
  get_many(cards) + commitment_counts, as the page does), and the whole HTTP page and API answer;
  baseline: every agreement loaded with its parties, fields and commitments, filtered, counted and sorted
  in Python.
- portfolio: counts by field, kind, year, status, completion and light over one government's ~340
  agreements plus its 200 most recent listed (portfolio.portfolio), and as an HTTP page; baseline: the
  government's agreements and all their commitments loaded as objects and counted in Python.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from _harness import temp_platform, timed

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("trade_economy", "digital_economy", "ai", "semiconductors", "bio", "tourism", "education", "youth")
KINDS = ("mou", "friendship", "sister_city", "cooperation", "letter_of_intent", "contract")
STATUSES = ("planned", "in_progress", "at_risk", "done", "dropped")


def generate(db: Any, n: int) -> tuple[int, int, int]:
    """200 organisations (the first a government every third agreement names), `n` agreements with
    three commitments and two notes each; returns (government id, member user id, officer user id)."""
    from sqlalchemy import insert, select

    from kcbridge.accounts.models import Membership, User
    from kcbridge.agreements.models import (
        Agreement,
        AgreementField,
        AgreementParty,
        Commitment,
        ProgressNote,
        Signatory,
    )
    from kcbridge.directory.models import Organisation

    rng = random.Random(9)
    now = datetime.now(UTC)
    today = date.today()
    orgs = [
        {"name_en": f"Organisation {i}", "name_ko": f"기관 {i}", "org_type": "government" if i < 20 else "company",
         "country": "KR" if i % 2 else "CN", "city": "", "created_at": now, "updated_at": now, "revision": 0}
        for i in range(200)
    ]  # fmt: skip
    db.execute(insert(Organisation), orgs)
    org_ids = list(db.scalars(select(Organisation.id).order_by(Organisation.id)))
    gov = org_ids[1]
    member = User(email="member@bench.example", password_hash="x", display_name="Member", role="user")
    officer = User(
        email="officer@bench.example", password_hash="x", display_name="Officer", role="government_officer"
    )
    db.add_all([member, officer])
    db.flush()
    db.add_all([Membership(user_id=member.id, organisation_id=org_ids[5], role="owner"),
                Membership(user_id=officer.id, organisation_id=gov, role="member")])  # fmt: skip
    agreements, parties, signatories, fields, commitments, notes = [], [], [], [], [], []
    pid = cid = 0
    for i in range(1, n + 1):
        signed = today - timedelta(days=rng.randint(30, 3650))
        pair = rng.sample(org_ids, 2)
        if i % 3 == 0:
            pair[0] = gov if pair[1] != gov else pair[0]
        last = signed + timedelta(days=rng.randint(10, 400)) if rng.random() < 0.7 else None
        agreements.append(
            {"id": i, "kind": rng.choice(KINDS), "title_en": f"Agreement {i}", "title_ko": f"협약 {i}",
             "summary_ko": "", "summary_zh": "", "summary_en": "", "full_text": "", "signed_on": signed,
             "signed_place": "Seoul", "visibility": "parties" if rng.random() < 0.2 else "public",
             "last_progress_on": min(last, today) if last else None, "created_at": now, "updated_at": now}
        )  # fmt: skip
        for pos, oid in enumerate(pair):
            pid += 1
            parties.append({"id": pid, "agreement_id": i, "organisation_id": oid, "position": pos})
            signatories.append({"party_id": pid, "name": f"Signer {pid}", "title": "Mayor", "position": 0})
        fields += [{"agreement_id": i, "field": f} for f in rng.sample(FIELDS, k=rng.randint(1, 4))]
        for k in range(3):
            cid += 1
            commitments.append(
                {"id": cid, "agreement_id": i, "what_en": f"Commitment {cid}", "owner_org_id": rng.choice(pair),
                 "responsible_name": "", "due_on": signed + timedelta(days=rng.randint(60, 1200)),
                 "status": rng.choice(STATUSES), "completion": "limited", "position": k,
                 "created_at": now, "updated_at": now}
            )  # fmt: skip
            if last:
                notes += [{"commitment_id": cid, "noted_on": min(last, today), "author_name": "x", "text": "ok",
                           "evidence_title": "", "created_at": now}]  # fmt: skip
    db.execute(insert(Agreement), agreements)
    db.execute(insert(AgreementParty), parties)
    db.execute(insert(Signatory), signatories)
    db.execute(insert(AgreementField), fields)
    db.execute(insert(Commitment), commitments)
    db.execute(insert(ProgressNote), notes)
    return gov, member.id, officer.id


def naive_list(db: Any, user: Any, field: str, today: date) -> list[int]:
    """Everything as objects, the rules applied in Python."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from kcbridge.accounts.models import Membership
    from kcbridge.agreements import vocab
    from kcbridge.agreements.models import Agreement, AgreementParty, Commitment

    mine = set(db.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id)))
    items = db.scalars(
        select(Agreement).options(
            selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
            selectinload(Agreement.parties).selectinload(AgreementParty.signatories),
            selectinload(Agreement.field_rows),
            selectinload(Agreement.event_rows),
            selectinload(Agreement.news),
        )
    ).all()
    by_agreement: dict[int, list[Any]] = {}
    for c in db.scalars(select(Commitment)):
        by_agreement.setdefault(c.agreement_id, []).append(c)
    shown = []
    for a in items:
        cs = by_agreement.get(a.id, [])
        involved = bool(mine & set(a.party_ids)) or any(c.owner_org_id in mine for c in cs)
        if (a.visibility == "public" or involved) and field in a.fields:
            is_open = any(c.status in vocab.OPEN_STATUSES for c in cs)
            vocab.light(a.last_progress_on, a.signed_on, today, open_commitments=is_open)
            shown.append(a)
    shown.sort(key=lambda a: (a.signed_on, a.id), reverse=True)
    return [a.id for a in shown[:20]]


def naive_portfolio(db: Any, gov: int, today: date) -> dict[str, Counter[str]]:
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from kcbridge.agreements import vocab
    from kcbridge.agreements.models import Agreement, AgreementParty, Commitment

    items = [
        a
        for a in db.scalars(
            select(Agreement).options(
                selectinload(Agreement.parties).selectinload(AgreementParty.organisation),
                selectinload(Agreement.field_rows),
            )
        )
        if gov in a.party_ids
    ]
    ids = {a.id for a in items}
    cs = [c for c in db.scalars(select(Commitment)) if c.agreement_id in ids]
    out: dict[str, Counter[str]] = {k: Counter() for k in ("field", "kind", "status", "light")}
    open_by = Counter(c.agreement_id for c in cs if c.status in vocab.OPEN_STATUSES)
    for a in items:
        out["kind"][a.kind] += 1
        out["field"].update(a.fields)
        out["light"][
            vocab.light(a.last_progress_on, a.signed_on, today, open_commitments=open_by[a.id] > 0)
        ] += 1
    out["status"].update(c.status for c in cs)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--database", default="", help="an empty database URL (default: a new SQLite file)")
    args = parser.parse_args(argv)
    temp_platform("kcb-bench-agr-", args.database)
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from kcbridge.accounts.models import User
    from kcbridge.accounts.service import account_service
    from kcbridge.agreements import repository as repo
    from kcbridge.agreements.portfolio import portfolio
    from kcbridge.app.web import create_app
    from kcbridge.directory import repository as directory_repo
    from kcbridge.kit import migrate
    from kcbridge.kit.db import get_engine, reset_caches, unit_of_work

    reset_caches()
    migrate.upgrade()
    with unit_of_work() as db:
        gov, member_id, officer_id = generate(db, args.agreements)
    with unit_of_work() as db:
        member_token, _r = account_service.create_token(db, db.get(User, member_id), name="bench")
        officer_token, _r = account_service.create_token(db, db.get(User, officer_id), name="bench")
    today = date.today()
    field = "ai"

    with unit_of_work(write=False) as db:
        member = db.scalar(select(User).where(User.id == member_id))
        officer = db.scalar(select(User).where(User.id == officer_id))
        gov_org = directory_repo.get(db, gov)
        f = repo.Filters(field=field)

        def service_list() -> list[int]:
            db.expunge_all()  # each call starts with an empty identity map, as a request does
            ids, _total = repo.page(db, member, f, today, offset=0, limit=20)
            repo.get_many(db, ids, cards=True)
            repo.commitment_counts(db, ids, today)
            return ids

        assert service_list() == naive_list(db, member, field, today), "the two list paths disagree"
        list_service = timed(service_list, args.calls)

        def baseline_list() -> object:
            db.expunge_all()
            return naive_list(db, member, field, today)

        list_naive = timed(baseline_list, max(5, args.calls // 4))

        p = portfolio(db, user=officer, organisations=[gov_org])
        base = naive_portfolio(db, gov, today)
        assert dict(base["status"]) == p.counts["status"] and dict(base["field"]) == p.counts["field"]
        assert {k: v for k, v in base["light"].items()} == {k: v for k, v in p.counts["light"].items() if v}

        def service_portfolio() -> object:
            db.expunge_all()
            return portfolio(db, user=officer, organisations=[gov_org])

        portfolio_service = timed(service_portfolio, args.calls)

        def baseline_portfolio() -> object:
            db.expunge_all()
            return naive_portfolio(db, gov, today)

        portfolio_naive = timed(baseline_portfolio, max(5, args.calls // 4))

    client = TestClient(create_app())
    list_http = timed(
        lambda: client.get(f"/agreements?field={field}", headers={"Authorization": f"Bearer {member_token}"}),
        args.calls,
    )
    api_http = timed(
        lambda: client.get(
            f"/api/v1/agreements?field={field}", headers={"Authorization": f"Bearer {member_token}"}
        ),
        args.calls,
    )
    portfolio_http = timed(
        lambda: client.get("/agreements/portfolio", headers={"Authorization": f"Bearer {officer_token}"}),
        args.calls,
    )
    print(
        json.dumps(
            {
                "benchmark": "agreements list and portfolio",
                "database": get_engine().dialect.name,
                "agreements": args.agreements,
                "commitments": args.agreements * 3,
                "portfolio_agreements": p.total,
                "list": {
                    "service": list_service,
                    "naive_baseline": list_naive,
                    "speedup_p50": round(list_naive["p50_ms"] / max(list_service["p50_ms"], 1e-9), 1),
                    "page_http": list_http,
                    "api_http": api_http,
                },
                "portfolio": {
                    "service": portfolio_service,
                    "naive_baseline": portfolio_naive,
                    "speedup_p50": round(
                        portfolio_naive["p50_ms"] / max(portfolio_service["p50_ms"], 1e-9), 1
                    ),
                    "page_http": portfolio_http,
                },
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
