"""Organisation import (`kcbridge orgs import`) at growing file sizes, with its background embedding jobs,
against two baselines measured in the same run: a flush for each row (the import before its bulk path:
new organisations are now flushed 500 at a time) and one embedding job for each row; then `kcbridge
backup` and `restore` of the result into a new SQLite database.

    python bench/import_backup.py                    # 1,000 and 4,000 rows
    python bench/import_backup.py --rows 1000 10000  # any sizes

Prints one JSON object: per size, seconds (wall and CPU) and milliseconds per row. Linear means the
per-row figures stay flat as the file grows. The hash embedder is used (set KCBRIDGE_EMBEDDER=use for
the real model).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any


def make_csv(path: Path, n: int) -> None:
    from kcbridge.directory.importexport import COLUMNS

    rng = random.Random(n)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for i in range(n):
            w.writerow(
                {
                    "name_ko": f"회사 {i}",
                    "name_en": f"Company {i}",
                    "org_type": "company",
                    "country": rng.choice(["KR", "CN"]),
                    "city": "Seoul",
                    "sectors": ";".join(rng.sample(["ai", "robotics", "semiconductors", "cloud"], 2)),
                    "description_en": f"We build robot hands and AI vision, product line {i}.",
                    "description_ko": f"로봇 손과 AI 비전 {i}",
                    "people": json.dumps([{"name": f"Person {i}", "email": f"p{i}@bench.example"}]),
                }
            )


def use_database(folder: Path, name: str) -> None:
    from kcbridge.kit import migrate
    from kcbridge.kit.db import reset_caches

    os.environ["KCBRIDGE_DATABASE_URL"] = f"sqlite:///{folder / name}"
    reset_caches()
    migrate.upgrade()


def import_once(folder: Path, csv_path: Path, *, merged: bool, chunk: int) -> dict[str, float]:
    from kcbridge.directory import importexport as io_
    from kcbridge.kit import jobs
    from kcbridge.kit.audit import Actor
    from kcbridge.kit.db import unit_of_work
    from kcbridge.matchmaking.tasks import embed_entities

    use_database(folder, f"{csv_path.stem}-{'merged' if merged else 'per-row'}-{chunk}.db")
    embed_entities.merge = "ids" if merged else None
    io_.IMPORT_CHUNK, bulk = chunk, io_.IMPORT_CHUNK
    wall, cpu = time.perf_counter(), time.process_time()
    records = io_.parse_file(csv_path)
    with unit_of_work() as db:
        io_.import_records(db, records, actor=Actor.system("bench"))
    imported = time.perf_counter() - wall, time.process_time() - cpu
    jobs.wait_idle()
    done = time.perf_counter() - wall, time.process_time() - cpu
    embed_entities.merge = "ids"
    io_.IMPORT_CHUNK = bulk
    n = len(records)
    return {
        "import_s": round(imported[0], 2),
        "import_cpu_ms_per_row": round(1000 * imported[1] / n, 2),
        "with_jobs_s": round(done[0], 2),
        "with_jobs_ms_per_row": round(1000 * done[0] / n, 2),
        "with_jobs_cpu_ms_per_row": round(1000 * done[1] / n, 2),
    }


def backup_restore(folder: Path, source: str) -> dict[str, float]:
    from kcbridge.app.backup import restore_backup, write_backup

    use_database(folder, source)
    zip_path = folder / f"{source}.zip"
    t = time.perf_counter()
    rows = sum(write_backup(zip_path).values())
    backup_s = time.perf_counter() - t
    use_database(folder, f"restored-{source}")
    t = time.perf_counter()
    restore_backup(zip_path)
    return {
        "rows": rows,
        "backup_s": round(backup_s, 2),
        "restore_s": round(time.perf_counter() - t, 2),
        "zip_mb": round(zip_path.stat().st_size / 1e6, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 4000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("KCBRIDGE_EMBEDDER", "hash")
        os.environ["KCBRIDGE_DATA_DIR"] = str(folder)
        os.environ["KCBRIDGE_SECRET_KEY"] = "bench"
        from kcbridge.app import models, tasks  # noqa: F401  (every table and job)
        from kcbridge.app.web import assemble

        assemble()
        out: dict[str, Any] = {"embedder": os.environ["KCBRIDGE_EMBEDDER"], "sizes": {}}
        for n in args.rows:
            path = folder / f"orgs-{n}.csv"
            make_csv(path, n)
            from kcbridge.directory.importexport import IMPORT_CHUNK

            out["sizes"][n] = {
                "bulk": import_once(folder, path, merged=True, chunk=IMPORT_CHUNK),
                "baseline_flush_per_row": import_once(folder, path, merged=True, chunk=1),
                "baseline_one_job_per_row": import_once(folder, path, merged=False, chunk=IMPORT_CHUNK),
            }
        largest = max(args.rows)
        out["backup_restore"] = backup_restore(folder, f"orgs-{largest}-merged-{IMPORT_CHUNK}.db")
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
