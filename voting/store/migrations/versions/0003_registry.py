"""registry: external attendees, planning in force, terms, holidays, dossier documents

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 07:20:00
"""

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
DEFAULT_HOLIDAYS = Path(__file__).parents[3] / "registry" / "holidays-vn.csv"


def upgrade() -> None:
    op.create_table(
        "external_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("post", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_people")),
        sa.UniqueConstraint("ref", name=op.f("uq_external_people_ref")),
    )
    op.create_table(
        "planning_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadre_ref", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.String(length=300), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column("removed_on", sa.Date(), nullable=True),
        sa.Column("removal_reason", sa.String(length=500), nullable=False),
        sa.Column("process_id", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_entries")),
    )
    op.create_index(
        op.f("ix_planning_entries_cadre_ref"), "planning_entries", ["cadre_ref"], unique=False
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
        sa.UniqueConstraint("label", name=op.f("uq_terms_label")),
    )
    holidays = op.create_table(
        "holidays",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holidays")),
    )
    # The default calendar (editable data: the registry imports and exports it).
    with DEFAULT_HOLIDAYS.open(encoding="utf-8") as file:
        op.bulk_insert(
            holidays,
            [
                {"day": date.fromisoformat(r["day"]), "name": r["name"]}
                for r in csv.DictReader(file)
            ],
        )
    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cadre_ref", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_documents")),
        sa.UniqueConstraint("cadre_ref", "kind", name=op.f("uq_dossier_documents_cadre_ref_kind")),
    )


def downgrade() -> None:
    op.drop_table("dossier_documents")
    op.drop_table("holidays")
    op.drop_table("terms")
    op.drop_index(op.f("ix_planning_entries_cadre_ref"), table_name="planning_entries")
    op.drop_table("planning_entries")
    op.drop_table("external_people")
