"""Measured seconds of each test file (set-up, call and tear-down of its tests) on each database kind, in
durations.json beside this module: `make test` hands whole files to its worker processes (pytest-xdist,
--dist loadfile) longest first, so that no long file starts last and keeps the run waiting for it, and
`--shard=K/N` splits the files by these seconds instead of by their number of tests.

Refresh the table after tests have moved a lot (the order only changes the run's length, never a result):

    KCBRIDGE_TEST_DB=sqlite .venv/bin/python -m pytest -p no:cacheprovider -q -n 3 --junitxml=/tmp/s.xml
    .venv/bin/python -m tests.support.durations sqlite /tmp/s.xml     # likewise postgresql
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).with_name("durations.json")
TESTS = Path(__file__).resolve().parents[1]
UNKNOWN_TEST_SECONDS = 0.05  # a file missing from the table: this much per test


@cache
def table() -> dict[str, dict[str, float]]:
    return json.loads(TABLE.read_text()) if TABLE.exists() else {}


def seconds(kind: str, files: dict[str, Sequence[Any]]) -> dict[str, float]:
    """The expected seconds of each file (path relative to tests/ -> its items) on this database kind."""
    known = table().get(kind, {})
    return {f: known.get(f, UNKNOWN_TEST_SECONDS * len(items)) for f, items in files.items()}


def relative(path: str | Path) -> str:
    """A test file's path relative to tests/ (the table's keys)."""
    p = Path(path)
    return p.relative_to(TESTS).as_posix() if p.is_relative_to(TESTS) else p.as_posix()


def longest_first(kind: str, items: list[Any]) -> None:
    """Reorders `items` (in place) file by file, the longest files first; a file's tests keep their order."""
    files: dict[str, list[Any]] = {}
    for item in items:
        files.setdefault(relative(item.path), []).append(item)
    expect = seconds(kind, files)
    order = sorted(files, key=lambda f: -expect[f])  # stable: ties keep the collection's order
    items[:] = [item for f in order for item in files[f]]


# Files that share a costly start in their worker process go to one worker together, as one unit: the
# browser stories (chromium, the live server and the real embedder), and the files that load language
# models: the news files (the Korean and Chinese analysers), the matching files and the others that run the
# real embedder (a model of some 5 s to load), and the core demo (both). Each start costs every worker that
# runs one of these files; grouped, make test took 7:05 instead of 8:41.
MODELS = "language models"
GROUPS = {
    "tests/browser/": "browser stories",
    "tests/news/": MODELS,
    "tests/matching/": MODELS,
    "tests/matchmaking/": MODELS,
    "tests/app/demo/test_core.py": MODELS,
    "tests/events/test_marketplace.py": MODELS,
}


def scope(nodeid: str) -> str:
    """The unit pytest-xdist hands to one worker: the test's file, or its group of files (GROUPS)."""
    path = nodeid.split("::", 1)[0]
    return next((group for prefix, group in GROUPS.items() if path.startswith(prefix)), path)


def file_of(classname: str) -> str | None:
    """tests.app.test_x (or tests.app.test_x.TestClass) -> app/test_x.py, if that file exists."""
    parts = classname.split(".")[1:]
    for n in range(len(parts), 0, -1):
        candidate = Path(*parts[:n]).with_suffix(".py")
        if (TESTS / candidate).is_file():
            return candidate.as_posix()
    return None


def update(kind: str, junit_xml: Path) -> dict[str, float]:
    totals: Counter[str] = Counter()
    for case in ET.parse(junit_xml).iter("testcase"):
        path = file_of(case.get("classname", ""))
        if path:
            totals[path] += float(case.get("time", 0))
    data = dict(table())
    data[kind] = {f: round(s, 2) for f, s in sorted(totals.items())}
    TABLE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    return data[kind]


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("sqlite", "postgresql"):
        sys.exit("usage: python -m tests.support.durations sqlite|postgresql JUNIT.xml")
    measured = update(sys.argv[1], Path(sys.argv[2]))
    print(f"{len(measured)} files, {sum(measured.values()):.0f} s in all, written to {TABLE}")
