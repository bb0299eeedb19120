"""planning processes: steps, their log, and the conferences they hold

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 07:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("conferences") as batch:
        batch.add_column(sa.Column("process_id", sa.String(length=32), nullable=True))
        batch.add_column(
            sa.Column("held_positions", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
    op.create_table(
        "planning_processes",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("procedure", sa.String(length=50), nullable=False),
        sa.Column("tier", sa.String(length=50), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("term", sa.String(length=20), nullable=False),
        sa.Column("term_start", sa.Date(), nullable=True),
        sa.Column("reference", sa.Date(), nullable=False),
        sa.Column("rule_set_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("proposal", sa.JSON(), nullable=False),
        sa.Column("source", sa.JSON(), nullable=False),
        sa.Column("review", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_processes")),
    )
    op.create_table(
        "planning_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("conference_id", sa.String(length=32), nullable=True),
        sa.Column("approved", sa.JSON(), nullable=True),
        sa.Column("paper", sa.JSON(), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_planning_steps_conference_id_conferences"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["planning_processes.id"],
            name=op.f("fk_planning_steps_process_id_planning_processes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_steps")),
        sa.UniqueConstraint(
            "process_id", "number", name=op.f("uq_planning_steps_process_id_number")
        ),
    )
    op.create_index(
        op.f("ix_planning_steps_process_id"), "planning_steps", ["process_id"], unique=False
    )
    op.create_table(
        "planning_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["planning_processes.id"],
            name=op.f("fk_planning_events_process_id_planning_processes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_events")),
        sa.UniqueConstraint("process_id", "seq", name=op.f("uq_planning_events_process_id_seq")),
    )
    op.create_index(
        op.f("ix_planning_events_process_id"), "planning_events", ["process_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_planning_events_process_id"), table_name="planning_events")
    op.drop_table("planning_events")
    op.drop_index(op.f("ix_planning_steps_process_id"), table_name="planning_steps")
    op.drop_table("planning_steps")
    op.drop_table("planning_processes")
    with op.batch_alter_table("conferences") as batch:
        batch.drop_column("held_positions")
        batch.drop_column("process_id")
