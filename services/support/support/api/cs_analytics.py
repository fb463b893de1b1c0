"""/api/cs-analytics: how customer service is doing, from the daily rollups; agents see the platform
or any seller, a seller their own shop.
"""
from datetime import date, timedelta

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from servicekit import clock
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.korean_calendar import REPORTABLE_DAYS, korean_day
from servicekit.languages import _
from support import cs_analytics
from support.api.viewers import current_viewer, figures_seen
from support.cs_analytics import CsReport, Histogram, Scorecard
from support.domain.durations import DURATION_BOUNDS

blp = Blueprint(
    "cs_analytics", __name__, url_prefix="/api/cs-analytics", description="Customer service figures"
)

DEFAULT_DAYS = 30
MAX_DAYS = 366
PERCENTILE_METHOD = (
    "From a histogram of fixed buckets: the upper bound, in minutes, of the bucket where the cumulative "
    "count reaches 50% (median) or 90% (p90); the true value is at most that. Null when nothing was "
    "counted or when it lies beyond the last bound (over 48 hours)."
)
SORTS = ("inquiries_per_100_paid_orders", "answered_within_target_share", "satisfaction_average", "opened")
FIRST_RESOLUTIONS = (
    "Inquiries, not resolutions: each inquiry counts once, on the day it was first resolved, with that "
    "resolution's reason; resolving it again after the customer reopened it adds nothing."
)


class RangeQuerySchema(Schema):
    first = fields.Date(validate=REPORTABLE_DAYS, data_key="from", metadata={"description": "First Korean day; 30 days before `to`."})
    last = fields.Date(validate=REPORTABLE_DAYS, data_key="to", metadata={"description": "Last Korean day, included; today in Korea."})

    @validates_schema
    def _is_a_range_of_at_most_a_year(self, query, **kwargs):
        first, last = _range(query)
        if first > last:
            raise ValidationError({"from": [_("Give a date on or before `to`.")]})
        if (last - first).days >= MAX_DAYS:
            raise ValidationError({"to": [_("A report spans at most %(days)s days: ask for a shorter range.",
                                             days=MAX_DAYS)]})

    @post_load
    def _with_default_range(self, query, **kwargs):
        query["first"], query["last"] = _range(query)
        return query


def _range(query: dict) -> tuple[date, date]:
    last = query.get("last") or korean_day(clock.now())
    return query.get("first") or last - timedelta(days=DEFAULT_DAYS - 1), last


class ReportQuerySchema(RangeQuerySchema):
    seller_id = fields.String(
        validate=validate.Length(min=1, max=36),
        metadata={"description": "Agents: one seller's figures instead of the platform's."},
    )


class ScorecardQuerySchema(RangeQuerySchema):
    sort = fields.String(load_default="inquiries_per_100_paid_orders", validate=validate.OneOf(SORTS))
    descending = fields.Boolean(load_default=True, metadata={"description": "Highest first; sellers without a figure last."})


class BucketSchema(Schema):
    up_to_minutes = fields.Integer(allow_none=True, metadata={"description": "Null: beyond the previous bound."})
    inquiries = fields.Integer()


class DurationSchema(Schema):
    median_at_most = fields.Integer(allow_none=True)
    p90_at_most = fields.Integer(allow_none=True)
    method = fields.String(metadata={"description": PERCENTILE_METHOD})
    histogram = fields.List(fields.Nested(BucketSchema))


class DaySchema(Schema):
    day = fields.Date()
    opened = fields.Integer()
    resolved = fields.Integer(metadata={"description": FIRST_RESOLUTIONS})


class SatisfactionSchema(Schema):
    average = fields.Float(allow_none=True)
    ratings = fields.Integer()
    distribution = fields.Dict(keys=fields.String(), values=fields.Integer(), metadata={"description": "By rating 1-5."})


class AutomaticAnswersSchema(Schema):
    answered = fields.Integer()
    rejected = fields.Integer(metadata={"description": "The customer said the answer did not help."})
    acceptance_rate = fields.Float(allow_none=True)


class ScorecardSchema(Schema):
    seller_id = fields.String()
    opened = fields.Integer()
    paid_orders = fields.Integer()
    inquiries_per_100_paid_orders = fields.Float(allow_none=True, metadata={"description": "Null without paid orders."})
    answered_within_target_share = fields.Float(allow_none=True)
    first_response_median_minutes_at_most = fields.Integer(allow_none=True)
    satisfaction_average = fields.Float(allow_none=True)


