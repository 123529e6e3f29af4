"""`kcbridge news ingest` stores a folder with a progress bar and lists what it could not read;
`kcbridge news extract` reads with the directory's names but writes nothing; the hourly feed poll."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import func, select
from typer.testing import CliRunner

from kcbridge.news.cli import app


def test_ingest_command_stores_articles_and_reports_bad_files(db, news_orgs, write_articles, texts):
    from kcbridge.news.models import NewsArticle

    folder = write_articles({"ko.txt": texts.KO_PACT, "en.txt": texts.EN_PACT, "empty.txt": b""})
    # rich wraps at the terminal's width (80 without one): a wide one keeps the long temporary path (longer
    # in a pytest-xdist worker) on one line with its message
    wide = {"COLUMNS": "1000"}
    result = CliRunner().invoke(app, ["ingest", str(folder)], env=wide)
    assert result.exit_code == 0, result.output
    assert "2 article(s) added" in result.stderr
    assert "empty.txt" in result.stderr and "empty file" in result.stderr
    assert db.scalar(select(func.count()).select_from(NewsArticle)) == 2
    again = CliRunner().invoke(app, ["ingest", str(folder)], env=wide)
    assert "0 article(s) added" in again.stderr and "2 exact duplicate(s) skipped" in again.stderr


def test_extract_uses_the_directory_as_gazetteer_and_writes_nothing(db, make_org, write_articles):
    from kcbridge.news.models import NewsArticle, NewsCandidate

    hanbit = make_org(name_ko="한빛로보틱스", name_en="Hanbit Robotics")
    folder = write_articles(
        {
            "a.txt": "한빛로보틱스, 상하이서 협약\n\n한빛로보틱스는 지난 3일 상하이에서 화웨이와 인공지능 협력 양해각서를 체결했다."
        }
    )
    result = CliRunner().invoke(app, ["extract", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip().splitlines()[0])
    linked = {o["name"]: o["linked_id"] for o in line["organizations"]}
    assert linked["한빛로보틱스"] == f"org:{hanbit.id}"
    db.rollback()
    assert db.scalar(select(func.count()).select_from(NewsArticle)) == 0
    assert db.scalar(select(func.count()).select_from(NewsCandidate)) == 0


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Demo Wire</title>
<item><title>Gyeonggi signs cloud pact with Alibaba Cloud</title><link>https://wire.example/1</link>
<pubDate>Wed, 12 Mar 2025 10:00:00 +0900</pubDate>
<description>Gyeonggi Province signed a memorandum of understanding with Alibaba Cloud in Shanghai on March 11, 2025, to cooperate in cloud services.</description></item>
</channel></rss>"""


def test_the_hourly_job_polls_each_feed_once_and_notes_failures(db, news_orgs):
    from kcbridge.news import runner, tasks
    from kcbridge.news.models import NewsArticle, NewsFeed, NewsSourceError

    calls: list[str] = []

    def fetch(url, timeout):
        calls.append(url)
        if "down" in url:
            raise httpx.ConnectTimeout("timed out")
        return RSS.encode()

    runner.fetcher = fetch
    db.add_all([NewsFeed(url="https://wire.example/rss"), NewsFeed(url="https://down.example/rss")])
    db.commit()
    assert tasks.poll_feeds() == 2
    db.rollback()
    feeds = {f.url: f for f in db.scalars(select(NewsFeed))}
    ok, down = feeds["https://wire.example/rss"], feeds["https://down.example/rss"]
    assert (ok.last_status, ok.last_articles) == ("ok", 1)
    assert down.last_status == "error"
    err = db.scalar(select(NewsSourceError).where(NewsSourceError.feed_id == down.id))
    assert err.code == "unreachable"
    article = db.scalar(select(NewsArticle))
    assert article.feed_id == ok.id and article.source == "https://wire.example/1"
    assert article.published.isoformat() == "2025-03-12T10:00:00+09:00"
    assert tasks.poll_feeds() == 0  # polled within the hour: not again
    assert len(calls) == 2
