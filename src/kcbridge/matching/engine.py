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
    reading_of,
    request_text,
    require_text,
)
from kcbridge.matching.index import MAX_SECTORS, SHARED_SECTOR_MIN, MatchIndex
from kcbridge.matching.intent import read
from kcbridge.matching.text import clean, split_phrases

# Below this cosine a phrase pair is no reason (cross-lingual pairs that say the same thing
# reach 0.5-0.8 with USE; unrelated phrases of one field sit around 0.2-0.35).
REASON_MIN = 0.4

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
    "encode_parts",
    "encode_texts",
    "explain_results",
    "intent_of",
    "phrase_pairs",
    "request_text",
    "require_text",
]


def encode_texts(embedder, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(whole-text vectors, request vectors) for texts; requests re-use the whole vector when equal."""
    full, _offer, seek = encode_parts(embedder, texts)
    return full, seek


def encode_parts(embedder, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(whole-text, offer-part, request-part) vectors; a part a text lacks re-uses its whole vector.

    All pieces go to the embedder in one call, so it can batch them by length.
    """
    texts = [clean(require_text(t)) for t in texts]
    readings = [read(t) for t in texts]
    pieces: list[str] = list(texts)
    offer_at, seek_at = list(range(len(texts))), list(range(len(texts)))
    for i, r in enumerate(readings):
        if r.offer and r.seek:  # with no request, the offer part is the whole text
            offer_at[i] = len(pieces)
            pieces.append(r.offer_text)
        if r.seek and r.seek_text != texts[i]:
            seek_at[i] = len(pieces)
            pieces.append(r.seek_text)
    vecs = embedder.encode(pieces)
    return vecs[: len(texts)], vecs[offer_at], vecs[seek_at]


def _split(reading_parts: tuple[str, ...], text: str) -> list[str]:
    """Phrases of some clauses (or of the whole text when there are none), at most `MAX_PHRASES`."""
    return split_phrases(" ".join(reading_parts)) if reading_parts else split_phrases(text)


def phrase_pairs(
    embedder, query_text: str, doc_texts: Sequence[str], k: int = 2, min_cosine: float = REASON_MIN
) -> list[tuple[tuple[str, str, float], ...]]:
    """For each doc, up to `k` (query phrase, doc phrase, cosine) pairs that match best, one-to-one.

    Pairs below `min_cosine` are dropped: a weak pair is no reason.
    """
    q_phrases = split_phrases(query_text)
    d_phrases = [split_phrases(t) for t in doc_texts]
    flat = [p for ps in d_phrases for p in ps]
    vecs = embedder.encode(q_phrases + flat)
    qv, dv = vecs[: len(q_phrases)], vecs[len(q_phrases) :]
    out, start = [], 0
    for phrases in d_phrases:
        sim = qv @ dv[start : start + len(phrases)].T
        start += len(phrases)
        out.append(tuple(_best_pairs(sim, q_phrases, phrases, k, min_cosine)))
    return out


def _best_pairs(
    sim: np.ndarray, a: Sequence[str], b: Sequence[str], k: int, min_cosine: float
) -> list[tuple[str, str, float]]:
    sim = sim.copy()
    pairs: list[tuple[str, str, float]] = []
    for _ in range(min(k, *sim.shape) if sim.size else 0):
        i, j = (int(x) for x in np.unravel_index(int(np.argmax(sim)), sim.shape))
        if sim[i, j] < min_cosine:
            break
        pairs.append((a[i], b[j], round(float(sim[i, j]), 4)))
        sim[i, :] = -math.inf
        sim[:, j] = -math.inf
    return pairs


def explain_results(
    embedder,
    query: MatchQuery,
    docs: Sequence[MatchDoc],
    results: Sequence[MatchResult],
    k: int = 2,
    min_cosine: float = REASON_MIN,
) -> list[MatchResult]:
    """Results with their reasons' phrase pairs filled in, pointing the way each reason does.

    "they seek what you offer" pairs your offer with their request, "they offer your need" (and
    the distributor / investor / host / research reasons) your request with their offer; other
    results get the closest phrases either way. Pairs below `min_cosine` are left out, and a
    `similar_text` reason without a pair is dropped. `phrase_pairs` keeps the pairs shown.
    """
    q_read = reading_of(query)
    q_all = split_phrases(query.text) if query.text.strip() else []
    q_offer = _split(q_read.offer, query.text) if q_all else []
    q_seek = _split(q_read.seek, query.text) if q_all else []
    d_reads = [reading_of(d) for d in docs]
    d_texts = [d.text if d.text.strip() else (d.name or "") for d in docs]
    d_offer = [_split(r.offer, t) if t.strip() else [] for r, t in zip(d_reads, d_texts, strict=True)]
    d_seek = [_split(r.seek, t) if t.strip() else [] for r, t in zip(d_reads, d_texts, strict=True)]
    pieces = list(dict.fromkeys(q_all + q_offer + q_seek + [p for ps in d_offer + d_seek for p in ps]))
    if not pieces:
        return list(results)
    vecs = dict(zip(pieces, embedder.encode(pieces), strict=True))

    def pairs(a: list[str], b: list[str], n: int) -> list[tuple[str, str, float]]:
        if not a or not b:
            return []
        sim = np.stack([vecs[p] for p in a]) @ np.stack([vecs[p] for p in b]).T
        return _best_pairs(sim, a, b, n, min_cosine)

    out = []
    for r, offer, seek in zip(results, d_offer, d_seek, strict=True):
        reasons: list[tuple[str, str, str, float]] = []
        shown: list[tuple[str, str, float]] = []
        codes = [c for c, *_ in r.explanation.reasons] or ["similar_text"]
        for code in codes:
            if code == "they_seek_your_offer":
                found = pairs(q_offer, seek or offer, 1)
            elif code == "similar_text":
                found = pairs(q_all, offer + seek, k)
            else:
                found = pairs(q_seek, offer or seek, 1)
            if not found and code == "similar_text":
                continue
            if found:
                reasons.extend((code, a, b, s) for a, b, s in found)
            else:
                reasons.append((code, "", "", 0.0))
            shown.extend(p for p in found if p not in shown)
        if not shown:
            shown = pairs(q_all, offer + seek, k)
        ex = r.explanation
        out.append(
            MatchResult(
                r.id,
                r.score,
                r.semantic,
                r.parts,
                Explanation(ex.shared_sectors, ex.complementary_types, tuple(shown[:k]), tuple(reasons)),
            )
        )
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
        full, offer, seek = encode_parts(self.embedder, [embedding_text(d) for d in docs])
        self.index.upsert(docs, full, seek, offer)
        self.docs.update((d.id, d) for d in docs)

    def remove(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        for doc_id in ids:
            self.docs.pop(doc_id, None)
        return self.index.remove(ids)

    def search(
        self, query: MatchQuery, top: int = 10, filters: Filters | None = None, explain: bool = True
    ) -> list[MatchResult]:
        """Ranked results; with `explain`, each carries its reasons and best-matching phrase pairs."""
        full, offer, seek = encode_parts(self.embedder, [embedding_text(query)])
        results = self.index.search(
            query, full[0], seek[0], offer_vector=offer[0], top=top, filters=filters, weights=self.weights
        )
        if not explain or not results:
            return results
        return explain_results(self.embedder, query, [self.docs[r.id] for r in results], results)
