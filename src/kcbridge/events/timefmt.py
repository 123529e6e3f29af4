"""Dates and times in the reader's language: 12월 8일 14:00 · 12月8日 14:00 · Dec 8 14:00."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton

from kcbridge.kit.i18n import get_locale


def day_time(value: datetime, zone: str) -> str:
    """Month, day and 24-hour time of `value` in `zone`, followed by the zone's name."""
    tz = ZoneInfo(zone)
    locale = get_locale()
    day = format_skeleton("MMMd", value, tzinfo=tz, locale=locale)
    time = format_skeleton("Hm", value, tzinfo=tz, locale=locale)
    return f"{day} {time} {zone}"
