"""Pitch projects (story 8): a project is presented in a pitch session by its organisation; investors,
producers and buyers bookmark it and ask to meet about it; those meetings are scheduled like the others;
the organisers see the interest per project, the project's people see who is interested."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.support import csrf_of, login
from tests.support.forum import make_forum

from kcbridge.events import projects
from kcbridge.events.agenda import agenda_service
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import MeetingStatus
from kcbridge.events.projects import project_service
from kcbridge.events.schemas import ProjectIn, RegistrationIn, SessionIn
from kcbridge.events.service import event_service
from kcbridge.kit.errors import Forbidden, Invalid


def _session(db, forum, kind: str, hour: int):
    return agenda_service.add_session(
        db,
        user=forum.organiser,
        event_id=forum.event.id,
        data=SessionIn(
            kind=kind,
            title_en=f"{kind} at {hour}",
            starts_at=datetime(2026, 12, 15, hour, 0),
            ends_at=datetime(2026, 12, 15, hour, 50),
        ),
    )


def _project(owner, presenter, session=None, **extra):
    return ProjectIn(
        participant_id=presenter.id,
        session_id=session.id if session else None,
        title_ko="촉각 로봇 손",
        title_zh="触觉机器人手",
        logline_ko="전자피부 센서를 단 휴머노이드 손",
        stage="development",
        kind="technology",
        ask_amount=2_000_000,
        currency="USD",
        sectors=["robotics"],
        **extra,
    )


def _investor(db, forum, make_user, make_org, role="investor"):
    user = make_user()
    org = make_org(owner=user, org_type="investor", country="CN", name_zh="深圳资本")
    p = event_service.register(
        db, user=user, event_id=forum.event.id, data=RegistrationIn(organisation_id=org.id, role=role)
    )
    event_service.decide(db, user=forum.organiser, participant_id=p.id, approve=True)
    db.commit()
    return user, p


def test_a_project_is_pitched_in_a_pitch_session_only(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=0)
    pitch, keynote = _session(db, forum, "pitch", 10), _session(db, forum, "keynote", 11)
    presenter, owner = forum.kr[0], forum.users[forum.kr[0].id]
    with pytest.raises(Invalid) as err:
        project_service.create(
            db, user=owner, event_id=forum.event.id, data=_project(owner, presenter, keynote)
        )
    assert err.value.fields[0][0] == ("session_id",) and "pitch session" in err.value.message
    row = project_service.create(
        db, user=owner, event_id=forum.event.id, data=_project(owner, presenter, pitch)
    )
    assert (
        row.session_id == pitch.id and row.title("zh") == "触觉机器人手" and row.title("en") == "촉각 로봇 손"
    )


def test_only_its_organisation_or_the_organisers_add_a_project(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=1)
    stranger = forum.users[forum.cn[0].id]
    with pytest.raises(Forbidden):
        project_service.create(
            db, user=stranger, event_id=forum.event.id, data=_project(stranger, forum.kr[0])
        )
    assert project_service.create(
        db, user=forum.organiser, event_id=forum.event.id, data=_project(forum.organiser, forum.kr[0])
    )


def test_bookmarks_requests_and_interest(db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=0, slots=2, tables=2)
    presenter, owner = forum.kr[0], forum.users[forum.kr[0].id]
    project = project_service.create(db, user=owner, event_id=forum.event.id, data=_project(owner, presenter))
    vc_user, vc = _investor(db, forum, make_user, make_org)
    buyer_user, buyer = _investor(db, forum, make_user, make_org, role="buyer")
    # Nobody bookmarks their own project.
    with pytest.raises(Invalid) as err:
        project_service.bookmark(db, user=owner, participant_id=presenter.id, project_id=project.id)
    assert "own project" in err.value.message
    project_service.bookmark(db, user=vc_user, participant_id=vc.id, project_id=project.id)
    project_service.bookmark(db, user=buyer_user, participant_id=buyer.id, project_id=project.id)
    with pytest.raises(Forbidden):  # nor for someone else
        project_service.bookmark(db, user=vc_user, participant_id=buyer.id, project_id=project.id, on=False)
    r = project_service.request_meeting(
        db, user=vc_user, project_id=project.id, from_id=vc.id, message="Seed?"
    )
    assert r.project_id == project.id and r.to_id == presenter.id
    event_service.answer(db, user=owner, request_id=r.id, accept=True)
    db.commit()
    [row] = projects.interest(db, forum.event.id)
    assert (row.bookmarks, row.requests) == (2, 1)
    who = project_service.interested(db, user=owner, project_id=project.id)
    assert [(i.participant.id, i.bookmarked, i.request is not None) for i in who] == [
        (vc.id, True, True),
        (buyer.id, True, False),
    ]
    with pytest.raises(Forbidden):
        project_service.interested(db, user=buyer_user, project_id=project.id)
    # The accepted request flows into the same scheduler.
    meeting_service.queue_run(db, user=forum.organiser, event_id=forum.event.id, time_limit=3)
    db.commit()
    meeting_service.publish(db, user=forum.organiser, event_id=forum.event.id)
    db.commit()
    from kcbridge.events import repository as repo

    meetings = repo.meetings(db, forum.event.id, status=MeetingStatus.PUBLISHED.value)
    assert [m.request_id for m in meetings] == [r.id]


def test_project_pages_and_the_interest_chart(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=0)
    pitch = _session(db, forum, "pitch", 10)
    owner = forum.users[forum.kr[0].id]
    project = project_service.create(
        db, user=owner, event_id=forum.event.id, data=_project(owner, forum.kr[0], pitch)
    )
    vc_user, vc = _investor(db, forum, make_user, make_org)
    eid, pid, org_email, vc_email, owner_email = (
        forum.event.id,
        project.id,
        forum.organiser.email,
        vc_user.email,
        owner.email,
    )
    db.commit()
    page = client.get(f"/events/{eid}/projects?lang=ko")
    assert page.status_code == 200 and "촉각 로봇 손" in page.text and "US$2,000,000" in page.text
    login(client, vc_email)
    token = csrf_of(client, f"/events/{eid}/projects")
    r = client.post(f"/events/{eid}/projects/{pid}/bookmark", data={"csrf_token": token, "from_id": vc.id})
    assert r.status_code == 200 and 'aria-pressed="true"' in r.text
    r = client.post(
        f"/events/{eid}/projects/{pid}/request", data={"csrf_token": token, "from_id": vc.id, "message": "Hi"}
    )
    assert r.status_code == 200 and "요청 1" in r.text  # the page is in the language chosen before (ko)
    assert client.get(f"/events/{eid}/interest").status_code == 403
    assert "Who is interested" not in client.get(f"/events/{eid}/projects/{pid}").text
    client.post("/logout", data={"csrf_token": token})
    login(client, owner_email)
    page = client.get(f"/events/{eid}/projects/{pid}?lang=en")
    assert "Who is interested" in page.text and "深圳资本" in page.text
    client.post("/logout", data={"csrf_token": csrf_of(client, "/")})
    login(client, org_email)
    chart = client.get(f"/events/{eid}/interest")
    assert chart.status_code == 200 and "echarts.min.js" in chart.text and '"bookmarks": [1]' in chart.text


def test_a_bad_project_form_keeps_what_was_typed(client, db, make_user, make_org):
    forum = make_forum(db, make_user, make_org, kr=1, cn=0)
    keynote = _session(db, forum, "keynote", 11)
    owner, eid, pid = forum.users[forum.kr[0].id], forum.event.id, forum.kr[0].id
    db.commit()
    login(client, owner.email)
    token = csrf_of(client, f"/events/{eid}/projects")
    r = client.post(
        f"/events/{eid}/projects",
        data={
            "csrf_token": token,
            "participant_id": pid,
            "title_ko": "촉각 로봇 손",
            "session_id": keynote.id,
            "materials_url": "javascript:alert(1)",
        },
    )
    assert r.status_code == 422 and "촉각 로봇 손" in r.text and "https://" in r.text
