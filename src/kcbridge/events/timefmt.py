"""Dates, times and time zones in the reader's language: 12월 8일 14:00 상하이 · 12月8日 14:00 上海.

Time zones are shown as their city in the reader's language (서울 / 首尔 / Seoul), from the CLDR data Babel
ships, never as IANA ids; a viewer's own zone defaults to their organisation's country.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton, get_timezone, get_timezone_location

from kcbridge.kit.i18n import get_locale

# Zones a viewer can pick for "also show times in", and each country's zone for its people.
ZONES = (
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "UTC",
)
ZONE_OF_COUNTRY = {
    "KR": "Asia/Seoul",
    "CN": "Asia/Shanghai",
    "HK": "Asia/Shanghai",
    "JP": "Asia/Tokyo",
    "SG": "Asia/Singapore",
    "GB": "Europe/London",
    "DE": "Europe/Berlin",
    "US": "America/New_York",
}
DEFAULT_ZONE = {"ko": "Asia/Seoul", "zh_Hans": "Asia/Shanghai", "en": "UTC"}


@lru_cache(maxsize=64)
def _city(zone: str, locale: str) -> str:
    try:
        return str(get_timezone_location(get_timezone(zone), locale=locale, return_city=True))
    except (LookupError, ValueError):
        return zone


def zone_name(zone: str, locale: str | None = None) -> str:
    """The zone as its city in the reader's language: 서울, 首尔, Seoul (UTC stays UTC)."""
    return _city(zone, locale or get_locale())


def default_zone(country: str | None = None) -> str:
    """A viewer's own zone: their organisation's country's, else their language's."""
    return ZONE_OF_COUNTRY.get((country or "").upper()) or DEFAULT_ZONE.get(get_locale(), "UTC")


def day_time(value: datetime, zone: str) -> str:
    """Month, day and 24-hour time of `value` in `zone`, followed by the zone's city."""
    tz = ZoneInfo(zone)
    locale = get_locale()
    day = format_skeleton("MMMd", value, tzinfo=tz, locale=locale)
    time = format_skeleton("Hm", value, tzinfo=tz, locale=locale)
    return f"{day} {time} {zone_name(zone, locale)}"


def day_label(value: datetime, zone: str) -> str:
    """The day of `value` in `zone` with its weekday, in the reader's words: 12월 15일 (화) · 12月15日周二."""
    return format_skeleton("MMMEd", value, tzinfo=ZoneInfo(zone), locale=get_locale())


def hm(value: datetime, zone: str) -> str:
    return value.astimezone(ZoneInfo(zone)).strftime("%H:%M")
