"""Programme rules through the service: who writes, audit of every change, browsing filters."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kcbridge.kit.audit import AuditEntry
from kcbridge.kit.errors import Forbidden, Invalid, NotFound
from kcbridge.programmes import finder
from kcbridge.programmes.schemas import ProgrammeIn, ProgrammePatch
from kcbridge.programmes.service import programme_service

TODAY = date.today()


def test_members_create_strangers_cannot_and_every_change_is_audited(
    db, make_user, make_org, make_prog, staff
):
    owner, stranger = make_user(), make_user()
    org = make_org(owner=owner, org_type="incubator", country="CN", city="Beijing")
    data = {
        "organisation_id": org.id,
        "prog_type": "incubation",
        "country": "CN",
        "texts": {"zh": {"title": "机器人孵化计划"}},
    }
    with pytest.raises(Forbidden):
        programme_service.create(db, user=stranger, data=ProgrammeIn.model_validate(data))
    p = make_prog(owner, org, status="draft")
    assert p.status == "draft" and p.published_at is None
    # Drafts are hidden from others (404, no existence leak), visible to members and staff.
    with pytest.raises(NotFound):
        programme_service.get(db, p.id, stranger)
    with pytest.raises(NotFound):
        programme_service.get(db, p.id, None)
    assert programme_service.get(db, p.id, staff).id == p.id
    with pytest.raises(NotFound):
        programme_service.update(db, user=stranger, prog_id=p.id, data=ProgrammePatch(city="X"))
    programme_service.update(db, user=owner, prog_id=p.id, data=ProgrammePatch(status="published"))
    db.commit()
    assert programme_service.get(db, p.id, None).published_at is not None
    with pytest.raises(Forbidden):
        programme_service.update(db, user=stranger, prog_id=p.id, data=ProgrammePatch(city="X"))
    programme_service.update(db, user=staff, prog_id=p.id, data=ProgrammePatch(city="Shanghai"))
    programme_service.update(db, user=owner, prog_id=p.id, data=ProgrammePatch(status="closed"))
    db.commit()
    actions = db.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_type == "programme").order_by(AuditEntry.id)
    ).all()
    assert actions == ["create", "publish", "update", "close"]
    entry = db.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert entry.changes["city"] == ["Beijing", "Shanghai"] and entry.actor_id == staff.id


def test_cross_field_rules_hold_for_a_patch_of_one_field(db, make_user, make_org, make_prog):
    owner = make_user()
    org = make_org(owner=owner)
    p = make_prog(owner, org, opens_on=str(TODAY), deadline=str(TODAY + timedelta(days=30)))
    with pytest.raises(Invalid) as exc:
        programme_service.update(
            db, user=owner, prog_id=p.id, data=ProgrammePatch(deadline=TODAY - timedelta(days=1))
        )
    assert exc.value.fields[0][0] == ("deadline",)
    db.rollback()
    draft = make_prog(owner, org, status="draft", opens_on=None, deadline=str(TODAY - timedelta(days=3)))
    with pytest.raises(Invalid, match="deadline has passed"):
        programme_service.update(db, user=owner, prog_id=draft.id, data=ProgrammePatch(status="published"))


def test_browse_filters_accept_open_lists_and_put_open_programmes_first(db, make_user, make_org, make_prog):
    owner = make_user()
    org = make_org(owner=owner, org_type="economic_zone", country="CN", name_zh="亦庄开发区")
    soon = make_prog(
        owner, org, deadline=str(TODAY + timedelta(days=5)), sectors=["robotics"], stages=["early"]
    )
    later = make_prog(owner, org, deadline=str(TODAY + timedelta(days=50)), nationalities=["KR"])
    rolling = make_prog(owner, org, prog_type="zone_landing", texts={"zh": {"title": "工厂落地一站式服务"}})
    past = make_prog(
        owner, org, status="draft", deadline=str(TODAY - timedelta(days=5)), country="KR", city="Seoul"
    )
    programme_service.update(db, user=owner, prog_id=past.id, data=ProgrammePatch(status="closed"))
    make_prog(owner, org, status="draft")  # drafts are never listed
    db.commit()

    def ids(**kw):
        items, total = finder.browse(db, **kw)
        assert total == len(items)
        return [p.id for p in items]

    assert ids() == [soon.id, later.id, rolling.id]  # closed and draft programmes stay off the finder
    assert ids(sectors=["robotics"]) == [soon.id, later.id, rolling.id]  # no sector named: open to all
    assert ids(sectors=["bio_healthcare"]) == [later.id, rolling.id]
    assert ids(stage="growth") == [later.id, rolling.id]
    assert ids(nationality="CN") == [soon.id, rolling.id]
    assert ids(prog_types=["zone_landing"]) == [rolling.id]
    assert ids(q="工厂") == [rolling.id]
    assert ids(q="亦庄") == [soon.id, later.id, rolling.id]  # the operator's name counts
    assert ids(q="100%_") == []  # LIKE wildcards are taken literally
    assert ids(city="beij") == [soon.id, later.id, rolling.id]
    assert ids(country="KR") == []


def test_open_now_keeps_deadline_today_and_drops_yesterday(db, make_user, make_org, make_prog):
    from kcbridge.programmes.eligibility import local_today

    owner = make_user()
    org = make_org(owner=owner)
    from kcbridge.kit.db import utcnow

    today_cn = local_today("CN", utcnow())
    due_today = make_prog(owner, org, status="draft", deadline=str(today_cn))
    programme_service.update(db, user=owner, prog_id=due_today.id, data=ProgrammePatch(status="published"))
    yesterday = make_prog(owner, org, deadline=str(today_cn + timedelta(days=3)))
    from kcbridge.programmes.models import Programme

    db.get(Programme, yesterday.id).deadline = today_cn - timedelta(days=1)  # the day passed since
    db.commit()
    items, _total = finder.browse(db, open_now=True)
    assert [p.id for p in items] == [due_today.id]
    items, _total = finder.browse(db)
    assert [p.id for p in items] == [due_today.id, yesterday.id]  # closed ones after the open ones
