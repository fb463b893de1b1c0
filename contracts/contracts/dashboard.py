"""The HTTP contract of the seller dashboard's parts (G6): what each service answers at its
`GET /api/dashboard/<part>` (notifications: its unread count), and the gateway passes on in `GET /api/dashboard`.

Unlike the events beside it, this contract is synchronous. Each service describes its answer with these
schemas, and the gateway loads every answer with the same one before composing the dashboard (an answer
that does not fit makes its part unavailable), so the two never drift apart. A service may add a field
before the gateway knows it: unknown fields are left out, not refused.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from contracts.events.reviews import NEGATIVE_CAUSES
from contracts.fields import Id, Timestamp, Won

# Whose figures a part holds: the signed-in seller's shop, or the whole platform's for an admin.
SELLER_SCOPE = "seller"
PLATFORM_SCOPE = "platform"
SCOPES = (SELLER_SCOPE, PLATFORM_SCOPE)
# How many of the latest or most urgent rows a part lists (recent reviews, inquiries due soonest, ...).
LISTED_ROWS = 5


def Count(**kwargs) -> fields.Integer:
    kwargs.setdefault("required", True)
    return fields.Integer(strict=True, validate=validate.Range(min=0), **kwargs)


def Scope() -> fields.String:
    return fields.String(
        required=True, validate=validate.OneOf(SCOPES),
        metadata={"description": "`seller`: the signed-in seller's shop; `platform`: every shop (admins)."},
    )


class _Part(Schema):
    class Meta:
        unknown = EXCLUDE


class DashboardDaysSchema(_Part):
    """Korean calendar days, both included."""

    first = fields.Date(required=True)
    last = fields.Date(required=True)


class DashboardSalesSchema(DashboardDaysSchema):
    orders = Count(metadata={"description": "Orders paid in these days: a seller's each holding their items, the "
                                            "platform's each once."})
    revenue = Won(metadata={"description": "Won: quantity x unit price of the items paid; no shipping or discounts."})


class DashboardComparedSalesSchema(DashboardSalesSchema):
    previous = fields.Nested(
        DashboardSalesSchema, required=True,
        metadata={"description": "The same days of the period before: yesterday; last week from Monday to the same "
                                 "weekday; last month from its first day to the same day of the month (its last day "
                                 "when it is shorter)."},
    )


class DashboardOrderStatusesSchema(_Part):
    new = Count(metadata={"description": "Paid, waiting for the seller to confirm."})
    preparing = Count()
    shipping = Count()
    delivered = Count(metadata={"description": "Delivered, purchase not confirmed yet."})
    claims_open = Count(metadata={"description": "Cancel, return, exchange and refund requests not decided or "
                                                 "not finished."})


class DashboardOrdersSchema(_Part):
    """Orders' part: sales today, this week and this month against the period before, and what waits."""

    scope = Scope()
    today = fields.Nested(DashboardComparedSalesSchema, required=True)
    this_week = fields.Nested(DashboardComparedSalesSchema, required=True)
    this_month = fields.Nested(DashboardComparedSalesSchema, required=True)
    statuses = fields.Nested(DashboardOrderStatusesSchema, required=True)


class DashboardVisitsSchema(DashboardDaysSchema):
    visitors = Count(metadata={"description": "The shop's distinct visitors each day, added up over the period: "
                                              "one person who saw two of its products on a day counts once, one "
                                              "who came on two days twice."})
    views = Count(metadata={"description": "Product page views."})


class DashboardComparedVisitsSchema(DashboardVisitsSchema):
    previous = fields.Nested(DashboardVisitsSchema, required=True,
                             metadata={"description": "The same days of the period before."})


class DashboardVisitPeriodsSchema(_Part):
    today = fields.Nested(DashboardComparedVisitsSchema, required=True)
    this_week = fields.Nested(DashboardComparedVisitsSchema, required=True)


class DashboardLowStockProductSchema(_Part):
    id = Id()
    name = fields.String(required=True)
    stock = Count()
    threshold = Count(metadata={"description": "The seller's low-stock threshold for it."})


class DashboardLowStockSchema(_Part):
    count = Count(metadata={"description": "Products on hand at or below their low-stock threshold."})
    products = fields.List(
        fields.Nested(DashboardLowStockProductSchema), required=True,
        metadata={"description": f"The {LISTED_ROWS} with the fewest left (the seller's own only)."},
    )


class DashboardProductsSchema(_Part):
    """Catalog's part: visitors of product pages, and products running low."""

    scope = Scope()
    visits = fields.Nested(DashboardVisitPeriodsSchema, required=True)
    low_stock = fields.Nested(DashboardLowStockSchema, required=True)


class DashboardDueInquirySchema(_Part):
    id = Id()
    subject = fields.String(required=True)
    inquiry_type = fields.String(required=True)
    status = fields.String(required=True)
    target = fields.String(required=True, validate=validate.OneOf(("first_response", "resolution")),
                           metadata={"description": "The response target due next."})
    due_at = Timestamp()
    overdue = fields.Boolean(required=True)


