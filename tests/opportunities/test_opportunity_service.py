"""Opportunity rules: review workflow, expiry, expressions of interest and the contacts they open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kcbridge.kit.errors import Conflict, Forbidden, Invalid
from kcbridge.notifications import repository as notify_repo
from kcbridge.notifications import service as notify_service
from kcbridge.opportunities.schemas import OpportunityPatch, ReviewIn
from kcbridge.opportunities.service import opportunity_service as svc


def test_draft_review_publish_and_return_with_comment(db, make_user, make_org, make_opp, staff):
    owner = make_user()
    org = make_org(owner=owner)
    opp = make_opp(owner, org, status="draft")
    assert opp.status == "draft"
    with pytest.raises(Forbidden):
        svc.review(db, user=owner, opp_id=opp.id, data=ReviewIn(decision="approve"))
    with pytest.raises(Conflict):  # not submitted yet
        svc.review(db, user=staff, opp_id=opp.id, data=ReviewIn(decision="approve"))
    svc.submit(db, user=owner, opp_id=opp.id)
    svc.review(db, user=staff, opp_id=opp.id, data=ReviewIn(decision="return", comment="Add a deadline"))
    assert opp.status == "returned" and opp.review_comment == "Add a deadline"
    svc.update(
        db, user=owner, opp_id=opp.id, data=OpportunityPatch(deadline=date.today() + timedelta(days=30))
    )
    svc.submit(db, user=owner, opp_id=opp.id)
    svc.review(db, user=staff, opp_id=opp.id, data=ReviewIn(decision="approve"))
    assert opp.status == "published" and opp.published_at is not None
    with pytest.raises(Conflict):  # published: no more edits by the owner
        svc.update(db, user=owner, opp_id=opp.id, data=OpportunityPatch(stage="seed"))
    kinds = [n.kind for n in notify_repo.notifications(db, owner.id)]
    assert "opp_published" in kinds and "opp_returned" in kinds


def test_return_and_reject_need_a_comment():
    with pytest.raises(ValueError):
        ReviewIn(decision="reject", comment="  ")
    assert ReviewIn(decision="approve").comment == ""


def test_published_opportunity_expires_at_its_deadline_and_can_be_renewed(db, make_user, make_org, make_opp):
    owner = make_user()
    opp = make_opp(owner, make_org(owner=owner), deadline=date.today() + timedelta(days=1))
    opp.deadline = date.today() - timedelta(days=1)  # time passes
    db.commit()
    items, total = svc.board(db)
    assert total == 0
    db.refresh(opp)
    assert opp.status == "expired" and opp.stored_status == "published"  # read as expired, not written
    assert svc.expire_due(db) == 1  # the periodic job writes it down
    assert opp.stored_status == "expired"
    with pytest.raises(Invalid):
        svc.renew(db, user=owner, opp_id=opp.id, deadline=date.today() - timedelta(days=2))
    svc.renew(db, user=owner, opp_id=opp.id, deadline=date.today() + timedelta(days=60))
    assert opp.status == "published"


def test_renewing_a_closed_opportunity_goes_back_to_review(db, make_user, make_org, make_opp):
    from kcbridge.accounts.models import Role

    owner, staff = make_user(), make_user(role=Role.ADMIN)
    opp = make_opp(owner, make_org(owner=owner))
    svc.close(db, user=owner, opp_id=opp.id)
    svc.renew(db, user=owner, opp_id=opp.id, deadline=date.today() + timedelta(days=30))
    assert opp.status == "in_review"
    assert opp.deadline == date.today() + timedelta(days=30)
    _items, total = svc.board(db)
    assert total == 0  # not on the public board until staff approve again
    svc.review(db, user=staff, opp_id=opp.id, data=ReviewIn(decision="approve"))
    assert opp.status == "published" and svc.board(db)[1] == 1


def test_interest_refusals_are_translated_messages(db, make_user, make_org, make_opp):
    from kcbridge.kit.i18n import set_locale

    set_locale("en")
    owner, other = make_user(), make_user()
    org, other_org = make_org(owner=owner), make_org(owner=other)
    opp = make_opp(owner, org)
    with pytest.raises(Conflict) as own:
        svc.send_interest(db, user=owner, opp_id=opp.id, from_org_id=org.id, message="hi")
    assert "own" in own.value.message
    svc.send_interest(db, user=other, opp_id=opp.id, from_org_id=None, message="Let us talk")
    with pytest.raises(Conflict) as dup:
        svc.send_interest(db, user=other, opp_id=opp.id, from_org_id=other_org.id, message="again")
    assert "already" in dup.value.message
    with pytest.raises(Forbidden):  # not on behalf of someone else's organisation
        svc.send_interest(db, user=other, opp_id=opp.id, from_org_id=org.id, message="x")
    svc.close(db, user=owner, opp_id=opp.id)
    third = make_user()
    make_org(owner=third)
    with pytest.raises(Conflict) as closed:
        svc.send_interest(db, user=third, opp_id=opp.id, from_org_id=None, message="late")
    assert "closed" in closed.value.message
    from kcbridge.kit.i18n import set_locale

    set_locale("ko")
    try:
        with pytest.raises(Conflict) as ko:
            svc.send_interest(db, user=third, opp_id=opp.id, from_org_id=None, message="late")
        assert ko.value.message != closed.value.message  # worded in Korean
    finally:
        set_locale("en")


def test_unanswered_interest_expires(db, make_user, make_org, make_opp):
    owner, other = make_user(), make_user()
    opp = make_opp(owner, make_org(owner=owner))
    make_org(owner=other)
    eoi = svc.send_interest(db, user=other, opp_id=opp.id, from_org_id=None, message="")
    from kcbridge.kit.db import utcnow

    eoi.created_at = utcnow() - timedelta(days=31)
    db.commit()
    assert eoi.status == "expired" and eoi.stored_status == "pending"  # read as expired, not written
    assert svc.expire_stale(db) == 1
    assert eoi.status == "expired"
    with pytest.raises(Conflict):
        svc.answer(db, user=owner, eoi_id=eoi.id, accept=True)
    # expired: the same organisation may write again
    svc.send_interest(db, user=other, opp_id=opp.id, from_org_id=None, message="second try")


def test_daily_digest_tells_members_of_fitting_new_opportunities(db, make_user, make_org, make_opp):
    from kcbridge.matchmaking.digest import send_digest

    seoul, shenzhen = make_user(), make_user()
    make_org(
        owner=seoul,
        name_ko="로보터치",
        sectors=["humanoid_robots"],
        texts={"ko": {"description": "휴머노이드 로봇 핸드를 만들고 중국 제조 파트너를 찾습니다."}},
    )
    maker = make_org(owner=shenzhen, country="CN", sectors=["robot_components"])
    make_opp(
        shenzhen,
        maker,
        opp_type="business_offer",
        sectors=["robot_components", "humanoid_robots"],
        coop_types=["co_production"],
        texts={"zh": {"title": "灵巧手代工生产", "description": "为韩国人形机器人企业代工生产灵巧手。"}},
    )
    assert send_digest(db) >= 1
    digest = [n for n in notify_repo.notifications(db, seoul.id) if n.kind == "match_digest"]
    assert digest
    from kcbridge.kit.i18n import set_locale

    set_locale("zh_Hans")  # titles are stored in every language they have, each reader reads their own
    try:
        assert "灵巧手代工生产" in notify_service.text("match_digest", digest[0].payload)
    finally:
        set_locale("en")
