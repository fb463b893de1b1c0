"""Claims on a seller's shipment: when a customer may cancel, return, exchange or ask money back,
how a claim moves from request to outcome, and how much it refunds.

A claim is requested by the customer (or by support for them), then approved or rejected by the
seller, or withdrawn by the customer; approved returns and exchanges complete once the goods are
back. Who is at fault decides who pays the shipping: the seller for a defect or a mistake, the
customer for a change of mind.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from orders.domain.checkout import ShippingFees
from orders.domain.lifecycle import DELIVERED, PAID, PREPARING, SHIPPING, STATUS_NAMES
from servicekit.languages import Message, _

CANCEL = "cancel"
RETURN = "return"
EXCHANGE = "exchange"
REFUND = "refund"
KINDS = (CANCEL, RETURN, EXCHANGE, REFUND)

REQUESTED = "requested"
APPROVED = "approved"
COMPLETED = "completed"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"
STATES = (REQUESTED, APPROVED, COMPLETED, REJECTED, WITHDRAWN)
# Claims still holding their units: no other claim may take them and the purchase cannot be confirmed.
OPEN_STATES = (REQUESTED, APPROVED)

TRANSITIONS: dict[str, frozenset[str]] = {
    REQUESTED: frozenset({APPROVED, REJECTED, WITHDRAWN}),
    APPROVED: frozenset({COMPLETED}),
    COMPLETED: frozenset(),
    REJECTED: frozenset(),
    WITHDRAWN: frozenset(),
}

SELLER_FAULT_REASONS = frozenset(
    {"defective", "damaged", "wrong_item", "not_delivered", "late_delivery", "out_of_stock"}
)
CUSTOMER_FAULT_REASONS = frozenset({"changed_mind", "ordered_wrong", "other"})

# What a message calls each kind and state of claim, translated with it.
KIND_NAMES: dict[str, Message] = {CANCEL: _("cancel"), RETURN: _("return"), EXCHANGE: _("exchange"), REFUND: _("refund")}
STATE_NAMES: dict[str, Message] = {
    REQUESTED: _("requested"),
    APPROVED: _("approved"),
    COMPLETED: _("completed"),
    REJECTED: _("rejected"),
    WITHDRAWN: _("withdrawn"),
}

# Which shipment statuses each kind of claim may be asked in.
ALLOWED_IN: dict[str, frozenset[str]] = {
    CANCEL: frozenset({PAID, PREPARING}),
    RETURN: frozenset({SHIPPING, DELIVERED}),
    EXCHANGE: frozenset({SHIPPING, DELIVERED}),
    REFUND: frozenset({SHIPPING, DELIVERED}),
}
# Returns and exchanges are accepted for a week after delivery, the same week after which the
# purchase confirms itself (Korean e-commerce law sets this minimum).
RETURN_PERIOD = timedelta(days=7)


class IllegalClaimTransition(ValueError):
    def __init__(self, current: str, target: str):
        super().__init__(f"a {current} claim cannot become {target}")
        self.current = current
        self.target = target


def next_state(current: str, target: str) -> str:
    """`target` when a claim in `current` may move there; raises IllegalClaimTransition otherwise."""
    if target not in TRANSITIONS[current]:
        raise IllegalClaimTransition(current, target)
    return target


def claim_refusal(kind: str, shipment_status: str) -> Message | None:
    """Why a `kind` claim cannot be asked on a shipment in this status, or None when it can."""
    if shipment_status in ALLOWED_IN[kind]:
        return None
    allowed: Message | None = None
    for status in sorted(ALLOWED_IN[kind]):
        name = STATUS_NAMES[status]
        allowed = name if allowed is None else _("%(one)s or %(other)s", one=allowed, other=name)
    return _(
        "This shipment is %(status)s; a %(kind)s claim is possible only while it is %(allowed)s.",
        status=STATUS_NAMES.get(shipment_status, shipment_status),
        kind=KIND_NAMES[kind],
        allowed=allowed,
    )


def return_period_over(kind: str, delivered_at: datetime | None, now: datetime) -> bool:
    """Goods are sent back (returned or exchanged) only within a week of their delivery."""
    return kind in (RETURN, EXCHANGE) and delivered_at is not None and now - delivered_at > RETURN_PERIOD


def refunds_on_approval(kind: str) -> bool:
    """Approving a cancellation or a refund pays the customer back at once."""
    return kind in (CANCEL, REFUND)


def refunds_on_completion(kind: str) -> bool:
    """A return pays back when the goods reach the seller."""
    return kind == RETURN


def waits_for_goods(kind: str) -> bool:
    """Returns and exchanges complete only once the goods came back to the seller."""
    return kind in (RETURN, EXCHANGE)


@dataclass(frozen=True)
class ClaimFees:
    """What a seller charges when goods travel back: catalog's defaults for a seller who never said."""

    shipping: ShippingFees = ShippingFees()
    return_fee: int = 3000
    exchange_fee: int = 6000


