"""Dates as Korean, Chinese and English news write them, resolved against the publication date.

Written here rather than taken from `dateparser`, which reads Korean "25일" as "25 days ago".
A bare day ("25일", "25日") is this month or the last, whichever is not in the future; "오는 3일"
is the next 3rd; "지난달 31일" the 31st of the previous month; "이튿날" / "次日" the day after
the date in context. A span ("18일과 19일 이틀간", "17일부터 사흘간") gives no single day.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: date | None  # the day, or None when the mention is a span or only a year
    kind: str  # "day", "span", "year", "anaphor"
    year: int | None = None


def _safe(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1900 <= y <= 2200):
        return None
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + delta
    return idx // 12, idx % 12 + 1


def resolve_day(day: int, ref: date, *, direction: int = 0) -> date | None:
    """The day-of-month `day` nearest to `ref`: 0 not in the future, 1 not in the past."""
    if direction > 0:
        for delta in (0, 1, 2):
            y, m = _shift_month(ref.year, ref.month, delta)
            d = _safe(y, m, day)
            if d and d >= ref:
                return d
        return None
    for delta in (0, -1, -2):
        y, m = _shift_month(ref.year, ref.month, delta)
        d = _safe(y, m, day)
        if d and d <= ref:
            return d
    return None


def resolve_month_day(month: int, day: int, ref: date, *, direction: int = 0) -> date | None:
    """Month and day without a year: the year within half a year of `ref` (ahead only if future)."""
    d = _safe(ref.year, month, day)
    if d is None:
        return None
    if d > ref + timedelta(days=183 if direction > 0 else 0) and direction <= 0:
        return _safe(ref.year - 1, month, day) if d > ref + timedelta(days=183) else d
    if direction > 0 and d < ref - timedelta(days=183):
        return _safe(ref.year + 1, month, day)
    return d


_EN_MONTHS = {
    m.lower(): i
    for i, names in enumerate(
        [
            (),
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_EN_MONTH_RE = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))

_D = r"(\d{1,2})"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "span",
        re.compile(
            r"(\d{1,2})\s*일\s*(?:과|와|~|-|부터)\s*(?:(\d{1,2})\s*일)?\s*(?:까지\s*)?(?:이틀|사흘|나흘|닷새|엿새|\d+\s*일)간"
        ),
    ),
    ("span", re.compile(r"(\d{1,2})\s*[日号]\s*(?:至|到|-|~|—)\s*(\d{1,2})\s*[日号]")),
    ("span", re.compile(r"(\d{1,2})\s*일\s*(?:~|-|부터)\s*(\d{1,2})\s*일")),
    (
        "ymd",
        re.compile(
            r"(\d{4})\s*(?:년|年|[.\-/])\s*(\d{1,2})\s*(?:월|月|[.\-/])\s*(\d{1,2})\s*(?:일|日|号|\.)?"
        ),
    ),
    ("last_month_day", re.compile(r"(?:지난\s*달|지난달|전월|上个?月)\s*" + _D + r"\s*[일日号]")),
    ("next_month_day", re.compile(r"(?:다음\s*달|내달|다음달|下个?月)\s*" + _D + r"\s*[일日号]")),
    ("this_month_day", re.compile(r"(?:이번\s*달|이달|本月|这个月)\s*" + _D + r"\s*[일日号]")),
    ("md", re.compile(r"(\d{1,2})\s*(?:월|月)\s*" + _D + r"\s*(?:일|日|号)")),
    ("future_day", re.compile(r"오는\s*" + _D + r"\s*일")),
    ("past_day", re.compile(r"지난\s*" + _D + r"\s*일")),
    ("day", re.compile(r"(?<![\d.월月/\-])" + _D + r"\s*(?:일|日|号)(?![가-힣]*(?:간|동안|째|치|분|자|씩))")),
    (
        "en_mdy",
        re.compile(r"\b(" + _EN_MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I),
    ),
    (
        "en_dmy",
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + _EN_MONTH_RE + r")\.?(?:,?\s+(\d{4}))?\b", re.I),
    ),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
]
_ANAPHORS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"이날|이 날|당일|같은 날|当天|当日|同日|that day|the same day", re.I)),
    (
        1,
        re.compile(
            r"이튿날|다음\s*날|다음날|次日|翌日|第二天|the next day|the following day|a day later", re.I
        ),
    ),
    (-1, re.compile(r"전날|前一天|the day before|the previous day", re.I)),
]
_RELATIVE: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(r"오늘|今天|今日|\btoday\b", re.I)),
    (-1, re.compile(r"어제|昨天|昨日|\byesterday\b", re.I)),
    (-2, re.compile(r"그제|그저께|前天")),
    (1, re.compile(r"내일|明天|\btomorrow\b", re.I)),
]
_YEARS: list[tuple[int, re.Pattern[str]]] = [
    (-1, re.compile(r"지난해|작년|去年|last year", re.I)),
    (0, re.compile(r"올해|금년|今年|this year", re.I)),
    (1, re.compile(r"내년|明年|next year", re.I)),
    (-2, re.compile(r"재작년|前年")),
]
_EXPLICIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:년|年)?(?!\d)")


def find_dates(
    text: str, ref: date, anchor: date | None = None, *, future: bool = False
) -> list[DateMention]:
    """Every date mention in `text`, resolved against `ref` (publication) and `anchor` (context).

    `future` says the sentence announces something ahead (예정, 계획, 将, will): a bare day then
    resolves forward instead of backward.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            value = _value(kind, m, ref, 1 if future else 0)
            if kind != "span" and value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(m.start(), m.end(), value, "span" if kind == "span" else "day"))
    base = anchor or ref
    for delta, rx in _ANAPHORS:
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                found.append(DateMention(m.start(), m.end(), base + timedelta(days=delta), "anaphor"))
    for delta, rx in _RELATIVE:
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                found.append(DateMention(m.start(), m.end(), ref + timedelta(days=delta), "day"))
    for delta, rx in _YEARS:
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                found.append(DateMention(m.start(), m.end(), None, "year", ref.year + delta))
    return sorted(found, key=lambda d: d.start)


