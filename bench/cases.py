"""Cases benchmark: the list and the statistics at 10,000 cases, on SQLite (or PostgreSQL).

    python bench/cases.py                      # 10,000 cases, 40 timed calls
    python bench/cases.py --cases 50000 --calls 20
    python bench/cases.py --database postgresql://postgres@127.0.0.1:5432/kcb_bench   # an empty database

Measures, each against a naive baseline in the same run (and both checked to give the same answer):
- list: one page of 20 cases a reader may read, newest first, with the total (the readable statement in
  SQL, then only the page loaded), for a support agent whose institution holds ~1,000 cases and for an
  administrator who reads all; baseline: every case loaded as an object with its firm and institution,
  the reading rule applied in Python, sorted and sliced.
- stats: counts by category (everything), by region for one country and by month for one year, with
  medians and SLA shares and the suppression (one GROUP BY and one narrow read); baseline: every case
  loaded as an object and counted in Python before the same suppression.
- HTTP: the list API, the statistics API and the statistics page.
Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _harness import temp_platform, timed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def generate(db: Any, n: int) -> dict[str, int]:
    """300 firms, 10 institutions with one agent each, a firm member, an admin, an analyst, `n` cases over
    two years spread over every category, sector, region and status (skewed, so some cells are thin)."""
    from sqlalchemy import insert, select

    from kcbridge.accounts.models import Membership, User
    from kcbridge.cases import sla, vocab
    from kcbridge.cases.models import Case
    from kcbridge.directory import taxonomy as tx
    from kcbridge.directory.models import Organisation

    rng = random.Random(11)
    now = datetime.now(UTC)
    orgs = [
        {"name_en": f"Firm {i}", "org_type": "company", "country": "KR" if i % 4 else "CN", "city": ""}
        for i in range(300)
    ] + [
        {"name_en": f"Institution {i}", "org_type": "support_agency", "country": "CN", "city": ""}
        for i in range(10)
    ]
    db.execute(
        insert(Organisation), [{**o, "created_at": now, "updated_at": now, "revision": 0} for o in orgs]
    )
    ids = list(db.scalars(select(Organisation.id).order_by(Organisation.id)))
    firms, institutions = ids[:300], ids[300:]
    users = [
        {"email": f"u{i}@bench.example", "password_hash": "x", "display_name": f"U{i}", "role": role}
        for i, role in enumerate(["user", "admin", "analyst"] + ["support_agent"] * 10)
    ]
    db.execute(insert(User), [{**u, "is_active": True, "created_at": now} for u in users])
    uids = list(db.scalars(select(User.id).order_by(User.id)))
    member, admin, analyst, agents = uids[0], uids[1], uids[2], uids[3:]
    members = [{"user_id": member, "organisation_id": firms[0], "role": "owner", "created_at": now}]
    members += [
        {"user_id": a, "organisation_id": inst, "role": "member", "created_at": now}
        for a, inst in zip(agents, institutions, strict=True)
    ]
    db.execute(insert(Membership), members)
    cats = [t.code for t in vocab.CATEGORIES]
    cat_w = [16, 14, 10, 13, 11, 9, 12, 6, 7, 1]
    regions = [t.code for t in vocab.REGIONS]
    reg_w = [30 / (i + 1) for i in range(len(regions))]
    sectors = [t.code for t in tx.SECTORS]
    rows = []
    for i in range(n):
        submitted = now - timedelta(days=rng.uniform(0, 720))
        category = rng.choices(cats, cat_w)[0]
        region = rng.choices(regions, reg_w)[0]
        first_due, res_due = sla.deadlines(category, submitted)
        status = rng.choices(
            ["submitted", "in_progress", "waiting_firm", "resolved", "refused"], [5, 10, 3, 70, 12]
        )[0]
        closed = submitted + timedelta(days=rng.uniform(2, 90)) if status in ("resolved", "refused") else None
        first = submitted + timedelta(hours=rng.uniform(2, 300)) if status != "submitted" else None
        rows.append(
            {
                "organisation_id": firms[0] if i % 250 == 0 else rng.choice(firms),
                "category": category,
                "sector": rng.choice(sectors),
                "region": region,
                "country": vocab.country_of(region),
                "lang": rng.choice(["ko", "zh", "en"]),
                "subject": f"Case {i} about {category}",
                "description": "A difficulty described at some length. " * 8,
                "desired_outcome": "Help.",
                "status": status,
                "institution_id": rng.choice(institutions),
                "origin": "firm",
                "confirmed_at": submitted,
                "submitted_at": submitted,
                "first_reply_at": first,
                "first_reply_seconds": int((first - submitted).total_seconds()) if first else None,
                "closed_at": closed,
                "resolution_seconds": int((closed - submitted).total_seconds()) if closed else None,
                "first_reply_due_at": first_due,
                "resolution_due_at": res_due,
                "first_reply_breached_at": first if first and first > first_due else None,
                "resolution_breached_at": closed if closed and closed > res_due else None,
                "paused_seconds": 0,
                "rating_comment": "",
                "created_at": submitted,
                "updated_at": submitted,
            }
        )
    for start in range(0, n, 2000):
        db.execute(insert(Case), rows[start : start + 2000])
    return {"member": member, "admin": admin, "analyst": analyst, "agent": agents[0]}


def naive_list(db: Any, user: Any, limit: int = 20) -> tuple[list[int], int]:
    """Every case as an object, the reading rule in Python."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from kcbridge.accounts.models import Membership
    from kcbridge.cases.models import Case

    mine = set(db.scalars(select(Membership.organisation_id).where(Membership.user_id == user.id)))
    cases = db.scalars(
        select(Case).options(selectinload(Case.organisation), selectinload(Case.institution))
    ).all()
    readable = [
        c
        for c in cases
        if user.is_admin
        or c.organisation_id in mine
        or (user.role == "support_agent" and c.institution_id in mine)
    ]
    readable.sort(key=lambda c: (c.submitted_at, c.id), reverse=True)
    return [c.id for c in readable[:limit]], len(readable)


