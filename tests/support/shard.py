"""`pytest --shard=K/N`: run only the K-th of N slices of the collected tests, so that N processes share
the machine's cores. Whole test files go to one slice (module fixtures are built once), the longest first
(measured seconds, tests/support/durations.py) onto the slice with the fewest seconds so far; every process
computes the same split. (`make test` and `make test-fast` share files out with pytest-xdist instead.)"""

from __future__ import annotations

import os

import pytest

from tests.support import durations


def parse(value: str) -> tuple[int, int]:
    try:
        k, n = (int(part) for part in value.split("/"))
    except ValueError:
        raise pytest.UsageError(f"--shard takes K/N, e.g. 1/2, not {value!r}") from None
    if not 1 <= k <= n:
        raise pytest.UsageError(f"--shard {value}: K must be between 1 and N")
    return k, n


def select(config: pytest.Config, items: list[pytest.Item], value: str) -> None:
    """Keeps the items of slice K (in place) and reports the others as deselected."""
    k, n = parse(value)
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(str(item.path), []).append(item)
    kind = os.environ.get("KCBRIDGE_TEST_DB", "sqlite")
    expect = durations.seconds(kind, {durations.relative(path): group for path, group in files.items()})
    load = [0.0] * n
    mine: set[str] = set()
    for path, _group in sorted(files.items(), key=lambda kv: (-expect[durations.relative(kv[0])], kv[0])):
        lightest = load.index(min(load))
        load[lightest] += expect[durations.relative(path)]
        if lightest == k - 1:
            mine.add(path)
    keep = [item for item in items if str(item.path) in mine]
    config.hook.pytest_deselected(items=[item for item in items if str(item.path) not in mine])
    items[:] = keep
