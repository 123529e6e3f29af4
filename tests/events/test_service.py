"""Event rules: registration, requests, scheduling through the background job, publishing, bad input."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from sqlalchemy import func, select
from tests.support.events import make_visit, request_all, schedule, utc

from kcbridge.events import repository as repo
from kcbridge.events.meetings import meeting_service
from kcbridge.events.models import Meeting, MeetingRequest, Slot
from kcbridge.events.planning import apply, build_instance, plan
from kcbridge.events.schemas import AvailabilityIn, RegistrationIn, RequestIn, SlotIn
from kcbridge.events.service import event_service
from kcbridge.kit.errors import Conflict, Forbidden, Invalid
from kcbridge.kit.i18n import set_locale


def test_event_times_are_stored_in_utc(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    assert visit.event.starts_at == utc(2026, 12, 8, 1, 0)  # 09:00 in Shanghai is 01:00 UTC
    assert visit.slots[0].starts_at == utc(2026, 12, 8, 6, 0)


def test_story_one_schedules_every_accepted_request_and_publishes(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=3, teams=2, slots=3)
    requests = request_all(db, visit)
    run = schedule(db, visit)
    run = repo.run(db, run.id)
    assert run.status == "done", run.message
    meetings = repo.meetings(db, visit.event.id)
    assert len(meetings) == len(requests) == 6
    assert {m.status for m in meetings} == {"published"} and all(m.locked for m in meetings)
    assert run.objective == 12 and run.upper_bound == 12
    # Each host team meets in its own room.
    room_of = {t.owner_id: t.id for t in visit.tables}
    for m in meetings:
        req = repo.request(db, m.request_id)
        assert m.table_id == room_of[req.to_id]


def test_published_meetings_stay_put_when_the_scheduler_runs_again(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=3)
    request_all(db, visit)
    schedule(db, visit)
    before = {m.id: (m.slot_id, m.table_id) for m in repo.meetings(db, visit.event.id)}
    late_user = make_user()
    late_org = make_org(owner=late_user, name_en="Late AI")
    late = event_service.register(
        db, user=late_user, event_id=visit.event.id, data=RegistrationIn(organisation_id=late_org.id)
    )
    event_service.decide(db, user=visit.organiser, participant_id=late.id, approve=True)
    r = event_service.request_meeting(
        db, user=late_user, event_id=visit.event.id, data=RequestIn(from_id=late.id, to_id=visit.teams[0].id)
    )
    event_service.answer(db, user=visit.host_user, request_id=r.id, accept=True)
    db.commit()
    schedule(db, visit, publish=False)
    after = repo.meetings(db, visit.event.id)
    assert {m.id: (m.slot_id, m.table_id) for m in after if m.id in before} == before
    assert [m.status for m in after if m.id not in before] == ["draft"]


def test_mutual_requests_weigh_more(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    firm, team = visit.firms[0], visit.teams[0]
    r1 = event_service.request_meeting(
        db, user=visit.firm_users[0], event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=team.id)
    )
    event_service.request_meeting(
        db, user=visit.host_user, event_id=visit.event.id, data=RequestIn(from_id=team.id, to_id=firm.id)
    )
    event_service.answer(db, user=visit.host_user, request_id=r1.id, accept=True)
    built = build_instance(db, visit.event)
    assert [(r.id, r.weight) for r in built.instance.requests] == [(str(r1.id), 3)]


def test_only_organisers_approve_and_schedule(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    stranger = make_user()
    with pytest.raises(Forbidden):
        event_service.decide(db, user=stranger, participant_id=visit.firms[0].id, approve=False)
    with pytest.raises(Forbidden):
        meeting_service.queue_run(db, user=visit.firm_users[0], event_id=visit.event.id)
    with pytest.raises(Forbidden):
        meeting_service.publish(db, user=visit.host_user, event_id=visit.event.id)


def test_only_the_invited_side_answers(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=1)
    r = event_service.request_meeting(
        db,
        user=visit.firm_users[0],
        event_id=visit.event.id,
        data=RequestIn(from_id=visit.firms[0].id, to_id=visit.teams[0].id),
    )
    with pytest.raises(Forbidden):
        event_service.answer(db, user=visit.firm_users[0], request_id=r.id, accept=True)
    with pytest.raises(Forbidden):
        event_service.answer(db, user=visit.firm_users[1], request_id=r.id, accept=True)
    with pytest.raises(Forbidden):  # cannot send on behalf of another firm
        event_service.request_meeting(
            db,
            user=visit.firm_users[0],
            event_id=visit.event.id,
            data=RequestIn(from_id=visit.firms[1].id, to_id=visit.teams[0].id),
        )


def _count(db, model) -> int:
    return db.scalar(select(func.count()).select_from(model))


def test_overlapping_and_outside_slots_are_refused_naming_them_and_nothing_is_saved(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    existing = visit.slots[0]
    n = _count(db, Slot)
    with pytest.raises(Invalid) as err:
        event_service.add_slots(
            db,
            user=visit.organiser,
            event_id=visit.event.id,
            slots=[
                SlotIn(starts_at=datetime(2026, 12, 8, 10, 0), ends_at=datetime(2026, 12, 8, 10, 30)),  # fine
                SlotIn(starts_at=datetime(2026, 12, 8, 14, 15), ends_at=datetime(2026, 12, 8, 14, 45)),
                SlotIn(starts_at=datetime(2026, 12, 8, 20, 0), ends_at=datetime(2026, 12, 8, 20, 30)),
            ],
        )
    message = err.value.message
    # Slots are named by their time in the event's zone (14:00 in Shanghai), as the organiser typed it.
    assert existing.starts_at == utc(2026, 12, 8, 6, 0)
    assert (
        f"New slot 2 (Dec 8 14:15 Shanghai) overlaps slot #{existing.id} (Dec 8 14:00 Shanghai)." in message
    )
    assert "New slot 3 (Dec 8 20:00 Shanghai) lies outside the event." in message
    assert "UTC" not in message
    assert [loc for loc, _m in err.value.fields] == [("slots", 1), ("slots", 2)]
    db.rollback()
    assert _count(db, Slot) == n


@pytest.mark.parametrize(
    ("locale", "outside", "overlap"),
    [
        (
            "ko",
            "새 시간대 2(12월 8일 20:00 상하이)이(가) 행사 기간을 벗어납니다.",
            "새 시간대 1(12월 8일 14:15 상하이)이(가) 시간대 #{id}(12월 8일 14:00 상하이)와(과) 겹칩니다.",
        ),
        (
            "zh_Hans",
            "新时段 2（12月8日 20:00 上海）超出了活动时间范围。",
            "新时段 1（12月8日 14:15 上海）与时段 #{id}（12月8日 14:00 上海）时间重叠。",
        ),
    ],
)
def test_slot_errors_name_slots_in_the_readers_language(db, make_user, make_org, locale, outside, overlap):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    set_locale(locale)
    try:
        with pytest.raises(Invalid) as err:
            event_service.add_slots(
                db,
                user=visit.organiser,
                event_id=visit.event.id,
                slots=[
                    SlotIn(starts_at=datetime(2026, 12, 8, 14, 15), ends_at=datetime(2026, 12, 8, 14, 45)),
                    SlotIn(starts_at=datetime(2026, 12, 8, 20, 0), ends_at=datetime(2026, 12, 8, 20, 30)),
                ],
            )
    finally:
        set_locale("en")
    db.rollback()
    assert [m for _loc, m in err.value.fields] == [overlap.format(id=visit.slots[0].id), outside]
    assert not re.search(r"[Ss]lot|Dec", err.value.message)


def test_request_with_oneself_and_duplicates_are_refused(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    firm, team, user = visit.firms[0], visit.teams[0], visit.firm_users[0]
    with pytest.raises(Invalid, match=f"Participant {firm.id} cannot request a meeting with itself"):
        event_service.request_meeting(
            db, user=user, event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=firm.id)
        )
    first = event_service.request_meeting(
        db, user=user, event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=team.id)
    )
    db.commit()
    with pytest.raises(Conflict, match=rf"request {first.id}\)"):
        event_service.request_meeting(
            db, user=user, event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=team.id)
        )
    db.rollback()
    assert _count(db, MeetingRequest) == 1


def test_unknown_availability_slots_are_named(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=2)
    with pytest.raises(Invalid, match="Unknown slots for this event: 999998, 999999"):
        event_service.set_availability(
            db,
            user=visit.firm_users[0],
            participant_id=visit.firms[0].id,
            data=AvailabilityIn(slots=[visit.slots[0].id, 999999, 999998]),
        )


def test_availability_and_caps_are_respected(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=3, teams=1, slots=3)
    event_service.set_availability(
        db,
        user=visit.firm_users[0],
        participant_id=visit.firms[0].id,
        data=AvailabilityIn(slots=[visit.slots[2].id]),
    )
    event_service.set_availability(
        db,
        user=visit.host_user,
        participant_id=visit.teams[0].id,
        data=AvailabilityIn(slots=None, max_meetings=2),
    )
    db.commit()
    request_all(db, visit)
    schedule(db, visit)
    meetings = repo.meetings(db, visit.event.id)
    assert len(meetings) == 2
    first = [m for m in meetings if visit.firms[0].id in {s.participant_id for s in m.seats}]
    assert all(m.slot_id == visit.slots[2].id for m in first)


def test_expired_requests(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    request_all(db, visit, accept=False)
    visit.event.requests_close_at = utc(2026, 12, 1)
    assert event_service.expire_requests(db, event_id=visit.event.id, now=utc(2026, 12, 2)) == 1
    db.expire_all()
    assert [r.status for r in repo.requests(db, visit.event.id)] == ["expired"]
    with pytest.raises(Conflict):
        event_service.answer(
            db, user=visit.host_user, request_id=repo.requests(db, visit.event.id)[0].id, accept=True
        )


def test_declining_cancels_the_meeting(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    (r,) = request_all(db, visit)
    schedule(db, visit)
    event_service.answer(db, user=visit.host_user, request_id=r.id, accept=False)
    db.commit()
    assert repo.meetings(db, visit.event.id) == []
    assert [m.status for m in repo.meetings(db, visit.event.id, live=False)] == ["cancelled"]


def test_manual_placement_refuses_double_booking(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    r1, r2 = request_all(db, visit)
    from kcbridge.events.schemas import MeetingIn, MoveIn

    slot, table = visit.slots[0].id, visit.tables[0].id
    m1 = meeting_service.place(
        db,
        user=visit.organiser,
        event_id=visit.event.id,
        data=MeetingIn(request_id=r1.id, slot_id=slot, table_id=table),
    )
    db.commit()
    with pytest.raises(Conflict, match="The slot at Dec 8 14:00 Shanghai is already taken"):
        meeting_service.place(
            db,
            user=visit.organiser,
            event_id=visit.event.id,
            data=MeetingIn(request_id=r2.id, slot_id=slot, table_id=table),
        )
    m2 = meeting_service.place(
        db,
        user=visit.organiser,
        event_id=visit.event.id,
        data=MeetingIn(request_id=r2.id, slot_id=visit.slots[1].id, table_id=table),
    )
    db.commit()
    with pytest.raises(Conflict):
        meeting_service.move(
            db, user=visit.organiser, meeting_id=m2.id, data=MoveIn(slot_id=slot, table_id=table)
        )
    db.rollback()
    assert {m.id: m.slot_id for m in repo.meetings(db, visit.event.id)} == {
        m1.id: slot,
        m2.id: visit.slots[1].id,
    }
    assert _count(db, Meeting) == 2


def test_a_run_refuses_to_overwrite_changes_made_while_it_solved(db, make_user, make_org):
    from kcbridge.events.models import SchedulerRun
    from kcbridge.events.schemas import MeetingIn

    visit = make_visit(db, make_user, make_org, firms=2, teams=1, slots=2)
    r1, _r2 = request_all(db, visit)
    run = SchedulerRun(event_id=visit.event.id, time_limit=2)
    db.add(run)
    db.flush()
    built, solution = plan(db, run)
    # Meanwhile an organiser places a meeting by hand.
    meeting_service.place(
        db,
        user=visit.organiser,
        event_id=visit.event.id,
        data=MeetingIn(request_id=r1.id, slot_id=visit.slots[1].id, table_id=visit.tables[0].id),
    )
    with pytest.raises(Conflict, match="changed while the scheduler was running"):
        apply(db, run, built, solution)


def test_bookmarks_make_interest_mutual(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    firm, team = visit.firms[0], visit.teams[0]
    r = event_service.request_meeting(
        db, user=visit.firm_users[0], event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=team.id)
    )
    event_service.answer(db, user=visit.host_user, request_id=r.id, accept=True)
    assert [q.weight for q in build_instance(db, visit.event).instance.requests] == [2]
    event_service.bookmark(db, user=visit.host_user, participant_id=team.id, target_id=firm.id)
    assert [q.weight for q in build_instance(db, visit.event).instance.requests] == [3]
    with pytest.raises(Forbidden):
        event_service.bookmark(db, user=visit.firm_users[0], participant_id=team.id, target_id=firm.id)
    with pytest.raises(Invalid, match=f"Participant {firm.id} cannot bookmark itself"):
        event_service.bookmark(db, user=visit.firm_users[0], participant_id=firm.id, target_id=firm.id)
    event_service.bookmark(db, user=visit.host_user, participant_id=team.id, target_id=firm.id, on=False)
    assert [q.weight for q in build_instance(db, visit.event).instance.requests] == [2]


def test_a_pair_meets_once_even_with_two_accepted_requests(db, make_user, make_org):
    from kcbridge.events.schemas import MeetingIn

    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=2)
    firm, team = visit.firms[0], visit.teams[0]
    r1 = event_service.request_meeting(
        db, user=visit.firm_users[0], event_id=visit.event.id, data=RequestIn(from_id=firm.id, to_id=team.id)
    )
    r2 = event_service.request_meeting(
        db, user=visit.host_user, event_id=visit.event.id, data=RequestIn(from_id=team.id, to_id=firm.id)
    )
    event_service.answer(db, user=visit.host_user, request_id=r1.id, accept=True)
    event_service.answer(db, user=visit.firm_users[0], request_id=r2.id, accept=True)
    m = meeting_service.place(
        db,
        user=visit.organiser,
        event_id=visit.event.id,
        data=MeetingIn(request_id=r1.id, slot_id=visit.slots[0].id, table_id=visit.tables[0].id),
    )
    with pytest.raises(Conflict, match=f"already meet \\(meeting {m.id}\\)"):
        meeting_service.place(
            db,
            user=visit.organiser,
            event_id=visit.event.id,
            data=MeetingIn(request_id=r2.id, slot_id=visit.slots[1].id, table_id=visit.tables[0].id),
        )
    assert len(build_instance(db, visit.event).instance.requests) == 1


def test_cohost_members_organise_too(db, make_user, make_org):
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    partner_user = make_user()
    partner = make_org(owner=partner_user, name_en="Shanghai Commission of Commerce", country="CN")
    with pytest.raises(Forbidden):
        meeting_service.publish(db, user=partner_user, event_id=visit.event.id)
    with pytest.raises(Forbidden):
        event_service.add_cohost(db, user=partner_user, event_id=visit.event.id, organisation_id=partner.id)
    event_service.add_cohost(db, user=visit.organiser, event_id=visit.event.id, organisation_id=partner.id)
    assert event_service.cohosts(db, visit.event.id) == [partner.id]
    assert meeting_service.publish(db, user=partner_user, event_id=visit.event.id) == 0
    with pytest.raises(Conflict, match=f"Organisation {partner.name_en} already hosts"):
        event_service.add_cohost(
            db, user=visit.organiser, event_id=visit.event.id, organisation_id=partner.id
        )
