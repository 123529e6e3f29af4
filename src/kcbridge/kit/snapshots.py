"""Snapshots of in-memory indexes kept in the data folder (the directory search index, the match index),
so a new process loads one instead of building its index from every row.

A snapshot is named by a key (the database it was read from and the code that made it) and the revision
of the feed it holds. Any process may write one: to a temporary file first, then `os.replace`, so a
reader sees a whole file or none. A reader takes the newest one not ahead of the database and catches up
from the feed (directory/search.py, matchmaking/match_index.py). They are a cache: one missing, corrupt or stale only costs a rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

KEEP = 2  # snapshots kept per key: the newest, and the one a slower reader may still be opening
STALE_TEMP_SECONDS = 3600  # a temporary file this old belongs to a writer that died

log = logging.getLogger("kcbridge.snapshots")


@dataclass(frozen=True)
class SnapshotStore:
    folder: Path
    key: str  # [0-9a-f]+, names the database and the code
    kind: str = "directory"  # [a-z]+: which index (the start of each file name)

    def path(self, revision: int) -> Path:
        return self.folder / f"{self.kind}-{self.key}-r{revision:012d}.npz"

    def candidates(self, at_most: int) -> list[tuple[int, Path]]:
        """Snapshots of this key with a revision not above `at_most`, newest first."""
        pattern = re.compile(rf"{re.escape(self.kind)}-{re.escape(self.key)}-r(\d{{12}})\.npz")
        found: list[tuple[int, Path]] = []
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                m = pattern.fullmatch(entry.name)
                if m and int(m.group(1)) <= at_most:
                    found.append((int(m.group(1)), Path(entry.path)))
        return sorted(found, reverse=True)

    def read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except OSError:  # removed by another process's pruning since it was listed
            return None

    def write(self, revision: int, data: bytes | Callable[[BinaryIO], object]) -> Path:
        """Stores a snapshot atomically (several writers of one revision: the last replace wins, and both
        wrote the same index), then removes all but the newest KEEP of this key. `data` is the bytes, or a
        function that writes them to the open file (a large index need not be copied into memory)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(revision)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".npz", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                if callable(data):
                    data(fh)
                else:
                    fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        self.prune()
        return target

    def prune(self) -> None:
        for _revision, path in self.candidates(at_most=10**12 - 1)[KEEP:]:
            with contextlib.suppress(OSError):
                path.unlink()
        now = time.time()
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name.startswith(".tmp-") and now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


class BackgroundWriter:
    """Stores an index's snapshot in a thread of its own, one write at a time: `start` while a write is
    running does nothing (the running one stores the index as it stood when it began, the next
    `start` a newer one). A failed write is logged: snapshots are a cache, the next process builds."""

    def __init__(self, name: str, write: Callable[[], object]) -> None:
        self.name = name
        self._write = write
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return

        def run() -> None:
            try:
                self._write()
            except Exception:
                log.exception("%s not stored", self.name)

        # Not a daemon: a process told to stop right after its build still leaves its snapshot behind.
        self._thread = threading.Thread(target=run, name=f"kcbridge-{self.name}", daemon=False)
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Waits for a write under way, if any (tests, benchmarks)."""
        if self._thread is not None:
            self._thread.join(timeout)
