"""What moves: articles per sector and month, the most named organisations, events by city."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.directory import taxonomy as tx
from kcbridge.news import places
from kcbridge.news import repository as repo
from kcbridge.news.schemas import CityEvents, OrgCount, SectorTrend, TrendsOut
from kcbridge.news.service import require_reader

TOP_SECTORS = 8


def window(months: int, latest: datetime | None) -> tuple[datetime, datetime]:
    """[start, end) covering `months` calendar months up to the month of the latest article."""
    ref = latest or datetime.now(UTC)
    end_index = ref.year * 12 + ref.month  # the month after `ref`, counted from year 0
    start_index = end_index - months
    end = datetime(end_index // 12, end_index % 12 + 1, 1, tzinfo=UTC)
    start = datetime(start_index // 12, start_index % 12 + 1, 1, tzinfo=UTC)
    return start, end


def trends(db: Session, *, user: User | None, lang: str, months: int = 12) -> TrendsOut:
    """The trends of the `months` months up to the latest article."""
    require_reader(user)
    start, end = window(months, repo.latest_published(db, user))
    labels = []
    at = start
    while at < end:
        labels.append(f"{at.year:04d}-{at.month:02d}")
        at = datetime(at.year + (at.month == 12), at.month % 12 + 1, 1, tzinfo=UTC)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for sector, when in repo.sector_dates(db, user, start, end):
        if when is not None:
            per[sector][f"{when.year:04d}-{when.month:02d}"] += 1
    ranked = sorted(per, key=lambda s: (-sum(per[s].values()), s))[:TOP_SECTORS]
    sectors = [
        SectorTrend(
            sector=s,
            label=tx.label(s, lang),
            counts=[per[s][m] for m in labels],
        )
        for s in ranked
    ]
    top = repo.top_organisations(db, user, start, end)
    orgs = repo.organisations(db, [o for o, _n in top])
    top_orgs = [OrgCount(id=o, name=orgs[o].name(lang), articles=n) for o, n in top if o in orgs]
    by_city: dict[str, Counter[str]] = defaultdict(Counter)
    for city, kind, n in repo.event_cities(db, user, start.date(), end.date()):
        by_city[city][kind] += n
    cities = [
        CityEvents(
            city=key,
            label=places.BY_KEY[key].label(lang),
            country=places.BY_KEY[key].country,
            lon=places.BY_KEY[key].lon,
            lat=places.BY_KEY[key].lat,
            events=sum(c.values()),
            by_type=dict(c),
        )
        for key, c in sorted(by_city.items(), key=lambda kv: -sum(kv[1].values()))
        if key in places.BY_KEY
    ]
    return TrendsOut(months=labels, sectors=sectors, top_organisations=top_orgs, cities=cities)
