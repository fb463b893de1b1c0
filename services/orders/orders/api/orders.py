"""/api/orders: a customer places orders; customers, sellers and admins read the orders they may see."""
from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from orders import services
from orders.domain.orders import STATUSES
from orders.domain.placement import MAX_LINES, MAX_QUANTITY, MAX_UNIT_PRICE, RequestedLine, total_amount
from orders.domain.visibility import Viewer
from orders.models import Order
from servicekit.app import unit_of_work
from servicekit.identity import Identity, current_identity, ensure_second_factor, requires
from servicekit.pagination import page_of

blp = Blueprint("orders", __name__, url_prefix="/api/orders", description="Orders and their placement")


class RequestedLineSchema(Schema):
    product_id = fields.UUID(required=True)
    quantity = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=MAX_QUANTITY))
    unit_price = fields.Integer(
        required=True,
        strict=True,
        validate=validate.Range(min=0, max=MAX_UNIT_PRICE),
        metadata={"description": "The price the customer saw; catalog refuses the order if it changed."},
    )


class PlaceOrderSchema(Schema):
    items = fields.List(
        fields.Nested(RequestedLineSchema), required=True, validate=validate.Length(min=1, max=MAX_LINES)
    )


class IdempotencyHeaderSchema(Schema):
    idempotency_key = fields.String(
        data_key="Idempotency-Key",
        validate=validate.Regexp(r"^[\x21-\x7e]{1,100}$", error="Use 1 to 100 visible ASCII characters."),
        metadata={"description": "Repeat it to retry safely: the same body answers with the same order."},
    )


class OrderLineSchema(Schema):
    line_no = fields.Integer()
    product_id = fields.String()
    quantity = fields.Integer()
    unit_price = fields.Integer()
    seller_id = fields.String(allow_none=True)
    product_name = fields.String(allow_none=True)


class OrderSchema(Schema):
    id = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    cancel_reason = fields.String(allow_none=True)
    cancel_detail = fields.String(allow_none=True)
    total_amount = fields.Integer(metadata={"description": "For a seller, the total of their own lines."})
    lines = fields.List(fields.Nested(OrderLineSchema))
    created_at = fields.AwareDateTime()
    confirmed_at = fields.AwareDateTime(allow_none=True)
    cancelled_at = fields.AwareDateTime(allow_none=True)


class OrderQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))


def _viewer(identity: Identity) -> Viewer:
    # A seller's view of orders is managing them, which needs a second factor (A4).
    if identity.has_role("seller"):
        ensure_second_factor(identity)
    return Viewer(
        subject=identity.subject,
        seller_id=identity.seller_id if identity.has_role("seller") else None,
        is_admin=identity.has_role("admin"),
    )


def _shown(order: Order, viewer: Viewer) -> dict:
    """The order as this viewer may see it: a seller gets only their lines, and their total."""
    lines = viewer.shown_lines(order.customer_id, order.lines)
    shown = {name: getattr(order, name) for name in OrderSchema().fields}
    shown["lines"] = lines
    if not viewer.sees_whole(order.customer_id):
        shown["total_amount"] = total_amount(lines)
    return shown


@blp.route("")
class Orders(MethodView):
    @requires()
    @blp.arguments(OrderQuerySchema, location="query")
    @blp.response(200, OrderSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """The orders the caller may see, newest first."""
        viewer = _viewer(current_identity())
        statement = services.orders_seen_by(viewer).order_by(Order.created_at.desc(), Order.id)
        if "status" in query:
            statement = statement.where(Order.status == query["status"])
        with unit_of_work() as uow:
            return [_shown(order, viewer) for order in page_of(uow.session, statement, pagination_parameters)]

    @requires("customer")
    @blp.arguments(IdempotencyHeaderSchema, location="headers")
    @blp.arguments(PlaceOrderSchema)
    @blp.response(202, OrderSchema)
    def post(self, headers, body):
        """Place an order; it stays pending until catalog reserves its stock or says why it cannot."""
        lines = [RequestedLine(str(item["product_id"]), item["quantity"], item["unit_price"]) for item in body["items"]]
        with unit_of_work() as uow:
            order = services.place_order(uow, current_identity().subject, lines, headers.get("idempotency_key"))
            return order, {"Location": url_for("orders.OrderById", order_id=order.id)}


@blp.route("/<order_id>")
class OrderById(MethodView):
    @requires()
    @blp.response(200, OrderSchema)
    def get(self, order_id):
        """One order the caller may see; others are not found."""
        viewer = _viewer(current_identity())
        with unit_of_work() as uow:
            return _shown(services.find_order(uow, viewer, order_id), viewer)
