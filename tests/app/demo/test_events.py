"""The demo events load on their own (missing organisations are created) and only once."""

from __future__ import annotations

from kcbridge.app.demo.events import load_demo
from kcbridge.events import repository as repo


def test_demo_events_have_published_schedules(db):
    message = load_demo(db)
    db.commit()
    assert message.startswith("demo events loaded")
    visit, forum, pitch = sorted(repo.events(db), key=lambda e: e.id)
    assert (
        visit.event_type == "delegation_visit"
        and forum.mode == "hybrid"
        and pitch.event_type == "pitch_session"
    )
    assert len(repo.participants(db, visit.id)) == 9  # three host teams and six firms
    meetings = repo.meetings(db, visit.id)
    assert meetings and {m.status for m in meetings} == {"published"}
    assert load_demo(db) == "demo events not loaded: they already exist"
