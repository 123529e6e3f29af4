"""The whole platform under load (issue 11): 50 concurrent clients for 60 s over a realistic mix against a
real `kcbridge serve` with the demo data, on SQLite and on PostgreSQL. Prints JSON.

    python bench/load.py                         # both databases, 50 clients, 60 s each
    python bench/load.py --only sqlite --seconds 20 --clients 20

The mix: the home page, the directory with filters, organisation profiles, matches for a Korean text (the
API, with the demo founder's token), the events list and an event page, and the founder's schedule as PDF.
Each database is fresh (a SQLite file in a temp folder; a PostgreSQL database on the local cluster,
KCBRIDGE_TEST_PG as admin URL, dropped at the end), loaded with `kcbridge demo load`, served by
`kcbridge serve --workers 2`. Reported per database: requests/s, p50/p95/p99 overall and per kind, and
errors (any answer other than 2xx, or no answer). The bound: 0 errors. Beside it, in the same run, the same
mix from one client (the latency a request has when it does not wait behind others). The load generator
shares the 2 cores with the server: its own CPU is part of every figure; the load average is printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text

from _harness import free_port, percentiles, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PG_ADMIN = os.environ.get("KCBRIDGE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
FOUNDER = "founder@robotouch.example"
TEXTS = (
    "로봇 손 촉각 센서 유통 파트너",
    "배터리 소재 공동 연구",
    "상하이 진출 지원 인큐베이터",
    "스마트 팩토리 자동화 장비",
)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@contextlib.contextmanager
def database(kind: str, tmp: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'load.db'}"
        return
    name = f"kcbridge_load_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield re.sub(r"/[^/]*$", f"/{name}", PG_ADMIN)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def kcbridge(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([str(BIN / "kcbridge"), *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"kcbridge {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int) -> Iterator[str]:
    port = free_port()
    cmd = [str(BIN / "kcbridge"), "serve", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base
    finally:
        stop(proc)


def the_world(url: str) -> dict[str, list[int]]:
    """Ids the mix draws from: organisations, events, and the founder's participations with meetings."""
    engine = create_engine(url)
    with engine.connect() as conn:
        orgs = conn.scalars(text("SELECT id FROM organisation WHERE deleted_at IS NULL ORDER BY id")).all()
        events = conn.scalars(text("SELECT id FROM event ORDER BY id")).all()
        mine = conn.scalars(
            text(
                "SELECT p.id FROM event_participant p JOIN membership m ON m.organisation_id = p.organisation_id "
                "JOIN user_account u ON u.id = m.user_id WHERE u.email = :e"
            ),
            {"e": FOUNDER},
        ).all()
    engine.dispose()
    return {"orgs": list(orgs), "events": list(events), "participants": list(mine)}


def mix(world: dict[str, list[int]]) -> list[tuple[str, int, Callable[[random.Random], str]]]:
    """(kind, weight, path maker)."""
    orgs, events, mine = world["orgs"], world["events"], world["participants"]
    kinds: list[tuple[str, int, Callable[[random.Random], str]]] = [
        ("home", 2, lambda r: "/"),
        ("directory_filtered", 4, lambda r: f"/organisations?country={r.choice(['KR', 'CN'])}&q={r.choice(['로봇', '电池', 'AI', 'bio'])}"),
        ("profile", 4, lambda r: f"/organisations/{r.choice(orgs)}"),
        ("match_api", 3, lambda r: f"/api/v1/match?text={r.choice(TEXTS)}&top=10"),
        ("events", 1, lambda r: "/events"),
        ("event_page", 2, lambda r: f"/events/{r.choice(events)}"),
    ]  # fmt: skip
    if mine:
        kinds.append(("schedule_pdf", 1, lambda r: f"/api/v1/participants/{r.choice(mine)}/schedule.pdf"))
    return kinds


async def drive(
    base: str, token: str, kinds: list, clients: int, seconds: float, seed: int
) -> dict[str, Any]:
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    examples: list[str] = []
    weighted = [k for k in kinds for _ in range(k[1])]
    stop_at = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one_client(n: int) -> None:
            r = random.Random(seed * 1000 + n)
            while time.monotonic() < stop_at:
                kind, _w, path_of = r.choice(weighted)
                path = path_of(r)
                t = time.perf_counter()
                try:
                    resp = await client.get(path, headers=headers if path.startswith("/api/") else None)
                    ok = 200 <= resp.status_code < 300
                    why = f"{resp.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                samples[kind].append((time.perf_counter() - t) * 1000)
                if not ok:
                    errors[kind] += 1
                    if len(examples) < 5:
                        examples.append(f"{why} GET {path}")

        started = time.perf_counter()
        await asyncio.gather(*(one_client(n) for n in range(clients)))
        elapsed = time.perf_counter() - started
    every = [x for xs in samples.values() for x in xs]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "requests_per_s": round(len(every) / elapsed, 1),
        "errors": sum(errors.values()),
        "error_examples": examples,
        "overall": p99(every),
        "by_kind": {
            k: {"n": len(v), **p99(v), "errors": errors.get(k, 0)} for k, v in sorted(samples.items())
        },
    }


def p99(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    s = sorted(ms)
    return {**percentiles(s), "p99_ms": round(s[min(len(s) - 1, int(0.99 * len(s)))], 1)}


def run(kind: str, args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix=f"kcbridge-load-{kind}-"))
    with database(kind, tmp) as url:
        env = {
            **os.environ,
            "KCBRIDGE_DATABASE_URL": url,
            "KCBRIDGE_DATA_DIR": str(tmp),
            "KCBRIDGE_SECRET_KEY": "bench-secret-key",
            "KCBRIDGE_PERIODIC_JOBS": "false",
        }
        log(f"[{kind}] kcbridge demo load …")
        t = time.perf_counter()
        kcbridge(env, "demo", "load")
        load_s = time.perf_counter() - t
        token = kcbridge(env, "users", "token", "--email", FOUNDER, "--name", "load").strip().split()[-1]
        world = the_world(url)
        kinds = mix(world)
        with serve(env, args.workers) as base:
            log(f"[{kind}] warm-up …")
            asyncio.run(drive(base, token, kinds, 4, 8, seed=1))
            log(f"[{kind}] one client, {args.baseline_seconds} s …")
            single = asyncio.run(drive(base, token, kinds, 1, args.baseline_seconds, seed=2))
            log(f"[{kind}] {args.clients} clients, {args.seconds} s …")
            load = asyncio.run(drive(base, token, kinds, args.clients, args.seconds, seed=3))
    return {
        "database": kind,
        "demo_load_s": round(load_s, 1),
        "organisations": len(world["orgs"]),
        "web_processes": args.workers,
        "load": load,
        "baseline_one_client": single,
        "bound_errors": 0,
        "within_bound": load["errors"] == 0,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline-seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    report = {"benchmark": "platform under load", "load_average_at_start": list(os.getloadavg())}
    report["runs"] = [run(k, args) for k in kinds]
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0 if all(r["within_bound"] for r in report["runs"]) else 1


if __name__ == "__main__":
    sys.exit(main())