def naive_stats(db: Any, by: str, country: str | None, year: int | None) -> dict[str, int | None]:
    """Every case as an object, counted in Python, then the same suppression."""
    from sqlalchemy import select

    from kcbridge.cases import stats, suppression, vocab
    from kcbridge.cases.models import Case

    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    first = None
    for c in db.scalars(select(Case)).all():
        at = c.submitted_at.astimezone(UTC)
        first = at if first is None or at < first else first
        value = at.strftime("%Y-%m") if by == "month" else getattr(c, by)
        counts[(value, c.country, str(at.year))] += 1
    months = stats._months(first, datetime.now(UTC))
    rows = stats._values(by, months)
    filters = {"country": [t.code for t in vocab.CASE_COUNTRIES], "year": sorted({m[:4] for m in months})}
    chosen = ("country", country) if country else ("year", str(year)) if year else None
    nested = (stats.NESTED[by], lambda r: stats._parent(by, r)) if by in stats.NESTED else None
    return {str(k): v for k, v in suppression.answer(rows, counts, filters, chosen, nested).cells.items()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--database", default="", help="an empty database URL (default: a new SQLite file)")
    args = parser.parse_args(argv)
    temp_platform("kcb-bench-cases-", args.database)
    from fastapi.testclient import TestClient

    from kcbridge.accounts.models import User
    from kcbridge.accounts.service import account_service
    from kcbridge.app.web import create_app
    from kcbridge.cases import stats
    from kcbridge.cases.service import case_service
    from kcbridge.kit import migrate
    from kcbridge.kit.db import get_engine, reset_caches, unit_of_work

    reset_caches()
    migrate.upgrade()
    with unit_of_work() as db:
        who = generate(db, args.cases)
    with unit_of_work() as db:
        tokens = {
            k: account_service.create_token(db, db.get(User, who[k]), name="bench")[0]
            for k in ("agent", "analyst")
        }
    year = datetime.now(UTC).year
    queries = [("category", None, None), ("region", "CN", None), ("month", None, year)]
    out: dict[str, Any] = {
        "benchmark": "cases list and statistics",
        "database": get_engine().dialect.name,
        "cases": args.cases,
    }
    with unit_of_work(write=False) as db:
        for role in ("agent", "admin"):
            user = db.get(User, who[role])

            def service(user: Any = user) -> tuple[list[int], int]:
                items, total = case_service.listing(db, user=user, limit=20)
                return [c.id for c in items], total

            assert service() == naive_list(db, user), f"the two list paths disagree for {role}"
            s, b = (
                timed(service, args.calls),
                timed(lambda user=user: naive_list(db, user), max(5, args.calls // 8)),
            )
            out[f"list_{role}"] = {
                "readable": service()[1],
                "service": s,
                "naive_baseline": b,
                "speedup_p50": round(b["p50_ms"] / max(s["p50_ms"], 1e-9), 1),
            }
        for by, country, yr in queries:
            found = stats.case_stats(db, by=by, country=country, year=yr)
            assert {c.value: c.count for c in found.cells} == naive_stats(db, by, country, yr), (
                f"stats disagree: {by}"
            )
            s = timed(
                lambda by=by, country=country, yr=yr: stats.case_stats(db, by=by, country=country, year=yr),
                args.calls,
            )
            b = timed(
                lambda by=by, country=country, yr=yr: naive_stats(db, by, country, yr),
                max(5, args.calls // 8),
            )
            key = f"stats_{by}" + (f"_{country}" if country else f"_{yr}" if yr else "")
            out[key] = {
                "withheld": sum(c.count is None for c in found.cells),
                "cells": len(found.cells),
                "service": s,
                "naive_baseline": b,
                "speedup_p50": round(b["p50_ms"] / max(s["p50_ms"], 1e-9), 1),
            }
    client = TestClient(create_app())
    agent = {"Authorization": f"Bearer {tokens['agent']}"}
    analyst = {"Authorization": f"Bearer {tokens['analyst']}"}
    out["http"] = {
        "list_api_agent": timed(lambda: client.get("/api/v1/cases", headers=agent), args.calls),
        "stats_api_category": timed(
            lambda: client.get("/api/v1/cases/stats?by=category", headers=analyst), args.calls
        ),
        "stats_page_region_CN": timed(
            lambda: client.get("/cases/stats?by=region&scope=CN", headers=analyst), args.calls
        ),
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
