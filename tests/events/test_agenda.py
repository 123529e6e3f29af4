"""Agenda sessions with speakers, check-in, and schedule reminders by mail."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.support import csrf_of, login
from tests.support.events import make_visit, request_all, schedule

from kcbridge.events.agenda import agenda_service, reminder, sessions
from kcbridge.events.itinerary import itinerary
from kcbridge.events.schemas import SessionIn
from kcbridge.events.stats import event_stats
from kcbridge.kit.errors import Forbidden, Invalid


def _session(visit, **over):
    data = {
        "kind": "keynote",
        "title_ko": "기조연설",
        "title_en": "Keynote",
        "starts_at": datetime(2026, 12, 8, 9, 30),
        "ends_at": datetime(2026, 12, 8, 10, 0),
        "room": "Hall A",
        "speakers": [{"participant_id": visit.teams[0].id, "topic": "Cloud AI in Korea"}],
        **over,
    }
    return SessionIn.model_validate(data)


def test_sessions_with_speakers(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    row = agenda_service.add_session(db, user=visit.organiser, event_id=visit.event.id, data=_session(visit))
    db.commit()
    (got,) = sessions(db, visit.event.id)
    assert got.id == row.id and got.title("ko") == "기조연설" and got.starts_at.hour == 1  # 09:30 Shanghai
    assert [(s.participant_id, s.topic) for s in got.speakers] == [(visit.teams[0].id, "Cloud AI in Korea")]
    with pytest.raises(Forbidden):
        agenda_service.add_session(
            db, user=visit.firm_users[0], event_id=visit.event.id, data=_session(visit)
        )


def test_bad_sessions_are_refused_naming_what_is_wrong(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    bad = _session(
        visit,
        starts_at=datetime(2026, 12, 8, 20, 0),
        ends_at=datetime(2026, 12, 8, 21, 0),
        speakers=[{"participant_id": 987654}],
    )
    with pytest.raises(Invalid) as err:
        agenda_service.add_session(db, user=visit.organiser, event_id=visit.event.id, data=bad)
    assert "outside the event" in err.value.message and "Participant 987654" in err.value.message
    db.rollback()
    assert sessions(db, visit.event.id) == []


def test_check_in_counts(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=1)
    agenda_service.check_in(db, user=visit.organiser, participant_id=visit.firms[0].id)
    assert event_stats(db, visit.event)["checked_in"] == 1
    with pytest.raises(Forbidden):
        agenda_service.check_in(db, user=visit.firm_users[1], participant_id=visit.firms[1].id)


def test_reminders_are_mailed_in_the_readers_language(db, make_user, make_org, tmp_path, monkeypatch):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    request_all(db, visit)
    schedule(db, visit)
    items = itinerary(db, visit.event, visit.firms[0])
    mail = reminder(visit.event, visit.firms[0].id, items, "ko", "https://kcbridge.example")
    assert "경기 AI 기업 상하이 방문" in mail["subject"]
    assert "2026-12-08 14:00–14:30" in mail["body"] and "/events/participants/" in mail["body"]
    from kcbridge.kit.config import get_settings

    outbox = get_settings().outbox_dir
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    sent = agenda_service.send_schedules(
        db, user=visit.organiser, event_id=visit.event.id, base_url="http://x"
    )
    db.commit()  # mails go out after the commit
    assert sent == 2  # the firm's owner and the host's owner
    assert len(set(outbox.glob("*.eml")) - before) == 2


def test_agenda_in_the_pages(client, db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    email, eid, speaker = visit.organiser.email, visit.event.id, visit.teams[0].id
    db.commit()
    login(client, email)
    token = csrf_of(client, f"/events/{eid}/console")
    r = client.post(
        f"/events/{eid}/console/sessions",
        data={
            "csrf_token": token,
            "kind": "panel",
            "title_en": "Cloud panel",
            "starts_at": "2026-12-08T10:00",
            "ends_at": "2026-12-08T11:00",
            "room": "Hall B",
            "speakers": [str(speaker)],
        },
    )
    assert r.status_code == 200 and "Cloud panel" in r.text
    r = client.post(f"/events/{eid}/console/check-in", data={"csrf_token": token, "participant_id": speaker})
    assert r.status_code == 200
    page = client.get(f"/events/{eid}?lang=en").text
    assert "Agenda" in page and "Cloud panel" in page and "Cloud Shanghai" in page
