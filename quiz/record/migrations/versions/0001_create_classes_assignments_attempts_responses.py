"""Create the record: classes, assignments, attempts and responses.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "classes",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_classes"),
    )
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("class_id", sa.Integer, nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("bank_id", sa.String(200), nullable=False),
        sa.Column("quiz", sa.Text, nullable=False),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("opens_at", sa.DateTime, nullable=True),
        sa.Column("closes_at", sa.DateTime, nullable=True),
        sa.Column("attempts_allowed", sa.Integer, nullable=True),
        sa.Column("answers_after_close", sa.Boolean, nullable=False),
        sa.Column("join_code", sa.String(16), nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
        sa.ForeignKeyConstraint(
            ["class_id"], ["classes.id"], name="fk_assignments_class_id_classes", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("join_code", name="uq_assignments_join_code"),
    )
    op.create_index("ix_assignments_class_id", "assignments", ["class_id"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("resume_id", sa.String(64), nullable=False),
        sa.Column("assignment_id", sa.Integer, nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("learner_key", sa.String(100), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("bank_id", sa.String(200), nullable=False),
        sa.Column("bank_version", sa.String(64), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("question_ids", sa.Text, nullable=False),
        sa.Column("orders", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_attempts"),
        sa.ForeignKeyConstraint(
            ["assignment_id"], ["assignments.id"], name="fk_attempts_assignment_id_assignments", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("resume_id", name="uq_attempts_resume_id"),
        sa.UniqueConstraint("assignment_id", "learner_key", "number", name="uq_attempts_learner_number"),
    )
    op.create_index("ix_attempts_assignment_id", "attempts", ["assignment_id"])
    op.create_table(
        "responses",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("attempt_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("mark", sa.Float, nullable=False),
        sa.Column("seconds", sa.Float, nullable=True),
        sa.Column("opened_sources", sa.Text, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
        sa.Column("confidence", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_responses"),
        sa.ForeignKeyConstraint(
            ["attempt_id"], ["attempts.id"], name="fk_responses_attempt_id_attempts", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("attempt_id", "position", name="uq_responses_attempt_position"),
    )


def downgrade() -> None:
    op.drop_table("responses")
    op.drop_index("ix_attempts_assignment_id", table_name="attempts")
    op.drop_table("attempts")
    op.drop_index("ix_assignments_class_id", table_name="assignments")
    op.drop_table("assignments")
    op.drop_table("classes")
