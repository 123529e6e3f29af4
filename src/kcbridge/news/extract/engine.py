"""The extraction engine: an article's text in, plain data out (no database, no web)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from kcbridge.news.extract import chinese, english, korean
from kcbridge.news.extract.events import Located, detect
from kcbridge.news.extract.gazetteer import Gazetteer, default_gazetteer
from kcbridge.news.extract.mentions import Mentions, OrgMention, PersonMention
from kcbridge.news.extract.resolve import fill_orgs_from_context, resolve_orgs, resolve_people
from kcbridge.news.extract.sectors import sectors as find_sectors
from kcbridge.news.extract.stats import statistics
from kcbridge.news.extract.text import script_of, sentences

LANGUAGES = ("ko", "zh", "en")


def guess_language(text: str) -> str:
    """ko, zh or en from the script alone (ingestion uses lingua; this is the fallback)."""
    sample = text[:4000]
    hangul = sum("가" <= c <= "힣" for c in sample)
    han = sum("\u4e00" <= c <= "\u9fff" for c in sample)
    latin = sum(c.isascii() and c.isalpha() for c in sample)
    if hangul and hangul * 3 >= han:
        return "ko"
    if han and han * 2 >= latin / 4:
        return "zh"
    return "en"


def _as_date(value: date | datetime | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


class Extractor:
    """Holds the gazetteer; models load lazily once per process. Thread-safe for reading."""

    def __init__(self, gazetteer: Gazetteer | Iterable[Mapping[str, Any]] | None = None) -> None:
        if isinstance(gazetteer, Gazetteer):
            self.gazetteer = gazetteer
        else:
            self.gazetteer = default_gazetteer(gazetteer or ())

    def warm_up(self) -> None:
        """Load the Korean and Chinese analysers now rather than on the first article."""
        korean.kiwi().tokenize("워밍업")
        chinese.posseg().lcut("预热")

    def extract(
        self,
        text: str,
        *,
        title: str | None = None,
        published: date | datetime | str | None = None,
        language: str | None = None,
        outlet: str | None = None,
        author: str | None = None,
        captions: Sequence[str] = (),
        source: str | None = None,
    ) -> dict[str, Any]:
        """Entities, events, sectors and statistics of one article, as plain JSON-ready data."""
        lang = language if language in LANGUAGES else guess_language(text)
        pub = _as_date(published)
        body = text if not captions else text + "\n\n" + "\n".join(captions)
        analyse = {"ko": korean.analyse, "zh": chinese.analyse}.get(lang, english.analyse)
        found: Mentions = analyse(body, self.gazetteer)
        if outlet:
            entry = self.gazetteer.lookup(outlet)
            found.orgs.append(
                OrgMention(outlet, -1, entry.type if entry else "media", entry.country if entry else None)
            )
        if author:
            found.people.append(PersonMention(author, -1, "reporter", outlet))
        orgs, forms = resolve_orgs(found.orgs, self.gazetteer)
        people = resolve_people(found, forms, outlet)
        sents = sentences(body)
        fill_orgs_from_context(people, orgs, [s for s, _ in sents])
        person_names = {p.name for p in people}
        orgs = [o for o in orgs if o.name not in person_names]
        places: list[str] = []
        place_starts: dict[str, list[int]] = {}
        for p in sorted(found.places, key=lambda p: p.start):
            if p.name not in places:
                places.append(p.name)
            place_starts.setdefault(p.name, []).append(p.start)
        located = (
            [Located(o.name, "org", tuple(o.starts)) for o in orgs]
            + [Located(p.name, "person", tuple(p.starts)) for p in people]
            + [Located(n, "place", tuple(s)) for n, s in place_starts.items()]
        )
        events = detect(sentences(text), located, pub)
        return {
            "source": source,
            "title": title,
            "published": published.isoformat() if isinstance(published, date | datetime) else published,
            "language": lang,
            "organizations": [o.as_dict() for o in orgs],
            "people": [p.as_dict() for p in people],
            "places": places,
            "sectors": find_sectors((title or "") + "\n" + text),
            "events": [e.as_dict() for e in events],
            "stats": statistics(sents, pub),
        }


def same_script(a: str, b: str) -> bool:
    """Whether two names are written in the same script (fuzzy linking stays within one)."""
    return script_of(a) == script_of(b)
