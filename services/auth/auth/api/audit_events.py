"""/api/audit-events: the security audit log (A10); admins read everyone's, anyone else only their own."""
from datetime import timezone

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from auth import audit
from auth.api.viewers import viewer
from auth.audit import KINDS
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.languages import _
from servicekit.problems import Problem

blp = Blueprint("audit_events", __name__, url_prefix="/api/audit-events", description="Security audit log")


class AuditEventQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf(KINDS))
    account_id = fields.String(
        validate=validate.Length(max=36),
        metadata={"description": "Admins: the account the events concern. Others may name only their own."},
    )
    since = fields.AwareDateTime(
        default_timezone=timezone.utc, metadata={"description": "Only events at or after this time (UTC if bare)."}
    )


class AuditEventSchema(Schema):
    id = fields.String()
    account_id = fields.String(allow_none=True)
    actor_id = fields.String(allow_none=True, metadata={"description": "Who did it: the owner, an admin, or none."})
    kind = fields.String(metadata={"enum": list(KINDS)})
    ip = fields.String(allow_none=True)
    user_agent = fields.String(allow_none=True)
    detail = fields.Dict()
    occurred_at = fields.AwareDateTime()


@blp.route("")
class AuditEvents(MethodView):
    @requires()
    @blp.arguments(AuditEventQuerySchema, location="query")
    @blp.response(200, AuditEventSchema(many=True))
    @blp.paginate()
    @blp.problem(403, "forbidden: only admins read other accounts' audit events.")
    def get(self, query, pagination_parameters):
        """Audit events, newest first.

        An admin reads every account's; anyone else reads only their own, and naming another account is
        refused with 403.
        """
        asking = viewer()
        account_id = query.get("account_id")
        if not asking.may_read_audit_events_of(account_id):
            raise Problem(403, "forbidden", "Forbidden", _("You may read only your own account's audit events."))
        return audit.audit_events(
            asking.audit_events_shown(account_id), query.get("kind"), query.get("since"), pagination_parameters
        )
