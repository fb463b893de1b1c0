"""/api/coupons: sellers and admins create and withdraw coupons; customers download and list theirs."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from orders import coupons
from orders.api.viewers import current_customer_id, current_viewer
from orders.domain.coupons import DISCOUNT_TYPES, MAX_PERCENT, PERCENT
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.languages import _

blp = Blueprint("coupons", __name__, url_prefix="/api/coupons", description="Coupons")

MAX_WON = 100_000_000


def Won(**kwargs) -> fields.Integer:
    return Integer(strict=True, minimum=0, maximum=MAX_WON, **kwargs)


class CouponSchema(Schema):
    id = fields.String(dump_only=True)
    seller_id = fields.String(dump_only=True, allow_none=True, metadata={"description": "Null for a platform coupon."})
    name = fields.String(required=True, validate=validate.Length(min=1, max=100))
    discount_type = fields.String(required=True, validate=validate.OneOf(DISCOUNT_TYPES))
    discount_value = Integer(
        required=True,
        strict=True,
        minimum=1, maximum=MAX_WON,
        metadata={"description": "Won off for fixed; percent off (1 to 90) for percent."},
    )
    max_discount = Won(load_default=None, allow_none=True, metadata={"description": "The cap of a percent coupon."})
    min_order_amount = Won(load_default=0)
    starts_at = fields.AwareDateTime(required=True)
    ends_at = fields.AwareDateTime(required=True)
    total_quantity = Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        minimum=1, maximum=10**9,
        metadata={"description": "Null for unlimited downloads."},
    )
    issued_count = fields.Integer(dump_only=True)
    created_at = fields.AwareDateTime(dump_only=True)
    withdrawn_at = fields.AwareDateTime(dump_only=True, allow_none=True)

    @validates_schema
    def _consistent(self, data, **_kwargs):
        if data["ends_at"] <= data["starts_at"]:
            raise ValidationError([_("Must be after starts_at.")], "ends_at")
        if data["discount_type"] == PERCENT and data["discount_value"] > MAX_PERCENT:
            raise ValidationError([_("A percent coupon takes 1 to %(most)s percent off.", most=MAX_PERCENT)], "discount_value")
        if data["discount_type"] != PERCENT and data["max_discount"] is not None:
            raise ValidationError([_("Only a percent coupon has a maximum discount.")], "max_discount")


class IssuedCouponSchema(Schema):
    id = fields.String(metadata={"description": "What checkout's coupon_ids name."})
    coupon = fields.Nested(CouponSchema)
    source = fields.String()
    issued_at = fields.AwareDateTime()


class CouponQuerySchema(Schema):
    seller_id = fields.UUID()


@blp.route("")
class Coupons(MethodView):
    @blp.arguments(CouponQuerySchema, location="query")
    @blp.response(200, CouponSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Coupons customers can download now, newest first; of one seller with seller_id."""
        seller_id = str(query["seller_id"]) if "seller_id" in query else None
        return coupons.downloadable_page(runtime(), seller_id, pagination_parameters)

    @requires("seller", "admin")
    @blp.arguments(CouponSchema)
    @blp.response(201, CouponSchema)
    def post(self, body):
        """A seller (with a second factor) creates a coupon for their items; an admin a platform coupon."""
        return coupons.create_coupon(runtime(), current_viewer(), body)


@blp.route("/mine")
class MyCoupons(MethodView):
    @requires("customer")
    @blp.response(200, IssuedCouponSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """The caller's coupons they can still use, ending soonest first."""
        return coupons.usable_page(runtime(), current_customer_id(), pagination_parameters)


@blp.route("/<uuid:coupon_id>")
class CouponById(MethodView):
    @requires("seller", "admin")
    @blp.response(204)
    def delete(self, coupon_id):
        """The owner withdraws a coupon: no new downloads, and copies not yet used no longer apply."""
        coupons.withdraw(runtime(), current_viewer(), str(coupon_id))


@blp.route("/<uuid:coupon_id>/downloads")
class CouponDownloads(MethodView):
    @requires("customer")
    @blp.response(201, IssuedCouponSchema)
    @blp.problem(409, "coupon-already-downloaded, coupon-sold-out, or coupon-not-available.")
    def post(self, coupon_id):
        """Download a coupon once; 409 when already downloaded, sold out or no longer offered."""
        return coupons.download(runtime(), current_customer_id(), str(coupon_id))
