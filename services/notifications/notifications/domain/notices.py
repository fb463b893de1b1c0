"""Who hears of an event, of which kind, with which details and link: one rule per event, pure.

A notice names its addressee as the event does: an account (a customer, an account a seller decision is
about), a seller (whose account the read model knows, or will), or the platform's agents (the one assigned,
or all of them). Details are kept raw (won as integers, instants and calendar days as ISO text); the words
are written from them in the recipient's language (domain.messages). Links are paths in the web pages.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

from contracts.carriers import CARRIERS

# A product list in a notice names this many and counts the rest.
NAMED_PRODUCTS = 2


@dataclass(frozen=True)
class ToAccount:
    account_id: str


@dataclass(frozen=True)
class ToSeller:
    seller_id: str


@dataclass(frozen=True)
class ToAgents:
    """The agent assigned to the case, or every active agent when nobody is."""

    assignee_id: str | None = None


Addressee = Union[ToAccount, ToSeller, ToAgents]


@dataclass(frozen=True)
class Notice:
    kind: str
    to: Addressee
    link: str | None
    params: dict[str, Any] = field(default_factory=dict)


def _instant(value) -> str:
    return value.isoformat()


def products(names: list[str]) -> dict[str, Any]:
    """The first product names and how many more there are: {products} and {more} in the messages."""
    return {"products": ", ".join(names[:NAMED_PRODUCTS]), "more": max(len(names) - NAMED_PRODUCTS, 0)}


def _quantity_of(lines: list[dict]) -> int:
    return sum(line["quantity"] for line in lines)


def order_paid(event: dict) -> list[Notice]:
    """Each seller in the order hears of their part; the customer of the whole payment."""
    notices = []
    for shipment in event["shipments"]:
        lines = [line for line in event["lines"] if line["seller_id"] == shipment["seller_id"]]
        notices.append(Notice(
            "new_order", ToSeller(shipment["seller_id"]), f"/seller/orders/{event['order_id']}",
            {
                "order_number": event["order_number"],
                "quantity": _quantity_of(lines),
                "amount_won": sum(line["quantity"] * line["unit_price"] for line in lines),
                **products([line["product_name"] for line in lines]),
            },
        ))
    notices.append(Notice(
        "order_paid", ToAccount(event["customer_id"]), f"/orders/{event['order_id']}",
        {
            "order_number": event["order_number"],
            "amount_won": event["paid_amount"],
            **products([line["product_name"] for line in event["lines"]]),
        },
    ))
    return notices


def order_shipped(event: dict) -> list[Notice]:
    """The customer gets the carrier and number, linked to the carrier's tracking page when it has one."""
    carrier = CARRIERS.get(event["carrier"])
    tracking_link = carrier.tracking_link(event["tracking_number"]) if carrier else None
    return [Notice(
        "order_shipped", ToAccount(event["customer_id"]), tracking_link or f"/orders/{event['order_id']}",
        {"order_number": event["order_number"], "carrier": event["carrier"], "tracking_number": event["tracking_number"]},
    )]


def order_delivered(event: dict) -> list[Notice]:
    return [Notice(
        "order_delivered", ToAccount(event["customer_id"]), f"/orders/{event['order_id']}",
        {"order_number": event["order_number"], **products([line["product_name"] for line in event["lines"]])},
    )]


def _claim_details(event: dict) -> dict[str, Any]:
    return {"claim_kind": event["kind"]}


def claim_requested(event: dict) -> list[Notice]:
    return [Notice(
        "claim_requested", ToSeller(event["seller_id"]), f"/seller/claims/{event['claim_id']}",
        {**_claim_details(event), "claim_reason": event["reason_code"], "quantity": _quantity_of(event["lines"])},
    )]


# A cancellation or refund the seller approves is carried out and completed in the same moment: its
# ClaimCompleted tells the customer, and a second notice at once would only repeat it.
COMPLETED_ON_APPROVAL = ("cancel", "refund")


def claim_approved(event: dict) -> list[Notice]:
    """A return or exchange approved: the customer sends the goods back. See COMPLETED_ON_APPROVAL."""
    if event["kind"] in COMPLETED_ON_APPROVAL:
        return []
    return [Notice("claim_approved", ToAccount(event["customer_id"]), f"/orders/{event['order_id']}",
                   _claim_details(event))]


def claim_rejected(event: dict) -> list[Notice]:
    return [Notice("claim_rejected", ToAccount(event["customer_id"]), f"/orders/{event['order_id']}",
                   {**_claim_details(event), "reason": event["reason"]})]


def claim_completed(event: dict) -> list[Notice]:
    return [Notice("claim_completed", ToAccount(event["customer_id"]), f"/orders/{event['order_id']}",
                   {**_claim_details(event), "amount_won": event["refunded_amount"]})]


