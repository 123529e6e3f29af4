"""Programmes API: create, list, detail, update, the eligibility finder, and 422s naming the field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

TODAY = date.today()
BODY = {
    "prog_type": "incubation",
    "country": "CN",
    "city": "Beijing",
    "sectors": ["humanoid_robots", "robot_components"],
    "stages": ["seed", "early"],
    "nationalities": ["KR"],
    "org_types": ["company"],
    "texts": {
        "zh": {
            "title": "人形机器人孵化计划",
            "description": "面向韩国灵巧手企业。",
            "benefits": "免费工位",
            "eligibility": "需有样机",
        }
    },
    "deadline": str(TODAY + timedelta(days=30)),
    "status": "published",
    "link_url": "https://example.org/apply",
    "capacity": 12,
}


def test_create_read_update_over_the_api(client, make_user, make_org, api_token):
    owner = make_user()
    centre = make_org(
        owner=owner, name_zh="北京人形机器人创新中心", org_type="research_institute", country="CN"
    )
    h = api_token(owner)
    r = client.post("/api/v1/programmes", json={**BODY, "organisation_id": centre.id}, headers=h)
    assert r.status_code == 201, r.text
    p = r.json()
    assert p["status"] == "published" and p["published_at"] and p["operator"]["id"] == centre.id
    assert p["texts"]["zh"]["benefits"] == "免费工位" and p["nationalities"] == ["KR"]
    assert client.get(f"/api/v1/programmes/{p['id']}", params={"lang": "ko"}).json()["prog_type_label"] == (
        "인큐베이션·입주 보육"
    )
    listed = client.get(
        "/api/v1/programmes", params={"sector": "robot_components", "nationality": "KR"}
    ).json()
    assert [i["id"] for i in listed["items"]] == [p["id"]] and listed["total"] == 1
    assert client.get("/api/v1/programmes", params={"nationality": "CN"}).json()["total"] == 0
    r = client.patch(f"/api/v1/programmes/{p['id']}", json={"status": "closed"}, headers=h)
    assert r.status_code == 200 and r.json()["status"] == "closed"
    assert client.get("/api/v1/programmes").json()["total"] == 0  # closed: off the finder
    assert client.get(f"/api/v1/programmes/{p['id']}").status_code == 200  # still readable


@pytest.mark.parametrize(
    ("change", "loc", "words"),
    [
        ({"prog_type": "party"}, ["body", "prog_type"], "Unknown programme type"),
        ({"sectors": ["robots"]}, ["body", "sectors"], "Unknown sector"),
        ({"stages": ["teen"]}, ["body", "stages"], "Unknown stage"),
        ({"nationalities": ["JP"]}, ["body", "nationalities"], "Unknown nationality"),
        ({"org_types": ["club"]}, ["body", "org_types"], "Unknown organisation type"),
        ({"format": "radio"}, ["body", "format"], "Unknown format"),
        ({"status": "archived"}, ["body", "status"], "Unknown status"),
        ({"country": "JP"}, ["body", "country"], "Unknown country"),
        ({"link_url": "javascript:alert(1)"}, ["body", "link_url"], "http"),
        ({"capacity": 0}, ["body", "capacity"], ""),
        (
            {"opens_on": str(TODAY + timedelta(days=40)), "deadline": str(TODAY + timedelta(days=10))},
            ["body", "deadline"],
            "before the opening date",
        ),
        ({"texts": {"en": {"title": ""}}}, ["body", "texts"], "title in at least one language"),
        ({"texts": {"en": {"description": "no title"}}}, ["body", "texts"], "title"),
        ({"texts": {"fr": {"title": "Bonjour"}}}, ["body", "texts"], "Unknown language"),
        ({"deadline": str(TODAY - timedelta(days=2))}, ["deadline"], "deadline has passed"),
    ],
)
def test_bad_input_is_422_with_the_field_path(client, make_user, make_org, api_token, change, loc, words):
    owner = make_user()
    org = make_org(owner=owner)
    r = client.post(
        "/api/v1/programmes", json={**BODY, "organisation_id": org.id, **change}, headers=api_token(owner)
    )
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail[0]["loc"] == loc, detail
    assert words in detail[0]["msg"]


def test_missing_organisation_and_bad_filters_are_4xx(client, make_user, api_token):
    owner = make_user()
    r = client.post("/api/v1/programmes", json={**BODY, "organisation_id": 987654}, headers=api_token(owner))
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["organisation_id"]
    r = client.get("/api/v1/programmes", params={"prog_type": "party"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "prog_type"]
    r = client.get("/api/v1/programmes", params={"stage": "teen"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "stage"]
    r = client.get("/api/v1/programmes/eligible", params={"sector": "robots"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "sector"]


def test_eligible_checks_each_criterion_with_a_reason_and_lists_near_misses(
    client, make_user, make_org, make_prog, api_token
):
    founder, operator = make_user(), make_user()
    firm = make_org(
        owner=founder,
        name_ko="로보터치",
        sectors=["humanoid_robots", "robotics"],
        stage="early",
        country="KR",
    )
    centre = make_org(
        owner=operator, name_zh="北京人形机器人创新中心", org_type="research_institute", country="CN"
    )
    fits = make_prog(
        operator,
        centre,
        sectors=["humanoid_robots"],
        nationalities=["KR"],
        stages=["early"],
        deadline=str(TODAY + timedelta(days=20)),
    )
    rolling = make_prog(operator, centre, sectors=[], deadline=None)
    growth_only = make_prog(
        operator, centre, stages=["growth", "mature"], deadline=str(TODAY + timedelta(days=3))
    )
    make_prog(operator, centre, stages=["growth"], nationalities=["CN"])  # fails twice: not shown
    own = make_prog(founder, firm, country="KR", city="Seoul")  # a firm's own programme is no offer to it
    h = api_token(founder)
    r = client.get(
        "/api/v1/programmes/eligible", params={"organisation_id": firm.id, "lang": "en"}, headers=h
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["applicant"] == {
        "organisation_id": firm.id,
        "sectors": ["humanoid_robots", "robotics"],
        "stage": "early",
        "nationality": "KR",
        "org_type": "company",
        "country": None,
        "city": None,
    }
    assert body["ranked_by"] == "fit"  # the profile and the programmes have vectors (jobs run inline here)
    assert all(e["score"] is not None for e in body["eligible"])
    assert {e["programme"]["id"] for e in body["eligible"]} == {fits.id, rolling.id}
    body["eligible"].sort(key=lambda e: e["programme"]["id"] != fits.id)
    assert own.id not in [e["programme"]["id"] for e in body["eligible"] + body["near_misses"]]
    first = {c["criterion"]: c for c in body["eligible"][0]["criteria"]}
    assert list(first) == ["sector", "stage", "nationality", "org_type", "location", "deadline"]
    assert all(c["ok"] for c in first.values())
    assert first["sector"]["reason"] == "Your sector fits: Humanoid robots."
    assert first["nationality"]["reason"] == "Open to applicants from Korea."
    assert "days left" in first["deadline"]["reason"]
    rolling_reasons = {c["criterion"]: c["reason"] for c in body["eligible"][1]["criteria"]}
    assert rolling_reasons["sector"] == "Open to every sector."
    assert rolling_reasons["deadline"] == "Rolling applications: no deadline."
    (near,) = body["near_misses"]
    assert near["programme"]["id"] == growth_only.id and near["failed"] == ["stage"]
    stage = next(c for c in near["criteria"] if c["criterion"] == "stage")
    assert stage == {
        "criterion": "stage",
        "ok": False,
        "reason": "For stages Growth, Mature; yours: Early stage.",
        "code": "other",
    }
    # Passing a stage overrides the profile: the growth programme becomes eligible.
    r = client.get(
        "/api/v1/programmes/eligible", params={"organisation_id": firm.id, "stage": "growth"}, headers=h
    ).json()
    assert growth_only.id in [e["programme"]["id"] for e in r["eligible"]]
    # A wanted location turns other places into a failing criterion; reasons come in Korean on request.
    r = client.get(
        "/api/v1/programmes/eligible",
        params={"organisation_id": firm.id, "country": "KR", "lang": "ko"},
        headers=h,
    ).json()
    assert r["eligible"] == []
    loc = next(c for c in r["near_misses"][0]["criteria"] if c["criterion"] == "location")
    assert (
        not loc["ok"]
        and "베이징" in loc["reason"]  # the place in the reader's language
        and "Beijing" not in loc["reason"]
        and "한국" in loc["reason"]
    )


def test_eligible_without_an_organisation_uses_what_is_passed(client, make_user, make_org, make_prog):
    operator = make_user()
    zone = make_org(owner=operator, org_type="economic_zone", country="CN")
    p = make_prog(operator, zone, nationalities=["KR"], stages=["seed"])
    r = client.get("/api/v1/programmes/eligible", params={"nationality": "KR", "stage": "seed"})
    assert r.status_code == 200 and [e["programme"]["id"] for e in r.json()["eligible"]] == [p.id]
    r = client.get("/api/v1/programmes/eligible", params={"nationality": "KR"}).json()
    assert r["eligible"] == [] and r["near_misses"][0]["criteria"][1]["code"] == "unknown"
