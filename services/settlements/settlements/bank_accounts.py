"""Sellers' bank accounts: registered or changed by the seller with a second factor proved in the last minutes
(the API asks for the step-up), the holder matching the seller's registered names, every change audited. A
payout made in the day after a change waits for an admin (settlements.payouts)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from servicekit import clock
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from settlements.domain.bank_accounts import BANKS, holder_is_seller, masked_account_number
from settlements.models import BankAccount, BankAccountChange
from settlements.seller_names import names_of


@dataclass(frozen=True)
class AccountHolder:
    """Who registers an account: the signed-in account, the shop it sells for, and its session (for the audit)."""

    account_id: str
    seller_id: str
    session_id: str | None


def registered_account(runtime: Runtime, seller_id: str) -> BankAccount:
    with runtime.unit_of_work() as uow:
        account = uow.session.get(BankAccount, seller_id)
    if account is None:
        raise Problem(404, "no-bank-account", _("No bank account"), _("No payout account is registered yet."))
    return account


def register_bank_account(runtime: Runtime, holder: AccountHolder, bank_code: str, account_number: str,
                          holder_name: str) -> BankAccount:
    """Register or change where the seller's payouts go. Registering the same account again changes nothing."""
    number = account_number.replace("-", "").replace(" ", "")
    if bank_code not in BANKS:
        raise Problem(422, "validation-failed", _("Unprocessable Entity"), _("Choose one of the listed banks."),
                      errors={"bank_code": [_("Unknown bank code.")]})
    if not (number.isascii() and number.isdigit()) or not 10 <= len(number) <= 16:
        raise Problem(422, "validation-failed", _("Unprocessable Entity"),
                      _("An account number has 10 to 16 digits (hyphens are left out)."),
                      errors={"account_number": [_("Give 10 to 16 digits.")]})
    with runtime.unit_of_work() as uow:
        if not holder_is_seller(holder_name, names_of(uow, holder.seller_id)):
            raise Problem(422, "holder-not-seller", _("Account holder is not the seller"),
                          _("The account must be held under the seller's registered business name or its "
                            "representative's registered name."),
                          errors={"holder_name": [_("Use the registered business or representative name.")]})
        account = uow.session.get(BankAccount, holder.seller_id, with_for_update=True)
        if account is not None and (account.bank_code, account.account_number, account.holder_name) == (
                bank_code, number, holder_name):
            return account
        now = clock.now()
        if account is None:
            account = BankAccount(seller_id=holder.seller_id)
            uow.session.add(account)
        account.bank_code, account.account_number, account.holder_name = bank_code, number, holder_name
        account.changed_at, account.changed_by = now, holder.account_id
        uow.session.add(BankAccountChange(
            id=str(uuid.uuid4()), seller_id=holder.seller_id, bank_code=bank_code,
            account_number_masked=masked_account_number(number), holder_name=holder_name,
            changed_by=holder.account_id, changed_at=now, session_id=holder.session_id,
        ))
        uow.commit()
        return account


def account_changes(runtime: Runtime, seller_id: str) -> list[BankAccountChange]:
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(select(BankAccountChange).where(BankAccountChange.seller_id == seller_id)
                                        .order_by(BankAccountChange.changed_at.desc()).limit(100)))
