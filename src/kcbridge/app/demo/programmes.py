"""About 1,500 demo programmes run by the demo's incubators, zones, governments and support agencies.

The programmes of real institutions are written by hand (data/programmes.toml: the Beijing humanoid-robot
innovation centre's incubation for Korean robot firms, the Daxing airport zone's landing service, KIC China's
startup competition, Zhongguancun Inno-Way's programmes, Peking University's startup camp); the rest are drawn
from its templates in Korean, Chinese and English, deterministically. Vectors are computed by the loader's
last step.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from kcbridge.directory import places
from kcbridge.directory.models import Organisation
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.db import utcnow
from kcbridge.programmes import repository as repo
from kcbridge.programmes.models import Programme, ProgrammeSector, ProgrammeText

from . import source
from ._text import capitalised, sector_words

TARGET = 1500
OPERATOR_TYPES = ("incubator", "support_agency", "government", "economic_zone", "university", "investor")
TYPES_BY_OPERATOR = {
    "incubator": ["incubation", "acceleration", "soft_landing", "training", "exhibition"],
    "support_agency": ["soft_landing", "exhibition", "training", "competition", "funding"],
    "government": ["funding", "competition", "zone_landing", "soft_landing"],
    "economic_zone": ["zone_landing", "soft_landing", "incubation"],
    "university": ["training", "competition", "incubation"],
    "investor": ["acceleration", "funding", "competition"],
}
CHINA_CITIES = ["Beijing", "Shanghai", "Shenzhen", "Hangzhou", "Suzhou"]
TEXT_FIELDS = ("title", "description", "benefits")


def _find(db: Session, name: str) -> Organisation | None:
    return db.scalars(
        select(Organisation)
        .where(
            or_(Organisation.name_en == name, Organisation.name_zh == name, Organisation.name_ko == name),
            Organisation.deleted_at.is_(None),
        )
        .options(selectinload(Organisation.sector_rows))
    ).first()


def _drawn(rng: random.Random, org: Organisation, n: int, today: date) -> dict[str, Any]:
    """One templated programme of `org` (its n-th), in its home language and sometimes more."""
    prog_type = rng.choice(TYPES_BY_OPERATOR.get(org.org_type, TYPES_BY_OPERATOR["support_agency"]))
    own = org.sectors or ["ai"]
    sectors = [] if rng.random() < 0.25 else sorted(set(rng.sample(own, k=min(len(own), rng.randint(1, 3)))))
    country, city = org.country, org.city or ("Seoul" if org.country == "KR" else "Beijing")
    if org.country == "KR" and prog_type in ("soft_landing", "exhibition") and rng.random() < 0.6:
        country, city = "CN", rng.choice(CHINA_CITIES)  # Korean agencies take Korean firms to China
    nationalities = {
        "CN": rng.choice([["KR"], ["KR"], [], ["KR", "OTHER"], ["CN", "KR"]]),
        "KR": rng.choice([["KR"], ["KR"], [], ["KR", "CN"]]),
    }.get(org.country, [])
    stages = rng.choice(
        [[], [], ["seed", "early"], ["early", "growth"], ["idea", "seed"], ["growth", "mature"]]
    )
    roll = rng.random()
    deadline = None if roll < 0.1 else today + timedelta(days=rng.randint(-40, 150))
    opens = (deadline or today) - timedelta(days=rng.randint(20, 90))
    status = "draft" if n % 23 == 7 else "closed" if n % 31 == 11 else "published"
    fields = dict(
        prog_type=prog_type,
        sectors=sectors,
        stages=stages,
        nationalities=nationalities,
        org_types=[] if rng.random() < 0.6 else ["company"],
        country=country,
        city=city,
        format=rng.choice(["on_site", "on_site", "on_site", "hybrid", "hybrid", "online"]),
        opens_on=opens,
        deadline=deadline,
        starts_on=(deadline + timedelta(days=rng.randint(14, 45))) if deadline else None,
        capacity=rng.choice([None, 8, 10, 12, 15, 20, 30, 50]),
        status=status,
    )
    home = {"KR": "ko", "CN": "zh"}.get(org.country, "en")
    langs = [home] + [lang for lang in ("zh", "ko", "en") if lang != home and rng.random() < 0.3]
    if "en" in langs:  # an operator writing English writes Korean and Chinese too: no reader falls back to it
        langs += [lang for lang in ("zh", "ko") if lang not in langs]
    data = source.read("programmes.toml")
    title_t = rng.choice(data["titles"][prog_type])
    picks = rng.sample(data["benefits"], k=3)
    values = {
        "n": 1 + n % 9,
        "year": today.year + (1 if today.month > 10 else 0),
        "weeks": rng.choice([6, 8, 10, 12, 16, 24]),
        "cap": fields["capacity"] or 20,
    }
    texts = {}
    for lang in langs:
        words = dict(
            values,
            **sector_words(sectors[0] if sectors else "", lang),
            city=places.name(city, lang),
            op=org.name(lang),
        )
        sep = "、" if lang == "zh" else ", "
        benefits = (
            data["benefit_intro"][lang] + sep.join(b[lang] for b in picks) + ("。" if lang == "zh" else ".")
        )
        texts[lang] = {
            "title": capitalised(title_t[lang].format(**words))[:200],
            "description": capitalised(data["descriptions"][prog_type][lang].format(**words)),
            "benefits": benefits,
        }
    return {"fields": fields, "texts": texts}


def _add(
    db: Session, org: Organisation, fields: dict[str, Any], texts: dict[str, dict[str, str]]
) -> Programme:
    now = utcnow()
    sectors = fields.pop("sectors", [])
    p = Programme(
        organisation_id=org.id, **fields, published_at=now if fields["status"] == "published" else None
    )
    p.texts = [ProgrammeText(lang=lang, eligibility="", **t) for lang, t in texts.items()]
    p.sector_rows = [ProgrammeSector(sector=s) for s in sorted(set(sectors))]
    db.add(p)
    return p


def load_demo(db: Session, target: int = TARGET) -> str:
    """The real institutions' programmes, then templated ones up to `target`."""
    if db.scalar(select(func.count()).select_from(Programme)):
        return "demo programmes not loaded: there are programmes already"
    rng = random.Random(11)
    today = date.today()
    made: list[Programme] = []
    for spec in source.read("programmes.toml")["real"]:
        org = _find(db, spec["operator"])
        if org is None:
            continue
        fields = {k: v for k, v in spec.items() if k not in ("operator", "written_in", "days", *TEXT_FIELDS)}
        fields.setdefault("format", "on_site")
        days = spec.get("days")
        fields.update(
            country="CN",
            status="published",
            deadline=today + timedelta(days=days) if days else None,
            opens_on=today - timedelta(days=20),
        )
        texts = {lang: {f: spec[f][lang] for f in TEXT_FIELDS} for lang in spec["written_in"]}
        made.append(_add(db, org, fields, texts))
    operators = list(
        db.scalars(
            select(Organisation)
            .where(Organisation.org_type.in_(OPERATOR_TYPES), Organisation.deleted_at.is_(None))
            .options(selectinload(Organisation.sector_rows))
            .order_by(Organisation.id)
        )
    )
    inno_way = next((o for o in operators if o.name_en == "Zhongguancun Inno-Way"), None)
    n = 0
    while operators and len(made) < target:
        # The startup street's ~50 service organisations run many programmes: one in ten is theirs.
        org = inno_way if inno_way is not None and n % 10 == 0 else operators[n % len(operators)]
        drawn = _drawn(rng, org, n, today)
        made.append(_add(db, org, drawn["fields"], drawn["texts"]))
        n += 1
    db.flush()
    repo.bump(db)
    actor = Actor.system("demo loader")
    for p in made:
        audit_service.record(
            db,
            actor=actor,
            action="create",
            entity_type="programme",
            entity_id=p.id,
            changes={"status": p.status},
        )
    langs = {t.lang for p in made for t in p.texts}
    return f"demo programmes loaded: {len(made)} programmes in {'/'.join(sorted(langs))}"
