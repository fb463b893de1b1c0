"""The read model keeps only what a notice uses: the upgrade drops an order's number and an account's name and
time of change (never read), and keeps the rows themselves."""
import uuid
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

SERVICE_DIR = Path(__file__).resolve().parents[2]


def test_the_upgrade_drops_the_columns_never_read_and_keeps_the_recipients_and_orders(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0002")
    engine = make_engine(each_database_url)
    account_id, order_id = str(uuid.uuid4()), str(uuid.uuid4())
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO recipients (account_id, revision, name, email, phone, language, roles, is_agent, seller_id, "
            "active, changed_at) VALUES (:id, 1, 'Kim Minji', 'minji@example.com', NULL, 'en', '[\"customer\"]', "
            ":no, NULL, :yes, :at)"
        ), {"id": account_id, "no": False, "yes": True, "at": datetime.now(timezone.utc)})
        connection.execute(sa.text(
            "INSERT INTO known_orders (order_id, customer_id, order_number) VALUES (:order, :customer, '20260105-000007')"
        ), {"order": order_id, "customer": account_id})

    upgrade(SERVICE_DIR, each_database_url)

    inspector = sa.inspect(engine)
    recipient_columns = {column["name"] for column in inspector.get_columns("recipients")}
    order_columns = {column["name"] for column in inspector.get_columns("known_orders")}
    with engine.connect() as connection:
        email = connection.execute(sa.text("SELECT email FROM recipients WHERE account_id = :id"),
                                   {"id": account_id}).scalar_one()
        customer = connection.execute(sa.text("SELECT customer_id FROM known_orders WHERE order_id = :id"),
                                      {"id": order_id}).scalar_one()
    engine.dispose()
    assert not {"name", "changed_at"} & recipient_columns
    assert "order_number" not in order_columns
    assert (email, customer) == ("minji@example.com", account_id)
