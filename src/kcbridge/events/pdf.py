"""Printable bilingual schedule (WeasyPrint): labels in the reader's language and the event's other one."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, select_autoescape

from kcbridge.events.itinerary import Item
from kcbridge.events.models import Event
from kcbridge.events.timefmt import zone_name
from kcbridge.kit.i18n import N_, translations

LOCALE_OF_LANG = {"ko": "ko", "zh": "zh_Hans", "en": "en"}
# Its own environment: the PDF is also made by jobs, in processes that serve no pages.
env = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=select_autoescape(["html"]),
)
LABELS = {
    "title": N_("Personal meeting schedule"),
    "participant": N_("Participant"),
    "time": N_("Time"),
    "with": N_("Meeting with"),
    "table": N_("Table / room"),
    "venue": N_("Venue"),
    "zone": N_("Times are local to the event"),
    "none": N_("No meetings are published for you yet."),
    "online": N_("Online link"),
}


def second_language(event: Event, lang: str) -> str:
    """The event's first language that is not the reader's (English when the event has only one)."""
    return next((x for x in event.languages if x != lang), "en" if lang != "en" else "zh")


def labels(first: str, second: str) -> dict[str, tuple[str, str]]:
    a, b = translations(LOCALE_OF_LANG[first]), translations(LOCALE_OF_LANG[second])
    return {k: (a.gettext(v), b.gettext(v)) for k, v in LABELS.items()}


def render_html(event: Event, who: dict[str, str], items: list[Item], lang: str) -> str:
    other = second_language(event, lang)
    zone = ZoneInfo(event.timezone)
    rows = [(i, i.starts_at.astimezone(zone), i.ends_at.astimezone(zone)) for i in items]
    return env.get_template("events/print.html").render(
        event=event,
        who=who,
        rows=rows,
        lang=lang,
        other=other,
        t=labels(lang, other),
        zone=(
            zone_name(event.timezone, LOCALE_OF_LANG[lang]),
            zone_name(event.timezone, LOCALE_OF_LANG[other]),
        ),
    )


def schedule_pdf(event: Event, who: dict[str, str], items: list[Item], lang: str) -> bytes:
    """The participant's schedule as a PDF (needs fonts-noto-cjk for Korean and Chinese glyphs)."""
    from weasyprint import HTML  # heavy (0.4 s, Pango): only a PDF request loads it

    return HTML(string=render_html(event, who, items, lang)).write_pdf()
