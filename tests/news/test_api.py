"""The news API: articles filtered by organisation, sector, language and dates; an article with entity
offsets; a story; trends; indicators; uploads followed as jobs; 4xx answers naming the field."""

from __future__ import annotations

import pytest
from tests.support.client import TestClient

from kcbridge.accounts.models import Role


@pytest.fixture
def stored(news_orgs, ingest, texts):
    ingest({"ko.txt": texts.KO_PACT, "en.txt": texts.EN_PACT, "zh.txt": texts.ZH_FORUM})
    return news_orgs


@pytest.fixture
def reader(app, make_user, api_token):
    c = TestClient(app)
    c.headers.update(api_token(make_user()))
    return c


def test_articles_are_filtered(reader, stored):
    everything = reader.get("/api/v1/news/articles").json()
    assert everything["total"] == 3
    zh = reader.get("/api/v1/news/articles", params={"language": "zh"}).json()
    assert [a["language"] for a in zh["items"]] == ["zh"]
    alibaba = stored["alibaba"].id
    by_org = reader.get("/api/v1/news/articles", params={"organisation_id": alibaba}).json()
    assert by_org["total"] == 2
    assert all(alibaba in [o["id"] for o in a["organisations"]] for a in by_org["items"])
    march = reader.get(
        "/api/v1/news/articles", params={"date_from": "2025-03-01", "date_to": "2025-03-31"}
    ).json()
    assert [a["published"] for a in march["items"]] == ["2025-03-12T10:30:00+09:00"]
    robots = reader.get("/api/v1/news/articles", params={"sector": "humanoid_robots"}).json()
    assert robots["total"] == 1 and robots["items"][0]["language"] == "zh"


def test_an_article_with_its_entities_events_and_a_story(reader, stored):
    ko = reader.get("/api/v1/news/articles", params={"language": "ko"}).json()["items"][0]
    a = reader.get(f"/api/v1/news/articles/{ko['id']}").json()
    alibaba = next(e for e in a["entities"] if e["organisation_id"] == stored["alibaba"].id)
    for s, e in alibaba["spans"]:
        assert a["body"][s:e] == "알리바바 클라우드"
    pact = next(e for e in a["events"] if e["type"] == "agreement")
    assert pact["date"] == "2025-03-11" and len(pact["articles"]) == 2
    story = reader.get(f"/api/v1/news/stories/{a['story_id']}").json()
    assert {x["language"] for x in story["articles"]} == {"ko", "en"}
    assert any(e["type"] == "agreement" for e in story["events"])


def test_trends_and_indicators(reader, stored):
    t = reader.get("/api/v1/news/trends", params={"months": 2, "lang": "zh"}).json()
    assert t["months"] == ["2025-03", "2025-04"]
    assert any(s["sector"] == "cloud" and s["label"] == "云计算" for s in t["sectors"])
    assert {c["city"] for c in t["cities"]} >= {"shanghai"}
    ind = reader.get("/api/v1/news/indicators").json()
    assert [s["indicator"] for s in ind] == ["rd_personnel", "patents", "it_exports"]


def test_an_upload_is_a_job_with_its_progress_and_errors(app, make_user, api_token, news_orgs, texts):
    c = TestClient(app)
    c.headers.update(api_token(make_user(role=Role.ANALYST)))
    files = [("files", ("ko.txt", texts.KO_PACT.encode())), ("files", ("empty.txt", b""))]
    r = c.post("/api/v1/news/uploads", files=files)
    assert r.status_code == 202, r.text
    job = c.get(f"/api/v1/news/uploads/{r.json()['id']}").json()  # jobs run inline in tests
    assert (job["status"], job["added"], job["failed"]) == ("done", 1, 1)
    assert job["errors"][0]["source"] == "empty.txt" and job["errors"][0]["code"] == "empty"
    assert job["errors"][0]["message"] == "The file is empty."


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"sector": "teleportation"}, ["query", "sector"]),
        ({"language": "fr"}, ["query", "language"]),
        ({"date_from": "2025-13-01"}, ["query", "date_from"]),
        ({"date_from": "2025-03-02", "date_to": "2025-03-01"}, ["query", "date_to"]),
        ({"organisation_id": "0"}, ["query", "organisation_id"]),
        ({"per_page": "1000"}, ["query", "per_page"]),
    ],
)
def test_bad_filters_answer_422_with_the_field(reader, params, loc):
    r = reader.get("/api/v1/news/articles", params=params)
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == loc


def test_an_upload_without_files_names_the_field(app, make_user, api_token):
    c = TestClient(app)
    c.headers.update(api_token(make_user(role=Role.ADMIN)))
    r = c.post("/api/v1/news/uploads", data={"x": "1"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][:2] == ["body", "files"]


def test_missing_things_are_404(reader):
    for path in ("/api/v1/news/articles/987654", "/api/v1/news/stories/987654"):
        assert reader.get(path).status_code == 404
