"""Personal schedule outputs: ICS parses back with the right instants, the PDF renders, stats and CSV add up."""

from __future__ import annotations

import csv
import io
import re
import zlib
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy.exc import IntegrityError
from tests.support.events import make_visit, request_all, schedule, utc

from kcbridge.events import ics, pdf
from kcbridge.events import repository as repo
from kcbridge.events.itinerary import itinerary
from kcbridge.events.models import Meeting, MeetingSeat
from kcbridge.events.stats import event_stats, meetings_csv, stats_csv


def _published_visit(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=2, slots=2)
    request_all(db, visit)
    schedule(db, visit)
    return visit


def test_ics_parses_back_with_the_right_utc_instants(db, make_user, make_org):
    visit = _published_visit(db, make_user, make_org)
    firm = visit.firms[0]
    items = itinerary(db, visit.event, firm)
    assert len(items) == 2
    data = ics.calendar(visit.event, items, lang="ko", participant_id=firm.id)
    cal = Calendar.from_ical(data)
    assert [c.name for c in cal.walk("VTIMEZONE")] == ["VTIMEZONE"]
    assert cal.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"
    events = cal.walk("VEVENT")
    assert len(events) == 2
    starts = sorted(e.decoded("DTSTART").astimezone(utc(2000, 1, 1).tzinfo) for e in events)
    # Slots at 14:00 and 14:40 in Shanghai (UTC+8) are 06:00 and 06:40 UTC, i.e. 15:00 and 15:40 in Seoul.
    assert starts == [utc(2026, 12, 8, 6, 0), utc(2026, 12, 8, 6, 40)]
    assert all(e.decoded("DTEND") - e.decoded("DTSTART") == timedelta(minutes=30) for e in events)
    assert b"TZID=Asia/Shanghai" in data and b"BEGIN:VCALENDAR" in data
    seoul = starts[0].astimezone(__import__("zoneinfo").ZoneInfo("Asia/Seoul"))
    assert seoul.hour == 15 and seoul.utcoffset() == timedelta(hours=9)
    assert "Cloud Shanghai" in str(events[0]["SUMMARY"]) or "阿里云上海" in str(events[0]["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == 2


def test_pdf_is_generated_with_both_languages(db, make_user, make_org):
    visit = _published_visit(db, make_user, make_org)
    firm = visit.firms[0]
    items = itinerary(db, visit.event, firm)
    who = {"ko": "AI 기업 1", "zh": "AI Firm 1", "en": "AI Firm 1"}
    html = pdf.render_html(visit.event, who, items, "ko")
    assert "경기 AI 기업 상하이 방문" in html and "京畿道AI企业上海访问" in html
    assert "14:00" in html and "阿里云上海" in html
    data = pdf.schedule_pdf(visit.event, who, items, "ko")
    assert data.startswith(b"%PDF") and len(data) > 2000
    streams = [
        zlib.decompress(m)
        for m in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S)
        if m[:1] == b"x"
    ]
    assert any(b"BT" in s and (b"Tj" in s or b"TJ" in s) for s in streams)  # text is drawn
    fonts = b"".join(s for s in streams if b"BaseFont" in s)
    assert b"CJK" in fonts  # Korean and Chinese glyphs come from Noto CJK, not empty boxes
    cmaps = b"".join(s for s in streams if b"beginbfchar" in s or b"beginbfrange" in s).lower()
    assert b"<acbd>" in cmaps and b"<4eac>" in cmaps  # 경 (Korean) and 京 (Chinese) are real text


def test_stats_and_csv(db, make_user, make_org):
    visit = _published_visit(db, make_user, make_org)
    meetings = repo.meetings(db, visit.event.id)
    meetings[0].outcome = "no_show"
    db.commit()
    stats = event_stats(db, visit.event)
    assert stats["requests"] == 4 and stats["acceptance_rate"] == 1.0
    assert stats["meetings"] == 4 and stats["no_shows"] == 1 and stats["overall_use"] == 1.0
    rows = list(csv.DictReader(io.StringIO(meetings_csv(db, visit.event, "en"))))
    assert len(rows) == 4 and {r["start"] for r in rows} == {"14:00", "14:40"}
    assert {r["timezone"] for r in rows} == {"Asia/Shanghai"}
    summary = {(r["section"], r["key"]): r["value"] for r in csv.DictReader(io.StringIO(stats_csv(stats)))}
    assert summary[("summary", "no_shows")] == "1" and summary[("requests", "accepted")] == "4"
    assert summary[("summary", "acceptance_rate")] == "1.0"


def test_database_refuses_a_second_seat_for_a_participant_in_one_slot(db, make_user, make_org):
    visit = _published_visit(db, make_user, make_org)
    m = repo.meetings(db, visit.event.id)[0]
    mine = {s.participant_id for s in m.seats}
    other, seat = next(
        (x, s)
        for x in repo.meetings(db, visit.event.id)
        if x.slot_id != m.slot_id
        for s in x.seats
        if s.participant_id not in mine
    )
    db.add(MeetingSeat(meeting_id=m.id, participant_id=seat.participant_id, slot_id=other.slot_id))
    # The same participant already sits in `other` at that slot: a second seat is refused.
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_database_refuses_two_live_meetings_at_one_table_and_slot(db, make_user, make_org):
    visit = _published_visit(db, make_user, make_org)
    m = repo.meetings(db, visit.event.id)[0]
    other_request = next(r for r in repo.requests(db, visit.event.id) if r.id != m.request_id)
    db.query(Meeting).filter(Meeting.request_id == other_request.id).delete()
    db.add(
        Meeting(event_id=visit.event.id, request_id=other_request.id, slot_id=m.slot_id, table_id=m.table_id)
    )
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()
    # A cancelled meeting frees its place.
    m = repo.meetings(db, visit.event.id)[0]
    other_request = next(r for r in repo.requests(db, visit.event.id) if r.id != m.request_id)
    db.query(Meeting).filter(Meeting.request_id == other_request.id).delete()
    db.add(
        Meeting(
            event_id=visit.event.id,
            request_id=other_request.id,
            slot_id=m.slot_id,
            table_id=m.table_id,
            status="cancelled",
        )
    )
    db.flush()
    db.rollback()


def test_ics_meetings_carry_a_reminder(db, make_user, make_org):
    visit = _published_visit(db, make_user, make_org)
    items = itinerary(db, visit.event, visit.firms[0])
    cal = Calendar.from_ical(ics.calendar(visit.event, items, lang="en", participant_id=visit.firms[0].id))
    alarms = cal.walk("VALARM")
    assert len(alarms) == 2 and alarms[0].decoded("TRIGGER") == timedelta(minutes=-15)
