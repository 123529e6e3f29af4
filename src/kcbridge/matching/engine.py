"""Hybrid partner matching on plain data: the embedder-backed entry points and the public names.

Scores combine what the texts say (cosine of whole texts, and a reciprocal term: how well each
side's *requests* fit the other's whole text) with structured fit — sector similarity,
complementary cooperation types, partner type, country direction and freshness. The parts live in
`docs` (inputs and results), `index` (storage, filters, shortlist), `scoring` (structured fit) and
`ann` (the shortlist of large indexes); nothing here touches a database or the web layer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

from kcbridge.matching.docs import (
    MAX_TOP,
    Explanation,
    Filters,
    MatchDoc,
    MatchQuery,
    MatchResult,
    Weights,
    embedding_text,
    intent_of,
    request_text,
    require_text,
)
from kcbridge.matching.index import MAX_SECTORS, SHARED_SECTOR_MIN, MatchIndex
from kcbridge.matching.text import clean

__all__ = [
    "MAX_SECTORS",
    "MAX_TOP",
    "SHARED_SECTOR_MIN",
    "Explanation",
    "Filters",
    "MatchDoc",
    "MatchIndex",
    "MatchQuery",
    "MatchResult",
    "Matcher",
    "Weights",
    "embedding_text",
    "encode_texts",
    "intent_of",
    "phrase_pairs",
    "request_text",
    "require_text",
]


def encode_texts(embedder, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(whole-text vectors, request vectors) for texts; requests re-use the whole vector when equal."""
    texts = [clean(require_text(t)) for t in texts]
    full = embedder.encode(texts)
    asks = [request_text(t) for t in texts]
    seek = full.copy()
    todo = [i for i, (t, a) in enumerate(zip(texts, asks, strict=True)) if a != t]
    if todo:
        seek[todo] = embedder.encode([asks[i] for i in todo])
    return full, seek


def phrase_pairs(
    embedder, query_text: str, doc_texts: Sequence[str], k: int = 2, min_cosine: float = 0.2
) -> list[tuple[tuple[str, str, float], ...]]:
    """For each doc, up to `k` (query phrase, doc phrase, cosine) pairs that match best, one-to-one."""
    from kcbridge.matching.text import split_phrases

    q_phrases = split_phrases(query_text)
    d_phrases = [split_phrases(t) for t in doc_texts]
    flat = [p for ps in d_phrases for p in ps]
    vecs = embedder.encode(q_phrases + flat)
    qv, dv = vecs[: len(q_phrases)], vecs[len(q_phrases) :]
    out, start = [], 0
    for phrases in d_phrases:
        sim = qv @ dv[start : start + len(phrases)].T
        start += len(phrases)
        pairs = []
        for _ in range(min(k, *sim.shape)):
            i, j = np.unravel_index(int(np.argmax(sim)), sim.shape)
            if sim[i, j] < min_cosine:
                break
            pairs.append((q_phrases[i], phrases[j], round(float(sim[i, j]), 4)))
            sim[i, :] = -math.inf
            sim[:, j] = -math.inf
        out.append(tuple(pairs))
    return out


class Matcher:
    """An embedder, an index and the docs' texts: what the CLI, the eval and the tests use."""

    def __init__(self, embedder, weights: Weights | None = None, **index_options) -> None:
        self.embedder = embedder
        self.weights = weights or Weights()
        self.index = MatchIndex(embedder.dim, embedder.encode, **index_options)
        self.docs: dict[str, MatchDoc] = {}

    def add(self, docs: Sequence[MatchDoc]) -> None:
        """Embed and upsert docs (a doc with a known id replaces the old one)."""
        full, seek = encode_texts(self.embedder, [embedding_text(d) for d in docs])
        self.index.upsert(docs, full, seek)
        self.docs.update((d.id, d) for d in docs)

    def remove(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        for doc_id in ids:
            self.docs.pop(doc_id, None)
        return self.index.remove(ids)

    def search(
        self, query: MatchQuery, top: int = 10, filters: Filters | None = None, explain: bool = True
    ) -> list[MatchResult]:
        """Ranked results; with `explain`, each carries its best-matching phrase pairs."""
        require_text(query.text, "query text")
        full, seek = encode_texts(self.embedder, [embedding_text(query)])
        results = self.index.search(query, full[0], seek[0], top=top, filters=filters, weights=self.weights)
        if not explain or not results:
            return results
        pairs = phrase_pairs(self.embedder, query.text, [self.docs[r.id].text for r in results])
        return [
            MatchResult(
                r.id,
                r.score,
                r.semantic,
                r.parts,
                Explanation(r.explanation.shared_sectors, r.explanation.complementary_types, p),
            )
            for r, p in zip(results, pairs, strict=True)
        ]
