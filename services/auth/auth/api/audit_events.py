"""/api/audit-events: the security audit log (A10); admins read everyone's, anyone else only their own."""
from datetime import timezone

from flask.views import MethodView
from marshmallow import Schema, fields, validate
from sqlalchemy import select

from auth.audit import KINDS
from auth.domain.accounts import ADMIN
from auth.models import AuditEvent
from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.identity import current_identity, requires
from servicekit.pagination import page_of
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
    def get(self, query, pagination_parameters):
        """Audit events, newest first.

        An admin reads every account's; anyone else reads only their own, and naming another account is
        refused with 403.
        """
        identity = current_identity()
        account_id = query.get("account_id")
        if not identity.has_role(ADMIN):
            if account_id not in (None, identity.subject):
                raise Problem(403, "forbidden", "Forbidden", "You may read only your own account's audit events.")
            account_id = identity.subject
        statement = select(AuditEvent).order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
        if account_id is not None:
            statement = statement.where(AuditEvent.account_id == account_id)
        if "kind" in query:
            statement = statement.where(AuditEvent.kind == query["kind"])
        if "since" in query:
            statement = statement.where(AuditEvent.occurred_at >= query["since"])
        with unit_of_work() as uow:
            return page_of(uow.session, statement, pagination_parameters)
