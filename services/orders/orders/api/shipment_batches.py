"""/api/shipments/...: a seller's desk over many shipments: counts, bulk confirmation, dispatch by sheet, packing list."""
from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from orders import seller_desk
from orders.api.viewers import current_viewer
from orders.domain.dispatch_sheet import HEADER, DispatchSheetRefused, read_dispatch_sheet
from orders.domain.lifecycle import PAID, PREPARING, STATUSES
from servicekit import clock
from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.files import accept_upload_of
from servicekit.identity import requires
from servicekit.korean_calendar import korean_day
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.spreadsheets import spreadsheet_download

# Werkzeug matches static path parts before variables, so /api/shipments/counts is this blueprint's and
# not a shipment with the id "counts".
blp = Blueprint(
    "shipment_batches",
    __name__,
    url_prefix="/api/shipments",
    description="A seller's desk: counts per status, bulk confirmation, dispatch by CSV sheet, packing list",
)

MAX_CONFIRMATIONS = 500
MAX_SHEET_BYTES = 1024 * 1024


class CountsSchema(Schema):
    paid = fields.Integer()
    preparing = fields.Integer()
    shipping = fields.Integer()
    delivered = fields.Integer()
    purchase_confirmed = fields.Integer()
    cancelled = fields.Integer()


class RowProblemSchema(Schema):
    type = fields.String()
    status = fields.Integer()
    detail = fields.String()


class ConfirmationsRequestSchema(Schema):
    shipment_ids = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=MAX_CONFIRMATIONS),
    )


class RowResultSchema(Schema):
    ok = fields.Boolean()
    problem = fields.Nested(RowProblemSchema, metadata={"description": "Why the row failed; only when it did."})


class ConfirmationResultSchema(RowResultSchema):
    shipment_id = fields.String()
    status = fields.String(metadata={"enum": list(STATUSES)})


class ConfirmationsSchema(Schema):
    results = fields.List(fields.Nested(ConfirmationResultSchema))
    confirmed = fields.Integer()
    failed = fields.Integer()


class DispatchResultSchema(RowResultSchema):
    row = fields.Integer(metadata={"description": "The data row of the sheet, counted from 1 below the header."})
    order_number = fields.String()
    shipment_id = fields.String()


class DispatchesSchema(Schema):
    results = fields.List(fields.Nested(DispatchResultSchema))
    dispatched = fields.Integer()
    failed = fields.Integer()


class PackingListQuerySchema(Schema):
    status = fields.String(load_default=PREPARING, validate=validate.OneOf((PREPARING, PAID)))


def _uploaded_sheet() -> bytes:
    """The sheet's bytes, sent as a text/csv body or as the form field `file`; at most MAX_SHEET_BYTES."""
    accept_upload_of(MAX_SHEET_BYTES)
    if request.mimetype == "text/csv":
        content = request.get_data(cache=False)
    elif request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None:
            raise Problem(
                422, "validation-failed", "Unprocessable Content", _("Attach the sheet as the form field file."),
                errors={"file": ["Missing data for required field."]},
            )
        content = upload.stream.read(MAX_SHEET_BYTES + 1)
    else:
        raise Problem(
            415, "unsupported-media-type", "Unsupported Media Type",
            _("Send the sheet as a text/csv body or as the file of a multipart/form-data form."),
        )
    if len(content) > MAX_SHEET_BYTES:
        raise Problem(413, "payload-too-large", "Payload Too Large", _("A dispatch sheet may be at most 1 MiB."))
    return content


@blp.route("/counts")
class ShipmentCounts(MethodView):
    @requires("seller", "admin")
    @blp.response(200, CountsSchema)
    def get(self):
        """How many of the seller's shipments (an admin's: all) are in each status past payment."""
        return seller_desk.shipment_counts(runtime(), current_viewer())


@blp.route("/confirmations")
class ShipmentConfirmations(MethodView):
    @requires("seller", "admin")
    @blp.arguments(ConfirmationsRequestSchema)
    @blp.response(200, ConfirmationsSchema)
    def post(self, body):
        """Confirm up to 500 paid shipments; each succeeds or fails on its own, with its reason."""
        return seller_desk.confirm_shipments(runtime(), current_viewer(), body["shipment_ids"])


@blp.route("/dispatches")
class ShipmentDispatches(MethodView):
    @requires("seller", "admin")
    @blp.doc(
        requestBody={
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
                },
            },
        }
    )
    @blp.response(200, DispatchesSchema)
    @blp.problem(415, "unsupported-media-type: send the sheet as text/csv or as the file of a multipart form.")
    def post(self):
        """Dispatch the shipments a CSV sheet names: order_number,carrier,tracking_number (or 주문번호,택배사,송장번호).

        UTF-8 (a BOM is fine) or CP949 as Korean Excel saves it, at most 1 MiB and 1000 rows. A carrier is its
        code or Korean name. Each row succeeds or fails on its own; a sheet that cannot be read at all is 422.
        """
        viewer = current_viewer()
        try:
            rows = read_dispatch_sheet(_uploaded_sheet())
        except DispatchSheetRefused as refused:
            raise Problem(422, "dispatch-sheet-refused", _("Unusable dispatch sheet"), refused.args[0]) from None
        return seller_desk.dispatch_sheet_rows(runtime(), viewer, rows)


@blp.route("/dispatch-template")
class DispatchTemplate(MethodView):
    @requires("seller", "admin")
    @blp.response(200, content_type="text/csv")
    def get(self):
        """An empty dispatch sheet: the header row to fill in."""
        current_viewer()  # a seller's desk, this page too, wants a second factor
        return spreadsheet_download(HEADER, [], "dispatch-template.csv")


@blp.route("/packing-list")
class PackingList(MethodView):
    @requires("seller", "admin")
    @blp.arguments(PackingListQuerySchema, location="query")
    @blp.response(200, content_type="text/csv")
    def get(self, query):
        """Every line to pack of the shipments being prepared (or paid), with the address, as a CSV for Excel."""
        lines = seller_desk.packing_list(runtime(), current_viewer(), query["status"])
        today = korean_day(clock.now())
        return spreadsheet_download(
            seller_desk.PACKING_LIST_COLUMNS, [line.cells() for line in lines], f"packing-list-{today:%Y%m%d}.csv"
        )
