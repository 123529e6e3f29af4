"""Events pages in Korean and Chinese: no interface text left in English, scheduler notes worded for the
reader at display time, not in the language of the job that wrote them."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from tests.support import csrf_of, login
from tests.support.events import make_visit, request_all, schedule
from tests.support.ui_language import english_left, english_left_in

from kcbridge.events import planning, runs
from kcbridge.events import repository as repo
from kcbridge.events.agenda import agenda_service
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import SchedulerRun
from kcbridge.events.schemas import AvailabilityIn, RequestIn, SessionIn, SpeakerIn
from kcbridge.events.service import event_service
from kcbridge.events.tasks import run_scheduler
from kcbridge.kit.errors import Invalid
from kcbridge.kit.i18n import set_locale

# User content of make_visit that has no Korean or Chinese version (rooms, teams, people, the venue).
CONTENT = (
    "Shanghai",
    "Team 1",
    "Team 2",
    "Room 1",
    "Room 2",
    "AI Firm 1",
    "AI Firm 2",
    "Cloud Shanghai",
    "Gyeonggi Province",
    "Gyeonggi officer",
    "Firm 1",
    "Firm 2",
    "Host",
    "Test User",
    "AI",
)
NOTES = {
    "en": "proven optimal; meetings: 4; per participant min/median: 2/2; moved: 0;",
    "ko": "최적해(증명됨); 미팅: 4건; 참가자당 최소/중앙값: 2/2; 이동: 0건;",
    "zh_Hans": "已证明最优；会谈：4 场；每个参会方最少/中位数：2/2；调整：0 场；",
}


def _scheduled_visit(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=2, slots=2)
    request_all(db, visit)
    run = schedule(db, visit, publish=False)
    return visit, run


@pytest.mark.parametrize("locale", ["ko", "zh_Hans"])
def test_events_pages_show_no_english_interface_text(client, db, make_user, make_org, locale):
    visit = make_visit(db, make_user, make_org, firms=2, teams=2, slots=2)
    eid, firm, team = visit.event.id, visit.firms[0], visit.teams[0]
    request_all(db, visit)
    schedule(db, visit, publish=True)
    # A session on the agenda, an arrival, and a request still waiting for an answer.
    agenda_service.add_session(
        db,
        user=visit.organiser,
        event_id=eid,
        data=SessionIn(
            kind="keynote",
            title_ko="개회사",
            title_zh="开幕致辞",
            title_en="Opening",
            starts_at=datetime(2026, 12, 8, 9, 30),
            ends_at=datetime(2026, 12, 8, 10, 0),
            speakers=[SpeakerIn(participant_id=team.id)],
        ),
    )
    agenda_service.check_in(db, user=visit.organiser, participant_id=firm.id)
    event_service.request_meeting(
        db, user=visit.firm_users[1], event_id=eid, data=RequestIn(from_id=visit.firms[1].id, to_id=firm.id)
    )
    db.commit()
    organiser, firm_email = visit.organiser.email, visit.firm_users[0].email
    for path in ("/events", f"/events/{eid}"):
        assert english_left(client, path, locale, content=CONTENT) == [], path
    login(client, organiser)
    for path in (
        f"/events/{eid}",
        f"/events/{eid}/console",
        "/events/new",
        f"/events/{eid}/marketplace",
        f"/events/{eid}/agenda",
        f"/events/{eid}/projects",
        f"/events/{eid}/interest",
        f"/events/participants/{firm.id}",
    ):
        assert english_left(client, path, locale, content=CONTENT) == [], path
    # The console shown again with a refused slot.
    token = csrf_of(client, f"/events/{eid}/console")
    slot = {
        "csrf_token": token,
        "starts_at": "2026-12-08T14:10",
        "minutes": 30,
        "break_minutes": 0,
        "count": 1,
    }
    shown = {
        lang: client.post(f"/events/{eid}/console/slots?lang={lang}", data=slot) for lang in ("en", locale)
    }
    assert shown[locale].status_code == 422
    assert english_left_in(shown["en"].text, shown[locale].text, locale, content=CONTENT) == []
    client.cookies.clear()
    login(client, firm_email)
    for path in (f"/events/{eid}", f"/events/participants/{firm.id}"):
        assert english_left(client, path, locale, content=CONTENT) == [], path


def test_the_run_stores_codes_and_numbers_and_the_console_words_them_per_reader(
    client, db, make_user, make_org
):
    visit, run = _scheduled_visit(db, make_user, make_org)
    stored = json.loads(repo.run(db, run.id).message)
    db.commit()
    assert stored["code"] == "done" and stored["status"] == "OPTIMAL"
    assert (stored["meetings"], stored["min"], stored["moved"]) == (4, 2, 0)
    login(client, visit.organiser.email)
    for locale, note in NOTES.items():
        html = client.get(f"/events/{visit.event.id}/console", params={"lang": locale}).text
        assert note in html, locale
        assert "OPTIMAL" not in html
        if locale != "en":
            assert "meetings:" not in html and "proven optimal" not in html


@pytest.mark.parametrize(
    ("failure", "code", "words"),
    [
        (RuntimeError("solver exploded"), "error", {"ko": "예기치 않은 오류로", "zh_Hans": "意外错误"}),
        (
            runs.RunFailed("changed"),
            "changed",
            {"ko": "행사 정보가 변경되었습니다", "zh_Hans": "活动信息已更改"},
        ),
        (
            runs.RunFailed("infeasible", "participant '3' is booked twice"),
            "infeasible",
            {"ko": "규칙에 어긋나", "zh_Hans": "违反了规则"},
        ),
    ],
)
def test_a_failed_run_records_why_and_is_explained_in_the_readers_language(
    client, db, make_user, make_org, monkeypatch, failure, code, words
):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    request_all(db, visit)
    run = SchedulerRun(event_id=visit.event.id, requested_by=visit.organiser.id, time_limit=2)
    db.add(run)
    db.commit()
    eid, email = visit.event.id, visit.organiser.email  # read now: expired rows would reopen a transaction

    def broken(*_args, **_kwargs):
        raise failure

    monkeypatch.setattr(planning, "plan", broken)
    run_scheduler(run.id)
    db.expire_all()
    row = repo.run(db, run.id)
    assert row.status == "failed" and json.loads(row.message)["code"] == code
    db.commit()
    login(client, email)
    english = client.get(f"/events/{eid}/console", params={"lang": "en"}).text
    assert runs.FAILURES[code] in english
    for locale, fragment in words.items():
        html = client.get(f"/events/{eid}/console", params={"lang": locale}).text
        assert fragment in html, locale
        assert (
            runs.FAILURES[code] not in html and "solver exploded" not in html and "booked twice" not in html
        )


def test_the_api_gives_the_outcome_as_data_and_words_it_in_the_callers_language(
    client, db, make_user, make_org, api_token
):
    visit, run = _scheduled_visit(db, make_user, make_org)
    headers = api_token(visit.organiser)
    url = f"/api/v1/events/{visit.event.id}/runs/{run.id}"
    body = client.get(url, headers=headers).json()
    assert body["outcome"]["code"] == "done" and body["outcome"]["meetings"] == 4
    assert body["message"].startswith(NOTES["en"])
    body = client.get(url, headers={**headers, "Accept-Language": "ko-KR,ko;q=0.9"}).json()
    assert body["message"].startswith(NOTES["ko"])


def test_a_run_written_before_codes_keeps_its_note(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    run = SchedulerRun(event_id=visit.event.id, status="done", message="OPTIMAL; 3 meetings")
    db.add(run)
    db.flush()
    assert runs.outcome(run) == {"code": "note", "text": "OPTIMAL; 3 meetings"}
    assert runs.note(run) == "OPTIMAL; 3 meetings"


def test_a_run_refused_for_meetings_that_no_longer_fit_is_explained_in_the_readers_language(
    db, make_user, make_org
):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=2)
    request_all(db, visit)
    schedule(db, visit, publish=True)
    (meeting,) = repo.meetings(db, visit.event.id)
    free = next(s.id for s in visit.slots if s.id != meeting.slot_id)
    firm = visit.firms[0]
    event_service.set_availability(
        db, user=visit.firm_users[0], participant_id=firm.id, data=AvailabilityIn(slots=[free])
    )
    for locale, words in (("en", "no longer fit"), ("ko", "더 이상 맞지 않습니다"), ("zh_Hans", "不再符合")):
        set_locale(locale)
        try:
            with pytest.raises(Invalid) as err:
                meeting_service.queue_run(db, user=visit.organiser, event_id=visit.event.id)
        finally:
            set_locale("en")
        assert words in err.value.message
        assert "not available" not in err.value.message  # the engine's English stays in the API's field list
        assert any("not available" in m for _loc, m in err.value.fields)
