"""Rules of a case's life: routing at filing, the thread, allowed status changes, reassignment without
loops, the rating, corrections by the firm, round tables and the audit of every transition."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from kcbridge.cases.schemas import (
    CaseIn,
    CasePatch,
    MessageIn,
    RatingIn,
    ReassignIn,
    RoundTableRow,
    RouteIn,
    StatusIn,
)
from kcbridge.cases.service import case_service
from kcbridge.kit.audit import AuditEntry
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound
from kcbridge.notifications.models import Notification

from .conftest import case_data


def actions(db, case_id):
    rows = db.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.entity_type == "case", AuditEntry.entity_id == str(case_id))
        .order_by(AuditEntry.id)
    )
    return list(rows)


def test_a_case_is_routed_to_the_rule_s_institution_and_its_agents_are_told(db, world):
    case = world.cases["a"]
    assert case.institution_id == world.institution.id and case.status == "submitted"
    assert case.country == "CN" and case.route_id == world.rule.id
    kinds = db.scalars(select(Notification.kind).where(Notification.user_id == world.users["agent"].id)).all()
    assert "case_routed" in kinds
    assert actions(db, case.id)[:2] == ["create", "route"]


def test_the_whole_life_of_a_case_with_the_sla_clock(db, world):
    u, case = world.users, world.cases["a"]
    due = case.resolution_due_at
    case_service.change_status(db, user=u["agent"], case_id=case.id, data=StatusIn(status="in_progress"))
    assert case.accepted_at is not None and case.first_reply_at is None  # accepting is no reply
    case_service.post_message(
        db,
        user=u["agent"],
        case_id=case.id,
        data=MessageIn(body="상표 등록증 사본을 보내 주세요.", question=True),
    )
    assert case.status == "waiting_firm" and case.paused_since is not None and case.first_reply_at is not None
    case.paused_since -= timedelta(days=3)  # the firm takes three days to answer
    case_service.post_message(db, user=u["member"], case_id=case.id, data=MessageIn(body="첨부했습니다."))
    assert case.status == "in_progress" and case.paused_since is None
    assert case.resolution_due_at - due >= timedelta(days=3) and case.paused_seconds >= 3 * 86400
    with pytest.raises(Invalid):  # resolving needs reasons
        case_service.change_status(db, user=u["agent"], case_id=case.id, data=StatusIn(status="resolved"))
    case_service.change_status(
        db,
        user=u["agent"],
        case_id=case.id,
        data=StatusIn(status="resolved", reason="무효 심판을 청구했습니다."),
    )
    assert (
        case.status == "resolved"
        and case.resolution_seconds is not None
        and case.resolution_breached_at is None
    )
    case_service.rate(db, user=u["owner"], case_id=case.id, data=RatingIn(score=5, comment="감사합니다"))
    assert case.rating == 5
    with pytest.raises(Conflict):
        case_service.rate(db, user=u["owner"], case_id=case.id, data=RatingIn(score=1))
    assert actions(db, case.id) == ["create", "route", "accept", "ask", "answer", "resolved", "rate"]


@pytest.mark.parametrize(
    ("steps", "wanted"),
    [
        ((), "resolved"),  # submitted → resolved: accept first
        (("in_progress",), "in_progress"),  # accepting twice
        (("refused",), "in_progress"),  # a refused case stays refused
    ],
)
def test_a_status_change_not_allowed_is_refused_with_a_translated_message(db, world, steps, wanted):
    u, case = world.users, world.cases["a"]
    for step in steps:
        case_service.change_status(
            db, user=u["agent"], case_id=case.id, data=StatusIn(status=step, reason="r")
        )
    with pytest.raises(Conflict) as err:
        case_service.change_status(
            db, user=u["agent"], case_id=case.id, data=StatusIn(status=wanted, reason="r")
        )
    assert "cannot go from" in err.value.message


def test_only_the_assigned_institution_handles_a_case(db, world):
    u, case = world.users, world.cases["a"]
    for who in ("agent_elsewhere", "officer", "analyst", "stranger"):
        with pytest.raises((Forbidden, NotFound)):
            case_service.change_status(db, user=u[who], case_id=case.id, data=StatusIn(status="in_progress"))
    with pytest.raises(Forbidden):  # the firm cannot accept its own case
        case_service.change_status(db, user=u["owner"], case_id=case.id, data=StatusIn(status="in_progress"))
    with pytest.raises(Forbidden):  # nor ask itself a question
        case_service.post_message(
            db, user=u["owner"], case_id=case.id, data=MessageIn(body="?", question=True)
        )


def test_a_reassignment_loop_is_refused_unless_an_administrator_sends_it_back(db, world):
    u, case = world.users, world.cases["a"]
    case_service.reassign(
        db,
        user=u["agent"],
        case_id=case.id,
        data=ReassignIn(institution_id=world.elsewhere.id, reason="세관 문제"),
    )
    assert case.institution_id == world.elsewhere.id and case.status == "submitted"
    with pytest.raises(Conflict) as err:
        case_service.reassign(
            db,
            user=u["agent_elsewhere"],
            case_id=case.id,
            data=ReassignIn(institution_id=world.institution.id, reason="x"),
        )
    assert "already passed this case on" in err.value.message and err.value.fields[0][0] == (
        "institution_id",
    )
    with pytest.raises(Invalid):  # to itself
        case_service.reassign(
            db,
            user=u["agent_elsewhere"],
            case_id=case.id,
            data=ReassignIn(institution_id=world.elsewhere.id, reason="x"),
        )
    with pytest.raises(Invalid):  # not an institution
        case_service.reassign(
            db,
            user=u["agent_elsewhere"],
            case_id=case.id,
            data=ReassignIn(institution_id=world.other_firm.id, reason="x"),
        )
    case_service.reassign(
        db,
        user=u["admin"],
        case_id=case.id,
        data=ReassignIn(institution_id=world.institution.id, reason="관리자 판단"),
    )
    assert case.institution_id == world.institution.id
    assert "reassign" in actions(db, case.id)


def test_the_most_specific_rule_routes_and_a_correction_routes_again(db, world):
    u = world.users
    from kcbridge.cases.rules import route_service

    route_service.create(
        db,
        user=u["admin"],
        data=RouteIn(category="tax_customs", region="CN-shanghai", institution_id=world.elsewhere.id),
    )
    case = world.cases["a"]
    case_service.update(db, user=u["member"], case_id=case.id, data=CasePatch(category="tax_customs"))
    assert case.institution_id == world.elsewhere.id
    with pytest.raises(Forbidden):  # the institution does not rewrite the firm's case
        case_service.update(db, user=u["agent_elsewhere"], case_id=case.id, data=CasePatch(subject="x"))


def test_officers_and_analysts_file_no_case_and_firms_only_for_their_own(db, world):
    u = world.users
    for who in ("officer", "analyst"):
        with pytest.raises(Forbidden):
            case_service.create(db, user=u[who], data=CaseIn.model_validate(case_data(world.firm.id)))
    with pytest.raises(Forbidden):
        case_service.create(db, user=u["stranger"], data=CaseIn.model_validate(case_data(world.firm.id)))
    with pytest.raises(Invalid):  # an institution does not file cases
        case_service.create(db, user=u["agent"], data=CaseIn.model_validate(case_data(world.institution.id)))


def test_a_round_table_records_cases_that_their_firms_confirm_and_own(db, world):
    from kcbridge.cases.roundtable import round_table_service

    u = world.users
    rows = [
        RoundTableRow.model_validate(
            case_data(world.firm.id, category="hiring_visas", subject="비자 발급 지연")
        ),
        RoundTableRow.model_validate(
            case_data(world.other_firm.id, category="payments", subject="外汇结算延迟", lang="zh")
        ),
    ]
    cases = round_table_service.record(db, user=u["officer"], event_id=world.round_table.id, rows=rows)
    assert [c.origin for c in cases] == ["round_table", "round_table"] and cases[0].confirmed_at is None
    assert cases[0].filed_by == u["officer"].id and cases[0].event_id == world.round_table.id
    with pytest.raises(Forbidden):  # the officer who typed it does not read it afterwards
        case_service.get(db, cases[0].id, u["officer"])
    case_service.update(
        db, user=u["member"], case_id=cases[0].id, data=CasePatch(subject="E-7 비자 발급 지연", confirm=True)
    )
    assert cases[0].confirmed_at is not None and "confirm" in actions(db, cases[0].id)
    with pytest.raises(Forbidden):  # only the round table's organisers record
        round_table_service.record(db, user=u["analyst"], event_id=world.round_table.id, rows=rows)
    outsider = RoundTableRow.model_validate(case_data(world.institution.id))
    with pytest.raises(Invalid) as err:  # a firm that is not at the table
        round_table_service.record(
            db, user=u["officer"], event_id=world.round_table.id, rows=[rows[0], outsider]
        )
    assert err.value.fields[0][0] == ("cases", 1, "organisation_id")


def test_sla_breaches_are_flagged_once_and_mailed_to_the_institution(db, world):
    from kcbridge.cases.tasks import flag_breaches

    case = world.cases["a"]
    later = utcnow() + timedelta(days=15)  # IP: first reply within 14 days (both cases are IP cases)
    assert flag_breaches(db, later) == 2
    assert case.first_reply_breached_at is not None and case.resolution_breached_at is None
    assert flag_breaches(db, later) == 0
    kinds = db.scalars(select(Notification.kind).where(Notification.user_id == world.users["agent"].id)).all()
    assert "case_first_reply_late" in kinds
    assert flag_breaches(db, utcnow() + timedelta(days=100)) == 2  # both resolutions (90 days)


def test_a_waiting_case_breaches_no_resolution_deadline(db, world):
    from kcbridge.cases.tasks import flag_breaches

    u, case = world.users, world.cases["a"]
    case_service.change_status(db, user=u["agent"], case_id=case.id, data=StatusIn(status="in_progress"))
    case_service.post_message(db, user=u["agent"], case_id=case.id, data=MessageIn(body="?", question=True))
    flag_breaches(db, utcnow() + timedelta(days=200))
    assert case.resolution_breached_at is None and case.first_reply_breached_at is None


def test_a_breach_is_mailed_in_the_recipient_s_language_without_the_case_text(db, world):
    import email
    from email import policy

    from kcbridge.cases.tasks import flag_breaches
    from kcbridge.kit import i18n
    from kcbridge.kit.config import get_settings

    agent = world.users["agent"]
    agent.locale = "zh_Hans"
    db.flush()
    outbox = get_settings().outbox_dir
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    flag_breaches(db, utcnow() + timedelta(days=15))
    db.commit()  # mails leave once the unit of work commits
    mails = [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in set(outbox.glob("*.eml")) - before
    ]
    to_agent = [m for m in mails if m["To"] == agent.email]
    assert to_agent
    subject = i18n.translations("zh_Hans").gettext("A case waits for its first reply past the deadline")
    assert to_agent[0]["Subject"] == "kcbridge: " + subject
    bodies = "\n".join(m.get_content() for m in to_agent)
    assert f"#{world.cases['a'].id}" in bodies and "상하이에서 상표가" not in bodies  # no case text by mail
