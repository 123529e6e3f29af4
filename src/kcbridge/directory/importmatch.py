"""Which organisation an imported row stands for: its id, else the one live organisation of the same
country that already carries one of its names (case and surrounding spaces ignored).

Decision (issue 11): a row without an id that matches exactly one organisation by name and country
updates it, so importing the same file twice changes nothing; a row matching several, or repeating the
name and country of another row of the file, is refused (all or nothing) naming the ids and lines, and
the operator adds the id column. One query for the whole file, so matching stays linear in its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kcbridge.directory.models import Organisation


class Named(Protocol):
    name_ko: str | None
    name_zh: str | None
    name_en: str | None
    country: str


def keys(data: Named) -> set[tuple[str, str]]:
    """(country, lowered name) for each name of `data`."""
    names = (data.name_ko, data.name_zh, data.name_en)
    return {(data.country, n.strip().lower()) for n in names if n and n.strip()}


@dataclass
class Matches:
    """Live organisations by (country, lowered name), and ids that exist but were deleted."""

    by_key: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    live: set[int] = field(default_factory=set)
    deleted: set[int] = field(default_factory=set)

    def candidates(self, data: Named) -> list[int]:
        found: set[int] = set()
        for key in keys(data):
            found |= self.by_key.get(key, set())
        return sorted(found)


def load(db: Session, rows: Sequence[Any], ids: Iterable[int]) -> Matches:
    """What the rows of a file may match: one query for their names, one for their ids."""
    out = Matches()
    wanted = set().union(*(keys(r) for r in rows)) if rows else set()
    countries = sorted({c for c, _n in wanted})
    if countries:
        cols = (Organisation.name_ko, Organisation.name_zh, Organisation.name_en)
        stmt = select(Organisation.id, Organisation.country, *(func.lower(func.trim(c)) for c in cols)).where(
            Organisation.country.in_(countries), Organisation.deleted_at.is_(None)
        )
        for org_id, country, *lowered in db.execute(stmt):
            for name in lowered:
                if name and (country, name) in wanted:
                    out.by_key.setdefault((country, name), set()).add(org_id)
    id_list = sorted(set(ids))
    for start in range(0, len(id_list), 900):
        chunk = id_list[start : start + 900]
        for org_id, deleted_at in db.execute(
            select(Organisation.id, Organisation.deleted_at).where(Organisation.id.in_(chunk))
        ):
            (out.deleted if deleted_at is not None else out.live).add(org_id)
    return out
