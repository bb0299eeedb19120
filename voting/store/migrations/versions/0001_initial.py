"""The first tables: accounts, devices, people, conferences, roster, ballot, events

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 01:39:44.810989
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conferences",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("rule_set_name", sa.String(length=100), nullable=False),
        sa.Column("rule_set_hash", sa.String(length=64), nullable=False),
        sa.Column("rule_set_content", sa.JSON(), nullable=False),
        sa.Column("procedure", sa.String(length=50), nullable=False),
        sa.Column("step_number", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=50), nullable=False),
        sa.Column("ballot_kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("committee_size", sa.Integer(), nullable=False),
        sa.Column("committee_threshold", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("convened_at_opening", sa.Integer(), nullable=True),
        sa.Column("present_at_opening", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conferences")),
    )
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("born", sa.Date(), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("groups", sa.JSON(), nullable=False),
        sa.Column("cells", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("ref", name=op.f("uq_people_ref")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.String(length=32), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_attendees_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendees")),
        sa.UniqueConstraint("conference_id", "ref", name=op.f("uq_attendees_conference_id_ref")),
    )
    with op.batch_alter_table("attendees", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attendees_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "ballot_sections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("quota", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_ballot_sections_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_sections")),
        sa.UniqueConstraint(
            "conference_id", "number", name=op.f("uq_ballot_sections_conference_id_number")
        ),
    )
    with op.batch_alter_table("ballot_sections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ballot_sections_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "device_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_device_links_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_links_token_hash")),
    )
    with op.batch_alter_table("device_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_device_links_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conference_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.String(length=20), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_events_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("conference_id", "seq", name=op.f("uq_events_conference_id_seq")),
        sa.UniqueConstraint("hash", name=op.f("uq_events_hash")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_events_conference_id"), ["conference_id"], unique=False
        )

    op.create_table(
        "ballot_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.Column("person_ref", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["ballot_sections.id"],
            name=op.f("fk_ballot_candidates_section_id_ballot_sections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballot_candidates")),
        sa.UniqueConstraint(
            "section_id", "number", name=op.f("uq_ballot_candidates_section_id_number")
        ),
    )
    with op.batch_alter_table("ballot_candidates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ballot_candidates_section_id"), ["section_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("ballot_candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_candidates_section_id"))

    op.drop_table("ballot_candidates")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_conference_id"))

    op.drop_table("events")
    with op.batch_alter_table("device_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_links_conference_id"))

    op.drop_table("device_links")
    with op.batch_alter_table("ballot_sections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballot_sections_conference_id"))

    op.drop_table("ballot_sections")
    with op.batch_alter_table("attendees", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendees_conference_id"))

    op.drop_table("attendees")
    op.drop_table("users")
    op.drop_table("people")
    op.drop_table("conferences")
