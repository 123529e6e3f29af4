"""News extraction quality against ../shared/corpus/news_gold.json, and throughput.

    .venv/bin/python bench/news.py            # prints JSON

Quality: precision / recall / F1 per field (organisations and people by name, an organisation also
matching any of its gold aliases; places and sectors as sets; events one-to-one by type and date).
Throughput: articles per second per core (CPU time) over 1,000 generated ko/zh/en articles, with
the models loaded once beforehand; then the same kind of articles stored in a fresh SQLite database
through the news domain (linking, candidates, stories, events), the engine alone being its baseline.
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kcbridge.news.cli import extract_sources  # noqa: E402
from kcbridge.news.extract import Extractor  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# The gold file names some sectors and event types with synonyms of the engine's codes.
SECTOR_SYNONYMS = {
    "humanoid_robot": "humanoid_robots",
    "5g": "iot_5g",
    "healthcare": "bio_healthcare",
    "carbon_neutral": "carbon_neutral_energy",
    "chemical": "materials_chemicals",
}
EVENT_SYNONYMS = {"mou": "agreement", "investment_pitch": "pitch"}


def _n(s: str) -> str:
    return re.sub(r"[\s·]", "", s).casefold()


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
    }


def _match_entities(pred: list[list[str]], gold: list[list[str]]) -> int:
    """One-to-one matches: a prediction (name + aliases) matches a gold entity sharing any form."""
    used: set[int] = set()
    tp = 0
    for forms in pred:
        keys = {_n(f) for f in forms}
        for i, g in enumerate(gold):
            if i not in used and keys & {_n(f) for f in g}:
                used.add(i)
                tp += 1
                break
    return tp


def quality() -> dict[str, object]:
    gold = json.loads((CORPUS / "news_gold.json").read_text("utf-8"))
    results, errors = extract_sources([str(CORPUS / "news")])
    totals = {k: [0, 0, 0] for k in ("organizations", "people", "places", "sectors", "events")}
    role_ok = role_n = 0
    for r in results:
        g = gold[Path(r["source"]).stem]
        pairs = {
            "organizations": (
                [[o["name"], *o.get("aliases", [])] for o in r["organizations"]],
                [[o["name"], *o.get("aliases", [])] for o in g["organizations"]],
            ),
            "people": (
                [[p["name"], *p.get("aliases", [])] for p in r["people"]],
                [[p["name"]] for p in g["people"]],
            ),
            "places": ([[p] for p in r["places"]], [[p] for p in g["places"]]),
            "sectors": (
                [[s] for s in r["sectors"]],
                [[SECTOR_SYNONYMS.get(s, s)] for s in g["sectors"]],
            ),
        }
        for field, (pred, gl) in pairs.items():
            t = totals[field]
            t[0] += _match_entities(pred, gl)
            t[1] += len(pred)
            t[2] += len(gl)
        gold_events = [(EVENT_SYNONYMS.get(e["type"], e["type"]), e["date"]) for e in g["events"]]
        pred_events = [(e["type"], e["date"]) for e in r["events"]]
        remaining = list(gold_events)
        tp = 0
        for e in pred_events:
            if e in remaining:
                remaining.remove(e)
                tp += 1
        t = totals["events"]
        t[0], t[1], t[2] = t[0] + tp, t[1] + len(pred_events), t[2] + len(gold_events)
        by_name = {p["name"]: p for p in r["people"]}
        for gp in g["people"]:
            if gp["name"] in by_name:
                role_n += 1
                role_ok += (by_name[gp["name"]]["role"] or "") == gp["role"]
    out: dict[str, object] = {k: _prf(*v) for k, v in totals.items()}
    out["people_role_accuracy"] = round(role_ok / role_n, 3) if role_n else None
    out["articles"] = len(results)
    out["errors"] = errors
    return out


KO = '{org}는 {d}일 {city}에서 {org2}와 인공지능 협력 양해각서를 체결했다. {name} {org} 대표는 "클라우드와 로봇 분야에서 협력하겠다"고 말했다. 이날 행사에는 30여 개 기업이 참석했다.'
ZH = "{d}日，{city}{org}与{org2}签署了人工智能合作协议。{org}董事长{name}表示，双方将在云计算和机器人领域开展合作。次日，代表团访问了中关村。"
EN = "{org} signed a cloud and AI agreement with {org2} in {city} on {d} July. Chairman {name} of {org} said the two sides would work on robotics. The next day the delegation visited Zhongguancun."


def generated(n: int = 1000) -> list[tuple[str, str]]:
    rnd = random.Random(7)
    ko_orgs = ["한빛로보틱스", "판교클라우드", "서울AI랩", "미래테크", "경기바이오센터"]
    zh_orgs = ["星云科技有限公司", "华创机器人集团", "北京云智公司", "深圳芯视科技有限公司"]
    en_orgs = ["Hanbit Robotics Co., Ltd.", "Shanghai Cloud Group", "Pangyo AI Center", "Nebula Technologies"]
    out = []
    for i in range(n):
        d = rnd.randint(1, 28)
        lang = ("ko", "zh", "en")[i % 3]
        if lang == "ko":
            text = KO.format(
                org=rnd.choice(ko_orgs),
                org2=rnd.choice(ko_orgs),
                d=d,
                city=rnd.choice(["베이징", "상하이", "선전"]),
                name=rnd.choice(["김민수", "박서연", "이도현"]),
            )
        elif lang == "zh":
            text = ZH.format(
                org=rnd.choice(zh_orgs),
                org2=rnd.choice(zh_orgs),
                d=d,
                city=rnd.choice(["北京", "上海", "深圳"]),
                name=rnd.choice(["王伟", "李娜", "张强"]),
            )
        else:
            text = EN.format(
                org=rnd.choice(en_orgs),
                org2=rnd.choice(en_orgs),
                d=d,
                city=rnd.choice(["Beijing", "Seoul", "Shanghai"]),
                name=rnd.choice(["Li Wei", "Kim Minsu", "Park Jiyeon"]),
            )
        out.append((lang, (text + "\n\n") * 6))
    return out


def throughput(n: int = 1000) -> dict[str, object]:
    engine = Extractor()
    t0 = time.perf_counter()
    engine.warm_up()
    load = time.perf_counter() - t0
    docs = generated(n)
    c0, w0 = time.process_time(), time.perf_counter()
    for lang, text in docs:
        engine.extract(text, published="2024-07-31T10:00:00+09:00", language=lang)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    return {
        "articles": n,
        "model_load_seconds": round(load, 2),
        "cpu_seconds": round(cpu, 2),
        "articles_per_second_per_core": round(n / cpu, 1),
        "wall_articles_per_second": round(n / wall, 1),
    }


DIRECTORY = [  # the organisations the generated articles name, so that they link as in real use
    {
        "name_ko": "한빛로보틱스",
        "name_en": "Hanbit Robotics Co., Ltd.",
        "org_type": "company",
        "country": "KR",
    },
    {"name_ko": "판교클라우드", "org_type": "company", "country": "KR"},
    {"name_zh": "星云科技有限公司", "name_en": "Nebula Technologies", "org_type": "company", "country": "CN"},
    {"name_zh": "华创机器人集团", "org_type": "company", "country": "CN"},
    {"name_en": "Shanghai Cloud Group", "org_type": "company", "country": "CN"},
]


def ingest_to_database(n: int = 300) -> dict[str, object]:
    """Articles per second per core stored in a fresh SQLite database through the news domain (entities
    linked, candidates, stories, events and their mentions), the extractor's models loaded beforehand.
    Its baseline is `throughput` above: the engine alone on the same kind of articles."""
    import os
    import tempfile

    from kcbridge.news.ingest import Article
    from kcbridge.news.ingest.dedupe import fingerprint

    folder = tempfile.mkdtemp(prefix="kcbridge-bench-news-")
    os.environ["KCBRIDGE_DATA_DIR"] = folder
    os.environ["KCBRIDGE_DATABASE_URL"] = f"sqlite:///{folder}/bench.db"
    from kcbridge.app import models  # noqa: F401  (every table)
    from kcbridge.directory.schemas import OrganisationIn
    from kcbridge.directory.service import directory_service
    from kcbridge.kit import migrate
    from kcbridge.kit.db import reset_caches, unit_of_work
    from kcbridge.news import gazetteer, runner
    from kcbridge.news.models import NewsCandidate, NewsEvent, NewsStory

    reset_caches()
    migrate.upgrade()
    with unit_of_work() as db:
        for d in DIRECTORY:
            directory_service.create(db, user=None, data=OrganisationIn.model_validate(d))
    with unit_of_work(write=False) as db:
        engine = gazetteer.extractor(db)
    engine.warm_up()
    rnd = random.Random(11)
    articles, seen = [], set()
    for i, (lang, text) in enumerate(generated(n * 2)):
        title = text.split("。")[0].split(". ")[0][:60]
        fp = fingerprint(title + text)
        if fp in seen:
            continue
        seen.add(fp)
        day = rnd.randint(1, 28)
        articles.append(
            Article(
                f"bench://{i}",
                title,
                text.strip(),
                lang,
                "Bench Wire",
                None,
                f"2024-07-{day:02d}T10:00:00+09:00",
                fingerprint=fp,
            )  # fmt: skip
        )
        if len(articles) == n:
            break
    c0, w0 = time.process_time(), time.perf_counter()
    counts = runner.store_all(articles, engine=engine)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    with unit_of_work(write=False) as db:
        from sqlalchemy import func, select

        stories = db.scalar(select(func.count()).select_from(NewsStory))
        events = db.scalar(select(func.count()).select_from(NewsEvent))
        candidates = db.scalar(select(func.count()).select_from(NewsCandidate))
    return {
        "articles": counts.added,
        "stories": stories,
        "events": events,
        "candidates": candidates,
        "cpu_seconds": round(cpu, 2),
        "articles_per_second_per_core": round(counts.added / cpu, 1),
        "wall_articles_per_second": round(counts.added / wall, 1),
    }


if __name__ == "__main__":
    out = {"quality": quality(), "throughput": throughput(), "ingest_to_database": ingest_to_database()}
    print(json.dumps(out, ensure_ascii=False, indent=1))
