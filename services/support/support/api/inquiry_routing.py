"""/api/inquiries/<id>/assignment and /escalation: who holds an inquiry, set by hand."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from support import routing
from support.api.inquiries import InquirySchema
from support.api.viewers import current_viewer
from support.escalation import escalate_by_hand

blp = Blueprint("inquiry-routing", __name__, url_prefix="/api/inquiries", description="Assignment and escalation")


class AssignmentSchema(Schema):
    assignee_id = fields.UUID(required=True)


class EscalationSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


@blp.route("/<inquiry_id>/assignment")
class InquiryAssignment(MethodView):
    @requires("agent", "admin")
    @blp.arguments(AssignmentSchema)
    @blp.response(200, InquirySchema)
    @blp.problem(409, "seller-inquiry (a seller's inquiry is theirs), inquiry-not-active, or illegal-transition.")
    def post(self, body, inquiry_id):
        """Give a platform inquiry to a support agent, whatever their cap."""
        return routing.assign_by_hand(runtime(), current_viewer(), inquiry_id, str(body["assignee_id"]))


@blp.route("/<inquiry_id>/escalation")
class InquiryEscalation(MethodView):
    @requires("seller", "agent", "admin")
    @blp.arguments(EscalationSchema)
    @blp.response(200, InquirySchema)
    @blp.problem(409, "already-escalated, or inquiry-not-active.")
    def post(self, body, inquiry_id):
        """The seller of the inquiry or an agent hands it up to the platform's agents, saying why."""
        return escalate_by_hand(runtime(), current_viewer(), inquiry_id, body["reason"])
