"""Background jobs of news intelligence: an upload read in the background, a feed polled now, and the
hourly poll of every feed whose turn has come."""

from __future__ import annotations

import logging
from datetime import timedelta

from kcbridge.kit.db import unit_of_work, utcnow
from kcbridge.kit.jobs import job
from kcbridge.kit.periodic import HOURLY, periodic
from kcbridge.news import repository as repo
from kcbridge.news import runner
from kcbridge.news.models import NewsFeed, NewsIngestJob

log = logging.getLogger("kcbridge.news")
POLL_EVERY = timedelta(minutes=55)  # a feed polled within the hour waits for the next run


@job
def ingest_upload(job_id: int) -> None:
    """Reads and stores the files of an upload; the job row shows the progress."""
    runner.run_upload(job_id)


@job
def poll_feed(feed_id: int, job_id: int) -> None:
    """Polls one feed under the given job, then notes on the feed when and how it went."""
    with unit_of_work(write=False) as db:
        feed = db.get(NewsFeed, feed_id)
        url = feed.url if feed is not None else None
    if url is None:
        return
    ok = True
    added = 0
    try:
        counts = runner.run_job(job_id, [url], feed_id=feed_id)
        ok, added = not counts.errors, counts.added
    except Exception:
        ok = False
        raise
    finally:
        with unit_of_work() as db:
            feed = db.get(NewsFeed, feed_id)
            if feed is not None:
                feed.last_polled_at = utcnow()
                feed.last_status = "ok" if ok else "error"
                feed.last_articles = added


def start_poll(db_feed_id: int, user_id: int | None) -> int:
    """A job row for polling a feed (in its own unit of work), for the periodic run."""
    with unit_of_work() as db:
        row = NewsIngestJob(kind="feed", status="queued", created_by=user_id, feed_id=db_feed_id, sources=1)
        db.add(row)
        db.flush()
        return row.id


@job
def poll_feeds() -> int:
    """Periodic (hourly): every active feed not polled in the last hour; a failing feed does not stop
    the others. Returns how many feeds were polled."""
    with unit_of_work(write=False) as db:
        due = repo.due_feeds(db, utcnow() - POLL_EVERY)
    polled = failed = 0
    for feed_id in due:
        try:
            poll_feed(feed_id=feed_id, job_id=start_poll(feed_id, None))
            polled += 1
        except Exception:
            failed += 1
            log.exception("feed %s could not be polled", feed_id)
    if failed:
        raise RuntimeError(f"{failed} of {len(due)} feeds could not be polled")
    return polled


periodic(poll_feeds, every=HOURLY)
