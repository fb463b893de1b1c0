"""Who a test's request comes from: the gateway's identity headers for a customer, a seller, an agent or an admin.

Each takes the `sign_identity` fixture and returns headers for a test client. The roles that act on others'
behalf (seller, agent, admin) come signed in with a second factor a moment ago unless `second_factor_age` says
how many seconds ago it was, or None for none at all.
"""
from __future__ import annotations

import time
import uuid
from typing import Callable

SignIdentity = Callable[..., dict[str, str]]


def _new_id() -> str:
    return str(uuid.uuid4())


def _second_factor_at(age: int | None) -> int | None:
    return None if age is None else int(time.time()) - age


def as_customer(sign_identity: SignIdentity, customer_id: str | None = None, *, name: str | None = None) -> dict:
    """A signed-in customer; a new one unless `customer_id` is given."""
    return sign_identity(subject=customer_id or _new_id(), roles=["customer"], name=name)


def as_seller(sign_identity: SignIdentity, seller_id: str, *, second_factor_age: int | None = 0) -> dict:
    """A member of the seller `seller_id`'s staff."""
    return sign_identity(
        subject=_new_id(), roles=["seller"], seller_id=seller_id, second_factor_at=_second_factor_at(second_factor_age)
    )


def as_agent(sign_identity: SignIdentity, agent_id: str | None = None, *, second_factor_age: int | None = 0) -> dict:
    """A support agent; a new one unless `agent_id` is given."""
    return sign_identity(
        subject=agent_id or _new_id(), roles=["agent"], second_factor_at=_second_factor_at(second_factor_age)
    )


def as_admin(sign_identity: SignIdentity, admin_id: str | None = None, *, second_factor_age: int | None = 0) -> dict:
    """A platform admin; a new one unless `admin_id` is given."""
    return sign_identity(
        subject=admin_id or _new_id(), roles=["admin"], second_factor_at=_second_factor_at(second_factor_age)
    )
