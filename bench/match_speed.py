"""Matching pages and API on the demo (issue #14): server time per route with one client, and
GET /api/v1/match throughput under 50 clients against a real `kcbridge serve`. Prints JSON.

    python bench/match_speed.py                    # loads the demo into a temp folder, current + baseline
    python bench/match_speed.py --data-dir DIR     # reuses a folder with a loaded demo (KCBRIDGE_DATA_DIR)
    python bench/match_speed.py --quick            # fewer requests, shorter load runs
    python bench/match_speed.py --no-baseline      # only the current code
    python bench/match_speed.py --profile          # cProfile 5 requests of each route, whole (stderr)

Routes (warm, one client, in process): GET /api/v1/match?text=<Korean text> (a new text each time, and
the same texts again), an organisation's matches (API and the /matches page), /organisations/{id}/similar,
/programmes/{id}/fit and the dashboard's matches fragment. Server time is measured by an ASGI middleware
around the app (wall time and process CPU time from the first byte in to the last byte out); wall is what
the client saw. The baseline is the code of `--baseline-ref` (default: the commit before issue #14's
speed work), exported with `git archive` into a temp folder and measured in the same run, on the same data,
by the same code of this script. The machine's load average is reported with every figure: on a shared
2-core box other jobs inflate every timing, so the concurrent runs also report the CPU each request cost
(server and load generator) and the rate those costs allow on this machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _harness import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
BASELINE_REF = "1f81ac1"  # the commit before issue #14's speed work
TARGET_P95_MS = 100.0
TARGET_RPS = 50.0
CLIENTS = 50
ISSUE_BASELINE = {  # the issue's figures (warm, one client; "busy" = a loaded machine)
    "api_match_text_ms": 140,
    "api_org_matches_ms": 120,
    "page_similar_ms": 120,
    "page_matches_busy_ms": [316, 323],
    "page_programme_fit_busy_ms": [210, 500],
    "fragment_dashboard_matches_busy_ms": [325, 360],
    "api_match_rps_50_clients": 7.5,
    "api_match_p50_50_clients_ms": 6500,
}
# Short Korean sentences written for this benchmark; pairs of them make distinct query texts.
KO_SENTENCES = (
    "휴머노이드 로봇 손을 만드는 스타트업입니다",
    "중국 현지 생산 파트너를 찾고 있습니다",
    "수소 연료전지 스택을 트럭용으로 개발합니다",
    "반도체 검사 장비의 중국 유통사를 구합니다",
    "화장품 브랜드의 중국 온라인 판매를 원합니다",
    "스마트 공장 자동화 솔루션을 제공합니다",
    "인공지능 의료 영상 판독 기술을 보유하고 있습니다",
    "배터리 재활용 공정에 투자할 기관을 찾습니다",
    "게임 퍼블리싱 협력사를 중국에서 찾고 있습니다",
    "물류 로봇의 공동 연구 개발을 제안합니다",
    "클라우드 데이터센터 입주 지원이 필요합니다",
    "핀테크 결제 서비스의 현지화 파트너를 구합니다",
)


def log(msg: str) -> None:
    print(f"[match_speed] {msg}", file=sys.stderr, flush=True)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def texts(n: int, offset: int = 0) -> list[str]:
    """`n` distinct Korean texts: single sentences, then ordered pairs, then triples."""
    k = len(KO_SENTENCES)
    out = list(KO_SENTENCES)
    out += [f"{a}. {b}." for a in KO_SENTENCES for b in KO_SENTENCES if a != b]
    i = 0
    while len(out) < n + offset:
        a, b, c = i % k, (i // k) % k, (i // (k * k)) % k
        out.append(f"{KO_SENTENCES[a]}. {KO_SENTENCES[b]}. {KO_SENTENCES[c]}. ({i})")
        i += 1
    return out[offset : offset + n]


def percentiles(samples: list[float]) -> dict[str, float]:
    import numpy as np

    if not samples:
        return {"p50_ms": float("nan"), "p95_ms": float("nan")}
    a = np.asarray(samples) * 1000
    return {"p50_ms": round(float(np.percentile(a, 50)), 1), "p95_ms": round(float(np.percentile(a, 95)), 1)}


# --- one client, in process (a child process per code version) -------------------------------------


class Timing:
    """ASGI middleware: wall and process CPU time of each request, from the call to the last body chunk."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.last: tuple[float, float] = (0.0, 0.0)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0, c0 = time.perf_counter(), time.process_time()
        await self.app(scope, receive, send)
        self.last = (time.perf_counter() - t0, time.process_time() - c0)


