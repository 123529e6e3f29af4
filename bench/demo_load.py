"""How long `kcbridge demo load` takes into a fresh SQLite database, against the 20 s bound of issue #8.

    python bench/demo_load.py                   # the real command in a child process: wall, CPU, peak RSS
    python bench/demo_load.py --against HEAD    # and the same command of a git revision, runs alternated
    python bench/demo_load.py --steps           # and a load in this process, each step's wall and CPU time

Prints JSON. The bound holds on a quiet machine: on a shared 2-core box other jobs stretch the wall time,
so the load average at start and end is printed beside it, `cpu_seconds` (user + system of the load) is the
figure that moves least with them, and `--against` compares with a baseline loaded in turn in the same run
(the revision's `src/` exported with `git archive` to a temporary folder, run by the same interpreter).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from _harness import temp_platform

BOUND_SECONDS = 20.0
ROOT = Path(__file__).resolve().parents[1]
STEP = re.compile(r"✓ (.+) \((\d+(?:\.\d+)?) s\)")


def export(revision: str) -> Path:
    """The revision's `src/` in a temporary folder laid out like the repository (so the demo finds
    ../shared beside it)."""
    root = Path(tempfile.mkdtemp(prefix="kcb-demo-base-")) / "repo" / "main"
    root.mkdir(parents=True)
    (root.parents[0] / "shared").symlink_to(ROOT.parent / "shared")
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "src"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryFile() as f:
        f.write(archive)
        f.seek(0)
        with tarfile.open(fileobj=f) as tar:
            tar.extractall(root, filter="data")
    return root / "src"


def run_cli(src: Path | None = None) -> dict:
    """`kcbridge demo load` in a child process with its own new data folder and SQLite file (the code under
    `src` instead of this checkout's when given)."""
    env = dict(os.environ)
    tmp = temp_platform("kcb-demo-bench-")
    env.update({k: os.environ[k] for k in ("KCBRIDGE_DATA_DIR", "KCBRIDGE_DATABASE_URL")})
    if src is not None:
        env["PYTHONPATH"] = str(src)
    code = "import sys; from kcbridge.app.cli import app; sys.argv[0] = 'kcbridge'; sys.exit(app())"
    with tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "demo", "load"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own CPU time and peak memory
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read()
    if proc.returncode:
        raise SystemExit(f"demo load failed ({proc.returncode}):\n{stderr[-3000:]}")
    steps = {m[1]: float(m[2]) for m in STEP.finditer(stderr)}
    return {
        "data_dir": str(tmp),
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "steps_wall_seconds": steps,
        "within_bound": wall <= BOUND_SECONDS,
    }


def run_steps() -> dict:
    """A second load in this process, timing each step's wall and CPU (all threads) separately."""
    temp_platform("kcb-demo-steps-")
    t0, c0 = time.perf_counter(), time.process_time()
    from kcbridge.app import tasks  # noqa: F401  (as the CLI: every job registered)
    from kcbridge.app.demo import load
    from kcbridge.kit import jobs, migrate
    from kcbridge.kit.db import unit_of_work

    out: dict = {
        "imports": {"wall": round(time.perf_counter() - t0, 2), "cpu": round(time.process_time() - c0, 2)}
    }
    t0, c0 = time.perf_counter(), time.process_time()
    migrate.upgrade()
    jobs.run_inline = True
    out["migrations"] = {
        "wall": round(time.perf_counter() - t0, 2),
        "cpu": round(time.process_time() - c0, 2),
    }

    def timed(label, step):
        def run(db):
            t, c = time.perf_counter(), time.process_time()
            try:
                return step(db)
            finally:
                out[label] = {
                    "wall": round(time.perf_counter() - t, 2),
                    "cpu": round(time.process_time() - c, 2),
                }

        return run

    with unit_of_work() as db:
        load.load_demo(db, steps=[(label, timed(label, step)) for label, step in load.STEPS])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--steps", action="store_true", help="also time each step in this process")
    parser.add_argument("--against", metavar="REV", help="also load with this git revision's code, in turn")
    parser.add_argument("--rounds", type=int, default=1, help="loads of each (alternated with --against)")
    args = parser.parse_args()
    report: dict = {"machine": {"cpus": os.cpu_count(), "loadavg_at_start": os.getloadavg()}}
    report["bound_seconds"] = BOUND_SECONDS
    base = export(args.against) if args.against else None
    runs: dict[str, list[dict]] = {"this checkout": [], f"baseline {args.against}": []}
    for _ in range(max(1, args.rounds)):
        runs["this checkout"].append(run_cli())
        if base is not None:
            runs[f"baseline {args.against}"].append(run_cli(base))
    report["cli"] = runs["this checkout"][-1]
    report["runs"] = {
        name: [{k: r[k] for k in ("wall_seconds", "cpu_seconds")} for r in rs]
        for name, rs in runs.items()
        if rs
    }
    if args.rounds > 1 or base is not None:
        report["median"] = {
            name: {
                k: statistics.median(r[k] for r in rs) for k in ("wall_seconds", "cpu_seconds", "peak_rss_mb")
            }
            for name, rs in runs.items()
            if rs
        }
        report["median"]["within_bound"] = report["median"]["this checkout"]["wall_seconds"] <= BOUND_SECONDS
    if base is not None:
        mine, theirs = report["median"]["this checkout"], report["median"][f"baseline {args.against}"]
        report["ratio_to_baseline"] = {
            k: round(mine[k] / theirs[k], 3) for k in ("wall_seconds", "cpu_seconds")
        }
        report["baseline_cli"] = runs[f"baseline {args.against}"][-1]
    if args.steps:
        report["steps"] = run_steps()
    report["machine"]["loadavg_at_end"] = os.getloadavg()
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
