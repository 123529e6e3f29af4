"""Access rules as statements: the cost of reading contact people for a page of organisations through
`repository.people_among` (two queries), against the former per-organisation yes/no check with every
person preloaded (the baseline, measured in the same run); and the cost of the GET guard (a session that
refuses writes) on plain reads.

    python bench/access_rules.py                 # 5,000 organisations on SQLite
    python bench/access_rules.py --orgs 20000 --pg   # also on the local PostgreSQL (KCBRIDGE_TEST_PG)

Prints one JSON object per database.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.orm import Session, selectinload

from kcbridge.accounts.models import Membership, User
from kcbridge.app.models import metadata
from kcbridge.directory import repository as repo
from kcbridge.directory.models import Organisation, Person
from kcbridge.kit.db import make_engine, utcnow
from kcbridge.kit.web.deps import refuse_writes
from kcbridge.opportunities import repository as opp_repo
from kcbridge.opportunities.models import ExpressionOfInterest

PG_ADMIN_URL = os.environ.get("KCBRIDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def populate(db: Session, n: int) -> int:
    """`n` organisations with two contact people each; one user, member of 5, accepted partner of 10."""
    now = utcnow()
    db.execute(
        insert(User),
        [{"id": 1, "email": "u@bench.example", "password_hash": "x", "display_name": "u", "role": "user"}],
    )
    db.execute(
        insert(Organisation),
        [
            {
                "id": i,
                "name_en": f"Org {i}",
                "org_type": "company",
                "country": "KR",
                "city": "",
                "revision": i,
            }
            for i in range(1, n + 1)
        ],
    )
    db.execute(
        insert(Person),
        [
            {"organisation_id": i, "name": f"P{i}-{k}", "email": f"p{i}{k}@x.example"}
            for i in range(1, n + 1)
            for k in (1, 2)
        ],
    )
    db.execute(
        insert(Membership), [{"user_id": 1, "organisation_id": i, "role": "owner"} for i in range(1, 6)]
    )
    db.execute(
        insert(ExpressionOfInterest),
        [
            {
                "to_organisation_id": 1,
                "from_organisation_id": i,
                "message": "",
                "stored_status": "accepted",
                "created_at": now,
            }
            for i in range(100, 110)
        ],
    )
    db.commit()
    return 1


def old_way(db: Session, user: User, ids: list[int]) -> dict[int, list[Person]]:
    """The former rule: organisations loaded with every person, then one yes/no check per organisation."""
    orgs = db.scalars(
        select(Organisation).where(Organisation.id.in_(ids)).options(selectinload(Organisation.people))
    ).all()
    out = {}
    for org in orgs:
        member = repo.member_role(db, user.id, org.id) is not None
        if user.is_admin or member or opp_repo.accepted_between(db, user.id, org.id):
            out[org.id] = list(org.people)
    return out


def timed(fn: Callable[[], Any], reps: int) -> dict[str, float]:
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return _summary(samples)


def paired(
    a: Callable[[], Any], b: Callable[[], Any], reps: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Both timed in alternation, so that a busy machine slows both alike."""
    runs: tuple[list[float], list[float]] = ([], [])
    for _ in range(reps):
        for fn, out in ((a, runs[0]), (b, runs[1])):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return _summary(runs[0]), _summary(runs[1])


def _summary(samples: list[float]) -> dict[str, float]:
    samples = sorted(samples)
    return {
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[int(len(samples) * 0.95) - 1], 3),
    }


def bench(url: str, n: int, reps: int) -> dict[str, Any]:
    engine = make_engine(url)
    metadata.create_all(engine)
    repo.grant_contacts("accepted_interest", opp_repo.accepted_partner_org_ids)
    figures: dict[str, Any] = {"database": engine.dialect.name, "organisations": n}
    with Session(engine) as db:
        populate(db, n)
        user = db.get(User, 1)
        assert user is not None
        for size in (20, 100):
            ids = [1, 2, 3, *range(100, 105), *range(1000, 1000 + size - 8)]
            assert {k: len(v) for k, v in old_way(db, user, ids).items()} == {
                k: len(v) for k, v in repo.people_among(db, user, ids).items()
            }
            db.expunge_all()
            figures[f"page_{size}"] = {
                "baseline_per_org_checks": timed(
                    lambda ids=ids: (old_way(db, user, ids), db.expunge_all()), reps
                ),
                "people_among": timed(
                    lambda ids=ids: (repo.people_among(db, user, ids), db.expunge_all()), reps
                ),
            }
    stmt = select(Organisation.id, Organisation.name_en).where(Organisation.id < 50)
    with Session(engine) as plain, Session(engine) as guarded:
        refuse_writes(guarded, "GET /bench")
        base, guard = paired(
            lambda: [plain.execute(stmt).all() for _ in range(100)],
            lambda: [guarded.execute(stmt).all() for _ in range(100)],
            reps,
        )
        figures["read_100_statements"] = {"baseline_plain_session": base, "guarded_session": guard}
    engine.dispose()
    return figures


@contextmanager
def postgres() -> Iterator[str]:
    name = f"kcbridge_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=5000)
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--pg", action="store_true", help="also on the local PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(bench(f"sqlite:///{Path(tmp) / 'bench.db'}", args.orgs, args.reps)))
    if args.pg:
        with postgres() as url:
            print(json.dumps(bench(url, args.orgs, args.reps)))


if __name__ == "__main__":
    main()
