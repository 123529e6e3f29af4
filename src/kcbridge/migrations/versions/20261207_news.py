"""news: articles, stories, entities, events and their mentions, sectors, figures, indicator series,
candidates and aliases for the directory, feeds, ingestion jobs and the sources they could not read

Revision ID: news01
Revises: 0f69bffb00cc
Create Date: 2026-12-07 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "news01"
down_revision = "0f69bffb00cc"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "news_story",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("first_published", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_published", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("article_count", sa.Integer(), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_story")),
    )
    op.create_index(op.f("ix_news_story_first_published"), "news_story", ["first_published"], unique=False)
    op.create_table(
        "news_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_news_alias_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_news_alias_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_alias")),
        sa.UniqueConstraint("key", name="uq_news_alias_key"),
    )
    op.create_index(op.f("ix_news_alias_organisation_id"), "news_alias", ["organisation_id"], unique=False)
    op.create_table(
        "news_candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("org_type", sa.String(length=30), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("first_seen", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.Column("resolved_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_news_candidate_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by"],
            ["user_account.id"],
            name=op.f("fk_news_candidate_resolved_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_candidate")),
        sa.UniqueConstraint("key", name="uq_news_candidate_key"),
    )
    op.create_index(op.f("ix_news_candidate_status"), "news_candidate", ["status"], unique=False)
    op.create_table(
        "news_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=20), nullable=False),
        sa.Column("day", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=40), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["news_story.id"],
            name=op.f("fk_news_event_story_id_news_story"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_event")),
    )
    op.create_index(op.f("ix_news_event_city"), "news_event", ["city"], unique=False)
    op.create_index(op.f("ix_news_event_day"), "news_event", ["day"], unique=False)
    op.create_index(op.f("ix_news_event_event_type"), "news_event", ["event_type"], unique=False)
    op.create_index(op.f("ix_news_event_story_id"), "news_event", ["story_id"], unique=False)
    op.create_table(
        "news_feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_polled_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_status", sa.String(length=10), nullable=False),
        sa.Column("last_articles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by"],
            ["user_account.id"],
            name=op.f("fk_news_feed_added_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_feed")),
        sa.UniqueConstraint("url", name="uq_news_feed_url"),
    )
    op.create_table(
        "news_indicator_value",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_news_indicator_value_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_indicator_value")),
        sa.UniqueConstraint("indicator", "country", "year", name="uq_news_indicator_value_indicator"),
    )
    op.create_index(
        op.f("ix_news_indicator_value_indicator"), "news_indicator_value", ["indicator"], unique=False
    )
    op.create_table(
        "news_event_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["news_candidate.id"],
            name=op.f("fk_news_event_participant_candidate_id_news_candidate"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["news_event.id"],
            name=op.f("fk_news_event_participant_event_id_news_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_news_event_participant_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_event_participant")),
    )
    op.create_index(
        op.f("ix_news_event_participant_candidate_id"),
        "news_event_participant",
        ["candidate_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_news_event_participant_event_id"), "news_event_participant", ["event_id"], unique=False
    )
    op.create_index(
        op.f("ix_news_event_participant_organisation_id"),
        "news_event_participant",
        ["organisation_id"],
        unique=False,
    )
    op.create_table(
        "news_ingest_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("found", sa.Integer(), nullable=False),
        sa.Column("processed", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_news_ingest_job_created_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["news_feed.id"],
            name=op.f("fk_news_ingest_job_feed_id_news_feed"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_ingest_job")),
    )
    op.create_index(op.f("ix_news_ingest_job_status"), "news_ingest_job", ["status"], unique=False)
    op.create_table(
        "news_article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("published_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("published_offset", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("captions", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("encoding", sa.String(length=30), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("ingested_by", sa.Integer(), nullable=True),
        sa.Column("ingested_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"], ["news_feed.id"], name=op.f("fk_news_article_feed_id_news_feed"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["ingested_by"],
            ["user_account.id"],
            name=op.f("fk_news_article_ingested_by_user_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["news_ingest_job.id"],
            name=op.f("fk_news_article_job_id_news_ingest_job"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["news_story.id"],
            name=op.f("fk_news_article_story_id_news_story"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_article")),
        sa.UniqueConstraint("fingerprint", name="uq_news_article_fingerprint"),
    )
    op.create_index(op.f("ix_news_article_language"), "news_article", ["language"], unique=False)
    op.create_index(op.f("ix_news_article_published_at"), "news_article", ["published_at"], unique=False)
    op.create_index(op.f("ix_news_article_story_id"), "news_article", ["story_id"], unique=False)
    op.create_table(
        "news_source_error",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feed_id"],
            ["news_feed.id"],
            name=op.f("fk_news_source_error_feed_id_news_feed"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["news_ingest_job.id"],
            name=op.f("fk_news_source_error_job_id_news_ingest_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_source_error")),
    )
    op.create_index(op.f("ix_news_source_error_feed_id"), "news_source_error", ["feed_id"], unique=False)
    op.create_index(op.f("ix_news_source_error_job_id"), "news_source_error", ["job_id"], unique=False)
    op.create_table(
        "news_upload_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["news_ingest_job.id"],
            name=op.f("fk_news_upload_file_job_id_news_ingest_job"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_upload_file")),
    )
    op.create_index(op.f("ix_news_upload_file_job_id"), "news_upload_file", ["job_id"], unique=False)
    op.create_table(
        "news_article_sector",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["news_article.id"],
            name=op.f("fk_news_article_sector_article_id_news_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "sector", name=op.f("pk_news_article_sector")),
    )
    op.create_index(op.f("ix_news_article_sector_sector"), "news_article_sector", ["sector"], unique=False)
    op.create_table(
        "news_entity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("org_type", sa.String(length=30), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("role", sa.String(length=120), nullable=True),
        sa.Column("affiliation", sa.String(length=300), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("candidate_id", sa.Integer(), nullable=True),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["news_article.id"],
            name=op.f("fk_news_entity_article_id_news_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["news_candidate.id"],
            name=op.f("fk_news_entity_candidate_id_news_candidate"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_news_entity_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_entity")),
    )
    op.create_index(op.f("ix_news_entity_article_id"), "news_entity", ["article_id"], unique=False)
    op.create_index(op.f("ix_news_entity_candidate_id"), "news_entity", ["candidate_id"], unique=False)
    op.create_index("ix_news_entity_kind_org", "news_entity", ["kind", "organisation_id"], unique=False)
    op.create_index(op.f("ix_news_entity_organisation_id"), "news_entity", ["organisation_id"], unique=False)
    op.create_table(
        "news_event_mention",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["news_article.id"],
            name=op.f("fk_news_event_mention_article_id_news_article"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["news_event.id"],
            name=op.f("fk_news_event_mention_event_id_news_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "article_id", name=op.f("pk_news_event_mention")),
    )
    op.create_index(
        op.f("ix_news_event_mention_article_id"), "news_event_mention", ["article_id"], unique=False
    )
    op.create_table(
        "news_statistic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=300), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=30), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("suggested", sa.String(length=40), nullable=True),
        sa.Column("accepted_value_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["accepted_value_id"],
            ["news_indicator_value.id"],
            name=op.f("fk_news_statistic_accepted_value_id_news_indicator_value"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["news_article.id"],
            name=op.f("fk_news_statistic_article_id_news_article"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_statistic")),
    )
    op.create_index(op.f("ix_news_statistic_article_id"), "news_statistic", ["article_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_news_statistic_article_id"), table_name="news_statistic")
    op.drop_table("news_statistic")
    op.drop_index(op.f("ix_news_event_mention_article_id"), table_name="news_event_mention")
    op.drop_table("news_event_mention")
    op.drop_index(op.f("ix_news_entity_organisation_id"), table_name="news_entity")
    op.drop_index("ix_news_entity_kind_org", table_name="news_entity")
    op.drop_index(op.f("ix_news_entity_candidate_id"), table_name="news_entity")
    op.drop_index(op.f("ix_news_entity_article_id"), table_name="news_entity")
    op.drop_table("news_entity")
    op.drop_index(op.f("ix_news_article_sector_sector"), table_name="news_article_sector")
    op.drop_table("news_article_sector")
    op.drop_index(op.f("ix_news_upload_file_job_id"), table_name="news_upload_file")
    op.drop_table("news_upload_file")
    op.drop_index(op.f("ix_news_source_error_job_id"), table_name="news_source_error")
    op.drop_index(op.f("ix_news_source_error_feed_id"), table_name="news_source_error")
    op.drop_table("news_source_error")
    op.drop_index(op.f("ix_news_article_story_id"), table_name="news_article")
    op.drop_index(op.f("ix_news_article_published_at"), table_name="news_article")
    op.drop_index(op.f("ix_news_article_language"), table_name="news_article")
    op.drop_table("news_article")
    op.drop_index(op.f("ix_news_ingest_job_status"), table_name="news_ingest_job")
    op.drop_table("news_ingest_job")
    op.drop_index(op.f("ix_news_event_participant_organisation_id"), table_name="news_event_participant")
    op.drop_index(op.f("ix_news_event_participant_event_id"), table_name="news_event_participant")
    op.drop_index(op.f("ix_news_event_participant_candidate_id"), table_name="news_event_participant")
    op.drop_table("news_event_participant")
    op.drop_index(op.f("ix_news_indicator_value_indicator"), table_name="news_indicator_value")
    op.drop_table("news_indicator_value")
    op.drop_table("news_feed")
    op.drop_index(op.f("ix_news_event_story_id"), table_name="news_event")
    op.drop_index(op.f("ix_news_event_event_type"), table_name="news_event")
    op.drop_index(op.f("ix_news_event_day"), table_name="news_event")
    op.drop_index(op.f("ix_news_event_city"), table_name="news_event")
    op.drop_table("news_event")
    op.drop_index(op.f("ix_news_candidate_status"), table_name="news_candidate")
    op.drop_table("news_candidate")
    op.drop_index(op.f("ix_news_alias_organisation_id"), table_name="news_alias")
    op.drop_table("news_alias")
    op.drop_index(op.f("ix_news_story_first_published"), table_name="news_story")
    op.drop_table("news_story")