@dataclass(frozen=True)
class ShipmentAmounts:
    """What the shipment cost when it was paid, and what the customer still keeps of it."""

    items_amount: int
    shipping_fee: int
    discount: int
    kept_items_amount: int
    # The part of `discount` from the seller's own coupon.
    seller_discount: int = 0


@dataclass(frozen=True)
class ClaimRefund:
    items: int
    discount_share: int
    shipping_refund: int
    return_fee: int
    lost_free_shipping: int
    # The part of discount_share from the seller's own coupon, in proportion as the discount share.
    seller_discount_share: int = 0

    @property
    def amount(self) -> int:
        """What goes back to the customer; a fee larger than the items leaves nothing, never a debt."""
        return max(
            self.items - self.discount_share + self.shipping_refund - self.return_fee - self.lost_free_shipping, 0
        )


def claim_refund(
    kind: str,
    reason_code: str,
    claimed_items: int,
    shipment: ShipmentAmounts,
    empties_shipment: bool,
    fees: ClaimFees,
) -> ClaimRefund:
    """The refund of a cancel, return or refund claim worth `claimed_items` won of the shipment.

    The claim gives back its share of the coupon discount. The shipping fee comes back when nothing
    is left of the shipment and the seller is at fault, or nothing was shipped. A customer who
    changed their mind pays the way back (the return fee), and the base fee too when the free
    shipping they got is no longer earned by what they keep.
    """
    discount_share = shipment.discount * claimed_items // shipment.items_amount if shipment.items_amount else 0
    seller_discount_share = (
        shipment.seller_discount * claimed_items // shipment.items_amount if shipment.items_amount else 0
    )
    refunds_shipping = empties_shipment and (reason_code in SELLER_FAULT_REASONS or kind == CANCEL)
    customer_sends_back = kind == RETURN and reason_code in CUSTOMER_FAULT_REASONS
    threshold = fees.shipping.free_shipping_threshold
    # Lost once: by the claim that takes what is kept below the threshold, and only if it shipped free.
    free_shipping_lost = (
        customer_sends_back
        and threshold is not None
        and shipment.shipping_fee == 0
        and shipment.kept_items_amount >= threshold > shipment.kept_items_amount - claimed_items
    )
    return ClaimRefund(
        items=claimed_items,
        discount_share=discount_share,
        shipping_refund=shipment.shipping_fee if refunds_shipping else 0,
        return_fee=fees.return_fee if customer_sends_back else 0,
        lost_free_shipping=fees.shipping.base_fee if free_shipping_lost else 0,
        seller_discount_share=seller_discount_share,
    )


def exchange_fee_owed(reason_code: str, fees: ClaimFees) -> int:
    """A customer who exchanges for their own reasons owes the seller's exchange fee; a seller's fault costs nothing."""
    return fees.exchange_fee if reason_code in CUSTOMER_FAULT_REASONS else 0


def available_units(active_quantity: int, held_by_open_claims: int) -> int:
    """Units of a line a new claim may take: still bought and not held by another open claim."""
    return max(active_quantity - held_by_open_claims, 0)
