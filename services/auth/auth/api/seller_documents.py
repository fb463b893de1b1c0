"""/api/sellers/<id>/documents: a seller uploads their certificate; they and admins list and download documents."""
import functools

from flask import send_file
from flask.views import MethodView
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate
from webargs.flaskparser import FlaskParser
from werkzeug.datastructures import CombinedMultiDict

from auth import seller_documents, sellers
from auth.api.viewers import request_origin, viewer
from auth.domain.sellers import DOCUMENT_KINDS
from servicekit.app import settings
from servicekit.blueprints import Blueprint
from servicekit.files import accept_upload_of
from servicekit.identity import requires

class MultipartParser(FlaskParser):
    """Reads a multipart body's file and fields together, as the one schema that documents it describes them."""

    def load_files(self, req, schema):
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)


blp = Blueprint(
    "seller_documents", __name__, url_prefix="/api/sellers", description="Documents of seller registrations"
)
blp.ARGUMENTS_PARSER = MultipartParser()


class DocumentUploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "A PDF, PNG or JPEG, known by its content."})
    kind = fields.String(required=True, validate=validate.OneOf(DOCUMENT_KINDS))


class DocumentSchema(Schema):
    id = fields.String()
    seller_id = fields.String()
    kind = fields.String(metadata={"enum": list(DOCUMENT_KINDS)})
    filename = fields.String()
    content_type = fields.String()
    size_bytes = fields.Integer()
    sha256 = fields.String()
    uploaded_at = fields.AwareDateTime()


def _refuse_unless_own(seller_id: str, *, admins_too: bool) -> None:
    # Other people's sellers are answered as missing, so ids cannot be probed.
    asking = viewer()
    if not (asking.sees_seller(seller_id) if admins_too else asking.is_seller(seller_id)):
        raise sellers.seller_not_found()


def uploads_by_the_seller_itself(view):
    """Refuse anyone but the path's seller before their body is read; let the seller's be as large as a document."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        _refuse_unless_own(str(kwargs["seller_id"]), admins_too=False)
        accept_upload_of(settings().document_max_bytes)
        return view(*args, **kwargs)

    return wrapper


@blp.route("/<uuid:seller_id>/documents")
class SellerDocuments(MethodView):
    @requires()
    @uploads_by_the_seller_itself
    @blp.arguments(DocumentUploadSchema, location="files")
    @blp.response(201, DocumentSchema)
    def post(self, upload, seller_id):
        """Upload a document: the seller themself only.

        PDF, PNG or JPEG as read from its bytes, whatever its name or declared type (422 otherwise), at most
        the size limit (413). A registration waiting for documents goes back to review.
        """
        return seller_documents.upload_document(str(seller_id), upload["kind"], upload["file"], request_origin())

    @requires()
    @blp.response(200, DocumentSchema(many=True))
    def get(self, seller_id):
        """The seller's documents, newest first: for the seller themself and admins."""
        _refuse_unless_own(str(seller_id), admins_too=True)
        return seller_documents.documents_of(str(seller_id))


@blp.route("/<uuid:seller_id>/documents/<uuid:document_id>")
class SellerDocumentFile(MethodView):
    @requires()
    @blp.response(200, description="The file, as an attachment.", content_type="application/octet-stream")
    def get(self, seller_id, document_id):
        """Download a document: for the seller themself and admins. Always an attachment, never sniffed."""
        _refuse_unless_own(str(seller_id), admins_too=True)
        document, content = seller_documents.open_document(str(seller_id), str(document_id))
        response = send_file(
            content,
            mimetype=document.content_type,
            as_attachment=True,
            download_name=document.filename,
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
