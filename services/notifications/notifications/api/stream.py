"""/api/notifications/stream: the signed-in person's new notifications as they come, as Server-Sent Events (N4)."""
from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from marshmallow import Schema

from notifications import live
from notifications.api import viewers
from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.fields import BIG_INTEGER_COLUMN, Integer
from servicekit.identity import requires

blp = Blueprint("stream", __name__, url_prefix="/api/notifications", description="Live notifications")

_RESUME = "The id of the last event received: the stream first sends the notifications that came after it."


class ResumeQuerySchema(Schema):
    last_event_id = Integer(
        minimum=0, column=BIG_INTEGER_COLUMN,
        metadata={"description": f"{_RESUME} For clients that cannot send the Last-Event-ID header; the header wins."},
    )


class ResumeHeadersSchema(Schema):
    last_event_id = Integer(
        data_key="Last-Event-ID", minimum=0, column=BIG_INTEGER_COLUMN,
        metadata={"description": f"{_RESUME} A browser's EventSource sends it when it reconnects."},
    )


# One event of the stream, as OpenAPI 3.1 describes a text/event-stream (its schema is that of each event): a
# notification, its JSON in `data` (domain.live_streams writes them).
NOTIFICATION_EVENT = {
    "type": "object",
    "required": ["id", "event", "data"],
    "properties": {
        "id": {"type": "string", "description": "The notification's id: the Last-Event-ID to resume after it."},
        "event": {"const": "notification"},
        "data": {
            "type": "string",
            "contentMediaType": "application/json",
            "contentSchema": {
                "type": "object",
                "required": ["id", "kind", "title", "body", "link", "created_at", "unread"],
                "properties": {
                    "id": {"type": "integer"},
                    "kind": {"type": "string", "description": "What happened: new_order, order_shipped, ..."},
                    "title": {"type": "string"},
                    "body": {"type": "string"},
                    "link": {"type": ["string", "null"], "description": "Where to go about it."},
                    "created_at": {"type": "string", "format": "date-time"},
                    "unread": {"type": "integer", "description": "How many of the person's notifications are unread."},
                },
            },
        },
    },
}


@blp.route("/stream")
class NotificationStream(MethodView):
    @requires()
    @blp.arguments(ResumeQuerySchema, location="query")
    @blp.arguments(ResumeHeadersSchema, location="headers")
    @blp.response(
        200,
        NOTIFICATION_EVENT,
        content_type="text/event-stream",
        description="`event: notification` frames, each with `id:` the notification's id and `data:` its JSON (id, "
        "kind, title, body, link, created_at, unread: the unread count); a comment line as a heartbeat every 15 s "
        "when quiet. "
        "The stream ends after a few minutes, or when the sign-in's identity token expires (a minute); the browser "
        "then reconnects with Last-Event-ID.",
    )
    @blp.problem(403, viewers.ACTING_WITHOUT_SECOND_FACTOR)
    def get(self, query, headers):
        """Your notifications as they come: open it with EventSource; a new one arrives within a second."""
        reader = viewers.reader()
        # A reconnecting EventSource still has the first URL's query: its header is the newer word.
        resumed_after = headers.get("last_event_id", query.get("last_event_id"))
        current = settings()
        stream = live.open_stream(
            runtime(),
            current_app.extensions["live_notifications"],
            reader.account_id,
            resumed_after=resumed_after,
            token_expires_at=viewers.signed_in_until(),
            max_seconds=current.stream_max_seconds,
            heartbeat_seconds=current.stream_heartbeat_seconds,
        )
        # No proxy may hold events back to fill a buffer (nginx reads X-Accel-Buffering) or a cache.
        return Response(stream, mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})
