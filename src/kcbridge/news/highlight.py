"""Where entities are named in an article's text, and the text cut into plain and highlighted pieces."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


def _latin_word_edge(text: str, start: int, end: int) -> bool:
    """A Latin name must not begin or end inside a Latin word ("AI" is not in "Aiming")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if text[start].isascii() and text[start].isalnum() and before.isascii() and before.isalnum():
        return False
    return not (text[end - 1].isascii() and text[end - 1].isalnum() and after.isascii() and after.isalnum())


def find_spans(text: str, forms: Iterable[str], limit: int = 200) -> list[list[int]]:
    """[start, end] of every occurrence of any form (longest forms first, no overlaps), in order."""
    taken: list[tuple[int, int]] = []
    for form in sorted({f for f in forms if f and len(f) >= 2}, key=len, reverse=True):
        at = text.find(form)
        while at != -1 and len(taken) < limit:
            end = at + len(form)
            if _latin_word_edge(text, at, end) and not any(s < end and at < e for s, e in taken):
                taken.append((at, end))
            at = text.find(form, at + 1)
    return [[s, e] for s, e in sorted(taken)]


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    entity: Any = None  # the entity highlighted here, or None for plain text


def pieces(text: str, entities: Sequence[Any]) -> list[Piece]:
    """`text` cut at the entities' spans; where spans overlap the longer one wins ("중국국제청년교류센터"
    over "중국")."""
    spans = sorted(
        ((s, e, ent) for ent in entities for s, e in (ent.spans or []) if 0 <= s < e <= len(text)),
        key=lambda x: (x[0], -(x[1] - x[0])),
    )
    chosen: list[tuple[int, int, Any]] = []
    for s, e, ent in sorted(spans, key=lambda x: -(x[1] - x[0])):
        if not any(cs < e and s < ce for cs, ce, _ in chosen):
            chosen.append((s, e, ent))
    chosen.sort(key=lambda x: x[0])
    out: list[Piece] = []
    at = 0
    for s, e, ent in chosen:
        if s > at:
            out.append(Piece(text[at:s]))
        out.append(Piece(text[s:e], ent))
        at = e
    if at < len(text):
        out.append(Piece(text[at:]))
    return out
