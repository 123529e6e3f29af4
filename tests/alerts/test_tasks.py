"""The hourly alerts job, through the periodic tick: a new organisation after saving → one notification
and one mail; the next run with nothing new → none."""

from __future__ import annotations

from datetime import timedelta

from kcbridge.alerts.schemas import SavedSearchIn
from kcbridge.alerts.service import saved_search_service
from kcbridge.kit import periodic
from kcbridge.kit.db import utcnow
from kcbridge.notifications import repository as notify_repo


def test_tick_runs_the_alerts_job_once_per_hour(db, robot_world, make_org, outbox, make_due, set_locale):
    founder = robot_world["founder"]
    set_locale(founder, "zh_Hans")
    data = SavedSearchIn(kind="match", name="机器人手", criteria={"organisation_id": robot_world["seoul"].id})
    search = saved_search_service.create(db, user=founder, data=data, lang="zh")
    db.commit()
    newcomer = make_org(
        name_zh="上海机器人皮肤传感器",
        country="CN",
        sectors=["humanoid_robots", "robot_components"],
        texts={"zh": {"description": "电子皮肤触觉传感器，适用于人形机器人灵巧手，寻找韩国合作伙伴。"}},
    )
    make_due(search.id)
    now = utcnow()
    assert periodic.tick(now=now).get("alerts.check_saved_searches") is True
    alerts = [n for n in notify_repo.notifications(db, founder.id) if n.kind == "saved_search_alert"]
    db.commit()
    assert len(alerts) == 1
    [mail] = outbox()
    assert "上海机器人皮肤传感器" in mail and f"/organisations/{newcomer.id}" in mail and "新结果" in mail
    assert "alerts.check_saved_searches" not in periodic.tick(now=now)  # this hour's slot is taken

    make_due(search.id)
    assert periodic.tick(now=now + timedelta(hours=1))["alerts.check_saved_searches"] is True
    assert len([n for n in notify_repo.notifications(db, founder.id) if n.kind == "saved_search_alert"]) == 1
    assert len(outbox()) == 1


def test_notification_page_shows_the_alert_with_a_link_to_saved_searches(client, db, make_user):
    from tests.support import login

    from kcbridge.notifications.service import notify

    user = make_user(email="n@test.example")
    notify(
        db,
        [user.id],
        "saved_search_alert",
        {"search_id": 1, "title": "Cloud", "count": 2, "link": "/searches"},
        mail=False,
    )
    db.commit()
    login(client, "n@test.example")
    html = client.get("/notifications", params={"lang": "ko"}).text
    assert 'href="/searches"' in html and "Cloud" in html and "saved_search_alert" not in html
