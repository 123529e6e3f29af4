"""Issue 11, hole 2: an organiser cannot enrol another organisation, answer its meeting requests or mail its
members without that organisation's consent. Registering another organisation is an invitation its
members accept; only a participant answers its own requests; organisers mail only consenting participants."""

from __future__ import annotations

from datetime import datetime

import pytest
from tests.support import csrf_of, login
from tests.support.events import DAY_END, DAY_START

from kcbridge.events.agenda import agenda_service
from kcbridge.events.schemas import EventIn, RegistrationIn, RequestIn, SlotSeriesIn
from kcbridge.events.service import event_service
from kcbridge.kit.errors import Conflict, Forbidden


def _event(db, make_user, make_org):
    organiser = make_user(name="Organiser")
    gov = make_org(owner=organiser, name_en="Gyeonggi Province", org_type="government")
    event = event_service.create(
        db,
        user=organiser,
        data=EventIn(
            event_type="forum",
            title_en="Forum",
            timezone="Asia/Seoul",
            starts_at=DAY_START,
            ends_at=DAY_END,
            organiser_org_id=gov.id,
        ),
    )
    event_service.add_slot_series(
        db, user=organiser, event_id=event.id, data=SlotSeriesIn(starts_at=datetime(2026, 12, 8, 14), count=2)
    )
    db.commit()
    return organiser, event


def test_registering_another_organisation_is_an_invitation_its_members_accept(db, make_user, make_org):
    organiser, event = _event(db, make_user, make_org)
    member, stranger = make_user(), make_user()
    org = make_org(owner=member, name_en="Invited Co")
    p = event_service.register(
        db, user=organiser, event_id=event.id, data=RegistrationIn(organisation_id=org.id)
    )
    assert p.status == "invited" and p.user_id is None
    for outsider in (organiser, stranger):  # neither the organiser nor a stranger accepts on its behalf
        with pytest.raises(Forbidden):
            event_service.answer_invitation(db, user=outsider, participant_id=p.id, accept=True)
    with pytest.raises(Forbidden):  # the organisers cannot turn an invitation into an approval either
        event_service.decide(db, user=organiser, participant_id=p.id, approve=True)
    accepted = event_service.answer_invitation(
        db, user=member, participant_id=p.id, accept=True, mail_consent=True
    )
    assert accepted.status == "approved" and accepted.user_id == member.id and accepted.mail_consent
    with pytest.raises(Conflict):  # answered once
        event_service.answer_invitation(db, user=member, participant_id=p.id, accept=False)


def test_a_declined_invitation_stays_declined(db, make_user, make_org):
    organiser, event = _event(db, make_user, make_org)
    member = make_user()
    org = make_org(owner=member)
    p = event_service.register(
        db, user=organiser, event_id=event.id, data=RegistrationIn(organisation_id=org.id)
    )
    assert (
        event_service.answer_invitation(db, user=member, participant_id=p.id, accept=False).status
        == "declined"
    )
    with pytest.raises(Forbidden):
        event_service.decide(db, user=organiser, participant_id=p.id, approve=True)


def test_an_invited_organisation_cannot_be_asked_for_meetings_until_it_accepts(db, make_user, make_org):
    organiser, event = _event(db, make_user, make_org)
    firm_user, invited_user = make_user(), make_user()
    firm, invited = make_org(owner=firm_user), make_org(owner=invited_user)
    me = event_service.register(
        db, user=firm_user, event_id=event.id, data=RegistrationIn(organisation_id=firm.id)
    )
    event_service.decide(db, user=organiser, participant_id=me.id, approve=True)
    them = event_service.register(
        db, user=organiser, event_id=event.id, data=RegistrationIn(organisation_id=invited.id)
    )
    with pytest.raises(Conflict):
        event_service.request_meeting(
            db, user=firm_user, event_id=event.id, data=RequestIn(from_id=me.id, to_id=them.id)
        )


def test_only_the_asked_participant_answers_its_requests_not_the_organisers(db, make_user, make_org):
    organiser, event = _event(db, make_user, make_org)
    a_user, b_user = make_user(), make_user()
    a, b = make_org(owner=a_user), make_org(owner=b_user)
    pa = event_service.register(db, user=a_user, event_id=event.id, data=RegistrationIn(organisation_id=a.id))
    pb = event_service.register(db, user=b_user, event_id=event.id, data=RegistrationIn(organisation_id=b.id))
    for p in (pa, pb):
        event_service.decide(db, user=organiser, participant_id=p.id, approve=True)
    r = event_service.request_meeting(
        db, user=a_user, event_id=event.id, data=RequestIn(from_id=pa.id, to_id=pb.id)
    )
    with pytest.raises(Forbidden):
        event_service.answer(db, user=organiser, request_id=r.id, accept=True)
    assert event_service.answer(db, user=b_user, request_id=r.id, accept=True).status == "accepted"


def test_organisers_mail_only_participants_that_consented(db, make_user, make_org):
    from tests.support.events import make_visit, request_all, schedule

    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    visit.firms[1].mail_consent = False  # the second firm registered without agreeing to mails
    db.commit()
    request_all(db, visit)
    schedule(db, visit)
    sent = agenda_service.send_schedules(
        db, user=visit.organiser, event_id=visit.event.id, base_url="http://x"
    )
    assert sent == 2  # the first firm's owner and the host's owner, not the second firm's


