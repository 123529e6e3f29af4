"""Match index at a new process's start: a full build from the stored vectors (the baseline) against a
snapshot loaded from the data folder and caught up on the feed. Prints JSON.

    python bench/match_startup.py                  # 100,000 organisations on SQLite
    python bench/match_startup.py --orgs 20000 --database postgresql

The organisations are bench/directory.py's generated ones; their vectors are random unit vectors of the
configured embedder's size (building an index does not depend on what they mean). Each timing runs in a
fresh Python process (imports excluded, reported apart): the first builds and stores a snapshot, the
second finds it, after one organisation changed, and must load, catch up and answer the same way.
Then the same as a web process would live it: a `uvicorn` server started on the data folder (a first one
stores the directory's snapshot too), timed from its start to its first answered directory search and
its first answered `GET /api/v1/match` (which also loads the embedding model).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from sqlalchemy import insert, text

import directory as directory_bench
from _harness import free_port, stop
from kcbridge.kit.db import make_engine
from kcbridge.matchmaking.models import Embedding

TARGET_S = 3.0  # the bound for a new process to answer searches
ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, os, sys, time
t0 = time.perf_counter()
from sqlalchemy.orm import Session
from kcbridge.kit.db import make_engine
from kcbridge.matchmaking.models import Embedding
from kcbridge.matching.engine import MatchQuery
from kcbridge.matchmaking.match_index import MatchService
from kcbridge.matchmaking.embedding import embedder
model = embedder()
imported = time.perf_counter() - t0
engine = make_engine(sys.argv[1])
service = MatchService(folder=sys.argv[2])
with Session(engine) as db:
    t1 = time.perf_counter()
    service.refresh(db)
    ready = time.perf_counter() - t1
    vec = service.index._vec[0].copy()
    query = MatchQuery(text="robot", country="KR")
    hits = service.index.search(query, vec, vec, offer_vector=vec, top=10)
service.wait_for_snapshot()
print(json.dumps({"source": service.source, "documents": len(service), "ready_s": round(ready, 2),
                  "imports_s": round(imported, 2), "top": [h.id for h in hits]}))
"""


def add_vectors(url: str, n: int, model_name: str, dim: int) -> None:
    engine = make_engine(url).execution_options(write=True)
    with engine.connect() as conn:
        have = conn.execute(
            text("SELECT count(*) FROM embedding WHERE model = :m"), {"m": model_name}
        ).scalar()
    if have == n:
        return
    rng = np.random.default_rng(0)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM embedding"))
        for start in range(1, n + 1, 10_000):
            rows = []
            for i in range(start, min(start + 10_000, n + 1)):
                v = rng.standard_normal((3, dim)).astype(np.float32)
                v /= np.linalg.norm(v, axis=1, keepdims=True)
                rows.append(
                    {
                        "entity_type": "organisation",
                        "entity_id": i,
                        "model": model_name,
                        "vector": v[0].tobytes(),
                        "seek_vector": v[1].tobytes(),
                        "offer_vector": v[2].tobytes(),
                        "text_hash": "bench",
                        "revision": i,
                    }
                )
            conn.execute(insert(Embedding.__table__), rows)
        conn.execute(text("DELETE FROM search_state WHERE feed = 'embedding'"))
        conn.execute(text("INSERT INTO search_state (feed, revision) VALUES ('embedding', :n)"), {"n": n})
    engine.dispose()


def bump_one(url: str, n: int) -> None:
    """One organisation's vectors change after the snapshot: the loader must catch up on it."""
    engine = make_engine(url).execution_options(write=True)
    with engine.begin() as conn:
        conn.execute(text("UPDATE embedding SET revision = :r WHERE entity_id = 1"), {"r": n + 1})
        conn.execute(text("UPDATE search_state SET revision = :r WHERE feed = 'embedding'"), {"r": n + 1})
    engine.dispose()


def child(url: str, folder: Path) -> dict:
    env = {**os.environ, "KCBRIDGE_DATABASE_URL": url}
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, url, str(folder)], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return {
        **json.loads(out.stdout.strip().splitlines()[-1]),
        "process_s": round(time.perf_counter() - t0, 2),
    }


def first_answers(url: str, data_dir: Path) -> dict:
    """Seconds from a server's start to its first 200 on a directory search and on a match."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    paths = {
        "directory_search_s": "/api/v1/organisations?q=robot",
        "match_s": "/api/v1/match?text=로봇+손&top=5",
    }
    found: dict = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        directory_bench.uvicorn_cmd(port, 1), env=directory_bench.server_env(url, data_dir), cwd=ROOT
    )
    try:
        while len(found) < len(paths):
            for name, path in paths.items():
                if name in found:
                    continue
                try:
                    if httpx.get(base + path, timeout=120).status_code == 200:
                        found[name] = round(time.perf_counter() - t0, 2)
                except httpx.HTTPError:
                    pass
            if proc.poll() is not None or time.perf_counter() - t0 > 600:
                raise RuntimeError(f"the server did not answer (exit code {proc.poll()})")
            time.sleep(0.05)
    finally:
        stop(proc, timeout=15)
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orgs", type=int, default=100_000)
    ap.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    args = ap.parse_args()
    from kcbridge.matchmaking.embedding import embedder

    model = embedder()
    with tempfile.TemporaryDirectory(prefix="kcbridge-match-startup-") as tmp:
        os.environ["KCBRIDGE_DATA_DIR"] = tmp
        if args.database == "sqlite":
            ctx = None
            url = f"sqlite:///{tmp}/bench.db"
        else:
            ctx = directory_bench.postgres_database()
            url = ctx.__enter__()
        try:
            t0 = time.perf_counter()
            directory_bench.load(url, args.orgs)
            add_vectors(url, args.orgs, model.name, model.dim)
            print(f"[bench] data ready in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            folder = Path(tmp) / "search-snapshots"  # where a server of this data folder looks
            built = child(url, folder)
            snapshots = sorted(p.stat().st_size for p in folder.glob("match-*.npz"))
            bump_one(url, args.orgs)
            loaded = child(url, folder)
            first_server = first_answers(url, Path(tmp))  # stores the directory's snapshot as well
            server = first_answers(url, Path(tmp))
        finally:
            if ctx is not None:
                ctx.__exit__(None, None, None)
    print(
        json.dumps(
            {
                "database": args.database,
                "organisations": args.orgs,
                "model": model.name,
                "target_s": TARGET_S,
                "built_baseline": built,
                "from_snapshot": loaded,
                "snapshot_bytes": snapshots,
                "speedup": round(built["ready_s"] / max(loaded["ready_s"], 1e-9), 1),
                "same_top_10": built["top"] == loaded["top"],
                "server_first_start": first_server,
                "server_start_with_snapshots": server,
                "meets_target": loaded["source"] == "snapshot"
                and loaded["ready_s"] <= TARGET_S
                and server["directory_search_s"] <= TARGET_S,
                "note": "ready_s: refresh() in a new process, imports and the embedder's load apart (imports_s)",
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
