"""Cities and provinces of Korea and China in the reader's language (data/places.toml).

Records keep the place as it was typed or imported (English names are the usual form); pages show it with
`name(value, lang)`: 서울 / 首尔 / Seoul. A value the gazetteer does not know is shown as stored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "places.toml"
LANGS = ("ko", "zh", "en")
KINDS = ("city", "province", "region")


@dataclass(frozen=True)
class Place:
    en: str
    ko: str
    zh: str
    country: str
    kind: str
    aliases: tuple[str, ...] = field(default=())

    def name(self, lang: str) -> str:
        """The name in `lang` (ko, zh, en); English for any other language."""
        return {"ko": self.ko, "zh": self.zh}.get(lang[:2], self.en)


class GazetteerError(ValueError):
    """The gazetteer file is broken; the message names the file, the record and the field."""


def _fold(value: str) -> str:
    return " ".join(value.casefold().split())


def parse(path: Path) -> tuple[Place, ...]:
    """The places of a gazetteer file, checked: every record has its three names, a country and a kind,
    and no name or alias stands for two places."""
    with path.open("rb") as f:
        records = tomllib.load(f).get("place", [])
    places: list[Place] = []
    seen: dict[str, str] = {}
    for i, rec in enumerate(records):
        where = f"{path.name}: place[{i}] ({rec.get('en') or '?'})"
        for key in (*LANGS, "country", "kind"):
            if not isinstance(rec.get(key), str) or not rec[key].strip():
                raise GazetteerError(f"{where}: field {key!r} is missing or empty")
        if rec["kind"] not in KINDS:
            raise GazetteerError(f"{where}: field 'kind' must be one of {', '.join(KINDS)}")
        place = Place(
            rec["en"], rec["ko"], rec["zh"], rec["country"], rec["kind"], tuple(rec.get("aliases", ()))
        )
        for spelling in {_fold(s) for s in (place.en, place.ko, place.zh, *place.aliases)}:
            if seen.get(spelling, place.en) != place.en:
                raise GazetteerError(f"{where}: {spelling!r} also names {seen[spelling]!r}")
            seen[spelling] = place.en
        places.append(place)
    return tuple(places)


@lru_cache(maxsize=1)
def _index() -> dict[str, Place]:
    return {
        _fold(spelling): p for p in parse(DATA) for spelling in (p.en, p.ko, p.zh, *p.aliases) if spelling
    }


def places() -> list[Place]:
    """Every place of the gazetteer, in file order."""
    return list(dict.fromkeys(_index().values()))


def find(value: str | None) -> Place | None:
    """The place a stored or typed value names, in any of its languages or spellings (case and spacing
    do not matter); None when unknown."""
    return _index().get(_fold(value)) if value else None


def name(value: str | None, lang: str) -> str:
    """`value` (a stored city or province) as `lang` writes it; unknown values are returned as stored."""
    place = find(value)
    return place.name(lang) if place else (value or "")
