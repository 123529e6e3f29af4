"""Rules of news intelligence: who reads, who ingests (uploads and feeds), and the views built from the
stored news (article, story, an organisation's timeline)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from kcbridge.accounts.models import User
from kcbridge.kit.audit import Actor, audit_service
from kcbridge.kit.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from kcbridge.kit.i18n import _
from kcbridge.news import repository as repo
from kcbridge.news.ingest import MAX_BYTES
from kcbridge.news.models import (
    NewsArticle,
    NewsEvent,
    NewsFeed,
    NewsIngestJob,
    NewsSourceError,
    NewsStory,
    NewsUploadFile,
)
from kcbridge.news.schemas import FeedIn
from kcbridge.news.tasks import ingest_upload, poll_feed

MAX_FILES = 200


def actor_of(user: User | None) -> Actor:
    return Actor(user.id, user.email) if user else Actor.system("system")


def require_reader(user: User | None) -> User:
    if user is None:
        raise Unauthorized(_("Log in to continue."))
    return user


def require_ingester(user: User | None) -> User:
    if not repo.can_ingest(require_reader(user)):
        raise Forbidden(_("Only analysts and administrators can ingest news."))
    assert user is not None
    return user


@dataclass(slots=True)
class StoryView:
    story: NewsStory
    articles: list[NewsArticle]
    events: list[NewsEvent]


@dataclass(slots=True)
class TimelineItem:
    day: date | None
    event: NewsEvent | None = None
    article: NewsArticle | None = None


class NewsService:
    def article(self, db: Session, *, user: User | None, article_id: int) -> NewsArticle:
        """An article the user may read (anonymous visitors are asked to log in)."""
        require_reader(user)
        a = repo.article(db, article_id, user)
        if a is None:
            raise NotFound(_("This article does not exist."))
        return a

    def story(self, db: Session, *, user: User | None, story_id: int) -> StoryView:
        """A story with all its articles, side by side, and the events they report."""
        require_reader(user)
        s = repo.story(db, story_id, user)
        if s is None:
            raise NotFound(_("This story does not exist."))
        return StoryView(s, repo.story_articles(db, story_id, user), repo.story_events(db, story_id))

    def timeline(self, db: Session, *, user: User | None, org_id: int, limit: int = 20) -> list[TimelineItem]:
        """An organisation's news, newest first: the events it took part in and the articles naming it."""
        require_reader(user)
        events = repo.organisation_events(db, org_id, user, limit=limit)
        covered = {m.article_id for e in events for m in e.mentions}
        arts, _total = repo.articles(db, user, repo.ArticleFilter(organisation_id=org_id), limit=limit)
        items = [TimelineItem(e.day, event=e) for e in events]
        items += [
            TimelineItem(a.published.date() if a.published else None, article=a)
            for a in arts
            if a.id not in covered
        ]
        items.sort(key=lambda i: (i.day or date.min, i.event is not None), reverse=True)
        return items[:limit]

    # Ingestion ----------------------------------------------------------------------------------

    def upload(self, db: Session, *, user: User | None, files: list[tuple[str, bytes]]) -> NewsIngestJob:
        """A background job reading the uploaded files; a file too large to be an article is reported at
        once and the others still go."""
        user = require_ingester(user)
        files = [(name, data) for name, data in files if name or data]
        if not files:
            msg = _("Choose at least one file.")
            raise Invalid(msg, fields=[(("body", "files"), msg)])
        if len(files) > MAX_FILES:
            msg = _("Upload at most {n} files at once.").format(n=MAX_FILES)
            raise Invalid(msg, fields=[(("body", "files"), msg)])
        job = NewsIngestJob(kind="upload", status="queued", created_by=user.id, sources=len(files))
        db.add(job)
        db.flush()
        for name, data in files:
            name = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1][:300] or "upload"
            if len(data) > MAX_BYTES:
                db.add(
                    NewsSourceError(
                        job_id=job.id,
                        source=name,
                        code="too_large",
                        detail=f"file larger than {MAX_BYTES // (1024 * 1024)} MB: not read as an article",
                    )
                )
                job.failed += 1
                continue
            db.add(NewsUploadFile(job_id=job.id, name=name, data=data))
        audit_service.record(
            db,
            actor=actor_of(user),
            action="upload",
            entity_type="news_ingest_job",
            entity_id=job.id,
            changes={"files": [len(files), None]},
        )
        db.flush()
        ingest_upload.defer(db, job_id=job.id)
        return job

    def job(self, db: Session, *, user: User | None, job_id: int) -> NewsIngestJob:
        require_ingester(user)
        job = repo.job(db, job_id, user)
        if job is None:
            raise NotFound(_("This ingestion job does not exist."))
        return job

    def add_feed(self, db: Session, *, user: User | None, data: FeedIn) -> NewsFeed:
        """A feed the hourly job polls (and is polled once now)."""
        user = require_ingester(user)
        if any(f.url == data.url for f in repo.feeds(db)):
            msg = _("This feed is already followed.")
            raise Conflict(msg, fields=[(("body", "url"), msg)])
        feed = NewsFeed(url=data.url, added_by=user.id)
        db.add(feed)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="create",
            entity_type="news_feed",
            entity_id=feed.id,
            changes={"url": [None, feed.url]},
        )
        return feed

    def poll_now(self, db: Session, *, user: User | None, feed_id: int) -> NewsIngestJob:
        """Polls a feed in the background now; the job shows its progress."""
        user = require_ingester(user)
        feed = db.get(NewsFeed, feed_id)
        if feed is None:
            raise NotFound(_("This feed does not exist."))
        job = NewsIngestJob(kind="feed", status="queued", created_by=user.id, feed_id=feed.id, sources=1)
        db.add(job)
        db.flush()
        audit_service.record(
            db,
            actor=actor_of(user),
            action="poll",
            entity_type="news_feed",
            entity_id=feed.id,
            changes={"job": [None, job.id]},
        )
        poll_feed.defer(db, feed_id=feed.id, job_id=job.id)
        return job


news_service = NewsService()
