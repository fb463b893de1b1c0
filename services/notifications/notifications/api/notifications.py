"""/api/notifications: the signed-in person's inbox (N3): paged newest first, the unread count, marking read."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from contracts.dashboard import DashboardUnreadNotificationsSchema
from notifications import inbox
from notifications.api import viewers
from notifications.domain.kinds import KINDS
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.fields import BIG_INTEGER_COLUMN
from servicekit.identity import requires

blp = Blueprint("notifications", __name__, url_prefix="/api/notifications", description="The inbox of notifications")

# Notification ids are 64-bit; a path naming a larger number names nothing (404).
NOTIFICATION_ID = f"<int(max={BIG_INTEGER_COLUMN.max}):notification_id>"


class NotificationSchema(Schema):
    id = fields.Integer(metadata={"description": "Grows with every notification: the live stream's event id."})
    kind = fields.String(metadata={"description": "What happened: new_order, order_shipped, ..."})
    title = fields.String()
    body = fields.String()
    link = fields.String(allow_none=True, metadata={
        "description": "Where to go about it: a path in the pages, or a carrier's tracking page."})
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class InboxQuerySchema(Schema):
    unread = fields.Boolean(metadata={"description": "true: only unread ones; false: only read ones."})
    kind = fields.String(validate=validate.OneOf(list(KINDS)))


class ReadAllSchema(Schema):
    marked = fields.Integer(metadata={"description": "How many were unread and are read now."})
    unread = fields.Integer()


@blp.route("")
class Inbox(MethodView):
    @requires()
    @blp.arguments(InboxQuerySchema, location="query")
    @blp.response(200, NotificationSchema(many=True))
    @blp.paginate()
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def get(self, query, pagination_parameters):
        """Your notifications, newest first; filter with `unread` and `kind`."""
        return inbox.notifications_page(runtime(), viewers.reader().account_id, pagination_parameters,
                                        unread=query.get("unread"), kind=query.get("kind"))


@blp.route("/unread-count")
class UnreadCount(MethodView):
    @requires()
    @blp.response(200, DashboardUnreadNotificationsSchema)
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def get(self):
        """How many of your notifications are unread."""
        return {"unread": inbox.unread_count(runtime(), viewers.reader().account_id)}


@blp.route(f"/{NOTIFICATION_ID}/read")
class Read(MethodView):
    @requires()
    @blp.response(200, NotificationSchema)
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def post(self, notification_id):
        """Mark one of your notifications read (again: nothing changes); another's is not found (404)."""
        return inbox.mark_read(runtime(), viewers.reader().account_id, notification_id)


@blp.route("/read-all")
class ReadAll(MethodView):
    @requires()
    @blp.response(200, ReadAllSchema)
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def post(self):
        """Mark all your notifications read."""
        return {"marked": inbox.mark_all_read(runtime(), viewers.reader().account_id), "unread": 0}
