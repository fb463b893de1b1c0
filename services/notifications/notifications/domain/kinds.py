"""The kinds of notification, whom each is for, and the channels each goes out on unless its recipient
chose otherwise.

In-app is every kind's and cannot be switched off: the inbox is the record of what happened. Email is on
by default for every kind but one: a response target coming near (the inbox and the breach, which mails,
are enough: a busy seller would get a mail per inquiry). The decision on a seller's registration is mailed
from here, in the seller's language (auth mails only its request for more documents). SMS costs the platform and interrupts, so it is off by
default but for the one moment customers expect a text: their order left with a carrier.
"""
from __future__ import annotations

from dataclasses import dataclass

IN_APP, EMAIL, SMS = "in_app", "email", "sms"
CHANNELS = (IN_APP, EMAIL, SMS)
# The channels a person may switch; in-app stays on.
SWITCHABLE = (EMAIL, SMS)

SELLER, AGENT, CUSTOMER = "seller", "agent", "customer"


@dataclass(frozen=True)
class Kind:
    name: str
    audiences: frozenset[str]
    email: bool = True
    sms: bool = False

    def default(self, channel: str) -> bool:
        return {IN_APP: True, EMAIL: self.email, SMS: self.sms}[channel]


def _kind(name: str, *audiences: str, email: bool = True, sms: bool = False) -> Kind:
    return Kind(name, frozenset(audiences), email, sms)


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        # Sellers (N1)
        _kind("new_order", SELLER),
        _kind("new_inquiry", SELLER),
        _kind("response_target_near", SELLER, AGENT, email=False),
        _kind("response_target_breached", SELLER, AGENT),
        _kind("claim_requested", SELLER),
        _kind("negative_review", SELLER),
        _kind("low_stock", SELLER),
        _kind("seller_approved", SELLER),
        _kind("seller_rejected", SELLER),
        _kind("payout_paid", SELLER),
        _kind("payout_held", SELLER),
        # Agents (N1)
        _kind("inquiry_escalated", AGENT),
        # Customers (N2)
        _kind("order_paid", CUSTOMER),
        _kind("order_shipped", CUSTOMER, sms=True),
        _kind("order_delivered", CUSTOMER),
        _kind("claim_approved", CUSTOMER),
        _kind("claim_rejected", CUSTOMER),
        _kind("claim_completed", CUSTOMER),
        _kind("refund_approved", CUSTOMER),
        _kind("refund_rejected", CUSTOMER),
        _kind("refund_completed", CUSTOMER),
        _kind("inquiry_answered", CUSTOMER),
        _kind("review_requested", CUSTOMER),
    )
}


def kinds_for(roles: frozenset[str] | set[str]) -> list[Kind]:
    """The kinds a person with these roles can receive, in the order above."""
    return [kind for kind in KINDS.values() if kind.audiences & roles]
