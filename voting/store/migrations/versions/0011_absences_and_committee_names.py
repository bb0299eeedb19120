"""the minutes' room notes: an absent attendee's reason, the committee members' names

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendees") as batch:
        batch.add_column(sa.Column("absence_reason", sa.String(length=16), nullable=True))
        batch.add_column(
            sa.Column("absence_note", sa.String(length=200), nullable=False, server_default="")
        )
    op.create_table(
        "committee_members",
        sa.Column("conference_id", sa.String(length=32), nullable=False),
        sa.Column("member", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["conference_id"],
            ["conferences.id"],
            name=op.f("fk_committee_members_conference_id_conferences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conference_id", "member", name=op.f("pk_committee_members")),
    )


def downgrade() -> None:
    op.drop_table("committee_members")
    with op.batch_alter_table("attendees") as batch:
        batch.drop_column("absence_note")
        batch.drop_column("absence_reason")
