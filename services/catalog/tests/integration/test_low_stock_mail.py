"""The seller is emailed when a product's stock falls to the threshold they set."""
import uuid

from sqlalchemy import select

from servicekit.notifications import outgoing_notifications
from servicekit.testing.events import recorded

from .shop import approve_seller, list_product, place


def mails_to(runtime, address):
    with runtime.engine.connect() as connection:
        rows = connection.execute(
            select(outgoing_notifications.c.channel, outgoing_notifications.c.subject, outgoing_notifications.c.body)
            .where(outgoing_notifications.c.recipient == address)
        )
        return [row._asdict() for row in rows]


def test_a_low_stock_alert_is_mailed_to_the_sellers_email_once(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    email = f"shop-{uuid.uuid4().hex[:8]}@example.com"
    product = list_product(
        catalog_client, sign_identity, approve_seller(catalog_consumer, contact_email=email),
        stock=5, low_stock_threshold=2,
    )

    place(catalog_consumer, product, 3)
    place(catalog_consumer, product, 1)

    [mail] = mails_to(catalog_runtime, email)
    assert (mail["channel"], mail["subject"]) == ("email", "Low stock: Green tea")
    assert "down to 2 in stock" in mail["body"]


def test_a_seller_without_a_known_email_hears_of_low_stock_by_event_only(
    catalog_runtime, catalog_client, catalog_consumer, sign_identity
):
    name = f"Oolong {uuid.uuid4().hex[:8]}"
    product = list_product(
        catalog_client, sign_identity, approve_seller(catalog_consumer), name=name, stock=2, low_stock_threshold=1
    )

    place(catalog_consumer, product, 1)

    alerts = [alert["stock"] for alert in recorded(catalog_runtime, "StockLow", product_name=name)]
    assert alerts == [1]
    with catalog_runtime.engine.connect() as connection:
        subjects = connection.scalars(select(outgoing_notifications.c.subject)).all()
    assert f"Low stock: {name}" not in subjects
