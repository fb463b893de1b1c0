"""Each account's language (Korean unless its owner chooses English), and the revision of the last
AccountContactsChanged about it.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as accounts:
        accounts.add_column(sa.Column("language", sa.String(2), nullable=False, server_default="ko"))
        # Accounts made before were never announced: `python -m auth.cli publish-contacts` does it.
        accounts.add_column(sa.Column("contacts_revision", sa.Integer, nullable=False, server_default="0"))
        accounts.create_check_constraint("ck_accounts_language", "language IN ('ko', 'en')")


def downgrade() -> None:
    with op.batch_alter_table("accounts") as accounts:
        accounts.drop_constraint("ck_accounts_language", type_="check")
        accounts.drop_column("contacts_revision")
        accounts.drop_column("language")