class DashboardInquiryStatusesSchema(_Part):
    open = Count()
    assigned = Count()
    answered = Count()
    waiting_on_customer = Count(metadata={"description": "Their response clocks are paused."})


class DashboardBreachesSchema(DashboardDaysSchema):
    inquiries = Count(metadata={"description": "Inquiries that missed a response target in these days (a seller's "
                                               "breached inquiries go to the platform's agents, and still count)."})


class DashboardInquiriesSchema(_Part):
    """Support's part: open inquiries, the ones due soonest, and missed response targets."""

    scope = Scope()
    open = Count(metadata={"description": "Inquiries not resolved yet."})
    statuses = fields.Nested(DashboardInquiryStatusesSchema, required=True)
    overdue = Count(metadata={"description": "Open inquiries past a response target now."})
    due_soonest = fields.List(
        fields.Nested(DashboardDueInquirySchema), required=True,
        metadata={"description": f"The {LISTED_ROWS} open inquiries whose next target is nearest (overdue first); "
                                 "waiting on the customer, a clock is paused and not listed."},
    )
    breaches_this_month = fields.Nested(DashboardBreachesSchema, required=True)


class DashboardRatingSchema(_Part):
    count = Count(metadata={"description": "Visible reviews."})
    average = fields.Float(required=True, allow_none=True,
                           metadata={"description": "1 to 5, to two decimals; null without reviews."})
    distribution = fields.Dict(keys=fields.String(validate=validate.OneOf(("1", "2", "3", "4", "5"))),
                               values=Count(), required=True,
                               metadata={"description": "Reviews per star, \"1\" to \"5\"."})


class DashboardRecentReviewSchema(_Part):
    id = Id()
    product_id = fields.String(required=True)
    product_name = fields.String(required=True)
    rating = fields.Integer(required=True, validate=validate.Range(min=1, max=5))
    text = fields.String(required=True, metadata={"description": "The start of the review's text."})
    display_name = fields.String(required=True, metadata={"description": "Masked when the review is anonymous."})
    created_at = Timestamp()
    replied = fields.Boolean(required=True, metadata={"description": "The seller replied."})
    negative_cause = fields.String(required=True, allow_none=True, validate=validate.OneOf(NEGATIVE_CAUSES))


class DashboardNegativeCausesSchema(DashboardDaysSchema):
    total = Count()
    by_cause = fields.Dict(keys=fields.String(validate=validate.OneOf(NEGATIVE_CAUSES)), values=Count(),
                           required=True, metadata={"description": "Reviews rated 1 or 2, per likely cause."})


class DashboardReviewsSchema(_Part):
    """Reviews' part: the rating, the latest reviews, and why the unhappy ones were unhappy."""

    scope = Scope()
    rating = fields.Nested(DashboardRatingSchema, required=True)
    recent = fields.List(fields.Nested(DashboardRecentReviewSchema), required=True,
                         metadata={"description": f"The {LISTED_ROWS} newest visible reviews."})
    negative_causes = fields.Nested(DashboardNegativeCausesSchema, required=True,
                                    metadata={"description": "The last 30 days, today included."})


class DashboardUnreadNotificationsSchema(_Part):
    """Notifications' part: the signed-in person's unread count, answered at GET /api/notifications/unread-count."""

    unread = Count(metadata={"description": "How many of your notifications are unread."})


class DashboardPendingSellerSchema(_Part):
    id = Id()
    display_name = fields.String(required=True)
    seller_type = fields.String(required=True)
    registered_at = Timestamp()


class DashboardSellerApprovalsSchema(_Part):
    """Auth's part, for admins: seller registrations waiting for a decision."""

    pending = Count()
    oldest = fields.List(fields.Nested(DashboardPendingSellerSchema), required=True,
                         metadata={"description": f"The {LISTED_ROWS} that have waited longest."})


class DashboardNextPayoutSchema(_Part):
    payout_day = fields.Date(required=True, metadata={"description": "The Korean calendar day it is paid on."})
    amount = Won(metadata={"description": "Won to be paid that day; only a positive amount is a payout."})
    entry_count = Count(metadata={"description": "The ledger entries it takes."})


class DashboardSettlementsSchema(_Part):
    """Settlements' part: the next payout, the money not payable yet, and the payouts held for an admin."""

    scope = Scope()
    next_payout = fields.Nested(
        DashboardNextPayoutSchema, required=True, allow_none=True,
        metadata={"description": "The earliest upcoming payout day with money to pay: a seller's own payout, or for "
                                 "the platform every seller's paid that day. Null when no payout is expected."},
    )
    not_payable_yet = fields.Integer(
        required=True, strict=True,
        metadata={"description": "Won recorded but not payable yet (the purchase not confirmed, or a claim open); "
                                 "signed: refunds may outweigh sales."},
    )
    held = Count(metadata={"description": "Payouts held for an admin (the seller held, no bank account, an account "
                                          "just changed, or the bank refused)."})
