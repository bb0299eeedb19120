"""no card → batch mapping kept once voting opens: cards.batch nullable (cleared at the opening),
no per-batch list hash stored

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-04 16:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cards") as batch:
        batch.alter_column("batch", existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table("card_batches") as batch:
        batch.drop_column("list_hash")


def downgrade() -> None:
    with op.batch_alter_table("card_batches") as batch:
        batch.add_column(
            sa.Column("list_hash", sa.String(length=64), nullable=False, server_default="")
        )
    with op.batch_alter_table("cards") as batch:
        batch.alter_column("batch", existing_type=sa.Integer(), nullable=False)
