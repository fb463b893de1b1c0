"""/api/points: a customer reads their points and ledger; an admin adjusts a customer's points."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orders import points
from orders.api.viewers import current_customer_id
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires, requires_recent_second_factor
from servicekit.languages import _

blp = Blueprint("points", __name__, url_prefix="/api/points", description="Points")


class PointsSchema(Schema):
    balance = fields.Integer()
    expiring_within_30_days = fields.Integer()


class PointEntrySchema(Schema):
    kind = fields.String()
    amount = fields.Integer(metadata={"description": "Positive when earned, negative when spent or expired."})
    expires_at = fields.AwareDateTime(allow_none=True)
    reference = fields.String()
    created_at = fields.AwareDateTime()


class AdjustmentSchema(Schema):
    customer_id = fields.UUID(required=True)
    amount = Integer(
        required=True,
        strict=True,
        minimum=-(10**9),
        maximum=10**9,
        validate=validate.NoneOf([0], error=str(_("Must not be zero."))),
        metadata={"description": "Points to add (positive) or take away (negative); never zero."},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=200))


@blp.route("")
class Points(MethodView):
    @requires("customer")
    @blp.response(200, PointsSchema)
    def get(self):
        """The caller's balance and how much of it expires in the next 30 days."""
        return points.points_held(runtime(), current_customer_id())


@blp.route("/entries")
class PointEntries(MethodView):
    @requires("customer")
    @blp.response(200, PointEntrySchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """The caller's ledger, newest first."""
        return points.ledger_page(runtime(), current_customer_id(), pagination_parameters)


@blp.route("/adjustments")
class PointAdjustments(MethodView):
    @requires("admin")
    @requires_recent_second_factor
    @blp.arguments(AdjustmentSchema)
    @blp.response(201, PointEntrySchema)
    def post(self, body):
        """Add or take away a customer's points, saying why; 422 when taking more than they have."""
        return points.adjust(runtime(), str(body["customer_id"]), body["amount"], body["reason"])