def _value(kind: str, m: re.Match[str], ref: date, direction: int) -> date | None:
    g = m.groups()
    if kind == "span":
        return None
    if kind in ("ymd", "iso"):
        return _safe(int(g[0]), int(g[1]), int(g[2]))
    if kind == "md":
        return resolve_month_day(int(g[0]), int(g[1]), ref, direction=direction)
    if kind == "last_month_day":
        y, mo = _shift_month(ref.year, ref.month, -1)
        return _safe(y, mo, int(g[0]))
    if kind == "next_month_day":
        y, mo = _shift_month(ref.year, ref.month, 1)
        return _safe(y, mo, int(g[0]))
    if kind == "this_month_day":
        return _safe(ref.year, ref.month, int(g[0]))
    if kind == "future_day":
        return resolve_day(int(g[0]), ref, direction=1)
    if kind == "past_day":
        return resolve_day(int(g[0]), ref)
    if kind == "day":
        return resolve_day(int(g[0]), ref, direction=direction)
    if kind in ("en_mdy", "en_dmy"):
        mon, day = (g[0], g[1]) if kind == "en_mdy" else (g[1], g[0])
        month = _EN_MONTHS[mon.lower().rstrip(".")]
        if g[2]:
            return _safe(int(g[2]), month, int(day))
        return resolve_month_day(month, int(day), ref, direction=direction)
    return None


def years_in(text: str, ref: date | None = None) -> list[int]:
    """Explicit and relative years mentioned in `text` (for statistics)."""
    out = [int(m.group(1)) for m in _EXPLICIT_YEAR.finditer(text)]
    if ref is not None:
        out += [ref.year + delta for delta, rx in _YEARS if rx.search(text)]
    return out


_FUTURE = re.compile(
    r"예정|계획|방침|할 것|오는\s*\d|将于|将在|计划|拟于|\bwill\b|\bis to\b|\bare to\b|scheduled|plans? to",
    re.I,
)
_PAST = re.compile(
    r"(?:었|았|였|했|됐|웠|쳤|렸|났|갔|왔)(?:다|던|고|으며|지만|는데)|\b(?:was|were|had|did)\b|[了过]"
)


def is_future(sentence: str) -> bool:
    """Whether a sentence announces what is ahead (a bare day then lies ahead too)."""
    return bool(_FUTURE.search(sentence)) and not (_PAST.search(sentence) and "예정" not in sentence)
