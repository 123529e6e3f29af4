"""SLA clocks of a case: a pure engine (datetimes in, datetimes and seconds out).

The first-reply clock runs from submission to the institution's first answer. The resolution clock runs
from submission to the resolution (or refusal) and stops while the case waits for the firm: each pause
moves the resolution deadline by its length (Zendesk's "paused while pending").
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kcbridge.cases.vocab import SLA


def deadlines(category: str, submitted_at: datetime) -> tuple[datetime, datetime]:
    """(first reply due, resolution due) of a case submitted at `submitted_at`."""
    first, resolution = SLA.get(category, SLA["other"])
    return submitted_at + first, submitted_at + resolution


def pause_length(paused_since: datetime | None, now: datetime) -> int:
    """Seconds of the pause running since `paused_since` (0 when the clock runs)."""
    return max(0, int((now - paused_since).total_seconds())) if paused_since else 0


def business_seconds(submitted_at: datetime, now: datetime, paused_seconds: int) -> int:
    """Seconds the clock ran between submission and `now`, pauses taken out."""
    return max(0, int((now - submitted_at).total_seconds()) - paused_seconds)


def first_reply_breached(due: datetime, replied_at: datetime | None, now: datetime) -> bool:
    """True when the first reply came after its deadline, or has not come and the deadline passed."""
    return (replied_at or now) > due


def resolution_breached(due: datetime, closed_at: datetime | None, paused: bool, now: datetime) -> bool:
    """True when the case closed late, or is open past its deadline while its clock runs."""
    if closed_at is not None:
        return closed_at > due
    return not paused and now > due


def days(seconds: int | float | None) -> float | None:
    return None if seconds is None else round(seconds / 86400, 1)


def remaining(due: datetime, now: datetime) -> timedelta:
    return due - now