def profile_routes(app: Any, cookies: Any, routes: dict[str, Any], n: int = 5) -> None:
    """cProfile `n` requests of each route, whole (middleware, dependencies, endpoint, rendering, JSON):
    the app runs in this thread on an event loop, its threadpool calls made inline, since cProfile only
    sees its own thread. Printed to stderr, by own time and by cumulative time."""
    import fastapi.concurrency
    import fastapi.dependencies.utils
    import fastapi.routing
    import httpx

    async def inline(func: Any, *a: Any, **kw: Any) -> Any:
        return func(*a, **kw)

    modules = (fastapi.routing, fastapi.dependencies.utils, fastapi.concurrency)
    saved = [m.run_in_threadpool for m in modules]  # type: ignore[attr-defined]
    for m in modules:
        m.run_in_threadpool = inline  # type: ignore[attr-defined]

    async def run() -> None:
        transport = httpx.ASGITransport(app=app)
        headers = {"Accept-Language": "ko-KR,ko;q=0.9"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://testserver", cookies=cookies, headers=headers
        ) as c:
            for name, path in routes.items():
                for i in range(n):  # warm: the same requests once (new texts: other new texts)
                    (await c.get(path(i))).raise_for_status()
                urls = [path(i) for i in range(n)]
                prof = cProfile.Profile()
                prof.enable()
                for url in urls:
                    (await c.get(url)).raise_for_status()
                prof.disable()
                # own time of everything; cumulative time of the app's code and the libraries it calls
                only = r"kcbridge|jinja2|pydantic|sqlalchemy/orm/s"
                for order, restrict in (("tottime", (30,)), ("cumulative", (only, 40))):
                    buf = io.StringIO()
                    pstats.Stats(prof, stream=buf).sort_stats(order).print_stats(*restrict)
                    log(f"profile of {name} ({urls[0][:70]}), {n} requests, by {order}:\n{buf.getvalue()}")

    try:
        asyncio.run(run())
    finally:
        for m, f in zip(modules, saved, strict=True):
            m.run_in_threadpool = f  # type: ignore[attr-defined]


def single_client(args: argparse.Namespace) -> dict[str, Any]:
    """Every route with one client: server wall / CPU time and client wall, p50 / p95 (run in a child)."""
    import re

    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from kcbridge.accounts.models import Membership, User
    from kcbridge.app.web import create_app
    from kcbridge.directory.models import Organisation
    from kcbridge.kit.db import unit_of_work
    from kcbridge.programmes.models import Programme

    with unit_of_work(write=False) as db:
        orgs = list(db.scalars(select(Organisation.id).where(Organisation.deleted_at.is_(None)).limit(40)))
        progs = list(db.scalars(select(Programme.id).where(Programme.status == "published").limit(40)))
        founder = db.scalar(select(User).where(User.email == "founder@robotouch.example"))
        assert founder is not None, "the demo's founder user is missing: is the demo loaded?"
        own = db.scalar(select(Membership.organisation_id).where(Membership.user_id == founder.id))
    timing = Timing(create_app())
    fresh = iter(texts(100_000, offset=0))
    repeat = texts(args.repeat_texts, offset=0)
    routes: dict[str, Any] = {
        "api_match_text_new": lambda i: "/api/v1/match?text=" + next(fresh),
        "api_match_text_repeat": lambda i: "/api/v1/match?text=" + repeat[i % len(repeat)],
        "api_org_matches": lambda i: f"/api/v1/organisations/{orgs[i % len(orgs)]}/matches",
        "page_matches_profile": lambda i: f"/matches?org={own}",
        "page_matches_text": lambda i: "/matches?q=" + repeat[i % len(repeat)],
        "page_similar": lambda i: f"/organisations/{orgs[i % len(orgs)]}/similar",
        "page_programme_fit": lambda i: f"/programmes/{progs[i % len(progs)]}/fit",
        "fragment_dashboard_matches": lambda i: "/dashboard/matches",
    }
    import kcbridge

    out: dict[str, Any] = {"load_average_start": load_average(), "code": str(Path(kcbridge.__file__).parent)}
    with TestClient(timing, headers={"Accept-Language": "ko-KR,ko;q=0.9"}) as client:
        html = client.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert token, "no CSRF token on /login"
        r = client.post(
            "/login",
            data={
                "csrf_token": token.group(1),
                "email": "founder@robotouch.example",
                "password": "kcbridge-demo",
            },
            follow_redirects=False,
        )
        assert r.status_code == 303, f"login failed: {r.status_code}"
        t0 = time.perf_counter()
        client.get(routes["api_match_text_repeat"](0)).raise_for_status()
        out["first_request_s"] = round(time.perf_counter() - t0, 2)
        for name, path in routes.items():  # warm: every route once, repeated texts all seen
            for i in range(len(repeat) if name == "api_match_text_repeat" else 3):
                client.get(path(i)).raise_for_status()
        if args.profile:
            profile_routes(timing.app, client.cookies, routes)
        c0 = time.process_time()
        for name, path in routes.items():
            server, cpu, wall = [], [], []
            for i in range(args.requests):
                t = time.perf_counter()
                r = client.get(path(i))
                wall.append(time.perf_counter() - t)
                r.raise_for_status()
                server.append(timing.last[0])
                cpu.append(timing.last[1])
            s, c, w = percentiles(server), percentiles(cpu), percentiles(wall)
            out[name] = {
                "path": path(0)[:60] + ("…" if len(path(0)) > 60 else ""),
                "requests": args.requests,
                "server_p50_ms": s["p50_ms"],
                "server_p95_ms": s["p95_ms"],
                "server_cpu_p50_ms": c["p50_ms"],
                "server_cpu_p95_ms": c["p95_ms"],
                "client_wall_p50_ms": w["p50_ms"],
                "client_wall_p95_ms": w["p95_ms"],
                "meets_target": s["p95_ms"] <= TARGET_P95_MS,
            }
            log(f"{name}: server p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms (cpu p95 {c['p95_ms']} ms)")
        out["cpu_s"] = round(time.process_time() - c0, 2)
    out["load_average_end"] = load_average()
    return out


