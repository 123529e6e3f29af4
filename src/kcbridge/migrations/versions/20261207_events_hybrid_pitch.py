"""Hybrid events, pitch projects and speakers: participants attend on site or online (with one line of
what they offer and seek), online meeting rooms and the organiser's video-meeting address, streamed sessions
in tracks, meeting reminders, pitched projects with bookmarks, speakers as people with their talks.

Revision ID: events02
Revises: reliability01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import kcbridge.kit.db

revision = "events02"
down_revision = "reliability01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event") as batch:
        batch.add_column(sa.Column("video_base_url", sa.String(500), nullable=True))
    with op.batch_alter_table("event_participant") as batch:
        batch.add_column(sa.Column("attendance", sa.String(10), nullable=False, server_default="onsite"))
        batch.add_column(sa.Column("offer", sa.String(200), nullable=False, server_default=""))
        batch.add_column(sa.Column("seek", sa.String(200), nullable=False, server_default=""))
    with op.batch_alter_table("event_table") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="table"))
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(sa.Column("reminded_day", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("reminded_hour", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("scheduler_run") as batch:
        batch.add_column(sa.Column("started_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table("agenda_session") as batch:
        batch.add_column(sa.Column("track", sa.String(120), nullable=False, server_default=""))
        batch.add_column(sa.Column("stream_url", sa.String(500), nullable=True))

    op.create_table(
        "event_project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("title_ko", sa.String(200), nullable=True),
        sa.Column("title_zh", sa.String(200), nullable=True),
        sa.Column("title_en", sa.String(200), nullable=True),
        sa.Column("logline_ko", sa.String(300), nullable=False),
        sa.Column("logline_zh", sa.String(300), nullable=False),
        sa.Column("logline_en", sa.String(300), nullable=False),
        sa.Column("description_ko", sa.Text(), nullable=False),
        sa.Column("description_zh", sa.Text(), nullable=False),
        sa.Column("description_en", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ask_amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("materials_url", sa.String(500), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_project_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["event_participant.id"],
            name=op.f("fk_event_project_participant_id_event_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agenda_session.id"],
            name=op.f("fk_event_project_session_id_agenda_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_project")),
    )
    for column in ("event_id", "participant_id", "session_id"):
        op.create_index(op.f(f"ix_event_project_{column}"), "event_project", [column])

    op.create_table(
        "event_project_bookmark",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["event.id"],
            name=op.f("fk_event_project_bookmark_event_id_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["event_participant.id"],
            name=op.f("fk_event_project_bookmark_participant_id_event_participant"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["event_project.id"],
            name=op.f("fk_event_project_bookmark_project_id_event_project"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "project_id", name=op.f("pk_event_project_bookmark")),
    )
    op.create_index(op.f("ix_event_project_bookmark_project_id"), "event_project_bookmark", ["project_id"])
    op.create_index(op.f("ix_event_project_bookmark_event_id"), "event_project_bookmark", ["event_id"])

    with op.batch_alter_table("meeting_request") as batch:
        batch.add_column(sa.Column("project_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_meeting_request_project_id_event_project"),
            "event_project",
            ["project_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_meeting_request_project_id"), ["project_id"])

    op.create_table(
        "event_speaker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("name_ko", sa.String(120), nullable=True),
        sa.Column("name_zh", sa.String(120), nullable=True),
        sa.Column("name_en", sa.String(120), nullable=True),
        sa.Column("title_ko", sa.String(200), nullable=False),
        sa.Column("title_zh", sa.String(200), nullable=False),
        sa.Column("title_en", sa.String(200), nullable=False),
        sa.Column("org_name", sa.String(200), nullable=False),
        sa.Column("bio_ko", sa.Text(), nullable=False),
        sa.Column("bio_zh", sa.Text(), nullable=False),
        sa.Column("bio_en", sa.Text(), nullable=False),
        sa.Column("photo", sa.LargeBinary(), nullable=True),
        sa.Column("photo_type", sa.String(40), nullable=True),
        sa.Column("created_at", kcbridge.kit.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_event_speaker_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_event_speaker_person_id_person"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_event_speaker_organisation_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_speaker")),
    )
    for column in ("event_id", "person_id", "organisation_id"):
        op.create_index(op.f(f"ix_event_speaker_{column}"), "event_speaker", [column])

    op.create_table(
        "session_talk",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["agenda_session.id"],
            name=op.f("fk_session_talk_session_id_agenda_session"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["event_speaker.id"],
            name=op.f("fk_session_talk_speaker_id_event_speaker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "speaker_id", name=op.f("pk_session_talk")),
    )
    op.create_index(op.f("ix_session_talk_speaker_id"), "session_talk", ["speaker_id"])


def downgrade() -> None:
    op.drop_table("session_talk")
    op.drop_table("event_speaker")
    with op.batch_alter_table("meeting_request") as batch:
        batch.drop_index(op.f("ix_meeting_request_project_id"))
        batch.drop_constraint(op.f("fk_meeting_request_project_id_event_project"), type_="foreignkey")
        batch.drop_column("project_id")
    op.drop_table("event_project_bookmark")
    op.drop_table("event_project")
    with op.batch_alter_table("agenda_session") as batch:
        batch.drop_column("stream_url")
        batch.drop_column("track")
    with op.batch_alter_table("scheduler_run") as batch:
        batch.drop_column("started_at")
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("reminded_hour")
        batch.drop_column("reminded_day")
    with op.batch_alter_table("event_table") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("event_participant") as batch:
        batch.drop_column("seek")
        batch.drop_column("offer")
        batch.drop_column("attendance")
    with op.batch_alter_table("event") as batch:
        batch.drop_column("video_base_url")
