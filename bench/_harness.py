"""What several benchmarks share: a throw-away platform in a temporary folder, and timing with percentiles.

Imported by the scripts beside it (`python bench/x.py` puts this folder on the path).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def temp_platform(prefix: str, database: str = "") -> Path:
    """Points kcbridge at a new data folder and database (a SQLite file there unless `database` is given),
    with the process-wide index warm-up and periodic jobs off. Call before importing kcbridge's modules."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["KCBRIDGE_DATA_DIR"] = str(tmp)
    os.environ["KCBRIDGE_DATABASE_URL"] = database or f"sqlite:///{tmp / 'bench.db'}"
    os.environ["KCBRIDGE_WARM_INDEXES"] = "false"
    os.environ["KCBRIDGE_PERIODIC_JOBS"] = "false"
    return tmp


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """p50, p95 and mean of wall times in milliseconds."""
    s = sorted(samples_ms)
    return {
        "p50_ms": round(statistics.median(s), 2),
        "p95_ms": round(s[min(len(s) - 1, int(0.95 * len(s)))], 2),
        "mean_ms": round(statistics.fmean(s), 2),
    }


def timed(fn: Callable[[], object], calls: int) -> dict[str, float]:
    """Calls `fn` once to warm caches (the process-local indexes among them), then `calls` times, timed."""
    fn()
    samples = []
    for _ in range(calls):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return percentiles(samples)
