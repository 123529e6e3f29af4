"""Saved searches: baseline on saving, alerts with only what is new, due by frequency, visibility as on
the pages, and the limits of what may be saved."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kcbridge.alerts import repository as repo
from kcbridge.alerts.schemas import SavedSearchIn, SavedSearchPatch
from kcbridge.alerts.service import MAX_PER_USER, saved_search_service
from kcbridge.kit.db import utcnow
from kcbridge.kit.errors import Conflict, Invalid, NotFound
from kcbridge.notifications import repository as notify_repo


def _save(db, user, kind="match", frequency="daily", name="", **criteria):
    data = SavedSearchIn(kind=kind, name=name, frequency=frequency, criteria=criteria)
    search = saved_search_service.create(db, user=user, data=data, lang="en")
    db.commit()
    return search


def _alerts(db, user):
    return [n for n in notify_repo.notifications(db, user.id) if n.kind == "saved_search_alert"]


def test_a_new_organisation_is_announced_once_in_the_owners_language(
    db, robot_world, make_org, outbox, make_due, set_locale
):
    founder = robot_world["founder"]
    set_locale(founder, "ko")
    search = _save(db, founder, text="휴머노이드 로봇 핸드 제조 파트너", target="CN", kinds=["organisation"])
    assert search.name.startswith(
        "휴머노이드 로봇 핸드 제조 파트너"
    )  # named after its criteria when no name is given
    # Saving records the current results: the Shenzhen maker is no news.
    assert ("organisation", robot_world["maker"].id) in repo.seen(db, search.id)
    make_due(search.id)
    assert saved_search_service.check(db, search_id=search.id) == []
    db.commit()
    assert _alerts(db, founder) == [] and outbox() == []

    newcomer = make_org(
        name_zh="北京人形机器人创新中心",
        name_en="Beijing Humanoid Robot Innovation Centre",
        country="CN",
        sectors=["humanoid_robots"],
        texts={
            "zh": {"description": "人形机器人整机、核心零部件与大模型企业的创新中心，欢迎韩国机器人手企业。"}
        },
        people=({"name": "Li Wei", "email": "li.wei@bhric.example", "phone": "+86 10 5555 0000"},),
    )
    make_due(search.id)
    fresh = saved_search_service.check(db, search_id=search.id)
    db.commit()
    assert [(r.kind, r.id) for r in fresh] == [("organisation", newcomer.id)]
    alerts = _alerts(db, founder)
    assert len(alerts) == 1 and alerts[0].payload["count"] == 1
    assert alerts[0].payload["results"][0]["url"] == f"/organisations/{newcomer.id}"
    mails = outbox()
    assert len(mails) == 1
    mail = mails[0]
    assert "To: founder@robot.example" in mail
    assert "새 결과" in mail  # Korean, the founder's language
    assert "北京人形机器人创新中心" in mail and f"/organisations/{newcomer.id}" in mail
    assert "li.wei@bhric.example" not in mail and "5555" not in mail  # no contact details
    assert "Shenzhen" not in mail and "深圳" not in mail  # not new
    db.expire_all()
    assert repo.get_owned(db, founder.id, search.id).new_count == 1

    # The next run finds nothing new: no notification, no mail.
    make_due(search.id)
    assert saved_search_service.check(db, search_id=search.id) == []
    db.commit()
    assert len(_alerts(db, founder)) == 1 and len(outbox()) == 1


def test_directory_search_reports_only_organisations_that_fit_its_filters(
    db, make_user, make_org, outbox, make_due
):
    analyst = make_user()
    make_org(name_en="Old Shanghai Cloud", country="CN", sectors=["cloud"])
    search = _save(db, analyst, kind="directory", frequency="weekly", country="CN", sectors=["cloud"])
    make_org(name_en="Seoul Cloud MSP", country="KR", sectors=["cloud"])  # wrong country
    make_org(name_en="Hangzhou Robots", country="CN", sectors=["robotics"])  # wrong sector
    new = make_org(name_en="Shanghai Cloud Branch", country="CN", sectors=["cloud"])
    make_due(search.id, hours=24 * 7)
    fresh = saved_search_service.check(db, search_id=search.id)
    db.commit()
    assert [r.title for r in fresh] == ["Shanghai Cloud Branch"] and fresh[0].id == new.id
    assert len(outbox()) == 1 and "Shanghai Cloud Branch" in outbox()[0]


def test_due_follows_frequency_and_last_check(db, make_user):
    user = make_user()
    daily = _save(db, user, kind="directory", frequency="daily", q="robot")
    weekly = _save(db, user, kind="directory", frequency="weekly", q="robot")
    never = _save(db, user, kind="directory", frequency="never", q="robot")
    now = utcnow()

    def due(at):
        return {s.id for s, _u in repo.due(db, at)}

    assert due(now + timedelta(hours=1)) == set()
    assert due(now + timedelta(hours=24)) == {daily.id}
    assert due(now + timedelta(days=7)) == {daily.id, weekly.id}
    assert never.id not in due(now + timedelta(days=365))


def test_results_mark_what_is_new_since_the_owner_last_looked(db, make_user, make_org, make_due):
    user = make_user()
    make_org(name_en="Alpha Robotics", country="CN", sectors=["robotics"])
    search = _save(db, user, kind="directory", country="CN")
    _s, marked = saved_search_service.results(db, user=user, search_id=search.id, lang="en")
    assert [(r.title, new) for r, new in marked] == [("Alpha Robotics", False)]
    make_org(name_en="Beta Robotics", country="CN", sectors=["robotics"])
    make_due(search.id)
    saved_search_service.check(db, search_id=search.id)  # the alert finds Beta
    db.commit()
    _s, marked = saved_search_service.results(db, user=user, search_id=search.id, lang="en")
    assert dict((r.title, new) for r, new in marked) == {"Alpha Robotics": False, "Beta Robotics": True}
    _s, marked = saved_search_service.results(db, user=user, search_id=search.id, lang="en")
    assert dict((r.title, new) for r, new in marked)["Beta Robotics"]  # reading alone records nothing
    _s, marked = saved_search_service.look(db, user=user, search_id=search.id, lang="en")
    db.commit()
    assert dict((r.title, new) for r, new in marked)["Beta Robotics"]  # shown as new this once
    _s, marked = saved_search_service.results(db, user=user, search_id=search.id, lang="en")
    assert not any(new for _r, new in marked)  # looked at now


def test_anonymous_and_unpublished_opportunities_as_on_the_pages(
    db, robot_world, make_user, make_org, outbox, make_due
):
    from kcbridge.accounts.models import Role
    from kcbridge.opportunities.schemas import OpportunityIn, ReviewIn
    from kcbridge.opportunities.service import opportunity_service

    founder, staff, owner = robot_world["founder"], make_user(role=Role.SUPPORT_AGENT), make_user()
    maker = make_org(owner=owner, name_zh="隐名机器人工厂", name_en="Hidden Robot Works", country="CN")
    search = _save(db, founder, text="휴머노이드 로봇 핸드 제조 파트너", target="CN", kinds=["opportunity"])

    def opp(title, publish, anonymous):
        data = {
            "organisation_id": maker.id,
            "opp_type": "business_offer",
            "anonymous": anonymous,
            "sectors": ["humanoid_robots"],
            "texts": {"zh": {"title": title, "description": "为韩国人形机器人企业代工生产灵巧手。"}},
        }
        o = opportunity_service.create(db, user=owner, data=OpportunityIn.model_validate(data))
        if publish:
            opportunity_service.submit(db, user=owner, opp_id=o.id)
            opportunity_service.review(db, user=staff, opp_id=o.id, data=ReviewIn(decision="approve"))
        db.commit()
        return o

    opp("灵巧手草稿", publish=False, anonymous=False)
    published = opp("灵巧手代工生产", publish=True, anonymous=True)
    make_due(search.id)
    fresh = saved_search_service.check(db, search_id=search.id)
    db.commit()
    assert [(r.kind, r.id) for r in fresh] == [("opportunity", published.id)]
    mail = outbox()[0]
    assert "灵巧手代工生产" in mail and "灵巧手草稿" not in mail
    assert "隐名机器人工厂" not in mail and "Hidden Robot Works" not in mail  # the publisher stays anonymous


def test_bad_input_names_the_field(db, make_user, make_org):
    user, other = make_user(), make_user()
    foreign = make_org(owner=other)
    cases = [
        ("match", {"text": "   "}, ("body", "criteria", "text")),
        ("match", {"text": "robots", "target": "JP"}, ("body", "criteria", "target")),
        ("match", {"text": "robots", "kinds": ["person"]}, ("body", "criteria", "kinds")),
        ("match", {"organisation_id": foreign.id}, ("body", "criteria", "organisation_id")),
        ("directory", {"country": "XX"}, ("body", "criteria", "country")),
        ("directory", {"org_type": "club"}, ("body", "criteria", "org_type")),
        ("directory", {"colour": "red"}, ("body", "criteria", "colour")),
    ]
    for kind, criteria, loc in cases:
        with pytest.raises(Invalid) as err:
            _save(db, user, kind=kind, **criteria)
        assert err.value.fields[0][0] == loc, (criteria, err.value.fields)
        db.rollback()
    with pytest.raises(ValueError):
        SavedSearchIn(kind="match", frequency="hourly", criteria={"text": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        SavedSearchIn(kind="match", name="x" * 121, criteria={"text": "x"})


def test_at_most_fifty_saved_searches_each(db, make_user):
    user = make_user()
    for i in range(MAX_PER_USER):
        _save(db, user, kind="directory", q=f"robot {i}")
    with pytest.raises(Conflict):
        _save(db, user, kind="directory", q="one too many")
    db.rollback()
    assert repo.count_of_user(db, user.id) == MAX_PER_USER


def test_only_the_owner_reads_changes_or_deletes(db, make_user):
    owner, other = make_user(), make_user()
    search = _save(db, owner, kind="directory", q="cloud", name="Cloud firms")
    for call in (
        lambda: saved_search_service.get(db, user=other, search_id=search.id),
        lambda: saved_search_service.update(
            db, user=other, search_id=search.id, data=SavedSearchPatch(name="x")
        ),
        lambda: saved_search_service.delete(db, user=other, search_id=search.id),
        lambda: saved_search_service.results(db, user=other, search_id=search.id, lang="en"),
        lambda: saved_search_service.look(db, user=other, search_id=search.id, lang="en"),
    ):
        with pytest.raises(NotFound):
            call()
    renamed = saved_search_service.update(
        db, user=owner, search_id=search.id, data=SavedSearchPatch(name="Cloud\nproviders", frequency="never")
    )
    assert (renamed.name, renamed.frequency) == (
        "Cloud providers",
        "never",
    )  # one line: it goes in mail subjects
