"""The people of a notifications test: accounts made known as auth announces them, their headers through the
gateway, their inbox and what was mailed or texted to them."""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

import sample_events as events
from servicekit.notifications import deliver_notifications
from servicekit.testing import read_notification_file
from servicekit.testing.events import deliver


@dataclass(frozen=True)
class Person:
    account_id: str
    roles: tuple[str, ...]
    email: str
    phone: str | None = None
    seller_id: str | None = None

    def headers(self, sign_identity) -> dict[str, str]:
        """Signed in through the gateway; sellers and agents with their second factor, as they work."""
        second_factor_at = int(time.time()) if set(self.roles) - {"customer"} else None
        return sign_identity(subject=self.account_id, roles=list(self.roles), seller_id=self.seller_id,
                             second_factor_at=second_factor_at)


def known(consumer, *, roles: tuple[str, ...] = ("customer",), known_to_service: bool = True, **contacts) -> Person:
    """A person whose contacts auth announced (AccountContactsChanged), unless `known_to_service` is False."""
    if "seller" in roles:
        contacts.setdefault("seller_id", events.new_id())
    contacts.setdefault("phone", f"010{uuid.uuid4().int % 10**8:08d}")
    announced = events.contacts(roles=roles, **contacts)
    if known_to_service:
        deliver(consumer, "AccountContactsChanged", announced)
    return Person(announced["account_id"], roles, announced["email"], announced["phone"], announced["seller_id"])


def customer(consumer, **contacts) -> Person:
    return known(consumer, roles=("customer",), **contacts)


def seller(consumer, **contacts) -> Person:
    return known(consumer, roles=("seller",), **contacts)


def agent(consumer, **contacts) -> Person:
    return known(consumer, roles=("agent",), **contacts)


def inbox(client, sign_identity, person: Person, **query) -> list[dict]:
    response = client.get("/api/notifications", query_string=query, headers=person.headers(sign_identity))
    assert response.status_code == 200, response.json
    return response.json


def kinds_in(client, sign_identity, person: Person) -> list[str]:
    return [notification["kind"] for notification in inbox(client, sign_identity, person)]


def messages_to(runtime, address: str) -> list[dict]:
    """Every mail or SMS sent to `address`, oldest first, once the queue is delivered (to the notification file)."""
    deliver_notifications(runtime)
    return [message for message in read_notification_file(runtime.config.notify_file) if message["to"] == address]
