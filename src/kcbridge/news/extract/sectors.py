"""Sectors named in an article, as codes of the directory's sector taxonomy.

Codes are those of `kcbridge.directory.taxonomy.SECTORS` where the directory has one; finer news
sectors (ict, trade, steel ...) carry the directory code they roll up to (`to_directory`).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def _table() -> tuple[list[tuple[str, re.Pattern[str]]], dict[str, str | None]]:
    raw = json.loads(
        resources.files("kcbridge.news.extract").joinpath("data/sectors.json").read_text("utf-8")
    )
    rules: list[tuple[str, re.Pattern[str]]] = []
    parents: dict[str, str | None] = {}
    for s in raw["sectors"]:
        words: list[str] = [w for ws in s["keywords"].values() for w in ws]
        parts = []
        for w in sorted(set(words), key=len, reverse=True):
            esc = re.escape(w.strip()) if w.strip() else ""
            if not esc:
                continue
            parts.append(rf"(?<![A-Za-z]){esc}(?![A-Za-z])" if w.strip().isascii() else esc)
        rules.append((s["code"], re.compile("|".join(parts), re.I if s["code"] != "ai" else 0)))
        parents[s["code"]] = s.get("directory_code")
    return rules, parents


def sectors(text: str, min_mentions: int = 1) -> list[str]:
    """Sector codes mentioned in `text`, most mentioned first."""
    rules, _ = _table()
    counts: dict[str, int] = {}
    for code, rx in rules:
        n = len(rx.findall(text))
        if n >= min_mentions:
            counts[code] = n
    return sorted(counts, key=lambda c: -counts[c])


def to_directory(codes: list[str]) -> list[str]:
    """The directory taxonomy codes these sectors roll up to (unknown ones dropped)."""
    _, parents = _table()
    out: list[str] = []
    for c in codes:
        p = parents.get(c)
        if p and p not in out:
            out.append(p)
    return out


def vocabulary() -> dict[str, Any]:
    """Every sector code and the directory code it rolls up to."""
    return dict(_table()[1])
