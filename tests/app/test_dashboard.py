"""The firm's dashboard: its own interests, opportunities, notifications and matches, and nobody else's."""

from __future__ import annotations

from tests.support import login


def test_dashboard_needs_login(client):
    for path in ("/dashboard", "/dashboard/matches", "/dashboard/programmes"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code in (303, 401) and "/login" in r.headers.get("location", "/login"), path


def test_dashboard_without_an_organisation_invites_to_add_one(client, make_user):
    user = make_user()
    login(client, user.email)
    page = client.get("/dashboard?lang=ko").text
    assert 'href="/organisations/new"' in page
    assert "대시보드" in page or "현황" in page
    assert client.get("/dashboard/matches?lang=ko").status_code == 200


def test_dashboard_shows_what_waits_for_the_user_and_nothing_of_others(client, make_user, make_org):
    from kcbridge.opportunities.service import opportunity_service

    seoul, shenzhen, outsider = make_user(), make_user(), make_user()
    startup = make_org(owner=seoul, name_ko="로보터치", sectors=["robotics"])
    maker = make_org(owner=shenzhen, name_zh="深圳灵巧智能科技有限公司", country="CN", sectors=["robotics"])
    make_org(owner=outsider, name_en="Outsider Ltd")
    from kcbridge.kit.db import unit_of_work

    with unit_of_work() as db:
        user = db.merge(seoul)
        opportunity_service.contact_organisation(
            db, user=user, to_org_id=maker.id, from_org_id=startup.id, message="시범 생산을 논의하고 싶습니다"
        )

    login(client, shenzhen.email)
    page = client.get("/dashboard?lang=zh_Hans").text
    assert "로보터치" in page  # the pending expression of interest waits for the maker's answer
    assert f"/organisations/{startup.id}" in page
    matches = client.get(f"/dashboard/matches?org={maker.id}&lang=zh_Hans")
    assert matches.status_code == 200

    client.cookies.clear()
    login(client, outsider.email)
    page = client.get(f"/dashboard?org={maker.id}").text  # another firm's id is ignored
    assert "로보터치" not in page and "深圳灵巧" not in page and "Outsider Ltd" in page
