"""What orders reads from the environment beyond ServiceConfig: how long a placed order waits for catalog,
and which payment provider takes new orders' payments."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Mapping

from orders.payments import PROVIDERS
from servicekit.batch_jobs import deadline_from_env
from servicekit.config import ServiceConfig


@dataclass(frozen=True)
class OrdersSettings:
    # A placed order waits this long for catalog's StockReserved or StockReservationFailed; an answer
    # that has not come by then was lost (dead-lettered, say), and the order is cancelled as timed_out.
    # Long enough for a broker or worker outage to pass; fractions of a minute are for tests.
    pending_order_timeout: timedelta = timedelta(minutes=15)
    # The provider whose card tokens checkout takes now; an order keeps the one it was placed with.
    payment_provider: str = "test"

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "OrdersSettings":
        env = os.environ if env is None else env
        payment_provider = env.get("ORDERS_PAYMENT_PROVIDER", cls.payment_provider)
        if payment_provider not in PROVIDERS:
            raise ValueError(f"ORDERS_PAYMENT_PROVIDER must be one of {sorted(PROVIDERS)}, not {payment_provider!r}")
        return cls(
            pending_order_timeout=deadline_from_env(env, "ORDER_PENDING_TIMEOUT_MINUTES", 15),
            payment_provider=payment_provider,
        )
