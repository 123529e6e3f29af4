"""Tables of news intelligence: articles grouped into stories, their entities, events, sectors and
figures; indicator series; candidates for the directory; feeds, ingestion jobs and the errors they met."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kcbridge.kit.db import Base, UTCDateTime, utcnow


class NewsStory(Base):
    """One happening as told by one or more articles (several outlets, several languages)."""

    __tablename__ = "news_story"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    first_published: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    last_published: Mapped[datetime | None] = mapped_column(UTCDateTime)
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NewsArticle(Base):
    """An article as read from its source; `published_at` is the instant, `published_offset` the time
    zone the source gave (minutes east of UTC), so the local time can be shown as published."""

    __tablename__ = "news_article"
    __table_args__ = (UniqueConstraint("fingerprint", name="uq_news_article_fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("news_story.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    outlet: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    published_offset: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(5), index=True)
    body: Mapped[str] = mapped_column(Text)
    captions: Mapped[list[str]] = mapped_column(JSON, default=list)
    source: Mapped[str] = mapped_column(String(1000))
    encoding: Mapped[str] = mapped_column(String(30), default="utf-8")
    fingerprint: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)  # MinHash of the text, for story grouping
    job_id: Mapped[int | None] = mapped_column(ForeignKey("news_ingest_job.id", ondelete="SET NULL"))
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("news_feed.id", ondelete="SET NULL"))
    ingested_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    ingested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    story: Mapped[NewsStory | None] = relationship(lazy="raise")
    entities: Mapped[list[NewsEntity]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="NewsEntity.id"
    )
    sector_rows: Mapped[list[NewsArticleSector]] = relationship(cascade="all, delete-orphan", lazy="raise")
    statistics: Mapped[list[NewsStatistic]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="NewsStatistic.id"
    )

    @property
    def sectors(self) -> list[str]:
        return sorted(s.sector for s in self.sector_rows)

    @property
    def published(self) -> datetime | None:
        """The publication time in the source's own time zone."""
        if self.published_at is None:
            return None
        tz = timezone(timedelta(minutes=self.published_offset or 0))
        return self.published_at.astimezone(tz)


class NewsEntity(Base):
    """An organisation, person or place named in an article, with where (body offsets) for highlighting.
    An organisation is linked to its directory entry, or else to a candidate for one."""

    __tablename__ = "news_entity"
    __table_args__ = (Index("ix_news_entity_kind_org", "kind", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("news_article.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # org | person | place
    name: Mapped[str] = mapped_column(String(300))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    org_type: Mapped[str | None] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(120))
    affiliation: Mapped[str | None] = mapped_column(String(300))  # a person's organisation, as written
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("news_candidate.id", ondelete="SET NULL"), index=True
    )
    spans: Mapped[list[list[int]]] = mapped_column(JSON, default=list)  # [[start, end], ...] in the body


class NewsArticleSector(Base):
    __tablename__ = "news_article_sector"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("news_article.id", ondelete="CASCADE"), primary_key=True
    )
    sector: Mapped[str] = mapped_column(String(40), primary_key=True, index=True)


class NewsEvent(Base):
    """A cooperation event (visit, agreement, meeting, forum, exhibition, pitch, workshop) of a story;
    each article reporting it is a mention (as GDELT's mentions table)."""

    __tablename__ = "news_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("news_story.id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(20), index=True)
    day: Mapped[date | None] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(40), index=True)  # a key of news/places.py
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    story: Mapped[NewsStory] = relationship(lazy="raise")
    participants: Mapped[list[NewsEventParticipant]] = relationship(
        cascade="all, delete-orphan", lazy="raise", order_by="NewsEventParticipant.id"
    )
    mentions: Mapped[list[NewsEventMention]] = relationship(cascade="all, delete-orphan", lazy="raise")


