"""Directory API: search across scripts, CRUD with ownership, contacts privacy, field-path errors."""

from __future__ import annotations

from tests.support import csrf_of, login


def test_search_finds_korean_and_chinese_text_without_spaces(client, make_org):
    make_org(
        name_ko="로보터치",
        texts={"ko": {"description": "휴머노이드 로봇손을 만드는 회사입니다"}},
        sectors=["robotics"],
    )
    make_org(
        name_zh="深圳灵巧智能科技有限公司",
        country="CN",
        texts={"zh": {"description": "人形机器人灵巧手制造商"}},
    )
    make_org(name_en="Cloudy Ltd", texts={"en": {"description": "Managed cloud services"}}, sectors=["cloud"])

    def names(q: str, **params: str) -> set[str]:
        body = client.get("/api/v1/organisations", params={"q": q, **params}).json()
        return {o["name"] for o in body["items"]}

    assert names("로봇") == {"로보터치"}
    # Sector labels are indexed in all three languages: a Chinese word finds the Korean robotics firm too.
    assert names("机器人") == {"深圳灵巧智能科技有限公司", "로보터치"}
    assert names("灵巧手") == {"深圳灵巧智能科技有限公司"}
    assert names("cloud") == {"Cloudy Ltd"}
    assert names("", country="CN") == {"深圳灵巧智能科技有限公司"}
    assert names("", sector="cloud") == {"Cloudy Ltd"}


def test_create_requires_token_and_makes_the_creator_owner(client, make_user, api_token):
    body = {"name_ko": "한빛AI", "org_type": "company", "country": "KR", "sectors": ["ai"]}
    assert client.post("/api/v1/organisations", json=body).status_code == 401
    owner = make_user()
    r = client.post("/api/v1/organisations", json=body, headers=api_token(owner))
    assert r.status_code == 201, r.text
    org = r.json()
    assert org["names"] == {"ko": "한빛AI"} and org["contacts_visible"] is True
    me = client.get("/api/v1/me", headers=api_token(owner)).json()
    assert me["memberships"] == [{"organisation_id": org["id"], "role": "owner"}]


def test_validation_errors_name_the_field(client, make_user, api_token):
    headers = api_token(make_user())
    r = client.post(
        "/api/v1/organisations",
        json={"org_type": "spaceship", "country": "KR", "name_en": "X"},
        headers=headers,
    )
    assert r.status_code == 422
    assert ["body", "org_type"] in [e["loc"] for e in r.json()["detail"]]
    r = client.post("/api/v1/organisations", json={"org_type": "company", "country": "KR"}, headers=headers)
    assert r.status_code == 422


def test_other_members_cannot_change_or_see_contacts(client, make_user, make_org, api_token):
    owner, stranger = make_user(), make_user()
    org = make_org(owner=owner, people=({"name": "김지훈", "email": "kim@robo.example"},))
    r = client.patch(f"/api/v1/organisations/{org.id}", json={"city": "Busan"}, headers=api_token(stranger))
    assert r.status_code == 403
    assert client.get(f"/api/v1/organisations/{org.id}").json()["people"] is None
    assert client.get(f"/api/v1/organisations/{org.id}/people").status_code == 403
    assert (
        client.get(f"/api/v1/organisations/{org.id}/people", headers=api_token(stranger)).status_code == 403
    )
    people = client.get(f"/api/v1/organisations/{org.id}/people", headers=api_token(owner)).json()
    assert [p["email"] for p in people] == ["kim@robo.example"]


def test_html_in_text_is_stored_as_text_and_escaped(client, make_user, make_org):
    evil = "<script>alert('x')</script> Robert'); DROP TABLE organisation;--"
    org = make_org(name_en=evil, texts={"en": {"description": evil}})
    assert client.get(f"/api/v1/organisations/{org.id}").json()["names"]["en"] == evil
    html = client.get(f"/organisations/{org.id}").text
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_page_form_without_csrf_is_refused(client, make_user):
    user = make_user()
    login(client, user.email)
    r = client.post("/organisations/new", data={"name_en": "X", "org_type": "company", "country": "KR"})
    assert r.status_code == 403
    token = csrf_of(client, "/organisations/new")
    r = client.post(
        "/organisations/new",
        data={"csrf_token": token, "name_en": "X", "org_type": "company", "country": "KR"},
        follow_redirects=False,
    )
    assert r.status_code == 303


def test_anonymous_listing_shows_what_the_profile_api_shows(client, make_org):
    """The listing's plain-row path and the profile's ORM path must agree field for field."""
    make_org(
        name_ko="한빛로봇",
        name_zh="韩光机器人",
        city="Seoul",
        sectors=["robotics", "ai"],
        founded_year=2019,
        website="https://hanbit.example",
        texts={"ko": {"description": "로봇", "seek": "파트너"}, "zh": {"offer": "供货"}},
        people=({"name": "김", "email": "kim@hanbit.example"},),
    )
    for lang in ("ko", "zh", "en"):
        listed = client.get("/api/v1/organisations", params={"q": "로봇", "lang": lang}).json()["items"]
        assert len(listed) == 1
        single = client.get(f"/api/v1/organisations/{listed[0]['id']}", params={"lang": lang}).json()
        assert listed[0] == single
        assert single["people"] is None and single["contacts_visible"] is False
