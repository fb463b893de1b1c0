"""A service deployed after the others learns what they published before (`past-events resend`): settlement that
never heard a seller's approval refuses the seller's bank account, until auth's outbox sends it the approval again;
sent twice, it changes nothing more."""
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, delete, select

from e2e.test_accounts import events_of
from servicekit.bus.tables import inbox
from servicekit.korean_calendar import korean_day
from servicekit.migrations import sqlalchemy_url
from servicekit.testing import wait_for
from settlements.models import SellerName

ACCOUNT = {"bank_code": "088", "account_number": "1102233445566", "holder_name": "Park Jisoo"}


def names_known(engine, seller_id: str) -> list[str]:
    with engine.connect() as connection:
        return list(connection.execute(select(SellerName.name).where(SellerName.seller_id == seller_id)).scalars())


def test_settlement_learns_a_seller_approved_before_it_listened_from_auths_outbox(platform, new_seller):
    seller = new_seller()
    settlements = create_engine(sqlalchemy_url(platform.database_url("settlements")))
    try:
        wait_for(lambda: names_known(settlements, seller.seller_id), what="settlement to hear the approval live")
        [approval] = [event for event in events_of(platform, "auth", "SellerApproved")
                      if event["data"]["seller_id"] == seller.seller_id]
        # As if settlement had been deployed after the approval: it knows neither the name nor the event.
        with settlements.begin() as connection:
            connection.execute(delete(SellerName).where(SellerName.seller_id == seller.seller_id))
            connection.execute(delete(inbox).where(inbox.c.event_id == approval["id"]))

        assert seller.second_factor("totp", seller.authenticator.at(time.time() + 30)).status_code == 200
        refused = seller.put("/api/settlements/bank-account", json=ACCOUNT)
        assert refused.status_code == 422 and refused.json()["type"].endswith("holder-not-seller")

        since = korean_day(datetime.now(timezone.utc) - timedelta(days=1)).isoformat()
        for _ in range(2):
            resent = platform.run_cli("-m", "servicekit.bus.history", "resend", "auth", "--to", "settlements",
                                      "--event", "SellerApproved", "--since", since)
            assert resent.returncode == 0, resent.stderr
            assert "SellerApproved.v1: " in resent.stdout

        wait_for(lambda: names_known(settlements, seller.seller_id), what="settlement to learn the resent approval")
        registered = seller.put("/api/settlements/bank-account", json=ACCOUNT)
        assert registered.status_code == 200, registered.text
        assert registered.json()["account_number"].endswith("5566")
    finally:
        settlements.dispose()
