"""Whose account a payout may go to, and when a payout waits for an admin."""
from datetime import datetime, timedelta, timezone

from settlements.domain.bank_accounts import holder_is_seller, masked_account_number
from settlements.domain.payout_holds import (
    ACCOUNT_CHANGED, NO_BANK_ACCOUNT, SELLER_HELD, hold_reason,
)
from settlements.domain.tax_invoices import commission_invoice

NOW = datetime(2026, 12, 7, 1, tzinfo=timezone.utc)


def test_the_holder_matches_the_shops_registered_name_as_a_bank_compares_names():
    names = ["(주)제주녹차", "김민지"]
    assert holder_is_seller("주식회사 제주녹차", names)
    assert holder_is_seller("제주 녹차", names)
    assert holder_is_seller("김민지", names)
    assert holder_is_seller("Jeju Tea Co., Ltd.", ["JEJU TEA"])
    assert not holder_is_seller("박서준", names)
    assert not holder_is_seller("(주)", names)  # nothing left to compare


def test_statements_and_pages_show_only_the_last_four_digits():
    assert masked_account_number("1002345678901") == "*********8901"


def test_a_payout_waits_for_an_admins_hold_then_for_an_account_then_a_day_after_a_change():
    assert hold_reason(seller_held=True, account_changed_at=None, has_account=True, now=NOW) == SELLER_HELD
    assert hold_reason(seller_held=False, account_changed_at=None, has_account=False, now=NOW) == NO_BANK_ACCOUNT
    assert hold_reason(seller_held=False, account_changed_at=NOW - timedelta(hours=23), has_account=True,
                       now=NOW) == ACCOUNT_CHANGED
    assert hold_reason(seller_held=False, account_changed_at=NOW - timedelta(hours=25), has_account=True,
                       now=NOW) is None


def test_the_commission_invoice_splits_the_commission_into_supply_value_and_ten_percent_tax():
    assert commission_invoice(11_000) == {"supply_value": 10_000, "tax": 1000, "total": 11_000}
    assert commission_invoice(10_001) == {"supply_value": 9092, "tax": 909, "total": 10_001}
    assert commission_invoice(-500) == {"supply_value": 0, "tax": 0, "total": 0}
