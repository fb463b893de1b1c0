"""/api/reviews/negative-causes: why a seller's reviews rated 1 or 2 were unhappy, per cause and over
time; a seller sees their own shop, an admin any seller or the whole marketplace.
"""
from datetime import date, timedelta

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.events.reviews import NEGATIVE_CAUSES
from reviews import negative_reviews
from reviews.api import viewers
from servicekit import clock
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.korean_calendar import REPORTABLE_DAYS, korean_day
from servicekit.languages import _
from servicekit.problems import Problem

blp = Blueprint(
    "negative_reviews", __name__, url_prefix="/api/reviews", description="Causes of negative reviews"
)

DEFAULT_DAYS = 30
MAX_DAYS = 366


class CauseReportQuerySchema(Schema):
    first = fields.Date(validate=REPORTABLE_DAYS, data_key="from", metadata={"description": "First Korean day; 30 days before `to`."})
    last = fields.Date(validate=REPORTABLE_DAYS, data_key="to", metadata={"description": "Last Korean day, included; today in Korea."})
    period = fields.String(
        load_default=negative_reviews.DAY, validate=validate.OneOf((negative_reviews.DAY, negative_reviews.WEEK))
    )
    seller_id = fields.String(
        validate=validate.Length(min=1, max=36),
        metadata={"description": "Admins: one seller's reviews instead of the whole marketplace's."},
    )


class TrendPointSchema(Schema):
    start = fields.Date(metadata={"description": "The day, or the Monday of the week."})
    total = fields.Integer()
    by_cause = fields.Dict(keys=fields.String(validate=validate.OneOf(NEGATIVE_CAUSES)), values=fields.Integer())


class CauseReportSchema(Schema):
    seller_id = fields.String(allow_none=True)
    first = fields.Date(data_key="from")
    last = fields.Date(data_key="to")
    period = fields.String()
    total = fields.Integer()
    by_cause = fields.Dict(
        keys=fields.String(validate=validate.OneOf(NEGATIVE_CAUSES)),
        values=fields.Integer(),
        metadata={"description": "Reviews rated 1 or 2 per likely cause; every cause is listed."},
    )
    trend = fields.List(fields.Nested(TrendPointSchema))


def _range(query: dict) -> tuple[date, date]:
    last = query.get("last") or korean_day(clock.now())
    first = query.get("first") or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise Problem(422, "empty-range", _("Empty range"), _("Give `from` on or before `to` (today when left out)."))
    if (last - first).days >= MAX_DAYS:
        raise Problem(422, "range-too-long", _("Range too long"), _("A report spans at most %(days)s days.", days=MAX_DAYS))
    return first, last


@blp.route("/negative-causes")
class NegativeCauses(MethodView):
    @requires("seller", "admin")
    @blp.arguments(CauseReportQuerySchema, location="query")
    @blp.response(200, CauseReportSchema)
    def get(self, query):
        """Reviews rated 1 or 2 per likely cause (product quality, delivery, service, price and value,
        other) and their trend per day or week.
        """
        seller_id = viewers.report_scope(query.get("seller_id"))
        first, last = _range(query)
        return negative_reviews.cause_report(runtime(), seller_id, first, last, query["period"])
