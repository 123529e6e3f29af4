"""The demo's last steps: vectors for every organisation, opportunity and programme, one batch per kind.

The steps before write their rows without waiting for vectors; the change hook (matchmaking.hooks) queues an
embedding job for each of their flushes, which would only find the vectors done here: the loader drops them
after every step (`drop_queued_embedding`).

Embedding is most of the load's arithmetic, and numpy does it outside the GIL: `warm` loads the embedder in
a background thread while the directory is written, `start` (once the directory, opportunities and
programmes are there) reads the very texts the vector steps will embed and embeds them in that thread while
events, agreements, cases and news are written; the vector steps then store rows it has computed (a text
that changed in between is embedded on the spot).
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor

import numpy as np
from sqlalchemy.orm import Session

from kcbridge.kit import jobs
from kcbridge.matching.embedder import Embedder
from kcbridge.matchmaking import documents as docs
from kcbridge.matchmaking import repository as repo
from kcbridge.matchmaking.embedding import embed, embedder
from kcbridge.matchmaking.tasks import embed_entities

WITHOUT = {
    docs.ORG: repo.organisations_without_embedding,
    docs.OPP: repo.opportunities_without_embedding,
    docs.PROG: repo.programmes_without_embedding,
}
NAMES = {docs.ORG: "organisations", docs.OPP: "opportunities", docs.PROG: "programmes"}
AHEAD = "kcbridge.demo.vectors_ahead"  # Session.info key: this load's background embedding


class Ahead:
    """The embedder, loaded in a background thread, and the rows of texts it embedded there in advance."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="demo-vectors")
        self._model: Future[Embedder] = self._thread.submit(embedder)
        self._rows: list[Future[dict[str, np.ndarray]]] = []
        self.submitted: set[str] = set()  # the texts handed to the thread so far

    @property
    def model(self) -> Embedder:
        return self._model.result()

    def submit(self, texts: Sequence[str]) -> None:
        distinct = list(dict.fromkeys(texts))
        self.submitted.update(distinct)
        self._rows.append(
            self._thread.submit(lambda: dict(zip(distinct, self.model.encode(distinct), strict=True)))
        )

    def close(self) -> None:
        """Lets the thread end once its work is done."""
        self._thread.shutdown(wait=False)

    def current(self) -> bool:
        """Whether it embeds with the embedder configured now (a test may have switched it since)."""
        return self.model.name == embedder().name

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def dim(self) -> int:
        return self.model.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        done: dict[str, np.ndarray] = {}
        for rows in self._rows:
            done.update(rows.result())
        missing = [t for t in dict.fromkeys(texts) if t not in done]
        if missing:
            done.update(zip(missing, self.model.encode(missing), strict=True))
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
    """Starts loading the embedder in a background thread (no summary)."""
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
