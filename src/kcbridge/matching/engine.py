"""Hybrid partner matching: multilingual embeddings plus structured fit, on plain data.

Scores combine what the texts say (cosine of whole texts, and a reciprocal term: how well
each side's *requests* fit the other's whole text) with structured fit — sector similarity,
complementary cooperation types, partner type, country direction and freshness. The index keeps
vectors in contiguous float32 matrices so a search is one matrix-vector product plus a few
vectorised lookups; nothing here touches a database or the web layer.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kcbridge.matching.text import (
    COOP_TYPES,
    ORG_OFFERS,
    SYMMETRIC_TYPES,
    clean,
    infer_intent,
    is_request,
    normalise_sector,
    sentences,
    truncate,
)

MAX_TOP = 1000
MAX_SECTORS = 8
SHARED_SECTOR_MIN = 0.7  # label cosine above which two sector tags count as the same field

_BIT = {code: 1 << i for i, code in enumerate(COOP_TYPES)}
_SYMMETRIC_MASK = sum(_BIT[c] for c in SYMMETRIC_TYPES)
_DIRECTIONAL_MASK = sum(_BIT.values()) - _SYMMETRIC_MASK
# Partner types a request for a cooperation type is really after; other specialist types
# (an investor, a zone) are a poor fit for a request that does not ask for what they do.
_WANTED_ORG = {
    "investment": {"investor"},
    "incubation": {"incubator", "economic_zone", "government_zone", "support_agency"},
    "joint_rnd": {"university", "research_institute"},
}
_SPECIALIST_ORG = set().union(*_WANTED_ORG.values()) | {"government"}
_COUNTERPART = {"KR": ("CN",), "CN": ("KR",)}


@dataclass(frozen=True, slots=True)
class MatchDoc:
    """One profile, opportunity or programme as the engine sees it."""

    id: str
    text: str
    lang: str | None = None
    sectors: tuple[str, ...] = ()
    org_type: str | None = None
    country: str | None = None
    kind: str = "profile"  # profile | opportunity | programme
    coop_offer: tuple[str, ...] = ()
    coop_seek: tuple[str, ...] = ()
    updated_at: float | None = None  # unix time, for freshness
    name: str | None = None  # an organisation's name often says what it is ("… Fund", "… 代工厂")


@dataclass(frozen=True, slots=True)
class MatchQuery:
    """What a searcher writes about itself and what it looks for."""

    text: str
    lang: str | None = None
    sectors: tuple[str, ...] = ()
    org_type: str | None = None
    country: str | None = None
    coop_offer: tuple[str, ...] = ()
    coop_seek: tuple[str, ...] = ()
    # Countries of wanted counterparts; None means "the other country" (KR <-> CN).
    target_countries: tuple[str, ...] | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """Hard eligibility filters, applied before ranking."""

    countries: tuple[str, ...] | None = None
    org_types: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    sectors: tuple[str, ...] | None = None  # any of these (normalised labels or codes)
    updated_after: float | None = None
    exclude_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Weights:
    """Few global weights, fitted on half the dev queries and checked on the other half."""

    semantic: float = 1.0
    reciprocal: float = 0.5
    sector: float = 0.3
    cooperation: float = 0.1
    rivalry: float = -0.05
    org_type: float = 0.05
    country: float = 0.03
    freshness: float = 0.02
    freshness_half_life_days: float = 365.0


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a result fits, as codes and phrases; the caller translates labels."""

    shared_sectors: tuple[str, ...] = ()
    complementary_types: tuple[str, ...] = ()
    phrase_pairs: tuple[tuple[str, str, float], ...] = ()  # (query phrase, doc phrase, cosine)


@dataclass(frozen=True, slots=True)
class MatchResult:
    id: str
    score: float
    semantic: float
    parts: dict[str, float]
    explanation: Explanation = field(default_factory=Explanation)


