"""The payment-provider interface, and the test provider that `make run` and the tests use.

A provider charges an order once and refunds parts of the charge. Both calls carry an
idempotency key, so a worker that charges, crashes before its commit and runs again is not
charged twice: real providers take such a key, and the test provider derives its ids from it.
A charge is found again by its key, as real providers look a payment up by the merchant's order
id: a charge whose recording was lost (the worker failed after the provider answered) is not
forgotten.
"""
from __future__ import annotations

import functools
import threading
import uuid
from dataclasses import dataclass
from typing import Protocol
from servicekit.languages import _

# The test provider declines any card token that starts with this, as a card issuer would.
DECLINING_TOKEN_PREFIX = "tok_decline"
# ...and refuses refunds of charges paid with a token that starts with this.
REFUND_REFUSING_TOKEN_PREFIX = "tok_norefund"
# ...and does not answer at all for a token that starts with this, as during the provider's outage.
UNREACHABLE_TOKEN_PREFIX = "tok_unreachable"

_TEST_NAMESPACE = uuid.UUID("6f1b4c1e-54c8-4b6a-9a55-2f7b5f1d0c2e")


class PaymentDeclined(Exception):
    """The provider refused a charge; the message says why, in words a customer can read."""


class PaymentProviderUnreachable(Exception):
    """The provider did not answer; nothing was charged, and the charge may be tried again."""


class RefundFailed(Exception):
    """The provider refused or could not make a refund; the caller keeps the claim open to retry. Its argument is
    the Message saying why."""


@dataclass(frozen=True)
class Charge:
    payment_id: str
    amount: int


@dataclass(frozen=True)
class Refund:
    refund_id: str
    amount: int


class PaymentProvider(Protocol):
    def charge(self, *, idempotency_key: str, amount: int, method: str, token: str) -> Charge:
        """Take `amount` won; raises PaymentDeclined, or PaymentProviderUnreachable when it cannot be asked."""

    def refund(self, *, idempotency_key: str, payment_id: str, amount: int, token: str) -> Refund:
        """Give back `amount` won of a charge; raises RefundFailed."""

    def find_charge(self, *, idempotency_key: str) -> Charge | None:
        """The charge made with this key, or None when there is none; raises PaymentProviderUnreachable."""


class TestPaymentProvider:
    """Approves every charge except those with a declining or unreachable token; ids follow from the
    idempotency key. It remembers its charges in the process's memory, where the worker that charges
    also looks them up."""

    __test__ = False  # not a pytest test class

    def __init__(self) -> None:
        self._charges: dict[str, Charge] = {}
        self._lock = threading.Lock()

    def charge(self, *, idempotency_key: str, amount: int, method: str, token: str) -> Charge:
        if token.startswith(DECLINING_TOKEN_PREFIX):
            raise PaymentDeclined("The card issuer declined the payment.")
        if token.startswith(UNREACHABLE_TOKEN_PREFIX):
            raise PaymentProviderUnreachable("The payment provider did not answer.")
        with self._lock:
            return self._charges.setdefault(
                idempotency_key,
                Charge(payment_id=f"test_ch_{uuid.uuid5(_TEST_NAMESPACE, idempotency_key).hex}", amount=amount),
            )

    def find_charge(self, *, idempotency_key: str) -> Charge | None:
        with self._lock:
            return self._charges.get(idempotency_key)

    def refund(self, *, idempotency_key: str, payment_id: str, amount: int, token: str) -> Refund:
        if token.startswith(REFUND_REFUSING_TOKEN_PREFIX):
            raise RefundFailed(_("The payment provider refused the refund."))
        return Refund(refund_id=f"test_re_{uuid.uuid5(_TEST_NAMESPACE, idempotency_key).hex}", amount=amount)


# Only `test` ships with the platform; settings choose among these by name (ORDERS_PAYMENT_PROVIDER).
PROVIDERS = {"test": TestPaymentProvider}


@functools.cache
def payment_provider(name: str) -> PaymentProvider:
    """The provider called `name`, made once per process, so each call talks to the same one."""
    return PROVIDERS[name]()
