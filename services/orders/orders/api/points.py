"""/api/points: a customer reads their points and ledger; an admin adjusts a customer's points."""
from datetime import datetime, timezone

from flask.views import MethodView
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from orders import points
from orders.models.rewards import PointEntry
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import current_identity, requires, requires_recent_second_factor
from servicekit.pagination import page_of

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
        validate=validate.NoneOf([0], error="Must not be zero."),
        metadata={"description": "Points to add (positive) or take away (negative); never zero."},
    )
    reason = fields.String(required=True, validate=validate.Length(min=1, max=200))


def _now() -> datetime:
    return datetime.now(timezone.utc)


@blp.route("")
class Points(MethodView):
    @requires("customer")
    @blp.response(200, PointsSchema)
    def get(self):
        """The caller's balance and how much of it expires in the next 30 days."""
        customer_id, at = current_identity().subject, _now()
        with unit_of_work() as uow:
            return {
                "balance": points.balance(uow.session, customer_id, at),
                "expiring_within_30_days": points.expiring_within_notice(uow.session, customer_id, at),
            }


@blp.route("/entries")
class PointEntries(MethodView):
    @requires("customer")
    @blp.response(200, PointEntrySchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """The caller's ledger, newest first."""
        statement = (
            select(PointEntry)
            .where(PointEntry.customer_id == current_identity().subject)
            .order_by(PointEntry.created_at.desc(), PointEntry.id)
        )
        with unit_of_work() as uow:
            return page_of(uow.session, statement, pagination_parameters)


@blp.route("/adjustments")
class PointAdjustments(MethodView):
    @requires("admin")
    @requires_recent_second_factor
    @blp.arguments(AdjustmentSchema)
    @blp.response(201, PointEntrySchema)
    def post(self, body):
        """Add or take away a customer's points, saying why; 422 when taking more than they have."""
        with unit_of_work() as uow:
            entry = points.adjust(uow, str(body["customer_id"]), body["amount"], body["reason"], _now())
            uow.commit()
            return entry
