"""/api/inquiries: customers open 1:1 inquiries and reply; sellers and agents answer, note, resolve."""
from flask import request, send_file
from flask.views import MethodView
from marshmallow import Schema, fields, pre_dump, validate
from werkzeug.datastructures import FileStorage

from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint
from servicekit.fields import Integer
from servicekit.files import accept_upload_of
from servicekit.identity import requires
from servicekit.inputs import validated
from servicekit.languages import _
from servicekit.problems import Problem
from support import inquiries
from support.api.viewers import STAFF_WITHOUT_SECOND_FACTOR, current_viewer
from support.domain.inquiry_states import RESOLUTION_REASONS, STATUSES
from support.domain.ownership import TYPES
from support.visible_inquiries import SeenInquiry, inquiry_seen

blp = Blueprint("inquiries", __name__, url_prefix="/api/inquiries", description="1:1 inquiries")

MAX_BODY = 5000
# Three attachments at their largest, in one multipart request.
MAX_UPLOAD_REQUEST = inquiries.MAX_ATTACHMENTS * inquiries.MAX_ATTACHMENT_BYTES


class OpenInquirySchema(Schema):
    inquiry_type = fields.String(required=True, validate=validate.OneOf(TYPES))
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200))
    body = fields.String(required=True, validate=validate.Length(min=1, max=MAX_BODY))
    order_id = fields.UUID(load_default=None, allow_none=True)
    order_line_no = Integer(load_default=None, allow_none=True, strict=True, minimum=1)
    product_id = fields.UUID(load_default=None, allow_none=True)


class MessageFormSchema(Schema):
    body = fields.String(required=True, validate=validate.Length(min=1, max=MAX_BODY))
    internal = fields.Boolean(load_default=False)
    faq_entry_id = fields.UUID(metadata={"description": (
        "A seller's or agent's answer taken from this published FAQ entry (the platform's, or the inquiry's shop's): "
        "the matcher learns that the entry answers the question.")})


class StatusChangeSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("waiting_on_customer", "resolved")))
    reason_code = fields.String(
        validate=validate.OneOf(RESOLUTION_REASONS),
        metadata={"description": "Required to resolve: why it was resolved, for root-cause counts."},
    )


class TypeChangeSchema(Schema):
    inquiry_type = fields.String(required=True, validate=validate.OneOf(TYPES))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class RatingSchema(Schema):
    rating = Integer(required=True, strict=True, minimum=1, maximum=5)
    comment = fields.String(load_default="", validate=validate.Length(max=1000))