def require_text(text: str, what: str = "text") -> str:
    """The text, or a ValueError saying it is empty: an empty profile cannot be matched."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{what} is empty: write a few words about the organisation and what it seeks")
    return text


def embedding_text(item: MatchDoc | MatchQuery) -> str:
    """What gets embedded: the name (when known) followed by the text."""
    require_text(item.text, "text" if isinstance(item, MatchQuery) else f"text of {item.id!r}")
    return f"{item.name.strip()}. {item.text}" if item.name and item.name.strip() else item.text


def request_text(text: str) -> str:
    """The clauses that ask for something, joined; the whole text when none does."""
    asks = [s for s in sentences(truncate(text)) if is_request(s)]
    return " ".join(asks) if asks else text


def intent_of(item: MatchDoc | MatchQuery) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given cooperation types, else those read from the text; the org type always adds its offer."""
    if not (item.coop_offer or item.coop_seek):
        return infer_intent(item.text, item.org_type)
    implied = ORG_OFFERS.get(item.org_type or "")
    offer = tuple(item.coop_offer) + ((implied,) if implied and implied not in item.coop_offer else ())
    return offer, tuple(item.coop_seek)


def _mask(codes: Iterable[str]) -> int:
    return sum(_BIT.get(c, 0) for c in set(codes))


def _codes(mask: int) -> tuple[str, ...]:
    return tuple(c for c in COOP_TYPES if mask & _BIT[c])


class _Vocab:
    """Small string -> int code table so metadata lives in numpy arrays."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.labels: list[str] = []

    def code(self, value: str | None, add: bool = True) -> int:
        if value is None:
            return -1
        got = self.codes.get(value)
        if got is None and add:
            got = self.codes[value] = len(self.labels)
            self.labels.append(value)
        return -2 if got is None else got


def _sector_text(label: str) -> str:
    """Text to embed for a sector tag: the taxonomy's English label when it is a known code."""
    try:
        from kcbridge.directory.taxonomy import label as taxonomy_label
    except ImportError:  # the engine also runs without the directory package
        return label.replace("_", " ")
    return taxonomy_label(label, "en").replace("_", " ")


