"""A job for the test of a worker killed mid-run (tests/app/test_worker_killed.py): it notes its start and
its end in a file, and takes KCBRIDGE_TEST_JOB_SECONDS between them."""

from __future__ import annotations

import os
import time
from pathlib import Path

from kcbridge.kit import jobs


@jobs.job
def noted(*, path: str) -> None:
    with Path(path).open("a") as f:
        f.write("start\n")
    time.sleep(float(os.environ.get("KCBRIDGE_TEST_JOB_SECONDS", "0")))
    with Path(path).open("a") as f:
        f.write("done\n")
