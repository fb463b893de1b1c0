"""The bank-transfer interface that payouts go through, and the test bank that `make run` and the tests use.

Every transfer carries an idempotency key (the payout's id): a worker that sends, fails before its commit and
sends again gets the first transfer back, never a second one, as a real firm-banking API answers a repeated
request id. The test bank keeps its book in its own table, written in a transaction of its own, as a bank's
side would be: what it took stays taken whatever the caller's transaction does.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from servicekit import clock
from settlements.models import TestBankTransfer

# The test bank refuses transfers to account numbers that start with this, as a bank does for a closed account.
CLOSED_ACCOUNT_PREFIX = "999"
_TEST_NAMESPACE = uuid.UUID("3b0f7f52-9f55-4d2f-8c1e-2f8c2a4d6b11")


class TransferRefused(Exception):
    """The bank refused the transfer for good (a closed or unknown account); its argument says why."""


class BankUnreachable(Exception):
    """The bank did not answer; nothing is known to be sent, and the same request may be sent again."""


@dataclass(frozen=True)
class Transfer:
    transfer_id: str
    amount: int


class BankTransfers(Protocol):
    def send(self, *, idempotency_key: str, bank_code: str, account_number: str, holder: str,
             amount: int) -> Transfer:
        """Send `amount` won; the same key again answers the first transfer. Raises TransferRefused or
        BankUnreachable."""


class TestBank:
    """Takes every transfer except to closed accounts; its transfer ids follow from the idempotency key."""

    __test__ = False  # not a pytest test class

    def __init__(self, engine: Engine):
        self.engine = engine

    def send(self, *, idempotency_key: str, bank_code: str, account_number: str, holder: str,
             amount: int) -> Transfer:
        if account_number.startswith(CLOSED_ACCOUNT_PREFIX):
            raise TransferRefused("the account is closed")
        with Session(self.engine) as session:
            sent = session.get(TestBankTransfer, idempotency_key)
            if sent is None:
                sent = TestBankTransfer(
                    idempotency_key=idempotency_key,
                    transfer_id=f"tb_{uuid.uuid5(_TEST_NAMESPACE, idempotency_key).hex}",
                    bank_code=bank_code, account_number=account_number, amount=amount, sent_at=clock.now(),
                )
                session.add(sent)
                try:
                    session.commit()
                except IntegrityError:  # the same key sent at the same moment by another worker
                    session.rollback()
                    sent = session.scalars(select(TestBankTransfer).where(
                        TestBankTransfer.idempotency_key == idempotency_key)).one()
            return Transfer(sent.transfer_id, sent.amount)


BANKS = ("test",)


def bank_for(name: str, engine: Engine) -> BankTransfers:
    if name == "test":
        return TestBank(engine)
    raise ValueError(f"unknown bank {name!r}; one of {BANKS}")
