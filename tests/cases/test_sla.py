"""SLA clocks: deadlines per category, pauses moving the resolution deadline, breaches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kcbridge.cases import sla

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_deadlines_follow_the_category():
    assert sla.deadlines("ip", T0) == (T0 + timedelta(days=14), T0 + timedelta(days=90))
    assert sla.deadlines("logistics", T0) == (T0 + timedelta(days=7), T0 + timedelta(days=28))
    assert sla.deadlines("unknown", T0) == sla.deadlines("other", T0)


def test_business_time_leaves_the_pauses_out():
    assert sla.business_seconds(T0, T0 + timedelta(days=10), paused_seconds=3 * 86400) == 7 * 86400
    assert sla.pause_length(T0, T0 + timedelta(hours=5)) == 5 * 3600 and sla.pause_length(None, T0) == 0


def test_breaches():
    due = T0 + timedelta(days=7)
    assert not sla.first_reply_breached(due, T0 + timedelta(days=6), T0 + timedelta(days=30))
    assert sla.first_reply_breached(due, None, due + timedelta(seconds=1))
    assert not sla.resolution_breached(due, None, True, due + timedelta(days=9))  # paused: no breach
    assert sla.resolution_breached(due, None, False, due + timedelta(days=1))
    assert not sla.resolution_breached(due, due - timedelta(days=1), False, due + timedelta(days=9))