class MatchIndex:
    """In-memory search index: upsert/remove by id, exact search with pre-filters.

    Each web process keeps one and refreshes it when profiles change. Vectors come from the
    caller (they live in the database); `sector_encoder` embeds sector tags so that "5g" and
    "iot_5g" count as related. With `coarse_dim`, large indexes first shortlist candidates on
    a PCA projection of the vectors, then score the shortlist exactly.
    """

    def __init__(
        self,
        dim: int = 512,
        sector_encoder: Callable[[Sequence[str]], np.ndarray] | None = None,
        *,
        coarse_dim: int | None = None,
        exact_limit: int = 2_000,
        candidates: int = 500,
    ) -> None:
        self.dim = dim
        self.coarse_dim = coarse_dim
        self.exact_limit = exact_limit
        self.candidates = candidates
        self._encode_sectors = sector_encoder
        self._ids: list[str | None] = []
        self._row: dict[str, int] = {}
        self._free: list[int] = []
        self._cap = 0
        self._sectors_vocab = _Vocab()
        self._sector_vecs = np.zeros((0, dim), dtype=np.float32)
        self._country, self._org, self._kind = _Vocab(), _Vocab(), _Vocab()
        self._proj: np.ndarray | None = None
        self._fitted_at = 0
        self._grow(0)

    # --- storage -----------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._row

    @property
    def ids(self) -> list[str]:
        return list(self._row)

    def memory_bytes(self) -> int:
        """Bytes held by the numpy arrays (ids and vocabularies excluded)."""
        arrays = (
            self._vec,
            self._seek,
            self._coarse,
            self._alive,
            self._country_a,
            self._org_a,
            self._kind_a,
            self._updated,
            self._sectors,
            self._offer,
            self._seekm,
        )
        return sum(a.nbytes for a in arrays)

    def _grow(self, need: int) -> None:
        if need <= self._cap and self._cap:
            return
        # Headroom (1/8) so routine refreshes of a built index never trigger a multi-GB copy.
        cap = max(need + need // 8, self._cap + self._cap // 2, 1024)
        n = len(self._ids)

        def grown(old: np.ndarray | None, shape: tuple[int, ...], dtype, fill) -> np.ndarray:
            new = np.full(shape, fill, dtype=dtype)
            if old is not None and n:
                new[:n] = old[:n]
            return new

        get = self.__dict__.get
        self._vec = grown(get("_vec"), (cap, self.dim), np.float32, 0)
        # Request vectors are only read for the shortlist, so half precision is enough.
        self._seek = grown(get("_seek"), (cap, self.dim), np.float16, 0)
        k = self.coarse_dim or 0
        self._coarse = grown(get("_coarse"), (cap, k), np.float32, 0)
        self._alive = grown(get("_alive"), (cap,), bool, False)
        self._country_a = grown(get("_country_a"), (cap,), np.int16, -1)
        self._org_a = grown(get("_org_a"), (cap,), np.int16, -1)
        self._kind_a = grown(get("_kind_a"), (cap,), np.int16, -1)
        self._updated = grown(get("_updated"), (cap,), np.float64, np.nan)
        self._sectors = grown(get("_sectors"), (cap, MAX_SECTORS), np.int32, -1)
        self._offer = grown(get("_offer"), (cap,), np.int32, 0)
        self._seekm = grown(get("_seekm"), (cap,), np.int32, 0)
        self._cap = cap

    def upsert(
        self, docs: Sequence[MatchDoc], vectors: np.ndarray, seek_vectors: np.ndarray | None = None
    ) -> None:
        """Add or replace docs by id; `seek_vectors` embed each doc's requests (default: `vectors`)."""
        vectors = np.asarray(vectors, dtype=np.float32)
        seek_vectors = vectors if seek_vectors is None else np.asarray(seek_vectors, dtype=np.float32)
        if vectors.shape != (len(docs), self.dim) or seek_vectors.shape != vectors.shape:
            raise ValueError(f"expected vectors of shape ({len(docs)}, {self.dim}), got {vectors.shape}")
        fresh = {d.id for d in docs if d.id not in self._row}
        self._grow(len(self._ids) + max(0, len(fresh) - len(self._free)))  # one resize per batch
        rows = np.empty(len(docs), dtype=np.int64)
        for i, doc in enumerate(docs):
            row = self._row.get(doc.id)
            if row is None:
                row = self._free.pop() if self._free else len(self._ids)
                if row == len(self._ids):
                    self._ids.append(doc.id)
                self._ids[row] = doc.id
                self._row[doc.id] = row
            rows[i] = row
        self._vec[rows] = vectors
        self._seek[rows] = seek_vectors
        self._alive[rows] = True
        self._sectors[rows] = -1
        new_labels: list[str] = []
        for row, doc in zip(rows.tolist(), docs, strict=True):
            self._country_a[row] = self._country.code(doc.country)
            self._org_a[row] = self._org.code(doc.org_type)
            self._kind_a[row] = self._kind.code(doc.kind)
            self._updated[row] = np.nan if doc.updated_at is None else doc.updated_at
            offer, seek = intent_of(doc)
            self._offer[row], self._seekm[row] = _mask(offer), _mask(seek)
            codes = self._sector_codes(doc.sectors, new_labels)
            self._sectors[row, : len(codes)] = codes
        self._embed_sectors(new_labels)
        self._refresh_coarse(rows)

    def remove(self, ids: Iterable[str]) -> int:
        """Drop docs by id; unknown ids are ignored. Returns how many were removed."""
        removed = 0
        for doc_id in ids:
            row = self._row.pop(doc_id, None)
            if row is not None:
                self._alive[row] = False
                self._ids[row] = None
                self._free.append(row)
                removed += 1
        return removed

    def _sector_codes(self, sectors: Sequence[str], new_labels: list[str]) -> list[int]:
        codes: list[int] = []
        for raw in sectors:
            label = normalise_sector(raw)
            if not label:
                continue
            known = label in self._sectors_vocab.codes
            code = self._sectors_vocab.code(label)
            if not known:
                new_labels.append(label)
            if code not in codes:
                codes.append(code)
        return codes[:MAX_SECTORS]

    def _embed_sectors(self, labels: list[str]) -> None:
        if not labels:
            return
        if self._encode_sectors is None:
            vecs = np.zeros((len(labels), self.dim), dtype=np.float32)
        else:
            vecs = np.asarray(self._encode_sectors([_sector_text(lb) for lb in labels]), dtype=np.float32)
        self._sector_vecs = np.vstack([self._sector_vecs, vecs])

    def _refresh_coarse(self, rows: np.ndarray) -> None:
        """Refit the projection when the index has doubled since the last fit, else project new rows."""
        k = self.coarse_dim
        n = len(self._ids)
        if not k or len(self) < 4 * k:
            return
        if self._proj is None or len(self) > 2 * self._fitted_at:
            alive = np.flatnonzero(self._alive[:n])
            rng = np.random.default_rng(0)
            sample = self._vec[rng.choice(alive, size=min(len(alive), 20_000), replace=False)]
            # Uncentred SVD keeps the mean direction, which carries much of a cosine.
            self._proj = np.linalg.svd(sample, full_matrices=False)[2][:k].astype(np.float32)
            self._fitted_at = len(self)
            for start in range(0, n, 65_536):
                self._coarse[start : start + 65_536] = self._vec[start : start + 65_536] @ self._proj.T
        else:
            self._coarse[rows] = self._vec[rows] @ self._proj.T

    # --- search ------------------------------------------------------------------------

    def search(
        self,
        query: MatchQuery,
        vector: np.ndarray,
        seek_vector: np.ndarray | None = None,
        *,
        top: int = 10,
        filters: Filters | None = None,
        weights: Weights | None = None,
        now: float | None = None,
        exact: bool = False,
    ) -> list[MatchResult]:
        """The `top` best docs for `query`, whose whole text embeds to `vector` (requests: `seek_vector`).

        `exact` skips the coarse projection and shortlists on the full vectors.
        """
        require_text(query.text, "query text")
        if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= MAX_TOP:
            raise ValueError(f"top must be an integer between 1 and {MAX_TOP}, got {top!r}")
        w = weights or Weights()
        q = np.asarray(vector, dtype=np.float32).reshape(-1)
        qs = q if seek_vector is None else np.asarray(seek_vector, dtype=np.float32).reshape(-1)
        if q.shape != (self.dim,) or qs.shape != (self.dim,):
            raise ValueError(f"query vectors must have {self.dim} dimensions")
        mask = self._eligible(filters)
        cand = self._shortlist(q, mask, top, exact)
        if not len(cand):
            return []

        vec = self._vec[cand]
        cosine = vec @ q
        reciprocal = 0.5 * (vec @ qs + self._seek[cand].astype(np.float32) @ q)
        sector, doc_sims = self._sector_fit(query.sectors, cand)
        q_offer, q_seek = (_mask(c) for c in intent_of(query))
        d_offer, d_seek = self._offer[cand], self._seekm[cand]
        comp = (
            (q_seek & d_offer)
            | (q_offer & d_seek)
            | (_SYMMETRIC_MASK & (q_offer | q_seek) & (d_offer | d_seek))
        )
        coop = (comp != 0).astype(np.float32)
        rival = (((q_offer & d_offer & _DIRECTIONAL_MASK) != 0) & (comp == 0)).astype(np.float32)
        org = self._org_fit(query, q_seek, cand, d_seek)
        country = self._country_fit(query, cand)
        fresh = self._freshness(cand, now, w.freshness_half_life_days)
        score = (
            w.semantic * cosine
            + w.reciprocal * reciprocal
            + w.sector * sector
            + w.cooperation * coop
            + w.rivalry * rival
            + w.org_type * org
            + w.country * country
            + w.freshness * fresh
        )
        k = min(top, len(cand))
        best = np.argpartition(-score, k - 1)[:k] if k < len(cand) else np.arange(len(cand))
        best = best[np.argsort(-score[best], kind="stable")]
        results = []
        for i in best.tolist():
            row = int(cand[i])
            shared = tuple(
                self._sectors_vocab.labels[c]
                for c, s in zip(self._sectors[row], doc_sims[i], strict=True)
                if c >= 0 and s >= SHARED_SECTOR_MIN
            )
            parts = {
                "cosine": float(cosine[i]),
                "reciprocal": float(reciprocal[i]),
                "sector": float(sector[i]),
                "cooperation": float(coop[i]),
                "rivalry": float(rival[i]),
                "org_type": float(org[i]),
                "country": float(country[i]),
                "freshness": float(fresh[i]),
            }
            explanation = Explanation(shared_sectors=shared, complementary_types=_codes(int(comp[i])))
            results.append(
                MatchResult(self._ids[row] or "", float(score[i]), float(cosine[i]), parts, explanation)
            )
        return results

    def _eligible(self, filters: Filters | None) -> np.ndarray:
        n = len(self._ids)
        mask = self._alive[:n].copy()
        if filters is None:
            return mask
        for values, vocab, column in (
            (filters.countries, self._country, self._country_a),
            (filters.org_types, self._org, self._org_a),
            (filters.kinds, self._kind, self._kind_a),
        ):
            if values is not None:
                mask &= np.isin(column[:n], [vocab.code(v, add=False) for v in values])
        if filters.sectors is not None:
            wanted = [self._sectors_vocab.code(normalise_sector(s), add=False) for s in filters.sectors]
            mask &= np.isin(self._sectors[:n], wanted).any(axis=1)
        if filters.updated_after is not None:
            mask &= self._updated[:n] >= filters.updated_after  # unknown dates (nan) fail
        for doc_id in filters.exclude_ids:
            if doc_id in self._row:
                mask[self._row[doc_id]] = False
        return mask

    def _shortlist(self, q: np.ndarray, mask: np.ndarray, top: int, exact: bool) -> np.ndarray:
        """Eligible rows worth scoring fully: all of them in a small index, else the best by cosine."""
        eligible = int(mask.sum())
        if eligible <= max(self.exact_limit, top):
            return np.flatnonzero(mask)
        n = len(self._ids)
        if self._proj is not None and not exact:
            first = self._coarse[:n] @ (self._proj @ q)
        else:
            first = self._vec[:n] @ q
        if eligible < n:
            first[~mask] = -np.inf
        size = min(eligible, max(self.candidates, 20 * top))
        return np.argpartition(-first, size - 1)[:size]

    def _sector_fit(self, sectors: Sequence[str], cand: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Symmetric best-match similarity of sector tags, and each doc tag's best similarity."""
        doc = self._sectors[cand]
        labels = [lb for lb in dict.fromkeys(normalise_sector(s) for s in sectors) if lb]
        if not labels:
            return np.zeros(len(cand), np.float32), np.zeros(doc.shape, np.float32)
        vocab = self._sectors_vocab
        new = [lb for lb in labels if lb not in vocab.codes]
        for lb in new:
            vocab.code(lb)
        self._embed_sectors(new)
        ids = [vocab.codes[lb] for lb in labels]
        sim = self._sector_vecs[ids] @ self._sector_vecs.T
        sim[np.arange(len(ids)), ids] = 1.0
        sim = np.hstack([sim, np.zeros((len(ids), 1), np.float32)])  # column -1: padding
        grid = sim[:, doc]  # (query tags, candidates, doc tags)
        valid = doc >= 0
        per_doc_tag = np.where(valid, grid.max(axis=0), 0.0)
        n_tags = valid.sum(axis=1)
        doc_side = per_doc_tag.sum(axis=1) / np.maximum(n_tags, 1)
        query_side = np.where(valid[None], grid, -1.0).max(axis=2).mean(axis=0)
        score = np.where(n_tags > 0, 0.5 * (doc_side + query_side), 0.0)
        return score.astype(np.float32), per_doc_tag

    def _org_fit(self, query: MatchQuery, q_seek: int, cand: np.ndarray, d_seek: np.ndarray) -> np.ndarray:
        """+1 for the partner type a request asks for (either way round), -1 for an unasked specialist."""
        wanted = set().union(*(orgs for code, orgs in _WANTED_ORG.items() if q_seek & _BIT[code]))
        codes = self._org_a[cand]
        fit = np.zeros(len(cand), np.float32)
        special = [self._org.codes[o] for o in _SPECIALIST_ORG - wanted if o in self._org.codes]
        fit[np.isin(codes, special)] = -1.0
        fit[np.isin(codes, [self._org.codes[o] for o in wanted if o in self._org.codes])] = 1.0
        for code, orgs in _WANTED_ORG.items():
            if query.org_type in orgs:  # the doc asks for what the searcher is
                fit[(d_seek & _BIT[code]) != 0] = 1.0
        return fit

    def _country_fit(self, query: MatchQuery, cand: np.ndarray) -> np.ndarray:
        targets = query.target_countries
        if targets is None:
            targets = _COUNTERPART.get((query.country or "").upper(), ())
        codes = [self._country.codes[c] for c in targets if c in self._country.codes]
        return np.isin(self._country_a[cand], codes).astype(np.float32)

    def _freshness(self, cand: np.ndarray, now: float | None, half_life_days: float) -> np.ndarray:
        """1 for a doc updated now, halving every half-life; 0 when the date is unknown."""
        age_days = ((time.time() if now is None else now) - self._updated[cand]) / 86_400.0
        fresh = np.power(0.5, np.clip(age_days, 0.0, None) / half_life_days)
        return np.nan_to_num(fresh, nan=0.0).astype(np.float32)


# --- embedding-backed convenience ------------------------------------------------------


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
