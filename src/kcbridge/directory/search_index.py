"""In-memory text search over organisations that works for Korean, Chinese and English.

No whitespace tokenisation is assumed for CJK: Hangul, Han and Kana runs are indexed as character
bigrams (and single characters), so "로봇" finds "로봇을", and "机器人" finds "人形机器人公司".
Latin words are indexed whole and found by prefix ("robot" finds "robotics").

Pure module: plain records in, ids out. Each web process keeps one and follows the database's
revision feed, so several processes stay correct (see directory/search.py).
"""

from __future__ import annotations

import bisect
import io
import itertools
import json
import re
import threading
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

_CJK = r"\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{_CJK}](?:[{_CJK}\\s]*[{_CJK}])?")
_WORD = re.compile(r"[^\W_]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_UNIGRAM = "\x01".__add__
_BIGRAM = "\x02".__add__


def normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def cjk_tokens(run: str) -> list[str]:
    """Bigrams of a CJK run with the spaces inside it removed; a lone character stands for itself."""
    chars = [c for c in run if not c.isspace()]
    if len(chars) == 1:
        return ["\x01" + chars[0]]
    return ["\x02" + a + b for a, b in zip(chars, chars[1:], strict=False)]


def index_tokens(text: str) -> set[str]:
    """Every token a document is findable by."""
    text = normalize(text)
    tokens: set[str] = set()
    # The unigrams and cjk_tokens() of every run, assembled from its space-separated words (which
    # recur across documents, so their tokens come from a cache) and the bigrams across the spaces.
    for run in _CJK_RUN.findall(text):
        words = run.split()
        for w in words:
            tokens.update(_word_tokens(w))
        if len(words) > 1:
            tokens.update(
                map(str.__add__, map(_BIGRAM, [w[-1] for w in words[:-1]]), [w[0] for w in words[1:]])
            )
    tokens.update(_WORD.findall(_CJK_RUN.sub(" ", text)))
    return tokens


@lru_cache(maxsize=1 << 18)
def _word_tokens(chars: str) -> frozenset[str]:
    return frozenset(itertools.chain(map(_UNIGRAM, chars), map(str.__add__, map(_BIGRAM, chars), chars[1:])))


def query_terms(query: str) -> list[tuple[str, bool]]:
    """(token, is_prefix) pairs that must all match; Latin words match by prefix."""
    query = normalize(query)
    terms: list[tuple[str, bool]] = []
    for m in _CJK_RUN.finditer(query):
        # Words a visitor separates ("로봇 회사") must each occur, not side by side.
        for word in m.group().split():
            terms.extend((t, False) for t in cjk_tokens(word))
    latin = _CJK_RUN.sub(" ", query)
    terms.extend((w, True) for w in _WORD.findall(latin))
    return list(dict.fromkeys(terms))


@dataclass(frozen=True, slots=True)
class SearchDoc:
    id: int
    name_text: str
    body_text: str
    org_type: str
    country: str
    city: str
    sectors: tuple[str, ...]
    sort_key: float  # larger first when there is no query (e.g. updated_at timestamp)


@dataclass
class SearchHits:
    ids: list[int]
    total: int


@dataclass
class _Postings:
    vocab: list[str] = field(default_factory=list)  # sorted, for prefix lookups
    offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    docs: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    def lookup(self, token: str, prefix: bool) -> np.ndarray:
        """Rows containing the token (for a prefix: a row may come more than once; callers mark rows)."""
        lo = bisect.bisect_left(self.vocab, token)
        if not prefix:
            if lo < len(self.vocab) and self.vocab[lo] == token:
                return self.docs[self.offsets[lo] : self.offsets[lo + 1]]
            return np.zeros(0, dtype=np.int32)
        hi = bisect.bisect_left(self.vocab, token + "\uffff")
        return self.docs[self.offsets[lo] : self.offsets[hi]]


def _build_postings(token_lists: list[Iterable[str]]) -> _Postings:
    """Postings sorted by (token, row), built with bulk maps and one integer sort, not per-token Python."""
    lists = [t if isinstance(t, (set, frozenset, list, tuple)) else list(t) for t in token_lists]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    total = int(lengths.sum())
    if total == 0:
        return _Postings()
    vocab = sorted(dict.fromkeys(itertools.chain.from_iterable(lists)))
    rank = dict(zip(vocab, range(len(vocab)), strict=True))
    tok = np.fromiter(map(rank.__getitem__, itertools.chain.from_iterable(lists)), np.int64, count=total)
    key = (tok << 32) | np.repeat(np.arange(len(lists), dtype=np.int64), lengths)
    del tok
    key.sort()
    docs = (key & 0xFFFFFFFF).astype(np.int32)
    offsets = np.searchsorted(key >> 32, np.arange(len(vocab) + 1)).astype(np.int64)
    return _Postings(vocab=vocab, offsets=offsets, docs=docs)


SNAPSHOT_FORMAT = "directory-search-index/1"  # change when the arrays below change meaning
_SEP = "\x00"  # never inside a token: tokens hold no whitespace and no control characters


class SnapshotError(ValueError):
    """The bytes are no snapshot of this format (truncated, corrupt, or written by other code)."""


def _pack_strings(values: list[str]) -> np.ndarray:
    return np.frombuffer(_SEP.join(values).encode(), dtype=np.uint8)


def _unpack_strings(data: np.ndarray) -> list[str]:
    text = data.tobytes().decode()
    return text.split(_SEP) if text else []


def _pack_delta(delta: dict[str, set[int]]) -> _Postings:
    vocab = sorted(delta)
    rows = [sorted(delta[t]) for t in vocab]
    offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(r) for r in rows])
    docs = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int32, count=int(offsets[-1]))
    return _Postings(vocab=vocab, offsets=offsets, docs=docs)


