"""Events produced by the settlements service: the ledger's new lines, and each payout as it is scheduled, held
and paid."""
from marshmallow import Schema, fields, validate

from contracts.fields import Id, Timestamp, Won
from contracts.registry import event

LEDGER_ENTRY_KINDS = (
    "sale", "seller_discount", "commission", "payment_fee", "shipping_fee", "refund", "shipping_refund",
    "return_fee", "shipping_charged", "compensation",
)
# Why a payout waits for a person: an admin's hold on the seller, a bank account changed in the day before, no
# bank account registered, or the bank refused the transfer (a closed account, say).
PAYOUT_HOLD_REASONS = ("seller_held", "account_changed", "no_bank_account", "transfer_refused")


class LedgerEntryData(Schema):
    # 0: the shipment as a whole (its shipping fee and the payment fee on it).
    line_no = fields.Integer(required=True, strict=True, validate=validate.Range(min=0))
    kind = fields.String(required=True, validate=validate.OneOf(LEDGER_ENTRY_KINDS))
    # Signed: owed to the seller (+) or by them (-).
    amount = fields.Integer(required=True, strict=True)


@event("SettlementLineRecorded", 1, producer="settlements", subscribers=())
class SettlementLineRecordedV1(Schema):
    """The ledger took a sale or a refund of one seller's shipment, or a compensation the seller granted: its entries
    per line, and what they add up to.

    `source` is "sale" (the shipment was paid), "refund" (money went back to the customer) or "compensation"
    (points the seller's staff granted a customer, charged to the seller); `source_id` the shipment, the refund or
    the compensation, so a consumer can tell a repeat from a second refund. A compensation names no order.
    """

    seller_id = Id()
    order_id = Id(allow_none=True)
    shipment_id = Id(allow_none=True)
    source = fields.String(required=True, validate=validate.OneOf(("sale", "refund", "compensation")))
    source_id = Id()
    entries = fields.List(fields.Nested(LedgerEntryData), required=True, validate=validate.Length(min=1))
    total = fields.Integer(required=True, strict=True)
    recorded_at = Timestamp()


class _Payout(Schema):
    payout_id = Id()
    seller_id = Id()
    # The Korean calendar day it is paid on.
    payout_day = fields.Date(required=True)
    amount = Won()


@event("PayoutScheduled", 1, producer="settlements", subscribers=())
class PayoutScheduledV1(_Payout):
    """A seller's payable money was gathered into a payout, to be transferred today."""

    entry_count = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    scheduled_at = Timestamp()


@event("PayoutHeld", 1, producer="settlements", subscribers=("notifications",))
class PayoutHeldV1(_Payout):
    """A payout waits for an admin: see `reason`."""

    reason = fields.String(required=True, validate=validate.OneOf(PAYOUT_HOLD_REASONS))
    held_at = Timestamp()


@event("PayoutPaid", 1, producer="settlements", subscribers=("notifications",))
class PayoutPaidV1(_Payout):
    """The bank took the transfer; `transfer_id` is the bank's. The account it went to, as a seller may be shown
    it: the bank's three-digit code and the account number's last four digits (null from a settlements that did
    not say)."""

    transfer_id = fields.String(required=True, validate=validate.Length(min=1, max=100))
    bank_code = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9]{3}$"))
    account_ending = fields.String(load_default=None, allow_none=True, validate=validate.Regexp(r"^[0-9]{4}$"))
    paid_at = Timestamp()
