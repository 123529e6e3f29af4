"""Authorization of every news route for every role: anonymous, a member of another organisation, a
member and the owner of an organisation, a support agent, a government officer, an analyst and an
administrator. Everyone logged in reads the news; analysts and administrators ingest it, import
indicators and accept figures; administrators curate candidates. A news route missing from MATRIX
fails `test_every_news_route_is_in_the_matrix`."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from tests.support import client_with, factories
from tests.support.client import TestClient
from tests.support.routes import app_routes

from .conftest import KO_PACT, KO_STATS

ACTORS = ("anon", "stranger", "member", "owner", "agent", "officer", "analyst", "admin")
UNSAFE = {"POST", "PATCH", "PUT", "DELETE"}
FEEDS = itertools.count()
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Seoul signs AI pact</title>
<link>https://wire.example/{n}</link><pubDate>Wed, 12 Mar 2025 10:00:00 +0900</pubDate>
<description>Seoul Metropolitan Government signed an agreement with Shanghai on March 11, 2025 on artificial intelligence.</description>
</item></channel></rss>"""
CANDIDATES = """한빛로보틱스, 베이징서 반도체 협력 협약

베이징=홍길동 기자 2025. 2. 4. 11:18

한빛로보틱스는 3일 베이징에서 신화반도체유한공사와 업무협약을 체결했다고 밝혔다.
이날 행사에는 서울창업허브센터와 대한로봇산업진흥회도 참석했다.
"""


@dataclass
class World:
    app: Any
    clients: dict[str, TestClient]
    tokens: dict[str, dict[str, str]]
    org: int
    article: int
    story: int
    job: int
    feed: int
    stats: list[int]
    cands: list[int]


