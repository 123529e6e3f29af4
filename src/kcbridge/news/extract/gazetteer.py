"""The gazetteer: known organisations and places, found in text and linked by name.

Entries are plain data, so the directory can feed its own in the same shape:
`{"id", "type", "country", "names": {"ko": [...], "zh": [...], "en": [...]}, "aliases": [...],
"place": bool}`. A built-in seed of well-known bodies ships in `data/seed_gazetteer.json`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick
from rapidfuzz import fuzz, process

from kcbridge.news.extract.text import script_of

FUZZY_CUTOFF = 90.0


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: str
    country: str | None
    names: tuple[str, ...]
    place: bool = False
    canonical: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    surface: str
    entry: Entry


def norm(name: str) -> str:
    """Key for exact matching: case-folded, without spaces and middle dots."""
    return re.sub(r"[\s·・\-]", "", name).casefold()


def _entry(raw: Mapping[str, Any]) -> Entry:
    names: list[str] = []
    canonical: dict[str, str] = {}
    for lang, values in (raw.get("names") or {}).items():
        for v in values or ():
            if v and v not in names:
                names.append(v)
            canonical.setdefault(lang, v)
    for v in raw.get("aliases") or ():
        if v and v not in names:
            names.append(v)
    return Entry(
        id=str(raw["id"]),
        type=str(raw.get("type") or "other"),
        country=raw.get("country"),
        names=tuple(names),
        place=bool(raw.get("place")),
        canonical=canonical,
    )


class Gazetteer:
    """Aho–Corasick automaton over every name, plus same-script fuzzy linking."""

    def __init__(self, entries: Iterable[Mapping[str, Any]] = ()) -> None:
        self._entries: list[Entry] = []
        self._by_key: dict[str, Entry] = {}
        self._automaton: Any = None
        self.extend(entries)

    def extend(self, entries: Iterable[Mapping[str, Any]]) -> None:
        """Add entries (the directory's, or newly accepted candidates); later ones win ties."""
        for raw in entries:
            e = _entry(raw)
            self._entries.append(e)
            for name in e.names:
                self._by_key[norm(name)] = e
        self._automaton = None
        self._fuzzy_cache: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def _build(self) -> Any:
        a = ahocorasick.Automaton()
        for e in self._entries:
            for name in e.names:
                key = name.casefold()
                if len(key) >= 2:
                    a.add_word(key, (len(key), e.id, name))
        if len(a):
            a.make_automaton()
        self._automaton = a
        self._ids = {e.id: e for e in self._entries}
        return a

    def find(self, text: str) -> list[Hit]:
        """Longest non-overlapping name occurrences, left to right, word boundaries for Latin."""
        a = self._automaton if self._automaton is not None else self._build()
        if not len(a):
            return []
        low = text.casefold()
        raw: list[tuple[int, int, str]] = []
        for end, (n, eid, _name) in a.iter(low):
            start = end - n + 1
            if _latin_edge(text, start, end + 1):
                raw.append((start, end + 1, eid))
        raw.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        hits: list[Hit] = []
        last = -1
        for s, e, eid in raw:
            if s >= last:
                hits.append(Hit(s, e, text[s:e], self._ids[eid]))
                last = e
        return hits

    def lookup(self, name: str) -> Entry | None:
        """Exact match on any name or alias (spaces and case ignored)."""
        return self._by_key.get(norm(name))

    def link(self, name: str) -> Entry | None:
        """Exact alias, else a fuzzy match among names written in the same script."""
        exact = self.lookup(name)
        if exact is not None or len(name) < 3:
            return exact
        script = script_of(name)
        pool = self._fuzzy_cache.get(script)
        if pool is None:
            pool = [k for k in self._by_key if script_of(k) == script and len(k) >= 3]
            self._fuzzy_cache[script] = pool
        best = process.extractOne(norm(name), pool, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self._by_key[best[0]] if best else None


def _latin_edge(text: str, start: int, end: int) -> bool:
    """Latin names must not start or end inside a Latin word."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    if first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
        return False
    return not (last.isascii() and last.isalnum() and after.isascii() and after.isalnum())


@lru_cache(maxsize=1)
def seed_entries() -> tuple[dict[str, Any], ...]:
    """The built-in seed gazetteer (general knowledge of the field)."""
    raw = resources.files("kcbridge.news.extract").joinpath("data/seed_gazetteer.json").read_text("utf-8")
    return tuple(json.loads(raw)["entries"])


def default_gazetteer(extra: Iterable[Mapping[str, Any]] = ()) -> Gazetteer:
    """The seed plus `extra` entries (e.g. the directory's)."""
    g = Gazetteer(seed_entries())
    g.extend(extra)
    return g
