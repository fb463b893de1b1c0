"""/api/response-targets: agents and admins read each inquiry type's response targets; admins set them."""
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.identity import requires
from servicekit.languages import _
from support import response_targets
from support.api.viewers import current_viewer
from support.domain.ownership import TYPES
from support.domain.response_targets import MAX_FIRST_RESPONSE_HOURS, MAX_RESOLUTION_HOURS, TargetHours

blp = Blueprint("response_targets", __name__, url_prefix="/api/response-targets", description="Response targets")

BUSINESS_HOURS = (
    "Counted 09:00-18:00 in Korea, Monday to Friday, leaving out Korea's public holidays (substitute and "
    "election days included); otherwise around the clock."
)


class TargetsInSchema(Schema):
    first_response_hours = Integer(required=True, strict=True, minimum=1, maximum=MAX_FIRST_RESPONSE_HOURS)
    resolution_hours = Integer(required=True, strict=True, minimum=1, maximum=MAX_RESOLUTION_HOURS)
    business_hours = fields.Boolean(required=True, metadata={"description": BUSINESS_HOURS})
    reason = fields.String(load_default=None, validate=validate.Length(min=1, max=500),
                           metadata={"description": "Why, kept with the change."})

    @validates_schema
    def _resolution_after_first_response(self, data, **kwargs):
        if data["resolution_hours"] < data["first_response_hours"]:
            raise ValidationError([_("Must be at least first_response_hours.")], "resolution_hours")


class TypeHoursSchema(Schema):
    inquiry_type = fields.String(metadata={"enum": list(TYPES)})
    first_response_hours = fields.Integer()
    resolution_hours = fields.Integer()
    business_hours = fields.Boolean(metadata={"description": BUSINESS_HOURS})


class TargetsSchema(TypeHoursSchema):
    updated_by = fields.String(allow_none=True, metadata={"description": "Null: the defaults, never changed."})
    updated_at = fields.AwareDateTime(allow_none=True)


class TargetChangeSchema(TypeHoursSchema):
    reason = fields.String(allow_none=True)
    changed_by = fields.String()
    changed_at = fields.AwareDateTime()


class ChangesQuerySchema(Schema):
    inquiry_type = fields.String(validate=validate.OneOf(TYPES))


@blp.route("")
class ResponseTargets(MethodView):
    @requires("agent", "admin")
    @blp.response(200, TargetsSchema(many=True))
    def get(self):
        """Every inquiry type's targets: hours to a first answer and to the resolution, and how they count."""
        current_viewer()
        return response_targets.targets_of_every_type(runtime())


@blp.route("/changes")
class ResponseTargetChanges(MethodView):
    @requires("agent", "admin")
    @blp.arguments(ChangesQuerySchema, location="query")
    @blp.response(200, TargetChangeSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """Every change admins made to the targets, newest first: the targets set, who, when and why."""
        current_viewer()
        return response_targets.changes(runtime(), query.get("inquiry_type"), pagination_parameters)


@blp.route("/<inquiry_type>")
class ResponseTargetsOfType(MethodView):
    @requires("agent", "admin")
    @blp.response(200, TargetsSchema)
    def get(self, inquiry_type):
        """One type's targets."""
        current_viewer()
        return response_targets.targets_of_type(runtime(), inquiry_type)

    @requires("admin")
    @blp.arguments(TargetsInSchema)
    @blp.response(200, TargetsSchema)
    def put(self, body, inquiry_type):
        """Set a type's targets. They count for inquiries opened from now on (and for a first answer due
        again after a customer rejects an automatic answer); inquiries already open keep their due times.
        A campaign window's hours still shorten the first answer's target while it is on."""
        hours = TargetHours(body["first_response_hours"], body["resolution_hours"], body["business_hours"])
        return response_targets.set_targets(runtime(), current_viewer(), inquiry_type, hours, body["reason"])