@pytest.fixture(scope="module")
def built(app, module_db, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The directory, the ingested articles, statistics and candidates, a feed, each user logged in (their
    cookies) and an API token each: built once for the module (`module_db`); each test runs in a
    savepoint rolled back after it."""
    from sqlalchemy import select

    from kcbridge.accounts import security
    from kcbridge.accounts.models import Role
    from kcbridge.kit.db import unit_of_work
    from kcbridge.news import gazetteer, runner
    from kcbridge.news import repository as repo
    from kcbridge.news.models import NewsArticle, NewsFeed, NewsIngestJob, NewsStatistic

    db = module_db
    make_user, make_org = factories.user_maker(db), factories.organisation_maker(db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(security, "_hasher", security.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        gazetteer.forget()
        users = {
            "stranger": make_user(),
            "member": make_user(),
            "owner": make_user(),
            "agent": make_user(role=Role.SUPPORT_AGENT),
            "officer": make_user(role=Role.GOVERNMENT_OFFICER),
            "analyst": make_user(role=Role.ANALYST),
            "admin": make_user(role=Role.ADMIN),
        }
        make_org(owner=users["stranger"], name_en="Other Org")
        org = make_org(
            owner=users["owner"], name_ko="경기도", name_en="Gyeonggi Province", org_type="government"
        )
        factories.member(db, users["member"], org)
        make_org(name_ko="알리바바 클라우드", name_en="Alibaba Cloud", country="CN")
        db.commit()
        folder = tmp_path_factory.mktemp("news-authz")
        files = {"ko.txt": KO_PACT, "s.txt": KO_STATS, "c.txt": CANDIDATES}
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        with unit_of_work() as job_db:  # as the `ingest` fixture of tests/news/conftest.py
            job = NewsIngestJob(kind="cli", created_by=users["analyst"].id, sources=1)
            job_db.add(job)
            job_db.flush()
            job_id = job.id
        runner.run_job(job_id, [str(folder)])
        gazetteer.forget()
        article = db.scalar(select(NewsArticle).where(NewsArticle.title.startswith("경기도")))
        stats = list(db.scalars(select(NewsStatistic.id).order_by(NewsStatistic.id)))
        cands = [c.id for c in repo.candidates(db)]
        assert len(stats) >= 2 and len(cands) >= 3, (stats, cands)
        feed = NewsFeed(url="https://wire.example/rss")
        db.add(feed)
        db.commit()
        assert db.get(NewsIngestJob, job_id) is not None
        cookies, tokens = factories.credentials(app, db, users)
        ids = (org.id, article.id, article.story_id, job_id, feed.id, stats, cands)
        yield {"cookies": cookies, "tokens": tokens, "ids": ids}


@pytest.fixture
def world(app, built, db_url) -> Iterator[World]:
    """The module's world, with clients of this test's own (each as just logged in) and a feed to fetch."""
    from kcbridge.news import runner

    counter = iter(range(100))
    runner.fetcher = lambda url, timeout: RSS.replace(b"{n}", str(next(counter)).encode())
    clients = {"anon": client_with(app, None)}
    clients |= {actor: client_with(app, jar) for actor, jar in built["cookies"].items()}
    yield World(app, clients, built["tokens"], *built["ids"])
    for c in clients.values():
        c.close()


def E(anon, stranger, member, owner, agent, officer, analyst, admin) -> dict[str, int]:  # noqa: N802
    return dict(zip(ACTORS, (anon, stranger, member, owner, agent, officer, analyst, admin), strict=True))


def READ(ok: int = 200, anon: int = 401) -> dict[str, int]:  # noqa: N802
    return E(anon, ok, ok, ok, ok, ok, ok, ok)


def INGEST(ok: int, anon: int = 401) -> dict[str, int]:  # noqa: N802
    return E(anon, 403, 403, 403, 403, 403, ok, ok)


def CURATE(ok: int, anon: int = 401) -> dict[str, int]:  # noqa: N802
    return E(anon, 403, 403, 403, 403, 403, 403, ok)


@dataclass
class Case:
    expect: dict[str, int]
    url: Callable[[World, str], str]
    body: Callable[[World], dict[str, Any]] | None = None
    missing: str | None = None


def _upload(w: World) -> dict[str, Any]:
    return {
        "files": [
            (
                "files",
                (
                    "note.txt",
                    b"Seoul signs AI pact\n\nSeoul signed an agreement with Shanghai on artificial intelligence cooperation and cloud services this week.",
                ),
            )
        ]
    }


MATRIX: dict[tuple[str, str], Case] = {
    ("GET", "/api/v1/news/articles"): Case(READ(), lambda w, a: "/api/v1/news/articles"),
    ("GET", "/api/v1/news/articles/{article_id}"): Case(
        READ(), lambda w, a: f"/api/v1/news/articles/{w.article}", missing="/api/v1/news/articles/987654"
    ),
    ("GET", "/api/v1/news/stories/{story_id}"): Case(
        READ(), lambda w, a: f"/api/v1/news/stories/{w.story}", missing="/api/v1/news/stories/987654"
    ),
    ("GET", "/api/v1/news/trends"): Case(READ(), lambda w, a: "/api/v1/news/trends"),
    ("GET", "/api/v1/news/indicators"): Case(READ(), lambda w, a: "/api/v1/news/indicators"),
    ("POST", "/api/v1/news/uploads"): Case(INGEST(202), lambda w, a: "/api/v1/news/uploads", body=_upload),
    ("GET", "/api/v1/news/uploads/{job_id}"): Case(
        INGEST(200), lambda w, a: f"/api/v1/news/uploads/{w.job}", missing="/api/v1/news/uploads/987654"
    ),
    ("GET", "/news"): Case(READ(anon=303), lambda w, a: "/news"),
    ("GET", "/news/articles/{article_id}"): Case(
        READ(anon=303), lambda w, a: f"/news/articles/{w.article}", missing="/news/articles/987654"
    ),
    ("GET", "/news/stories/{story_id}"): Case(
        READ(anon=303), lambda w, a: f"/news/stories/{w.story}", missing="/news/stories/987654"
    ),
    ("GET", "/news/trends"): Case(READ(anon=303), lambda w, a: "/news/trends"),
    ("GET", "/news/indicators"): Case(READ(anon=303), lambda w, a: "/news/indicators"),
    ("GET", "/news/organisations/{org_id}/timeline"): Case(
        READ(anon=303),
        lambda w, a: f"/news/organisations/{w.org}/timeline",
        missing="/news/organisations/987654/timeline",
    ),
    ("GET", "/news/ingest"): Case(INGEST(200, anon=303), lambda w, a: "/news/ingest"),
    ("POST", "/news/ingest"): Case(INGEST(303), lambda w, a: "/news/ingest", body=_upload),
    ("GET", "/news/jobs/{job_id}"): Case(
        INGEST(200, anon=303), lambda w, a: f"/news/jobs/{w.job}", missing="/news/jobs/987654"
    ),
    ("GET", "/news/jobs/{job_id}/progress"): Case(
        INGEST(200, anon=303),
        lambda w, a: f"/news/jobs/{w.job}/progress",
        missing="/news/jobs/987654/progress",
    ),
    ("POST", "/news/feeds"): Case(
        INGEST(303),
        lambda w, a: "/news/feeds",
        body=lambda w: {"data": {"url": f"https://wire.example/{next(FEEDS)}"}},
    ),
    ("POST", "/news/feeds/{feed_id}/poll"): Case(
        INGEST(303), lambda w, a: f"/news/feeds/{w.feed}/poll", missing="/news/feeds/987654/poll"
    ),
    ("POST", "/news/indicators/import"): Case(
        INGEST(303),
        lambda w, a: "/news/indicators/import",
        body=lambda w: {
            "files": {"file": ("i.csv", b"indicator,country,year,value\npatents,KR,2020,226759\n")}
        },
    ),
    ("POST", "/news/statistics/{stat_id}/accept"): Case(
        INGEST(303),
        lambda w, a: f"/news/statistics/{w.stats[a == 'admin']}/accept",
        body=lambda w: {"data": {"indicator": "rd_personnel", "country": "CN", "year": "2012"}},
        missing="/news/statistics/987654/accept",
    ),
    ("GET", "/news/candidates"): Case(CURATE(200, anon=303), lambda w, a: "/news/candidates"),
    ("GET", "/news/candidates/{candidate_id}"): Case(
        READ(anon=303), lambda w, a: f"/news/candidates/{w.cands[0]}", missing="/news/candidates/987654"
    ),
    ("POST", "/news/candidates/{candidate_id}/create"): Case(
        CURATE(303),
        lambda w, a: f"/news/candidates/{w.cands[0]}/create",
        body=lambda w: {"data": {"org_type": "company", "country": "KR"}},
        missing="/news/candidates/987654/create",
    ),
    ("POST", "/news/candidates/{candidate_id}/alias"): Case(
        CURATE(303),
        lambda w, a: f"/news/candidates/{w.cands[1]}/alias",
        body=lambda w: {"data": {"organisation_id": str(w.org)}},
        missing="/news/candidates/987654/alias",
    ),
    ("POST", "/news/candidates/{candidate_id}/dismiss"): Case(
        CURATE(303),
        lambda w, a: f"/news/candidates/{w.cands[2]}/dismiss",
        missing="/news/candidates/987654/dismiss",
    ),
}


def news_routes(app: Any) -> set[tuple[str, str]]:
    """(method, path) of every route of the news pages and API."""
    return {
        k
        for k, r in app_routes(app).items()
        if r.module.startswith("kcbridge.news.") or r.path.startswith(("/news", "/api/v1/news"))
    }


def test_every_news_route_is_in_the_matrix(app):
    routes = news_routes(app)
    assert routes == set(MATRIX), (sorted(routes - set(MATRIX)), sorted(set(MATRIX) - routes))


def csrf(c: TestClient) -> str:
    m = re.search(r'"X-CSRF-Token": "([^"]+)"', c.get("/").text)
    assert m
    return m.group(1)


def call(w: World, key: tuple[str, str], actor: str, url: str | None = None, with_csrf: bool = True) -> Any:
    method, _path = key
    case = MATRIX[key]
    target = url or case.url(w, actor)
    kwargs = case.body(w) if case.body else {}
    if target.startswith("/api/"):
        return TestClient(w.app).request(
            method, target, headers=w.tokens[actor], follow_redirects=False, **kwargs
        )
    c = w.clients[actor]
    headers = {"X-CSRF-Token": csrf(c)} if method in UNSAFE and with_csrf else {}
    return c.request(method, target, headers=headers, follow_redirects=False, **kwargs)


@pytest.mark.parametrize("key", list(MATRIX), ids=[f"{m} {p}" for m, p in MATRIX])
def test_route_answers_each_actor_as_expected(world, key):
    got = {actor: call(world, key, actor).status_code for actor in ACTORS}
    assert got == MATRIX[key].expect


@pytest.mark.parametrize(
    "key",
    [k for k, c in MATRIX.items() if c.missing],
    ids=[f"{m} {p}" for (m, p), c in MATRIX.items() if c.missing],
)
def test_a_missing_thing_is_404_even_for_the_admin(world, key):
    assert call(world, key, "admin", url=MATRIX[key].missing).status_code == 404


@pytest.mark.parametrize(
    "key",
    [k for k in MATRIX if k[0] in UNSAFE and not k[1].startswith("/api/")],
    ids=[f"{m} {p}" for m, p in MATRIX if m in UNSAFE and not p.startswith("/api/")],
)
def test_page_forms_without_the_csrf_token_are_refused(world, key):
    assert call(world, key, "admin", with_csrf=False).status_code == 403


def test_a_get_never_writes(world, db):
    from sqlalchemy import func, select

    from kcbridge.app.models import metadata

    def counts() -> dict[str, int]:
        db.rollback()
        return {
            t.name: db.scalar(select(func.count()).select_from(t))
            for t in metadata.sorted_tables
            if t.name.startswith("news_")
        }

    before = counts()
    for key in MATRIX:
        if key[0] == "GET":
            for actor in ACTORS:
                call(world, key, actor)
    assert counts() == before
