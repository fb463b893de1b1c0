"""Why a payout waits for a person rather than going to the bank, the first reason that applies."""
from __future__ import annotations

from datetime import datetime

from settlements.domain.bank_accounts import changed_recently

SELLER_HELD, ACCOUNT_CHANGED, NO_BANK_ACCOUNT, TRANSFER_REFUSED = (
    "seller_held", "account_changed", "no_bank_account", "transfer_refused")


def hold_reason(*, seller_held: bool, account_changed_at: datetime | None, has_account: bool,
                now: datetime) -> str | None:
    """An admin's hold on the seller first; then no bank account; then an account changed in the last day
    (whoever took over a seller's session must not send the next payout to themselves)."""
    if seller_held:
        return SELLER_HELD
    if not has_account:
        return NO_BANK_ACCOUNT
    if changed_recently(account_changed_at, now):
        return ACCOUNT_CHANGED
    return None
