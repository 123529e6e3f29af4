"""A GET never writes: reads at a deadline see opportunities, expressions of interest and meeting requests
as expired without touching a row; the periodic jobs then store the expiry. A session opened for a GET
refuses any write, so a future write in a GET fails here instead of committing silently."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from tests.support import login
from tests.support.events import make_visit

from kcbridge.events.models import Event, MeetingRequest
from kcbridge.events.schemas import RequestIn
from kcbridge.events.service import event_service
from kcbridge.kit.audit import AuditEntry
from kcbridge.kit.db import utcnow
from kcbridge.kit.web.deps import WriteInRead, refuse_writes
from kcbridge.opportunities.models import ExpressionOfInterest, Opportunity
from kcbridge.opportunities.service import opportunity_service


def _snapshot(db: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the application, in primary-key order."""
    from kcbridge.app.models import metadata

    db.expire_all()
    out = {}
    for table in metadata.sorted_tables:
        order = list(table.primary_key.columns) or list(table.columns)
        out[table.name] = [tuple(r) for r in db.execute(select(table).order_by(*order))]
    return out


@pytest.fixture
def at_deadline(db: Session, make_user: Any, make_org: Any, make_opp: Any) -> dict[str, Any]:
    """An opportunity past its deadline, an expression of interest unanswered for 31 days and a meeting
    request still pending after its event's requests closed, all still stored as live."""
    visit = make_visit(db, make_user, make_org, firms=1, teams=1, slots=1)
    owner, partner = visit.host_user, visit.firm_users[0]
    opp = make_opp(owner, visit.host_org, deadline=date.today() + timedelta(days=3), sectors=["ai"])
    eoi = opportunity_service.send_interest(db, user=partner, opp_id=opp.id, from_org_id=None, message="hi")
    request = event_service.request_meeting(
        db,
        user=partner,
        event_id=visit.event.id,
        data=RequestIn(from_id=visit.firms[0].id, to_id=visit.teams[0].id),
    )
    db.flush()
    # Time passes: the deadlines are behind us, and nothing has run since.
    db.execute(
        update(Opportunity).where(Opportunity.id == opp.id).values(deadline=date.today() - timedelta(1))
    )
    db.execute(
        update(ExpressionOfInterest)
        .where(ExpressionOfInterest.id == eoi.id)
        .values(created_at=utcnow() - timedelta(days=31))
    )
    db.execute(
        update(Event)
        .where(Event.id == visit.event.id)
        .values(requests_close_at=utcnow() - timedelta(hours=1))
    )
    db.commit()
    return {"visit": visit, "owner": owner, "partner": partner, "opp": opp, "eoi": eoi, "request": request}


def test_reads_at_a_deadline_see_expiry_and_write_nothing(client, db, at_deadline):
    opp, eoi, request = at_deadline["opp"], at_deadline["eoi"], at_deadline["request"]
    owner, visit = at_deadline["owner"], at_deadline["visit"]
    login(client, owner.email)  # a POST: it writes its session before we look
    before = _snapshot(db)
    assert before["opportunity"] and before["expression_of_interest"] and before["meeting_request"]

    board = client.get("/api/v1/opportunities").json()
    assert board["total"] == 0  # no longer on the board
    assert client.get(f"/api/v1/opportunities/{opp.id}").json()["status"] == "expired"
    assert client.get("/opportunities").status_code == 200
    assert client.get(f"/opportunities/{opp.id}").status_code == 200
    interests = client.get("/api/v1/interests").json()
    assert [(i["id"], i["status"]) for i in interests["received"]] == [(eoi.id, "expired")]
    assert client.get("/interests").status_code == 200
    assert client.get(f"/api/v1/organisations/{visit.host_org.id}/matches").status_code == 200
    assert client.get("/matches", params={"org": visit.host_org.id}).status_code == 200
    requests = client.get(f"/api/v1/events/{visit.event.id}/requests").json()
    assert [(r["id"], r["status"]) for r in requests] == [(request.id, "expired")]
    assert client.get(f"/events/{visit.event.id}").status_code == 200

    assert _snapshot(db) == before  # not one row written, not one audit entry

    # The periodic jobs store what the readers already saw, with their audit entries.
    from kcbridge.events.tasks import expire_meeting_requests
    from kcbridge.opportunities.tasks import expire_interests, expire_opportunities

    for job in (expire_opportunities, expire_interests, expire_meeting_requests):
        job()
    db.expire_all()
    assert db.get(Opportunity, opp.id).stored_status == "expired"
    assert db.get(ExpressionOfInterest, eoi.id).stored_status == "expired"
    assert db.get(MeetingRequest, request.id).stored_status == "expired"
    actions = {
        (a.entity_type, a.action)
        for a in db.scalars(select(AuditEntry).where(AuditEntry.action == "expired"))
    }
    assert actions == {
        ("opportunity", "expired"),
        ("expression_of_interest", "expired"),
        ("event_meeting_requests", "expired"),
    }
    assert opportunity_service.expire_due(db) == opportunity_service.expire_stale(db) == 0  # done once


def test_answers_after_a_deadline_are_refused_before_any_job_ran(client, db, at_deadline):
    from kcbridge.kit.errors import Conflict

    with pytest.raises(Conflict):
        opportunity_service.answer(db, user=at_deadline["owner"], eoi_id=at_deadline["eoi"].id, accept=True)
    with pytest.raises(Conflict):
        event_service.answer(db, user=at_deadline["owner"], request_id=at_deadline["request"].id, accept=True)
    with pytest.raises(Conflict):  # the board no longer takes interest in it either
        opportunity_service.send_interest(
            db, user=at_deadline["partner"], opp_id=at_deadline["opp"].id, from_org_id=None, message="again"
        )


def test_a_read_session_refuses_flushes_and_statements_that_write(db, make_user):
    user = make_user()
    from kcbridge.kit.db import get_sessionmaker

    read = refuse_writes(get_sessionmaker(write=False)(), "GET /test")
    try:
        me = read.get(type(user), user.id)
        me.display_name = "Changed"
        with pytest.raises(WriteInRead, match="GET /test tried to write User"):
            read.flush()
        read.rollback()
        with pytest.raises(WriteInRead, match="GET /test tried to execute UPDATE"):
            read.execute(update(type(user)).where(type(user).id == user.id).values(display_name="X"))
        read.rollback()
        assert read.get(type(user), user.id).display_name == user.display_name  # reading is fine
    finally:
        read.close()
