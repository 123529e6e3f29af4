"""Programme finder benchmark: the eligibility finder over 5,000 generated programmes on SQLite.

    python bench/programmes.py                 # 5,000 programmes, 50 timed calls
    python bench/programmes.py --programmes 20000 --calls 20

Measures `finder.eligible` (plain rows from SQL, the pure rule per programme, fit scores from the
match index, only the shown page loaded as objects) against a naive baseline in the same run: every
published programme loaded as an ORM object with its texts, sectors and operator, checked one by one
and sorted by deadline. Programme and profile vectors are random unit vectors (no embedding pass), so
the fit ranking path runs as in production. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from _harness import timed

ROOT = Path(__file__).resolve().parents[1]
TYPES = ("incubation", "acceleration", "soft_landing", "zone_landing", "competition", "training", "funding")
SECTORS = (
    "ai",
    "robotics",
    "humanoid_robots",
    "robot_components",
    "cloud",
    "semiconductors",
    "bio_healthcare",
)
STAGES = ("idea", "seed", "early", "growth", "mature")


def generate(db: Session, n: int, model: str, dim: int) -> tuple[int, int]:
    """Operators, one Korean robot firm with a member, `n` programmes with random vectors."""
    from kcbridge.accounts.models import Membership, User
    from kcbridge.directory.models import Organisation, OrgSector, OrgText
    from kcbridge.kit import revisions
    from kcbridge.matchmaking.models import Embedding
    from kcbridge.programmes.models import Programme, ProgrammeSector, ProgrammeText

    rng = random.Random(5)
    now = datetime.now(UTC)
    today = date.today()
    ops = [
        {
            "name_zh": f"运营机构{i}",
            "org_type": "incubator",
            "country": rng.choice(["CN", "KR"]),
            "city": "Beijing",
        }
        for i in range(200)
    ]
    db.execute(
        insert(Organisation), [{**o, "created_at": now, "updated_at": now, "revision": 0} for o in ops]
    )
    firm = Organisation(
        name_ko="로보터치",
        org_type="company",
        country="KR",
        city="Seoul",
        stage="early",
        created_at=now,
        updated_at=now,
    )
    db.add(firm)
    db.flush()
    db.add(OrgText(organisation_id=firm.id, lang="ko", description="휴머노이드 로봇 핸드", offer="", seek=""))
    db.add_all([OrgSector(organisation_id=firm.id, sector=s) for s in ("humanoid_robots", "robotics")])
    user = User(email="bench@x.example", password_hash="x", display_name="Bench", role="user")
    db.add(user)
    db.flush()
    db.add(Membership(user_id=user.id, organisation_id=firm.id, role="owner"))
    op_ids = list(db.scalars(select(Organisation.id).where(Organisation.id != firm.id)))
    rows, texts, sectors = [], [], []
    for i in range(1, n + 1):
        rows.append(
            {
                "id": i,
                "organisation_id": rng.choice(op_ids),
                "prog_type": rng.choice(TYPES),
                "status": "published" if rng.random() < 0.93 else "closed",
                "stages": rng.choice([[], [], ["seed", "early"], ["growth", "mature"]]),
                "nationalities": rng.choice([[], ["KR"], ["CN"], ["KR", "OTHER"]]),
                "org_types": rng.choice([[], ["company"], ["university"]]),
                "country": rng.choice(["CN", "CN", "KR"]),
                "city": rng.choice(["Beijing", "Shanghai", "Seoul"]),
                "format": rng.choice(["on_site", "hybrid", "online"]),
                "deadline": None if rng.random() < 0.1 else today + timedelta(days=rng.randint(-60, 150)),
                "created_at": now,
                "updated_at": now,
                "published_at": now,
            }
        )
        texts.append({"programme_id": i, "lang": "zh", "title": f"孵化计划 {i}", "description": "面向韩国企业。",
                      "benefits": "", "eligibility": ""})  # fmt: skip
        sectors += [{"programme_id": i, "sector": s} for s in rng.sample(SECTORS, k=rng.randint(0, 2))]
    db.execute(insert(Programme), rows)
    db.execute(insert(ProgrammeText), texts)
    if sectors:
        db.execute(insert(ProgrammeSector), sectors)
    vecs = np.random.default_rng(5).standard_normal((n + 1, dim)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    emb = [
        {"entity_type": "programme", "entity_id": i, "model": model, "vector": vecs[i].tobytes(),
         "seek_vector": None, "text_hash": "x", "revision": 1, "updated_at": now}
        for i in range(1, n + 1)
    ]  # fmt: skip
    emb.append(
        {"entity_type": "organisation", "entity_id": firm.id, "model": model, "vector": vecs[0].tobytes(),
         "seek_vector": None, "text_hash": "x", "revision": 1, "updated_at": now}
    )  # fmt: skip
    db.execute(insert(Embedding), emb)

    revisions.next_revision(db, "embedding")
    return firm.id, user.id


def naive(db: Session, org_id: int) -> int:
    """Every published programme as an object, checked one by one, sorted by deadline."""
    from kcbridge.directory import repository as directory_repo
    from kcbridge.programmes import repository as repo
    from kcbridge.programmes.eligibility import Applicant, check
    from kcbridge.programmes.models import Programme

    org = directory_repo.get(db, org_id)
    assert org is not None
    applicant = Applicant(
        sectors=tuple(org.sectors), stage=org.stage, nationality=org.country, org_type=org.org_type
    )
    progs = db.scalars(
        select(Programme)
        .where(Programme.status == "published")
        .options(
            selectinload(Programme.texts),
            selectinload(Programme.sector_rows),
            selectinload(Programme.organisation),
        )
    ).all()
    now = datetime.now(UTC)
    ok = [p for p in progs if check(repo.rules_of(p), applicant, now).eligible]
    ok.sort(key=lambda p: p.deadline or date.max)
    return len(ok)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programmes", type=int, default=5000)
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="kcb-bench-prog-")
    os.environ["KCBRIDGE_DATA_DIR"] = tmp
    os.environ["KCBRIDGE_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
    from kcbridge.kit import migrate
    from kcbridge.kit.db import reset_caches, unit_of_work
    from kcbridge.matchmaking.embedding import embedder
    from kcbridge.programmes import finder

    reset_caches()
    migrate.upgrade()
    model = embedder()
    with unit_of_work() as db:
        firm_id, user_id = generate(db, args.programmes, model.name, model.dim)
    from kcbridge.accounts.models import User

    with unit_of_work(write=False) as db:
        user = db.get(User, user_id)
        answer = finder.eligible(db, user=user, organisation_id=firm_id)
        service = timed(lambda: finder.eligible(db, user=user, organisation_id=firm_id), args.calls)
        eligible_naive = naive(db, firm_id)
        baseline = timed(lambda: naive(db, firm_id), max(5, args.calls // 5))
    assert answer.total_eligible == eligible_naive, (answer.total_eligible, eligible_naive)
    print(
        json.dumps(
            {
                "benchmark": "programme eligibility finder",
                "database": "sqlite",
                "programmes": args.programmes,
                "eligible": answer.total_eligible,
                "near_misses": answer.total_near_misses,
                "ranked_by": answer.ranked_by,
                "service": service,
                "naive_baseline": baseline,
                "speedup_p50": round(baseline["p50_ms"] / max(service["p50_ms"], 1e-9), 1),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main(sys.argv[1:]))
