"""The demo's last steps: vectors for every organisation, opportunity and programme, one batch per kind.

The steps before write their rows without waiting for vectors; the change hook (matchmaking.hooks) queues an
embedding job for each of their flushes, which would only find the vectors done here: the loader drops them
after every step (`drop_queued_embedding`).

Embedding is most of the load's arithmetic. `warm` starts another process that loads the embedder while the
directory is written; `start` (once the directory, opportunities and programmes are there) reads the very
texts the vector steps will embed and has that process embed them while events, agreements, cases and news
are written; the vector steps then store rows it has computed (a text that changed in between is embedded
on the spot). A process rather than a thread: numpy works outside the interpreter lock, but the Python
around it does not, and in a thread it slowed the steps it ran beside (`kcbridge demo load` 20.8 -> 17.3 s).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

import numpy as np
from sqlalchemy.orm import Session

from kcbridge.kit import jobs
from kcbridge.kit.config import get_settings
from kcbridge.matching.embedder import Embedder, describe, encode_with, known
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking import repository as repo
from kcbridge.matchmaking.embedding import embed, embedder
from kcbridge.matchmaking.tasks import embed_entities

log = logging.getLogger(__name__)
WITHOUT = {
    docs.ORG: repo.organisations_without_embedding,
    docs.OPP: repo.opportunities_without_embedding,
    docs.PROG: repo.programmes_without_embedding,
}
NAMES = {docs.ORG: "organisations", docs.OPP: "opportunities", docs.PROG: "programmes"}
AHEAD = "kcbridge.demo.vectors_ahead"  # Session.info key: this load's background embedding


class Ahead:
    """The configured embedder, loaded in another process, and the rows of texts it embedded there in
    advance. Should that process fail, the texts are embedded here."""

    def __init__(self) -> None:
        self.spec = get_settings().embedder
        # spawned, not forked: this process has threads (jobs, a pool's) and open database connections
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._info: Future[tuple[str, int]] = self._pool.submit(describe, self.spec)  # loads it there
        self._rows: list[tuple[list[str], Future[np.ndarray]]] = []
        self.submitted: set[str] = set()  # the texts handed to the process so far
        self._failed = False

    def _result(self, future: Future[np.ndarray]) -> np.ndarray | None:
        if not self._failed:
            try:
                return future.result()
            except Exception:  # the process died or could not load the model: embed here instead
                log.exception("the demo's background embedding failed; embedding in this process")
                self._failed = True
        return None

    def _encode(self, texts: list[str]) -> Future[np.ndarray] | None:
        if not self._failed:
            try:
                return self._pool.submit(encode_with, self.spec, texts)
            except Exception:  # the process died before: the pool takes no more work
                log.exception("the demo's background embedding failed; embedding in this process")
                self._failed = True
        return None

    def submit(self, texts: Sequence[str]) -> None:
        distinct = list(dict.fromkeys(texts))
        self.submitted.update(distinct)
        future = self._encode(distinct) if distinct else None
        if future is not None:
            self._rows.append((distinct, future))

    def close(self) -> None:
        """Ends the process once its work is done, without waiting for it."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def current(self) -> bool:
        """Whether it embeds with the embedder configured now (a test may have switched it since)."""
        return self.spec == get_settings().embedder

    @property
    def name(self) -> str:
        return self._describe()[0]

    @property
    def dim(self) -> int:
        return self._describe()[1]

    def _describe(self) -> tuple[str, int]:
        if not self._failed:
            try:
                return known(self.spec) or self._info.result()  # a built-in one's without waiting
            except Exception:
                log.exception("the demo's background embedder did not load; embedding in this process")
                self._failed = True
        model = embedder()
        return model.name, model.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        done: dict[str, np.ndarray] = {}
        for distinct, future in self._rows:
            rows = self._result(future)
            if rows is not None:
                done.update(zip(distinct, rows, strict=True))
        missing = [t for t in dict.fromkeys(texts) if t not in done]
        if missing:
            pending = self._encode(missing)
            rows = self._result(pending) if pending is not None else None
            done.update(zip(missing, rows if rows is not None else embedder().encode(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([done[t] for t in texts])


class _Texts(Exception):
    """What `embed` asked a `_Recorder` to encode: raised before it writes anything."""

    def __init__(self, texts: Sequence[str]) -> None:
        super().__init__(len(texts))
        self.texts = list(texts)


class _Recorder:
    """An embedder that only notes what it is asked to encode, and stops the caller there."""

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        raise _Texts(texts)


def warm(db: Session) -> str:
    """Starts loading the embedder in another process (no summary)."""
    db.info[AHEAD] = Ahead()
    return ""


def start_organisations(db: Session) -> str:
    """Embeds in the background the organisations' texts the vector steps will ask for; no summary."""
    return _start(db, (docs.ORG,))


def start(db: Session) -> str:
    """Embeds in the background the opportunities' and programmes' texts (and organisations' not submitted
    yet) the vector steps will ask for; no summary."""
    return _start(db, tuple(WITHOUT))


def _start(db: Session, kinds: Sequence[str]) -> str:
    """Submits what `embed` would ask of its embedder for these kinds."""
    ahead = db.info.get(AHEAD)
    if not isinstance(ahead, Ahead) or not ahead.current():
        ahead = db.info[AHEAD] = Ahead()
    # The ids lack a current vector, so `embed` changes no row before it asks for their texts.
    recorder, texts = _Recorder(ahead.name, ahead.dim), []
    for kind in kinds:
        try:
            embed(db, kind, WITHOUT[kind](db, ahead.name), recorder)
        except _Texts as asked:
            texts += asked.texts
    ahead.submit([t for t in texts if t not in ahead.submitted])
    return ""


class Once:
    """The embedder, encoding each distinct text of a batch once: templated programmes share many phrases
    (about a third of their pieces), and the same text always gives the same row."""

    def __init__(self, model: Embedder | Ahead) -> None:
        self.model, self.name, self.dim = model, model.name, model.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        distinct = list(dict.fromkeys(texts))
        rows = self.model.encode(distinct)
        at = {t: i for i, t in enumerate(distinct)}
        return rows[[at[t] for t in texts]] if len(distinct) < len(texts) else rows


def _vectors(db: Session, kind: str) -> str:
    ahead = db.info.get(AHEAD)
    model = Once(ahead if isinstance(ahead, Ahead) and ahead.current() else embedder())
    n = embed(db, kind, WITHOUT[kind](db, model.name), model)
    drop_queued_embedding(db)
    return f"{n} {NAMES[kind]} embedded"


def organisations(db: Session) -> str:
    return _vectors(db, docs.ORG)


def opportunities(db: Session) -> str:
    return _vectors(db, docs.OPP)


def programmes(db: Session) -> str:
    return _vectors(db, docs.PROG)


def drop_queued_embedding(db: Session) -> None:
    """Forget the embedding jobs queued in this unit of work: what they would embed is embedded."""
    jobs.drop_pending(db, embed_entities)
