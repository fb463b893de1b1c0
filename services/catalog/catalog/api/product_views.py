"""/api/products/<id>/views: anyone's view of a product page is counted; its seller and admins read the days."""
from datetime import timedelta

from flask import request
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, post_load

from catalog import product_views
from catalog.api.viewers import ADMIN, SELLER, current_viewer
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.languages import _

# A year of days at most in one answer; the default is the last 30.
MAX_DAYS = 366
DEFAULT_DAYS = 30

blp = Blueprint("product_views", __name__, url_prefix="/api/products", description="Views of product pages")


class ViewsQuerySchema(Schema):
    from_ = fields.Date(data_key="from", metadata={"description": "First Korean day; 29 days before `to` if left out."})
    to = fields.Date(metadata={"description": "Last Korean day; today in Korea if left out."})

    @post_load
    def span_of_days(self, data, **kwargs):
        last = data.get("to") or product_views.korean_today()
        first = data.get("from_") or last - timedelta(days=DEFAULT_DAYS - 1)
        if first > last:
            raise ValidationError([_("Must not be after `to`.")], "from")
        if (last - first).days >= MAX_DAYS:
            raise ValidationError([_("At most %(days)s days at once.", days=MAX_DAYS)], "from")
        return {"first": first, "last": last}


class DayViewsSchema(Schema):
    day = fields.Date()
    views = fields.Integer()
    visitors = fields.Integer(metadata={"description": "Distinct visitors that day."})


def client_ip() -> str | None:
    """The client's address as the gateway put it first in X-Forwarded-For."""
    return request.headers.get("X-Forwarded-For", "").split(",")[0].strip() or None


@blp.route("/<uuid:product_id>/views")
class ProductViews(MethodView):
    @blp.response(202)
    def post(self, product_id):
        """Count a view of a product page, by anyone who may see the product, signed in or not."""
        product_views.count_view(
            runtime(), current_viewer(), str(product_id), client_ip(), request.headers.get("User-Agent")
        )

    @requires(SELLER, ADMIN)
    @blp.arguments(ViewsQuerySchema, location="query")
    @blp.response(200, DayViewsSchema(many=True))
    def get(self, query, product_id):
        """Views and distinct visitors per Korean calendar day: the product's seller and admins only."""
        return product_views.views_by_day(runtime(), current_viewer(), str(product_id), query["first"], query["last"])