class NewsEventParticipant(Base):
    __tablename__ = "news_event_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("news_event.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    candidate_id: Mapped[int | None] = mapped_column(
        ForeignKey("news_candidate.id", ondelete="SET NULL"), index=True
    )


class NewsEventMention(Base):
    __tablename__ = "news_event_mention"

    event_id: Mapped[int] = mapped_column(ForeignKey("news_event.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("news_article.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    evidence: Mapped[str] = mapped_column(Text, default="")

    article: Mapped[NewsArticle] = relationship(lazy="raise")


class NewsStatistic(Base):
    """A figure written in an article; an analyst may accept it into an indicator series."""

    __tablename__ = "news_statistic"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("news_article.id", ondelete="CASCADE"), index=True)
    indicator: Mapped[str] = mapped_column(String(300))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(30), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(8))
    suggested: Mapped[str | None] = mapped_column(String(40))  # an indicator code, when the words say it
    accepted_value_id: Mapped[int | None] = mapped_column(
        ForeignKey("news_indicator_value.id", ondelete="SET NULL")
    )


class NewsIndicatorValue(Base):
    """One value of an indicator series (country, year), imported from CSV or accepted from an article."""

    __tablename__ = "news_indicator_value"
    __table_args__ = (
        UniqueConstraint("indicator", "country", "year", name="uq_news_indicator_value_indicator"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator: Mapped[str] = mapped_column(String(40), index=True)
    country: Mapped[str] = mapped_column(String(8))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(30), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NewsCandidate(Base):
    """An organisation the news names that the directory lacks: an admin makes it a new entry or an alias
    of an existing one (and every mention follows), or dismisses it."""

    __tablename__ = "news_candidate"
    __table_args__ = (UniqueConstraint("key", name="uq_news_candidate_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    name: Mapped[str] = mapped_column(String(300))
    org_type: Mapped[str | None] = mapped_column(String(30))
    country: Mapped[str | None] = mapped_column(String(8))
    names: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)  # known names per language
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class NewsAlias(Base):
    """Another name of a directory organisation, learnt from the news; part of the gazetteer."""

    __tablename__ = "news_alias"
    __table_args__ = (UniqueConstraint("key", name="uq_news_alias_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    alias: Mapped[str] = mapped_column(String(300))
    key: Mapped[str] = mapped_column(String(300))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NewsFeed(Base):
    """An RSS/Atom feed polled by the periodic job."""

    __tablename__ = "news_feed"
    __table_args__ = (UniqueConstraint("url", name="uq_news_feed_url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(1000))
    title: Mapped[str] = mapped_column(String(300), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_polled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_status: Mapped[str] = mapped_column(String(10), default="")  # ok | error
    last_articles: Mapped[int] = mapped_column(Integer, default=0)


class NewsIngestJob(Base):
    """A batch being read (web upload, feed poll, command line), with its counts for the progress bar."""

    __tablename__ = "news_ingest_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default="upload")  # upload | feed | cli | demo
    status: Mapped[str] = mapped_column(String(10), default="queued", index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("news_feed.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sources: Mapped[int] = mapped_column(Integer, default=0)  # files or URLs given
    found: Mapped[int] = mapped_column(Integer, default=0)  # articles read from them
    processed: Mapped[int] = mapped_column(Integer, default=0)
    added: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)

    errors: Mapped[list[NewsSourceError]] = relationship(
        lazy="raise", order_by="NewsSourceError.id", viewonly=True
    )

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")


class NewsUploadFile(Base):
    """An uploaded file waiting for its job (in the database, so any worker process can read it)."""

    __tablename__ = "news_upload_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("news_ingest_job.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class NewsSourceError(Base):
    """A source that could not be read (empty, binary, no article, not a feed, unreachable, too large,
    another language), kept with the job or feed it belonged to."""

    __tablename__ = "news_source_error"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int | None] = mapped_column(
        ForeignKey("news_ingest_job.id", ondelete="CASCADE"), index=True
    )
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("news_feed.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(1000))
    code: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