class ReportSchema(Schema):
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    seller_id = fields.String(allow_none=True, metadata={"description": "Null: the whole platform."})
    opened = fields.Integer()
    opened_by_type = fields.Dict(keys=fields.String(), values=fields.Integer())
    resolved_by_reason = fields.Dict(keys=fields.String(), values=fields.Integer(),
                                     metadata={"description": FIRST_RESOLUTIONS})
    by_day = fields.List(fields.Nested(DaySchema), metadata={"description": "Every day of the range, zeros included."})
    first_response_minutes = fields.Nested(DurationSchema)
    resolution_minutes = fields.Nested(
        DurationSchema, metadata={"description": "From opening to the first resolution, one count an inquiry."}
    )
    answered_within_target_share = fields.Float(
        allow_none=True, metadata={"description": "First responses given by their due time, of all first responses."}
    )
    satisfaction = fields.Nested(SatisfactionSchema)
    automatic_answers = fields.Nested(AutomaticAnswersSchema)
    backlog_by_age = fields.List(
        fields.Nested(BucketSchema), metadata={"description": "Unresolved inquiries now, by age; not limited to the range."}
    )
    scorecard = fields.Nested(
        ScorecardSchema, allow_none=True, metadata={"description": "One seller's report only; /sellers has each seller's."}
    )


def _duration(histogram: Histogram) -> dict:
    return {
        "median_at_most": histogram.median_at_most,
        "p90_at_most": histogram.p90_at_most,
        "method": PERCENTILE_METHOD,
        "histogram": [
            {"up_to_minutes": bound, "inquiries": count} for bound, count in zip(DURATION_BOUNDS, histogram.counts)
        ],
    }


def _scorecard(card: Scorecard) -> dict:
    return {
        "seller_id": card.seller_id,
        "opened": card.opened,
        "paid_orders": card.paid_orders,
        "inquiries_per_100_paid_orders": card.inquiries_per_100_paid_orders,
        "answered_within_target_share": card.answered_within_target_share,
        "first_response_median_minutes_at_most": card.first_response.median_at_most,
        "satisfaction_average": card.satisfaction_average,
    }


def _shown(report: CsReport) -> dict:
    return {
        "first": report.first,
        "last": report.last,
        "seller_id": report.seller_id,
        "opened": sum(report.opened_by_type.values()),
        "opened_by_type": report.opened_by_type,
        "resolved_by_reason": report.resolved_by_reason,
        "by_day": [
            {"day": day, "opened": figures.opened, "resolved": figures.resolved} for day, figures in report.by_day.items()
        ],
        "first_response_minutes": _duration(report.first_response),
        "resolution_minutes": _duration(report.resolution),
        "answered_within_target_share": report.answered_within_target_share,
        "satisfaction": {
            "average": report.satisfaction_average,
            "ratings": sum(report.ratings.values()),
            "distribution": {str(rating): count for rating, count in sorted(report.ratings.items())},
        },
        "automatic_answers": {
            "answered": report.automatic_answers,
            "rejected": report.automatic_answers_rejected,
            "acceptance_rate": report.automatic_answer_acceptance_rate,
        },
        "backlog_by_age": [{"up_to_minutes": bound, "inquiries": count} for bound, count in report.backlog_by_age],
        "scorecard": None if report.scorecard is None else _scorecard(report.scorecard),
    }


@blp.route("")
class CsAnalytics(MethodView):
    @requires("agent", "admin", "seller")
    @blp.arguments(ReportQuerySchema, location="query")
    @blp.response(200, ReportSchema)
    def get(self, query):
        """Volume, response and resolution times, answers within target, satisfaction, automatic answers
        and the backlog, over Korean days `from`..`to`: the platform's, or one seller's with their scorecard.
        """
        seller_id = figures_seen(query.get("seller_id"))
        return _shown(cs_analytics.cs_report(runtime(), seller_id, query["first"], query["last"]))


@blp.route("/sellers")
class SellerScorecards(MethodView):
    @requires("agent", "admin")
    @blp.arguments(ScorecardQuerySchema, location="query")
    @blp.response(200, ScorecardSchema(many=True))
    def get(self, query):
        """Each seller's scorecard over Korean days `from`..`to`, sorted by `sort`."""
        current_viewer()
        cards = [_scorecard(card) for card in cs_analytics.seller_scorecards(runtime(), query["first"], query["last"])]
        with_figure = [card for card in cards if card[query["sort"]] is not None]
        # Sorted is stable: sellers with equal figures stay in seller id order.
        with_figure.sort(key=lambda card: card[query["sort"]], reverse=query["descending"])
        return with_figure + [card for card in cards if card[query["sort"]] is None]
