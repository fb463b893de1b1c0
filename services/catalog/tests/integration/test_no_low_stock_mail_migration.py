"""Catalog no longer mails sellers: the upgrade drops the mail queue and the sellers' emails kept for it, and keeps
the sellers themselves."""
import uuid
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

SERVICE_DIR = Path(__file__).resolve().parents[2]


def test_the_upgrade_drops_the_mail_queue_and_the_sellers_emails_and_keeps_the_sellers(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0011")
    engine = make_engine(each_database_url)
    seller_id = str(uuid.uuid4())
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO approved_sellers (seller_id, account_id, display_name, contact_email, approved_at) "
            "VALUES (:seller_id, :account_id, 'Seoul Goods', 'shop@example.com', :at)"
        ), {"seller_id": seller_id, "account_id": str(uuid.uuid4()), "at": datetime.now(timezone.utc)})

    upgrade(SERVICE_DIR, each_database_url)

    inspector = sa.inspect(engine)
    tables = inspector.get_table_names()
    seller_columns = [column["name"] for column in inspector.get_columns("approved_sellers")]
    with engine.connect() as connection:
        kept = connection.execute(sa.text("SELECT display_name FROM approved_sellers WHERE seller_id = :id"),
                                  {"id": seller_id}).scalar_one()
    engine.dispose()
    assert "outgoing_notifications" not in tables
    assert "contact_email" not in seller_columns
    assert kept == "Seoul Goods"
