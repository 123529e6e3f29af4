"""What several benchmarks share: a throw-away platform in a temporary folder, and timing with percentiles.

Imported by the scripts beside it (`python bench/x.py` puts this folder on the path).
"""

from __future__ import annotations

import contextlib
import os
import socket
import statistics
import subprocess
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 120, every: float = 0.2) -> float:
    """Waits until the server at `base` answers /healthz; seconds waited. RuntimeError when it exits or
    does not answer within `timeout`."""
    import httpx

    started = time.perf_counter()
    while True:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return time.perf_counter() - started
        if proc.poll() is not None or time.perf_counter() - started > timeout:
            raise RuntimeError(f"the server did not answer /healthz (exit code {proc.poll()})")
        time.sleep(every)


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    """Asks a server process to end, and kills it if it has not within `timeout` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