# --- many clients against `kcbridge serve` -----------------------------------------------------------


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int) -> Iterator[tuple[str, subprocess.Popen]]:

    port = free_port()
    cmd = [sys.executable, "-c", "from kcbridge.app.cli import app; app()", "serve", "--port", str(port)]
    cmd += ["--workers", str(workers)]
    log_file = tempfile.NamedTemporaryFile(prefix="kcbridge-serve-", suffix=".log", delete=False)
    log(f"server log: {log_file.name}")
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, proc)
        yield base, proc
    finally:
        stop(proc)


def server_cpu_s(proc: subprocess.Popen) -> float:
    """User + system CPU seconds of the server process and its children (uvicorn's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    pids = [proc.pid]
    with contextlib.suppress(OSError):
        pids += [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def _load(base: str, paths: list[str], duration: float, clients: int) -> dict[str, Any]:
    import httpx

    samples: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}  # what the errors were: status codes or exception names
    counter = iter(range(10**9))
    stop = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:

        async def one() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                path = paths[next(counter) % len(paths)]
                t0 = time.perf_counter()
                try:
                    status = (await client.get(path)).status_code
                    ok, kind = status == 200, str(status)
                except httpx.HTTPError as exc:
                    ok, kind = False, type(exc).__name__
                samples.append(time.perf_counter() - t0)
                errors += not ok
                if not ok:
                    kinds[kind] = kinds.get(kind, 0) + 1

        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(clients)))
        wall = time.perf_counter() - t0
    return {
        "clients": clients,
        "requests": len(samples),
        "seconds": round(wall, 1),
        "requests_per_s": round(len(samples) / wall, 1),
        **percentiles(samples),
        "errors": errors,
        "error_kinds": kinds,
    }


def throughput(env: dict[str, str], workers: int, args: argparse.Namespace) -> dict[str, Any]:
    """GET /api/v1/match under `CLIENTS` clients: texts from a pool every worker has seen, and new texts."""
    import httpx

    pool = ["/api/v1/match?text=" + t for t in texts(args.repeat_texts)]
    new = ["/api/v1/match?text=" + t for t in texts(20_000, offset=50_000)]
    with serve(env, workers) as (base, proc):
        t0 = time.perf_counter()
        httpx.get(base + pool[0], timeout=600).raise_for_status()
        first = time.perf_counter() - t0
        asyncio.run(_load(base, pool, args.warm_seconds, 2 * workers))  # every worker builds its index
        out: dict[str, Any] = {"workers": workers, "first_request_s": round(first, 2)}
        for name, paths in (("repeated_texts", pool), ("new_texts", new)):
            cpu0, client0, la = server_cpu_s(proc), time.process_time(), load_average()
            res = asyncio.run(_load(base, paths, args.seconds, CLIENTS))
            server_cpu, client_cpu = server_cpu_s(proc) - cpu0, time.process_time() - client0
            res["server_cpu_s"], res["client_cpu_s"] = round(server_cpu, 1), round(client_cpu, 1)
            res["load_average"] = la
            if res["requests"]:
                # On a shared machine the rate follows the CPU other jobs leave; the CPU each request
                # costs (server and load generator) says what the cores would serve if they were ours.
                per = (server_cpu + client_cpu) / res["requests"]
                res["server_cpu_ms_per_request"] = round(1000 * server_cpu / res["requests"], 1)
                res["client_cpu_ms_per_request"] = round(1000 * client_cpu / res["requests"], 1)
                res["cpu_bound_requests_per_s"] = round((os.cpu_count() or 1) / per, 1) if per else None
            res["meets_target"] = res["requests_per_s"] >= TARGET_RPS and res["errors"] == 0
            out[name] = res
            log(f"workers {workers}, {name}: {res['requests_per_s']} req/s, p50 {res['p50_ms']} ms")
            new = new[res["requests"] :]  # never ask the same new text twice
    return out


# --- the run -------------------------------------------------------------------------------------------


def ensure_demo(args: argparse.Namespace) -> Path:
    if args.data_dir:
        path = Path(args.data_dir).resolve()
        if (path / "kcbridge.kit.db").exists() or os.environ.get("KCBRIDGE_DATABASE_URL"):
            return path
    else:
        path = Path(tempfile.mkdtemp(prefix="kcbridge-match-speed-"))
    log(f"loading the demo into {path} (a few minutes)")
    env = {**os.environ, "KCBRIDGE_DATA_DIR": str(path)}
    env.pop("KCBRIDGE_EMBEDDER", None)
    subprocess.run(
        [sys.executable, "-c", "from kcbridge.app.cli import app; app()", "demo", "load"], env=env, check=True
    )
    return path


def export_ref(ref: str) -> Path:
    """The `src/` of a git revision, in a temp folder (the working tree is left alone)."""
    dest = Path(tempfile.mkdtemp(prefix="kcbridge-baseline-"))
    archive = subprocess.run(["git", "archive", ref, "src"], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return dest / "src"


def child_env(data_dir: Path, src: Path) -> dict[str, str]:
    env = {**os.environ, "KCBRIDGE_DATA_DIR": str(data_dir), "PYTHONPATH": str(src)}
    env.setdefault("KCBRIDGE_SECRET_KEY", "bench-secret-key")
    env.pop("KCBRIDGE_EMBEDDER", None)  # the real USE model, as on the demo
    env["KCBRIDGE_PERIODIC_JOBS"] = "false"  # no periodic job competes with the measured requests
    return env


def run_version(label: str, src: Path, data_dir: Path, args: argparse.Namespace) -> dict[str, Any]:
    env = child_env(data_dir, src)
    log(f"{label}: one client, in process ({src})")
    cmd = [sys.executable, __file__, "--child", "--requests", str(args.requests)]
    cmd += ["--repeat-texts", str(args.repeat_texts)] + (["--profile"] if args.profile else [])
    cpu0 = os.times()
    done = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
    cpu1 = os.times()
    sys.stderr.write(done.stderr)
    out: dict[str, Any] = {"code": str(src), "single_client": json.loads(done.stdout)}
    out["single_client"]["child_cpu_s"] = round(
        (cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system), 1
    )
    out["concurrent"] = {}
    for workers in args.workers:
        log(f"{label}: {CLIENTS} clients, kcbridge serve --workers {workers}")
        try:
            out["concurrent"][f"workers_{workers}"] = throughput(env, workers, args)
        except Exception as exc:  # a failing server is a figure too
            out["concurrent"][f"workers_{workers}"] = {"error": repr(exc)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data-dir", help="a folder with a loaded demo (else a new temp folder)")
    ap.add_argument("--quick", action="store_true", help="fewer requests, shorter load runs")
    ap.add_argument("--no-baseline", action="store_true", help="skip measuring the baseline code")
    ap.add_argument("--baseline-ref", default=BASELINE_REF, help="git revision of the baseline code")
    ap.add_argument("--workers", default="1,2", help="server worker counts, e.g. 1,2")
    ap.add_argument("--requests", type=int, default=60, help="requests per route with one client")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of each concurrent run")
    ap.add_argument("--repeat-texts", type=int, default=60, help="distinct texts of the repeated pool")
    ap.add_argument("--profile", action="store_true", help="cProfile 5 requests of each route (stderr)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    args.warm_seconds = 5.0
    if args.quick:
        args.requests, args.seconds, args.warm_seconds = 20, 8.0, 3.0
    if args.child:
        print(json.dumps(single_client(args)))
        return
    args.workers = [int(w) for w in args.workers.split(",")]
    data_dir = ensure_demo(args)
    result: dict[str, Any] = {
        "benchmark": "match_speed",
        "targets": {"server_p95_ms": TARGET_P95_MS, "api_match_requests_per_s_50_clients": TARGET_RPS},
        "issue_baseline": ISSUE_BASELINE,
        "cpus": os.cpu_count(),
        "load_average_start": load_average(),
        "data_dir": str(data_dir),
    }
    result["current"] = run_version("current", ROOT / "src", data_dir, args)
    if not args.no_baseline:
        try:
            src = export_ref(args.baseline_ref)
        except subprocess.CalledProcessError as exc:
            result["baseline"] = {"error": f"cannot export {args.baseline_ref}: {exc}"}
        else:
            try:
                result["baseline"] = {
                    "ref": args.baseline_ref,
                    **run_version("baseline", src, data_dir, args),
                }
            finally:
                shutil.rmtree(src.parent, ignore_errors=True)
    result["load_average_end"] = load_average()
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
