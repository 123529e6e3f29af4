"""python -m kcbridge.app.demo.store_schedules: solves the demo events' schedules and stores them.

Loads the whole demo into a scratch SQLite database (vectors by the instant hash embedder: they play no part),
lets the scheduler solve every event with a generous time limit, and writes data/schedules.toml.
"""

from __future__ import annotations

import os
import sys
import tempfile

from kcbridge.app.demo import schedules
from kcbridge.app.demo.load import load_demo
from kcbridge.kit import jobs, migrate
from kcbridge.kit.config import get_settings
from kcbridge.kit.db import unit_of_work


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["KCBRIDGE_DATA_DIR"] = scratch
        os.environ.pop("KCBRIDGE_DATABASE_URL", None)
        os.environ["KCBRIDGE_EMBEDDER"] = "hash"
        get_settings.cache_clear()
        migrate.upgrade()
        jobs.run_inline = True
        solved = schedules.solve_all()
        with unit_of_work() as db:
            print(load_demo(db), file=sys.stderr)
            db.rollback()
    schedules.write(solved)
    print(
        f"stored the schedules of {', '.join(solved)} in {schedules.source.DATA / schedules.FILE}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