class InquiryQuerySchema(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    inquiry_type = fields.String(validate=validate.OneOf(TYPES))
    owner = fields.String(validate=validate.OneOf(("seller", "platform")))
    assignee_id = fields.UUID()
    breached = fields.Boolean(metadata={"description": "true: only inquiries that missed a response target; "
                                                      "false: only those that never did."})
    due_before = fields.AwareDateTime(metadata={"description": "Only active inquiries (not waiting on the customer) "
                                                               "with a target not yet met, due before this instant."})
    q = fields.String(validate=validate.Length(min=1, max=100), metadata={"description": "Words in the subject."})


class AttachmentSchema(Schema):
    id = fields.String()
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()


class MessageSchema(Schema):
    id = fields.String()
    author_id = fields.String(allow_none=True)
    author_role = fields.String()
    body = fields.String()
    internal = fields.Boolean()
    automatic = fields.Boolean()
    faq_entry_id = fields.String(allow_none=True)
    attachments = fields.List(fields.Nested(AttachmentSchema))
    created_at = fields.AwareDateTime()


class HistorySchema(Schema):
    kind = fields.String()
    from_value = fields.String(allow_none=True)
    to_value = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    actor_id = fields.String(allow_none=True)
    at = fields.AwareDateTime()


class KnownShipmentSchema(Schema):
    shipment_id = fields.String()
    seller_id = fields.String()
    status = fields.String()
    carrier = fields.String(allow_none=True)
    tracking_number = fields.String(allow_none=True)


class KnownLineSchema(Schema):
    line_no = fields.Integer()
    product_id = fields.String()
    seller_id = fields.String()
    product_name = fields.String()
    quantity = fields.Integer()
    unit_price = fields.Integer()


class KnownOrderSchema(Schema):
    order_id = fields.String()
    order_number = fields.String()
    status = fields.String()
    lines = fields.List(fields.Nested(KnownLineSchema))
    shipments = fields.List(fields.Nested(KnownShipmentSchema))
    updated_at = fields.AwareDateTime()


class InquirySummarySchema(Schema):
    id = fields.String()
    customer_id = fields.String()
    inquiry_type = fields.String()
    subject = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})
    owner = fields.String()
    seller_id = fields.String(allow_none=True)
    assignee_id = fields.String(allow_none=True)
    order_id = fields.String(allow_none=True)
    order_line_no = fields.Integer(allow_none=True)
    product_id = fields.String(allow_none=True)
    follows_inquiry_id = fields.String(allow_none=True)
    escalated = fields.Boolean()
    resolution_reason = fields.String(allow_none=True)
    first_response_due_at = fields.AwareDateTime()
    resolution_due_at = fields.AwareDateTime()
    first_responded_at = fields.AwareDateTime(allow_none=True)
    breached_at = fields.AwareDateTime(allow_none=True, metadata={"description": "When a response target was first missed."})
    waiting_since = fields.AwareDateTime(allow_none=True)
    resolved_at = fields.AwareDateTime(allow_none=True)
    closed_at = fields.AwareDateTime(allow_none=True)
    satisfaction = fields.Integer(allow_none=True)
    satisfaction_comment = fields.String(allow_none=True)
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class InquirySchema(InquirySummarySchema):
    """An inquiry as the caller sees it (support.visible_inquiries.SeenInquiry)."""

    messages = fields.List(fields.Nested(MessageSchema))
    history = fields.List(fields.Nested(HistorySchema))
    order = fields.Nested(KnownOrderSchema, allow_none=True)

    @pre_dump
    def _with_what_is_seen(self, seen: SeenInquiry, **kwargs) -> dict:
        inquiry = {name: getattr(seen.inquiry, name) for name in InquirySummarySchema().fields}
        return {**inquiry, "messages": seen.messages, "history": seen.history, "order": seen.order}



def _message_sent() -> tuple[str, bool, list[FileStorage], str | None]:
    """The message of a JSON or multipart body, read once the writer may write: its size is checked
    before anything is read."""
    accept_upload_of(MAX_UPLOAD_REQUEST)
    form = request.get_json(silent=True) if request.is_json else request.form.to_dict()
    message = validated(MessageFormSchema(), form or {})
    cited = message.get("faq_entry_id")
    return message["body"], message["internal"], request.files.getlist("files"), None if cited is None else str(cited)


@blp.route("")
class Inquiries(MethodView):
    @requires()
    @blp.arguments(InquiryQuerySchema, location="query")
    @blp.response(200, InquirySummarySchema(many=True))
    @blp.paginate()
    @blp.problem(403, STAFF_WITHOUT_SECOND_FACTOR)
    def get(self, query, pagination_parameters):
        """Inquiries the caller may see, newest first: their own, their shop's, or (agents) all; of a status, type,
        owner or assignee, breached or not, due before an instant, or with words in the subject."""
        conditions = {name: query.pop(name) for name in ("breached", "due_before", "q") if name in query}
        filters = {name: str(value) for name, value in query.items()}
        return inquiries.inquiries_page(runtime(), current_viewer(), filters, pagination_parameters, **conditions)

    @requires("customer")
    @blp.arguments(OpenInquirySchema)
    @blp.response(201, InquirySchema)
    def post(self, body):
        """Open an inquiry about an order, an order line, a product, or anything else; it is routed to its owner."""
        fields_ = {**body, **{k: str(body[k]) if body[k] is not None else None for k in ("order_id", "product_id")}}
        return inquiries.open_inquiry(runtime(), current_viewer(), fields_)