def test_invitation_over_the_api_and_the_event_page(client, db, make_user, make_org, api_token):
    organiser, event = _event(db, make_user, make_org)
    member, stranger = make_user(), make_user()
    org = make_org(owner=member, name_en="Invited Co")
    org_h, member_h, stranger_h = api_token(organiser), api_token(member), api_token(stranger)
    r = client.post(
        f"/api/v1/events/{event.id}/participants", headers=org_h, json={"organisation_id": org.id}
    )
    assert r.status_code == 201 and r.json()["status"] == "invited", r.text
    pid = r.json()["id"]
    assert client.post(f"/api/v1/participants/{pid}/invitation/accept", headers=org_h).status_code == 403
    assert client.post(f"/api/v1/participants/{pid}/invitation/accept", headers=stranger_h).status_code == 403
    assert client.post(f"/api/v1/participants/{pid}/approve", headers=org_h).status_code == 403
    # The member sees the invitation on the event page and accepts it there, agreeing to mails.
    login(client, member.email)
    page = client.get(f"/events/{event.id}")
    assert f"/events/participants/{pid}/invitation" in page.text
    token = csrf_of(client, f"/events/{event.id}")
    r = client.post(
        f"/events/participants/{pid}/invitation",
        data={"csrf_token": token, "accept": "1", "mail_consent": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    got = client.get(f"/api/v1/events/{event.id}/participants", headers=member_h).json()
    assert [p["status"] for p in got if p["id"] == pid] == ["approved"]
    _ = member_h


ROLES = [
    "anonymous",
    "other_member",
    "member",
    "owner",
    "support_agent",
    "government_officer",
    "analyst",
    "admin",
]
EXPECTED = {"anonymous": 401, "other_member": 403, "member": 200, "owner": 200}  # platform roles: 403


@pytest.mark.parametrize("answer", ["accept", "decline"])
@pytest.mark.parametrize("role", ROLES)
def test_who_may_answer_an_invitation(client, db, make_user, make_org, api_token, role, answer):
    from kcbridge.accounts.models import MemberRole, Role
    from kcbridge.accounts.service import account_service
    from kcbridge.kit.audit import Actor

    organiser, event = _event(db, make_user, make_org)
    owner = make_user()
    org = make_org(owner=owner)
    member = make_user()
    account_service.add_member(
        db, user=member, organisation_id=org.id, role=MemberRole.MEMBER.value, actor=Actor.system("test")
    )
    make_org(owner=(other := make_user()))
    platform = {
        r: make_user(role=Role(r)) for r in ("support_agent", "government_officer", "analyst", "admin")
    }
    db.commit()
    p = event_service.register(
        db, user=organiser, event_id=event.id, data=RegistrationIn(organisation_id=org.id)
    )
    db.commit()
    actor = {"other_member": other, "member": member, "owner": owner, **platform}.get(role)
    headers = api_token(actor) if actor else {}
    r = client.post(f"/api/v1/participants/{p.id}/invitation/{answer}", headers=headers)
    assert r.status_code == EXPECTED.get(role, 403), r.text
    # The page route answers alike (anonymous visitors are sent to log in).
    if actor is None:
        page = client.post(
            f"/events/participants/{p.id}/invitation", data={"accept": "1"}, follow_redirects=False
        )
        assert page.status_code in (401, 403)  # no session: no CSRF token, no answer
    db.refresh(p)
    assert p.status == (
        "invited" if EXPECTED.get(role, 403) != 200 else ("approved" if answer == "accept" else "declined")
    )


def test_an_invitation_reads_in_each_members_language(client, db, make_user, make_org):
    """Stored once with the event's title and the organisation's name in every language; each member reads
    it in their own (the page follows the reader's language, not the organiser's)."""
    from kcbridge.accounts.models import MemberRole
    from kcbridge.accounts.service import account_service
    from kcbridge.kit.audit import Actor

    organiser, event = _event(db, make_user, make_org)
    event.title_ko, event.title_zh = "혁신 포럼", "创新论坛"
    korean, chinese = make_user(), make_user()
    org = make_org(owner=korean, name_ko="로보터치", name_zh="罗博触控", name_en="RoboTouch")
    account_service.add_member(
        db, user=chinese, organisation_id=org.id, role=MemberRole.MEMBER.value, actor=Actor.system("test")
    )
    db.commit()
    event_service.register(db, user=organiser, event_id=event.id, data=RegistrationIn(organisation_id=org.id))
    db.commit()
    for user, lang, (title, name), others in (
        (korean, "ko", ("혁신 포럼", "로보터치"), ("创新论坛", "RoboTouch")),
        (chinese, "zh_Hans", ("创新论坛", "罗博触控"), ("혁신 포럼", "RoboTouch")),
    ):
        login(client, user.email)
        page = client.get(f"/notifications?lang={lang}").text
        assert f"“{title}”" in page and name in page, lang
        assert not any(other in page for other in others), lang
        client.cookies.clear()
