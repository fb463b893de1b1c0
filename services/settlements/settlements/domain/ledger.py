"""What a seller is owed for a shipment, as signed ledger entries in whole won: the sale and its deductions when
the shipment is paid, and every later change when money goes back to the customer.

A paid shipment gives, for each line: the sale (units times unit price, +), the seller's share of the discount
(their own coupon, allocated over the lines in proportion to the sale, -), the platform's commission at the
line's category rate in force when it sold (-) and the payment processing fee (-), both on the sale less the
seller's discount; and for the shipment: the shipping fee collected (+) and the payment fee on it (-). The
platform's coupons are the platform's cost: they never reach the seller's entries.

A refund takes back the refunded units (-), gives back the seller's discount share the refund kept (+), and
gives back the commission and payment fee that no longer apply (+); shipping given back is charged to the seller
(-) with its payment fee returned; a return fee or lost free shipping that the customer paid is the seller's (+).
Points a seller's staff granted a customer as compensation are charged to the seller (-), apart from any shipment.
Commission and fees given back are the difference between what the line owed before and after the refund, each
rounded: once everything is refunded, exactly what was charged has come back, never a won more.

Rates are basis points (1080 = 10.80%); a share of a rate rounds half up to the won.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SALE = "sale"
SELLER_DISCOUNT = "seller_discount"
COMMISSION = "commission"
PAYMENT_FEE = "payment_fee"
SHIPPING_FEE = "shipping_fee"
REFUND = "refund"
SHIPPING_REFUND = "shipping_refund"
RETURN_FEE = "return_fee"
SHIPPING_CHARGED = "shipping_charged"
# Points the seller's staff granted a customer to make up for a case: the seller's cost, one won a point.
COMPENSATION = "compensation"
KINDS = (SALE, SELLER_DISCOUNT, COMMISSION, PAYMENT_FEE, SHIPPING_FEE, REFUND, SHIPPING_REFUND, RETURN_FEE,
         SHIPPING_CHARGED, COMPENSATION)
# Entries of the shipment as a whole (shipping, fees on it) rather than of one of its lines.
SHIPMENT_LINE = 0
BASIS_POINTS = 10_000
MAX_RATE = BASIS_POINTS


class NotSoldYet(LookupError):
    """An event about a shipment whose sale the ledger has not recorded yet (events can overtake each other
    between workers): the consumer retries it with back-off, by which time the sale is in."""


def share(amount: int, rate: int) -> int:
    """`rate` basis points of `amount` won, rounded half up to the won."""
    if amount < 0 or not 0 <= rate <= MAX_RATE:
        raise ValueError(f"a share is of a non-negative amount at a rate in 0..{MAX_RATE}, not {amount} at {rate}")
    return (amount * rate + BASIS_POINTS // 2) // BASIS_POINTS


def allocated(total: int, weights: Sequence[int]) -> list[int]:
    """`total` won split over `weights` in proportion, whole won that add up to `total` exactly: each part is
    rounded down and the won left over go to the largest remainders (the earlier part on a tie)."""
    whole = sum(weights)
    if total < 0 or any(weight < 0 for weight in weights):
        raise ValueError("only non-negative amounts are allocated")
    if whole == 0:
        if total:
            raise ValueError("nothing to allocate a non-zero total over")
        return [0] * len(weights)
    parts = [total * weight // whole for weight in weights]
    left = total - sum(parts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_remainder[:left]:
        parts[i] += 1
    return parts


@dataclass(frozen=True)
class Entry:
    """One signed amount owed to (+) or by (-) the seller; `base` and `rate` say how a commission or fee came."""

    line_no: int
    kind: str
    amount: int
    base: int | None = None
    rate: int | None = None


@dataclass(frozen=True)
class SoldLine:
    line_no: int
    quantity: int
    unit_price: int
    commission_rate: int

    @property
    def sale(self) -> int:
        return self.quantity * self.unit_price


@dataclass(frozen=True)
class LineStanding:
    """What of one sold line is still bought, as the ledger counts it: its sale and the seller's discount on it,
    less what refunds took back; with the rates it sold at."""

    line_no: int
    sale: int
    seller_discount: int
    commission_rate: int
    payment_fee_rate: int

    @property
    def net(self) -> int:
        """What commission and fees are taken of; never below nothing (a line all refunded may still bear some of
        the seller's discount until the refund that empties the shipment keeps it back)."""
        return max(self.sale - self.seller_discount, 0)


@dataclass(frozen=True)
class PaidShipment:
    lines: Sequence[SoldLine]
    shipping_fee: int
    seller_discount: int
    payment_fee_rate: int


def entries_of_sale(shipment: PaidShipment) -> tuple[list[Entry], list[LineStanding]]:
    """The entries of a paid shipment, and each line's standing to weigh later refunds against."""
    items = sum(line.sale for line in shipment.lines)
    discount = min(shipment.seller_discount, items)
    discounts = allocated(discount, [line.sale for line in shipment.lines])
    entries: list[Entry] = []
    standings: list[LineStanding] = []
    fee_rate = shipment.payment_fee_rate
    for line, line_discount in zip(shipment.lines, discounts):
        net = line.sale - line_discount
        entries.append(Entry(line.line_no, SALE, line.sale))
        if line_discount:
            entries.append(Entry(line.line_no, SELLER_DISCOUNT, -line_discount))
        entries.append(Entry(line.line_no, COMMISSION, -share(net, line.commission_rate), net, line.commission_rate))
        entries.append(Entry(line.line_no, PAYMENT_FEE, -share(net, fee_rate), net, fee_rate))
        standings.append(LineStanding(line.line_no, line.sale, line_discount, line.commission_rate, fee_rate))
    if shipment.shipping_fee:
        entries.append(Entry(SHIPMENT_LINE, SHIPPING_FEE, shipment.shipping_fee))
        entries.append(Entry(SHIPMENT_LINE, PAYMENT_FEE, -share(shipment.shipping_fee, fee_rate),
                             shipment.shipping_fee, fee_rate))
    return [entry for entry in entries if entry.amount or entry.kind == SALE], standings


@dataclass(frozen=True)
class RefundedLine:
    line_no: int
    amount: int


@dataclass(frozen=True)
class Refund:
    """A refund of part of one shipment as orders computed it; its parts add up to what went back."""

    lines: Sequence[RefundedLine]
    seller_discount_share: int
    shipping_refund: int
    return_fee: int
    shipping_charged: int


@dataclass(frozen=True)
class RefundOutcome:
    entries: list[Entry]
    standings: list[LineStanding]
    shipping_left: int


def _discounts_given_back(total: int, taken: dict[int, int], standings: dict[int, LineStanding]) -> dict[int, int]:
    """The seller's discount a refund keeps back, by line: over the refunded lines in proportion to what they give
    back, none beyond what a line still bears; what a line cannot take goes to the refunded lines that still bear
    some, then to the shipment's other lines (orders counts the seller's discount by shipment, the ledger by line),
    so the whole of it is given back while the shipment bears any."""
    numbers = list(taken)
    proposed = dict(zip(numbers, allocated(total, [taken[number] for number in numbers])))
    given = {number: min(proposed[number], standings[number].seller_discount) for number in numbers}
    left = total - sum(given.values())
    others = sorted(number for number in standings if number not in taken)
    for number in numbers + others:
        if left <= 0:
            break
        extra = min(left, standings[number].seller_discount - given.get(number, 0))
        if extra > 0:
            given[number] = given.get(number, 0) + extra
            left -= extra
    return {number: won for number, won in given.items() if won}


def entries_of_refund(refund: Refund, standings: dict[int, LineStanding], shipping_left: int,
                      payment_fee_rate: int) -> RefundOutcome:
    """The entries of a refund given the standing of each line of the shipment and the shipping fee not yet given
    back, and what stands after it of the lines it changed. A line the ledger never saw sold is refused
    (NotSoldYet): its refund waits."""
    unknown = [line.line_no for line in refund.lines if line.line_no not in standings]
    if unknown:
        raise NotSoldYet(f"lines {unknown} were never recorded as sold")
    taken = {line.line_no: min(line.amount, standings[line.line_no].sale) for line in refund.lines}
    discounts = _discounts_given_back(refund.seller_discount_share, taken, standings)
    entries: list[Entry] = []
    after: list[LineStanding] = []
    for line_no in sorted(taken.keys() | discounts.keys()):
        before, amount, discount = standings[line_no], taken.get(line_no, 0), discounts.get(line_no, 0)
        now = LineStanding(line_no, before.sale - amount, before.seller_discount - discount,
                           before.commission_rate, before.payment_fee_rate)
        if line_no in taken:
            entries.append(Entry(line_no, REFUND, -amount))
        if discount:
            entries.append(Entry(line_no, SELLER_DISCOUNT, discount))
        commission_back = share(before.net, before.commission_rate) - share(now.net, now.commission_rate)
        fee_back = share(before.net, before.payment_fee_rate) - share(now.net, now.payment_fee_rate)
        if commission_back:
            entries.append(Entry(line_no, COMMISSION, commission_back, before.net - now.net, before.commission_rate))
        if fee_back:
            entries.append(Entry(line_no, PAYMENT_FEE, fee_back, before.net - now.net, before.payment_fee_rate))
        after.append(now)
    shipping = min(refund.shipping_refund, shipping_left)
    if shipping:
        entries.append(Entry(SHIPMENT_LINE, SHIPPING_REFUND, -shipping))
        fee_back = share(shipping_left, payment_fee_rate) - share(shipping_left - shipping, payment_fee_rate)
        if fee_back:
            entries.append(Entry(SHIPMENT_LINE, PAYMENT_FEE, fee_back, shipping, payment_fee_rate))
    if refund.return_fee:
        entries.append(Entry(SHIPMENT_LINE, RETURN_FEE, refund.return_fee))
    if refund.shipping_charged:
        entries.append(Entry(SHIPMENT_LINE, SHIPPING_CHARGED, refund.shipping_charged))
    return RefundOutcome(entries, after, shipping_left - shipping)
