"""RFC 5545 calendar file of a participant's meetings, with the event's time zone as VTIMEZONE."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar
from icalendar import Event as VEvent

from kcbridge.events.itinerary import Item
from kcbridge.events.models import Event


def calendar(
    event: Event, items: list[Item], *, lang: str, participant_id: int, host: str = "kcbridge"
) -> bytes:
    """One VEVENT per meeting (with a reminder 15 minutes before); times carry the event's TZID and a
    matching VTIMEZONE is included."""
    zone = ZoneInfo(event.timezone)
    cal = Calendar()
    cal.add("prodid", "-//kcbridge//events//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", event.title(lang))
    stamp = datetime.now(zone).replace(microsecond=0)
    for item in items:
        start, end = item.local(event.timezone)
        ve = VEvent()
        ve.add("uid", f"meeting-{item.meeting_id}-p{participant_id}@{host}")
        ve.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
        ve.add("dtstart", start)
        ve.add("dtend", end)
        ve.add("summary", f"{item.with_names.get(lang) or item.with_names['en']} · {event.title(lang)}")
        if item.online and item.online_url:  # an online meeting takes place at its link
            ve.add("location", item.online_url)
        else:
            ve.add("location", ", ".join(x for x in (item.table, event.venue) if x))
        description = "\n".join(x for x in (item.message, item.online_url or "") if x)
        if description:
            ve.add("description", description)
        if item.online_url:
            ve.add("url", item.online_url)
        ve.add("status", "CONFIRMED")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", ve["summary"])
        alarm.add("trigger", timedelta(minutes=-15))
        ve.add_component(alarm)
        cal.add_component(ve)
    cal.add_missing_timezones()
    return cal.to_ical()