def refund_answered(kind: str, event: dict, customer_id: str | None) -> list[Notice]:
    """Orders' answer to a refund asked through support. One that names a claim is told by that claim's
    own events (ClaimApproved, ClaimRejected, ClaimCompleted carry the same news): only an answer without a
    claim (a request refused before any claim was opened) is news. Its customer is the order's."""
    if event["claim_id"] is not None or customer_id is None:
        return []
    details = {"amount_won": event["amount"]} if "amount" in event else {"reason": event["reason"]}
    return [Notice(kind, ToAccount(customer_id), f"/inquiries/{event['inquiry_id']}", details)]


def inquiry_opened(event: dict) -> list[Notice]:
    """A seller hears of an inquiry routed to them; the platform's agents get theirs by routing, not here."""
    if event["owner"] != "seller" or event["seller_id"] is None:
        return []
    return [Notice(
        "new_inquiry", ToSeller(event["seller_id"]), f"/seller/inquiries/{event['inquiry_id']}",
        {"subject": event["subject"], "inquiry_type": event["inquiry_type"],
         "due_at": _instant(event["first_response_due_at"])},
    )]


def _to_owner_of_case(kind: str, event: dict, params: dict[str, Any]) -> list[Notice]:
    """A notice about a response target to whom the case concerns, with their page of the inquiry: the seller
    who owns it, or for the platform's cases the agent assigned (every agent while nobody is)."""
    if event["owner"] == "seller":
        if event["seller_id"] is None:
            return []
        return [Notice(kind, ToSeller(event["seller_id"]), f"/seller/inquiries/{event['inquiry_id']}", params)]
    return [Notice(kind, ToAgents(event["assignee_id"]), f"/agent/inquiries/{event['inquiry_id']}", params)]


def response_target_near(event: dict) -> list[Notice]:
    return _to_owner_of_case("response_target_near", event, {
        "subject": event["subject"], "target": event["target"], "due_at": _instant(event["due_at"]),
    })


def response_target_breached(event: dict) -> list[Notice]:
    return _to_owner_of_case("response_target_breached", event, {
        "target": event["target"], "due_at": _instant(event["due_at"]),
    })


def inquiry_escalated(event: dict) -> list[Notice]:
    """An escalated case is the platform's now: every active agent hears of it (it has no assignee yet)."""
    return [Notice("inquiry_escalated", ToAgents(), f"/agent/inquiries/{event['inquiry_id']}",
                   {"reason": event["reason"]})]


def inquiry_answered(event: dict) -> list[Notice]:
    """The customer hears there is an answer, not what it says: it may hold details for their eyes only."""
    return [Notice("inquiry_answered", ToAccount(event["customer_id"]), f"/inquiries/{event['inquiry_id']}")]


def review_requested(event: dict) -> list[Notice]:
    return [Notice(
        "review_requested", ToAccount(event["customer_id"]),
        f"/orders/{event['order_id']}/lines/{event['line_no']}/review", {"product_name": event["product_name"]},
    )]


def negative_review_posted(event: dict) -> list[Notice]:
    return [Notice("negative_review", ToSeller(event["seller_id"]), f"/seller/reviews/{event['review_id']}",
                   {"rating": event["rating"], "cause": event["cause"]})]


def stock_low(event: dict) -> list[Notice]:
    return [Notice(
        "low_stock", ToSeller(event["seller_id"]), f"/seller/products/{event['product_id']}",
        {"product_name": event["product_name"], "stock": event["stock"], "threshold": event["threshold"]},
    )]


def seller_approved(event: dict) -> list[Notice]:
    return [Notice("seller_approved", ToAccount(event["account_id"]), "/seller",
                   {"display_name": event["display_name"]})]


def seller_rejected(event: dict) -> list[Notice]:
    return [Notice("seller_rejected", ToAccount(event["account_id"]), "/seller/registration",
                   {"reason": event["reason"]})]


def _payout_details(event: dict) -> dict[str, Any]:
    return {"amount_won": event["amount"], "payout_day": event["payout_day"].isoformat()}


def _payout_page(event: dict) -> str:
    return f"/seller/settlement/payouts/{event['payout_id']}"


def payout_paid(event: dict) -> list[Notice]:
    """The seller hears their payout reached the bank, and which account: its bank and last four digits, all
    the event carries of it (an event without them says "your payout account")."""
    account = {"bank": event["bank_code"], "account_ending": event["account_ending"]} if (
        event.get("bank_code") and event.get("account_ending")) else {}
    return [Notice("payout_paid", ToSeller(event["seller_id"]), _payout_page(event),
                   {**_payout_details(event), **account})]


def payout_held(event: dict) -> list[Notice]:
    """The seller hears their payout waits, and why in their words (hold_reason.<code> in the catalogs): what
    they can do about it, or that an admin reviews it. An admin's own words stay in settlement: the event
    carries only the code."""
    return [Notice("payout_held", ToSeller(event["seller_id"]), _payout_page(event),
                   {**_payout_details(event), "hold_reason": event["reason"]})]
