"""Words of the news domain shown to people: event types, indicators, source errors (gettext)."""

from __future__ import annotations

import re

from babel.numbers import format_decimal

from kcbridge.kit.i18n import N_, _, get_locale

EVENT_TYPES: dict[str, str] = {
    "visit": N_("Visit"),
    "agreement": N_("Agreement or MOU"),
    "meeting": N_("Meeting or round table"),
    "forum": N_("Forum"),
    "exhibition": N_("Exhibition or fair"),
    "pitch": N_("Investment pitch"),
    "workshop": N_("Workshop"),
}

# Indicator series compared between the two countries; `words` suggest the code for a figure.
INDICATORS: dict[str, dict[str, object]] = {
    "rd_personnel": {
        "label": N_("R&D personnel"),
        "unit": "persons",
        "words": re.compile(
            r"R&D\s*인력|연구\s*인력|연구원\s*수|研发人员|研究人员|R&D personnel|researchers", re.I
        ),
    },
    "patents": {
        "label": N_("Patent applications"),
        "unit": "count",
        "words": re.compile(r"특허|专利|patent", re.I),
    },
    "it_exports": {
        "label": N_("IT exports"),
        "unit": "USD",
        "words": re.compile(r"(?:IT|ICT|정보통신|信息技术|电子信息).{0,12}(?:수출|出口|export)", re.I),
    },
}
INDICATOR_CODES = frozenset(INDICATORS)

# Units the engine gives figures in (codes), as shown to people.
UNITS: dict[str, str] = {
    "persons": N_("persons"),
    "places": N_("places"),
    "companies": N_("companies"),
    "applications": N_("applications"),
    "count": N_("count"),
    "rank": N_("rank"),
    "times": N_("times"),
}
ROLES: dict[str, str] = {"reporter": N_("reporter")}
# Sources of indicator values that kcbridge itself writes (the demo's), shown in the reader's language; any
# other source is shown as it was imported.
SOURCES: frozenset[str] = frozenset({N_("demo figures (rounded; illustrative)")})

SOURCE_ERRORS: dict[str, str] = {
    "empty": N_("The file is empty."),
    "binary": N_("This is a binary file, not text."),
    "no_article": N_("No article text was found in this page."),
    "not_feed": N_("This is not a readable RSS or Atom feed."),
    "too_large": N_("The document is too large to be an article."),
    "language": N_("The text is in a language kcbridge does not read (Korean, Chinese and English only)."),
    "unreachable": N_("The address could not be reached."),
    "unreadable": N_("The file could not be read."),
    "duplicate": N_("Already ingested: an exact duplicate was skipped."),
    "other": N_("The source could not be read."),
}

_PATTERNS = (
    ("empty", re.compile(r"^empty")),
    ("binary", re.compile(r"^binary")),
    ("too_large", re.compile(r"larger than")),
    ("not_feed", re.compile(r"not a readable feed")),
    ("no_article", re.compile(r"no article")),
    ("language", re.compile(r"unsupported language")),
    ("unreadable", re.compile(r"^cannot read")),
    ("duplicate", re.compile(r"duplicate")),
    (
        "unreachable",
        re.compile(
            r"^(?:Connect|Read|Write|Pool|Remote|Network|Timeout|HTTPStatus|Proxy|Protocol|UnsupportedProtocol|"
            r"TooManyRedirects|LocalProtocol|InvalidURL|gaierror|URLError)\w*"
        ),
    ),
)


def error_code(reason: str) -> str:
    """The kind of a source error, from the engine's (English) reason."""
    return next((code for code, rx in _PATTERNS if rx.search(reason)), "other")


def error_text(code: str) -> str:
    return _(SOURCE_ERRORS.get(code, SOURCE_ERRORS["other"]))


def unit_label(code: str) -> str:
    """A figure's unit in the reader's language (currencies and % stay as they are)."""
    return _(UNITS[code]) if code in UNITS else code


def source_label(source: str) -> str:
    """An indicator value's source: kcbridge's own in the reader's language, an imported one as written."""
    return _(source) if source in SOURCES else source


def number(value: float) -> str:
    """A figure as the reader's language writes numbers, in full (1,180,000,000,000, not 1.18e+12)."""
    return format_decimal(value, format="#,##0.##########", locale=get_locale())


def role_label(role: str | None) -> str:
    """A person's role as written, except the engine's own codes (reporter)."""
    return _(ROLES[role]) if role in ROLES else (role or "")


def event_label(code: str) -> str:
    return _(EVENT_TYPES[code]) if code in EVENT_TYPES else code


def indicator_label(code: str) -> str:
    label = INDICATORS.get(code, {}).get("label")
    return _(str(label)) if label else code


def suggest_indicator(words: str) -> str | None:
    """The indicator a figure's words name, if any."""
    for code, spec in INDICATORS.items():
        rx = spec["words"]
        if isinstance(rx, re.Pattern) and rx.search(words):
            return code
    return None
