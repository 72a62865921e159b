"""Record the sources a learner opens during an attempt: the openings table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "openings",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("attempt_id", sa.Integer, nullable=False),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("passage", sa.String(300), nullable=False),
        sa.Column("opened_at", sa.DateTime, nullable=False),
        sa.Column("position", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_openings"),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempts.id"], name="fk_openings_attempt_id_attempts", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_openings_attempt_id", "openings", ["attempt_id"])


def downgrade() -> None:
    op.drop_index("ix_openings_attempt_id", table_name="openings")
    op.drop_table("openings")