def _unpack_delta(p: _Postings) -> dict[str, set[int]]:
    return {t: set(p.docs[p.offsets[k] : p.offsets[k + 1]].tolist()) for k, t in enumerate(p.vocab)}


class SearchIndex:
    """Filtered text search; `upsert`/`remove` keep it current between full rebuilds."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._clear()

    def _clear(self) -> None:
        self.row_of: dict[int, int] = {}
        self._ids = np.zeros(0, dtype=np.int64)
        self._alive = np.zeros(0, dtype=bool)
        self._codes: dict[str, int] = {}  # type, country and city values → small ints
        self._sector_bits: dict[str, int] = {}
        self._type = np.zeros(0, dtype=np.int32)
        self._country = np.zeros(0, dtype=np.int32)
        self._city = np.zeros(0, dtype=np.int32)
        self._sectors = np.zeros(0, dtype=np.uint64)
        self._sort = np.zeros(0, dtype=np.float64)
        self._name = _Postings()
        self._body = _Postings()
        self._delta_name: dict[str, set[int]] = {}
        self._delta_body: dict[str, set[int]] = {}
        self._built_rows = 0
        self._by_sort: np.ndarray | None = None  # rows by descending sort key, made on demand

    def __len__(self) -> int:
        return int(self._alive.sum())

    def rebuild(self, docs: Iterable[SearchDoc]) -> None:
        """Replace the whole index (startup, or when the delta has grown large)."""
        docs = list(docs)
        with self._lock:
            self._clear()
            self._append_meta(docs)
            self._name = _build_postings([index_tokens(d.name_text) for d in docs])
            self._body = _build_postings([index_tokens(d.body_text) for d in docs])
            self._built_rows = len(docs)

    def _append_meta(self, docs: list[SearchDoc]) -> list[int]:
        start = len(self._ids)
        rows = list(range(start, start + len(docs)))
        for row, d in zip(rows, docs, strict=True):
            old = self.row_of.get(d.id)
            if old is not None:
                self._alive[old] = False
            self.row_of[d.id] = row
        self._ids = np.concatenate([self._ids, np.asarray([d.id for d in docs], dtype=np.int64)])
        self._alive = np.concatenate([self._alive, np.ones(len(docs), dtype=bool)])
        self._sort = np.concatenate([self._sort, np.asarray([d.sort_key for d in docs], dtype=np.float64)])
        code = self._code
        self._type = np.concatenate([self._type, np.asarray([code(d.org_type) for d in docs], np.int32)])
        self._country = np.concatenate([self._country, np.asarray([code(d.country) for d in docs], np.int32)])
        self._city = np.concatenate(
            [self._city, np.asarray([code(normalize(d.city)) for d in docs], np.int32)]
        )
        bits = np.asarray([self._bits(d.sectors) for d in docs], dtype=np.uint64)
        self._sectors = np.concatenate([self._sectors, bits])
        self._by_sort = None
        return rows

    def _code(self, value: str) -> int:
        return self._codes.setdefault(value, len(self._codes))

    def _bits(self, sectors: Iterable[str], *, add: bool = True) -> int:
        out = 0
        for s in sectors:
            if s not in self._sector_bits:
                if not add or len(self._sector_bits) >= 64:
                    continue
                self._sector_bits[s] = len(self._sector_bits)
            out |= 1 << self._sector_bits[s]
        return out

    def to_bytes(self, extra: dict[str, Any] | None = None) -> bytes:
        """The whole index as plain arrays (numpy's npz: no pickled objects; each member checked by a
        CRC on reading), with `extra` (JSON) for its owner. Only the copy is taken under the lock."""
        with self._lock:
            arrays: dict[str, Any] = {  # Any: savez's keywords include allow_pickle
                "ids": self._ids,
                "alive": self._alive.copy(),  # the only array changed in place (remove)
                "type": self._type,
                "country": self._country,
                "city": self._city,
                "sectors": self._sectors,
                "sort": self._sort,
            }
            postings = {
                "name": self._name,
                "body": self._body,
                "delta_name": _pack_delta(self._delta_name),
                "delta_body": _pack_delta(self._delta_body),
            }
            meta = {
                "format": SNAPSHOT_FORMAT,
                "codes": dict(self._codes),
                "sector_bits": dict(self._sector_bits),
                "built_rows": self._built_rows,
                "extra": extra or {},
            }
        for key, p in postings.items():
            arrays[f"{key}_vocab"] = _pack_strings(p.vocab)
            arrays[f"{key}_offsets"] = p.offsets
            arrays[f"{key}_docs"] = p.docs
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
        buf = io.BytesIO()
        np.savez(buf, **arrays)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> tuple[SearchIndex, dict[str, Any]]:
        """The index `to_bytes` wrote and its `extra`; SnapshotError when the bytes are not one."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as z:
                a = {k: z[k] for k in z.files}
            meta = json.loads(a["meta"].tobytes())
            if not isinstance(meta, dict) or meta.get("format") != SNAPSHOT_FORMAT:
                raise SnapshotError(f"snapshot format is not {SNAPSHOT_FORMAT!r}")
            ix = cls()
            n = len(a["ids"])
            columns = ("alive", "type", "country", "city", "sectors", "sort")
            if any(a[c].ndim != 1 or len(a[c]) != n for c in columns):
                raise SnapshotError("snapshot columns differ in length")
            ix._ids, ix._alive, ix._sort = a["ids"], a["alive"], a["sort"]
            ix._type, ix._country, ix._city, ix._sectors = a["type"], a["country"], a["city"], a["sectors"]
            ix._codes = {str(k): int(v) for k, v in meta["codes"].items()}
            ix._sector_bits = {str(k): int(v) for k, v in meta["sector_bits"].items()}
            ix._built_rows = int(meta["built_rows"])
            loaded: dict[str, _Postings] = {}
            for key in ("name", "body", "delta_name", "delta_body"):
                p = _Postings(_unpack_strings(a[f"{key}_vocab"]), a[f"{key}_offsets"], a[f"{key}_docs"])
                fits = len(p.offsets) == len(p.vocab) + 1 and int(p.offsets[-1]) == len(p.docs)
                if not fits or (len(p.docs) and (int(p.docs.max()) >= n or int(p.docs.min()) < 0)):
                    raise SnapshotError(f"snapshot postings {key!r} do not fit its rows")
                loaded[key] = p
            ix._name, ix._body = loaded["name"], loaded["body"]
            ix._delta_name = _unpack_delta(loaded["delta_name"])
            ix._delta_body = _unpack_delta(loaded["delta_body"])
            alive_rows = np.flatnonzero(ix._alive)
            ix.row_of = dict(zip(ix._ids[alive_rows].tolist(), alive_rows.tolist(), strict=True))
            extra = meta.get("extra")
            if not isinstance(extra, dict):
                raise SnapshotError("snapshot has no owner's metadata")
        except SnapshotError:
            raise
        except (
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            OSError,
            EOFError,
            zipfile.BadZipFile,
        ) as exc:
            raise SnapshotError(f"not a readable snapshot: {exc}") from exc
        return ix, extra

    def sort_key_of(self, doc_id: int) -> float | None:
        """The sort key a live document was given, None when the id is not in the index."""
        row = self.row_of.get(doc_id)
        return None if row is None else float(self._sort[row])

    def upsert(self, docs: Iterable[SearchDoc]) -> None:
        docs = list(docs)
        if not docs:
            return
        with self._lock:
            rows = self._append_meta(docs)
            for row, d in zip(rows, docs, strict=True):
                for t in index_tokens(d.name_text):
                    self._delta_name.setdefault(t, set()).add(row)
                for t in index_tokens(d.body_text):
                    self._delta_body.setdefault(t, set()).add(row)

    def remove(self, ids: Iterable[int]) -> None:
        with self._lock:
            for i in ids:
                row = self.row_of.pop(i, None)
                if row is not None:
                    self._alive[row] = False

    def needs_rebuild(self) -> bool:
        """True when so much sits in the delta that the owner should rebuild from its source."""
        return len(self._ids) - self._built_rows > max(5000, self._built_rows // 5)

    def _match(self, postings: _Postings, delta: dict[str, set[int]], token: str, prefix: bool) -> np.ndarray:
        base = postings.lookup(token, prefix)
        if not delta:
            return base
        if prefix:
            extra = [r for t, rows in delta.items() if t.startswith(token) for r in rows]
        else:
            extra = list(delta.get(token, ()))
        if extra:
            return np.concatenate([base, np.asarray(extra, dtype=np.int32)])
        return base

    def _rows_by_sort(self) -> np.ndarray:
        if self._by_sort is None or len(self._by_sort) != len(self._sort):
            # Stable, so equal keys keep row order (what a lexsort over the hits gave).
            self._by_sort = np.argsort(-self._sort, kind="stable")
        return self._by_sort

    def search(
        self,
        query: str = "",
        *,
        org_type: str | None = None,
        country: str | None = None,
        city: str | None = None,
        sectors: Iterable[str] = (),
        offset: int = 0,
        limit: int = 20,
    ) -> SearchHits:
        """Ids of live documents that contain every query term and pass the filters.

        Name matches rank before matches in the texts; ties go to the larger sort key.
        """
        with self._lock:
            mask = self._alive.copy()
            for column, value in ((self._type, org_type), (self._country, country), (self._city, city)):
                if value:
                    key = normalize(value) if column is self._city else value
                    mask &= column == self._codes.get(key, -1)
            sectors = list(sectors)
            if sectors:
                mask &= (self._sectors & np.uint64(self._bits(sectors, add=False))) != 0
            name_hit = np.zeros(len(mask), dtype=bool)
            terms = query_terms(query)
            if terms:
                in_name = np.ones(len(mask), dtype=bool)
                in_any = np.ones(len(mask), dtype=bool)
                for token, prefix in terms:
                    n = np.zeros(len(mask), dtype=bool)
                    n[self._match(self._name, self._delta_name, token, prefix)] = True
                    b = np.zeros(len(mask), dtype=bool)
                    b[self._match(self._body, self._delta_body, token, prefix)] = True
                    in_name &= n
                    in_any &= n | b
                mask &= in_any
                name_hit = in_name
            by_sort = self._rows_by_sort()
            rows = by_sort[mask[by_sort]]  # hits, larger sort key first
            total = len(rows)
            if total == 0:
                return SearchHits(ids=[], total=0)
            if terms:
                named = name_hit[rows]
                rows = np.concatenate([rows[named], rows[~named]])  # name matches first, order kept
            page = rows[offset : offset + limit]
            return SearchHits(ids=[int(i) for i in self._ids[page]], total=total)