@blp.route("/<inquiry_id>")
class InquiryById(MethodView):
    @requires()
    @blp.response(200, InquirySchema)
    @blp.problem(403, STAFF_WITHOUT_SECOND_FACTOR)
    def get(self, inquiry_id):
        """The inquiry with its thread, its history (for the seller and agents) and its order as it is now."""
        return inquiry_seen(runtime(), current_viewer(), inquiry_id)


@blp.route("/<inquiry_id>/messages")
class InquiryMessages(MethodView):
    @requires()
    @blp.doc(requestBody={"required": True, "content": {
        "application/json": {"schema": MessageFormSchema},
        "multipart/form-data": {"schema": {"allOf": [MessageFormSchema, {"type": "object", "properties": {
            "files": {"type": "array", "maxItems": inquiries.MAX_ATTACHMENTS,
                      "items": {"type": "string", "format": "binary"}}}}]}},
    }})
    @blp.response(201, InquirySchema)
    @blp.problem(403, f"notes-are-for-staff: customers write no internal notes; or {STAFF_WITHOUT_SECOND_FACTOR}")
    @blp.problem(409, "inquiry-closed: a seller or agent cannot write to a closed inquiry.")
    def post(self, inquiry_id):
        """Write in the thread, as JSON or as a multipart form with up to three `files` (JPEG, PNG, WebP or PDF
        by their bytes, 3 MiB each). A customer writing to an inquiry resolved over seven days ago (or closed)
        opens a new inquiry linked to it, which is what comes back.
        """
        return inquiries.write_in_thread(runtime(), current_viewer(), inquiry_id, settings().attachment_store(), _message_sent)


@blp.route("/<inquiry_id>/attachments/<attachment_id>")
class InquiryAttachment(MethodView):
    @requires()
    @blp.response(200, description="The file as it was uploaded: JPEG, PNG, WebP or PDF.")
    @blp.problem(403, STAFF_WITHOUT_SECOND_FACTOR)
    def get(self, inquiry_id, attachment_id):
        """An attachment of a message the caller may see, as a download."""
        found = inquiries.attachment_of(runtime(), current_viewer(), inquiry_id, attachment_id)
        response = send_file(settings().attachment_store().open(found.stored_name), mimetype=found.content_type,
                             as_attachment=True, download_name=found.filename)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.cache_control.private = True
        return response


@blp.route("/<inquiry_id>/status")
class InquiryStatus(MethodView):
    @requires("seller", "agent", "admin")
    @blp.arguments(StatusChangeSchema)
    @blp.response(200, InquirySchema)
    @blp.problem(409, "illegal-transition: the inquiry cannot move to this status from the one it is in.")
    def post(self, body, inquiry_id):
        """Wait on the customer (the response clocks stop) or resolve with a reason code."""
        viewer = current_viewer()
        if body["status"] == "resolved" and "reason_code" not in body:
            raise Problem(
                422, "reason-required", _("Reason required"), _("Give a reason code to resolve."),
                errors={"reason_code": [_("Required to resolve.")]},
            )
        return inquiries.change_status(runtime(), viewer, inquiry_id, body["status"], body.get("reason_code"))


@blp.route("/<inquiry_id>/type")
class InquiryType(MethodView):
    @requires("agent", "admin")
    @blp.arguments(TypeChangeSchema)
    @blp.response(200, InquirySchema)
    def post(self, body, inquiry_id):
        """An agent corrects the inquiry's type, saying why; its owner follows the type."""
        return inquiries.change_type(runtime(), current_viewer(), inquiry_id, body["inquiry_type"], body["reason"])


@blp.route("/<inquiry_id>/rating")
class InquiryRating(MethodView):
    @requires("customer")
    @blp.arguments(RatingSchema)
    @blp.response(200, InquirySchema)
    @blp.problem(409, "already-rated, or not-resolved: only a resolved inquiry is rated, once.")
    def post(self, body, inquiry_id):
        """The customer rates the resolution, 1 to 5 with a comment, once."""
        return inquiries.rate(runtime(), current_viewer(), inquiry_id, body["rating"], body["comment"])
