"""The FAQ matcher's synonym and short-form dictionary, which admins edit, filled with the one shipped
(support/data/faq_synonyms.json, as it is when this migration runs); and the automatic-answer models trained from
use.

Revision ID: 0022
Revises: 0021
"""
import json
import uuid
from datetime import datetime, timezone
from importlib import resources

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    synonyms = op.create_table(
        "faq_synonyms",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("language IN ('ko', 'en')", name="ck_faq_synonyms_language"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_faq_synonyms_updated_at", "faq_synonyms", ["updated_at"])
    op.create_table(
        "faq_models",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("trained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_faq_models_trained_at", "faq_models", ["trained_at"])
    shipped = json.loads(resources.files("support").joinpath("data/faq_synonyms.json").read_text(encoding="utf-8"))
    now = datetime.now(timezone.utc)
    op.bulk_insert(synonyms, [{"id": str(uuid.uuid4()), "language": language, "words": words, "updated_at": now}
                              for language, groups in shipped["groups"].items() for words in groups])


def downgrade() -> None:
    op.drop_index("ix_faq_models_trained_at", table_name="faq_models")
    op.drop_table("faq_models")
    op.drop_index("ix_faq_synonyms_updated_at", table_name="faq_synonyms")
    op.drop_table("faq_synonyms")
