"""Bad input, each reported with its source and a reason in the reader's language, while the rest of the
batch is still ingested: from a folder (command line), from a web upload, and from feeds."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from kcbridge.accounts.models import Role
from kcbridge.kit import i18n

FRENCH = (
    "La coopération avance\n\nLa coopération entre les entreprises coréennes et chinoises progresse rapidement "
    "cette année dans le domaine de la robotique et de l'intelligence artificielle, selon les responsables."
)
NO_ARTICLE = (
    "<html><body><nav>Home</nav><div class='share'>Share</div><footer>(c) 2025</footer></body></html>"
)
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Demo Wire</title>
<item><title>Seoul and Shanghai sign AI pact</title><link>https://wire.example/1</link>
<pubDate>Wed, 12 Mar 2025 10:00:00 +0900</pubDate>
<description>Seoul Metropolitan Government signed an agreement with Shanghai on March 11, 2025 to cooperate in artificial intelligence and cloud.</description></item>
</channel></rss>"""


def bad_batch(good: str, huge_mb: int = 10) -> dict[str, str | bytes]:
    """Every kind of bad file beside a good one; the huge one is about `huge_mb` MB."""
    return {
        "good.txt": good,
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 40,
        "nothing.html": NO_ARTICLE,
        "broken.rss": "this is not xml at all {",
        "huge.txt": "가나다라 " * (huge_mb * 1024 * 1024 // 13),  # 13 bytes of UTF-8 each
        "french.txt": FRENCH,
    }


EXPECTED = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "nothing.html": "no_article",
    "broken.rss": "not_feed",
    "huge.txt": "too_large",
    "french.txt": "language",
}


def _errors(db, job_id):
    from kcbridge.news.models import NewsSourceError

    rows = db.scalars(select(NewsSourceError).where(NewsSourceError.job_id == job_id))
    return {r.source.rsplit("/", 1)[-1]: r for r in rows}


def test_a_folder_with_every_kind_of_bad_file(db, news_orgs, ingest, texts):
    from kcbridge.news.models import NewsArticle, NewsIngestJob

    job_id, counts = ingest(bad_batch(texts.KO_PACT))
    assert counts.added == 1
    errors = _errors(db, job_id)
    assert {name: e.code for name, e in errors.items()} == EXPECTED
    job = db.get(NewsIngestJob, job_id)
    assert (job.status, job.added, job.failed) == ("done", 1, 6)
    assert db.scalar(select(NewsArticle.title)).startswith("경기도")


def test_an_unreachable_url_and_a_feed_that_is_not_xml(db, ingest):
    from kcbridge.news import runner

    def fetch(url, timeout):
        if "down" in url:
            raise httpx.ConnectError("connection refused")
        if "html" in url:
            return b"<html><body>not a feed</body></html>"
        return RSS.encode()

    runner.fetcher = fetch
    job_id, counts = ingest(["https://down.example/rss", "https://wire.example/rss.xml"])
    assert counts.added == 1
    errors = _errors(db, job_id)
    assert errors["rss"].code == "unreachable" and "ConnectError" in errors["rss"].detail


def test_an_upload_reports_each_bad_file_in_the_readers_language(client, db, make_user, news_orgs, texts):
    from tests.support import login

    analyst = make_user(role=Role.ANALYST)
    login(client, analyst.email)
    page = client.get("/news/ingest?lang=ko")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    # One request is at most 10 MB (the platform's limit), so the huge file here is 6 MB: still too large
    # to be an article (over 5 MB), reported with its name while the other files go on.
    batch = bad_batch(texts.KO_PACT, huge_mb=6)
    files = [
        ("files", (name, data if isinstance(data, bytes) else data.encode())) for name, data in batch.items()
    ]
    r = client.post("/news/ingest", data={"csrf_token": token}, files=files, follow_redirects=False)
    assert r.status_code == 303
    job_page = client.get(r.headers["location"])
    assert job_page.status_code == 200
    html = job_page.text
    ko = i18n.translations("ko")
    for name in EXPECTED:
        assert name in html
    from kcbridge.news.vocab import SOURCE_ERRORS

    for code in set(EXPECTED.values()):
        assert ko.gettext(SOURCE_ERRORS[code]) in html, code
    assert 'id="job-added">1<' in html


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/feed",
        "http://localhost/feed",
        "http://127.0.0.1:8000/x",
        "http://10.0.0.5/rss",
        "not a url",
    ],
)
def test_feeds_on_other_schemes_or_private_hosts_are_refused(url):
    from pydantic import ValidationError

    from kcbridge.news.schemas import FeedIn

    with pytest.raises(ValidationError):
        FeedIn(url=url)
