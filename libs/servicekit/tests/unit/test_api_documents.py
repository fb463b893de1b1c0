"""A service's OpenAPI document says what it answers: errors as problem documents, the ones each operation can
really answer and no catch-all, who may call it, and every body it reads."""
import pytest
from flask import Response
from flask.views import MethodView
from marshmallow import Schema, fields

from servicekit.app import create_service_app
from servicekit.blueprints import Blueprint
from servicekit.config import ServiceConfig
from servicekit.identity import requires, requires_recent_second_factor, requires_second_factor
from servicekit.problems import PROBLEM_JSON
from servicekit.testing.api_compatibility import resolved

PROBLEM = {"$ref": "#/components/schemas/Problem"}


class NoteSchema(Schema):
    title = fields.String(required=True)


class SearchSchema(Schema):
    q = fields.String()


class UploadSchema(Schema):
    caption = fields.String()


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kit")
    config = ServiceConfig(
        service="kit", database_url=f"sqlite:///{folder / 'kit.db'}", broker_url="memory://", bus_namespace="kit",
        var_dir=folder, identity_public_key_file=folder / "none.pem", identity_private_key_file=folder / "none.pem",
        log_json=False,
    )
    blp = Blueprint("notes", __name__, url_prefix="/api/notes")

    @blp.route("")
    class Notes(MethodView):
        @blp.arguments(SearchSchema, location="query")
        @blp.response(200, NoteSchema(many=True))
        @blp.paginate()
        def get(self, query, pagination_parameters):
            """Notes, for anyone."""
            return []

        @requires("seller", "admin")
        @blp.arguments(NoteSchema)
        @blp.response(201, NoteSchema)
        @blp.problem(409, "A note with this title exists.")
        def post(self, note):
            """Write a note."""
            return note

    @blp.route("/<note_id>")
    class Note(MethodView):
        @blp.response(200, NoteSchema)
        def get(self, note_id):
            """One note."""
            return {"title": note_id}

        @blp.response(204)
        @requires()
        def delete(self, note_id):
            """Delete a note: any signed-in caller."""
            return None

    @blp.route("/<note_id>/pin")
    class Pin(MethodView):
        @requires("seller")
        @requires_second_factor
        @blp.response(204)
        def put(self, note_id):
            return None

        @requires_recent_second_factor
        @blp.response(204)
        @blp.alt_response(410, description="The note was archived.")
        def delete(self, note_id):
            return None

    @blp.route("/<note_id>/attachments")
    class Attachments(MethodView):
        @requires()
        @blp.doc(requestBody={"required": True, "content": {
            "multipart/form-data": {"schema": {"allOf": [UploadSchema, {"type": "object", "properties": {
                "file": {"type": "string", "format": "binary"}}}]}},
            "application/json": {"schema": UploadSchema},
        }})
        @blp.response(201, NoteSchema)
        def post(self, note_id):
            """Attach a file, or say what it shows."""
            return {}

    @blp.route("/<note_id>/export")
    class Export(MethodView):
        @blp.response(200, content_type="text/csv")
        def get(self, note_id):
            return Response("title\n", mimetype="text/csv")

    @blp.route("/<note_id>/scan")
    class Scan(MethodView):
        @blp.response(200, description="The page as scanned.", content_type="image/*")
        def get(self, note_id):
            return Response(b"", mimetype="image/png")

    @blp.route("/checked-by-the-view")
    class CheckedByTheView(MethodView):
        @blp.signed_in("agent")
        @blp.response(200, NoteSchema)
        def get(self):
            return {}

        @blp.signed_in(second_factor="recent")
        @blp.response(204)
        def delete(self):
            return None

    app = create_service_app(config, title="kit", blueprints=[blp], verify_identity=False)
    return app.test_client().get("/openapi.json").get_json()


def operation(document, method, path):
    return document["paths"][path][method]


def statuses(document, method, path):
    return sorted(operation(document, method, path)["responses"])


def test_no_operation_documents_a_catch_all_default_response(document):
    assert not [
        (method, path) for path, operations in document["paths"].items() for method, op in operations.items()
        if isinstance(op, dict) and "default" in op["responses"]
    ]
    assert "DEFAULT_ERROR" not in document["components"].get("responses", {})


def test_the_paging_header_is_documented_as_the_json_document_it_is(document):
    header = resolved(document, operation(document, "get", "/api/notes")["responses"]["200"]["headers"]["X-Pagination"])

    assert "schema" not in header
    assert resolved(document, header["content"]["application/json"]["schema"])["properties"]["total"] == {
        "type": "integer", "description": "Total number of items."}


def test_an_answer_that_is_no_json_names_its_content_type_as_text_or_bytes(document):
    assert operation(document, "get", "/api/notes/{note_id}/export")["responses"]["200"]["content"] == {
        "text/csv": {"schema": {"type": "string"}}}
    assert operation(document, "get", "/api/notes/{note_id}/scan")["responses"]["200"]["content"] == {
        "image/*": {"schema": {"type": "string", "format": "binary"}}}


def test_every_error_response_is_a_problem_document(document):
    errors = [
        resolved(document, response)
        for operations in document["paths"].values() for op in operations.values() if isinstance(op, dict)
        for status, response in op["responses"].items() if int(status) >= 400
    ]
    assert errors
    assert all(response["content"] == {PROBLEM_JSON: {"schema": PROBLEM}} for response in errors)
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "instance", "errors"} <= set(problem["properties"])
    assert {"type", "title", "status", "detail"} <= set(problem["required"])
    assert "Error" not in document["components"]["schemas"]


def test_each_operation_documents_the_errors_it_can_answer(document):
    # Anyone may list; a bad query or page is a 422; the database may be out of reach.
    assert statuses(document, "get", "/api/notes") == ["200", "422", "503"]
    # Roles: 401 signed out, 403 without the role; a body: 422 and 413; and the conflict the view declares.
    assert statuses(document, "post", "/api/notes") == ["201", "401", "403", "409", "413", "422", "503"]
    assert resolved(document, operation(document, "post", "/api/notes")["responses"]["409"])["description"] == (
        "A note with this title exists.")
    # An id in the path: 404.
    assert statuses(document, "get", "/api/notes/{note_id}") == ["200", "404", "503"]
    # Signed in, any role: 401 and no 403.
    assert statuses(document, "delete", "/api/notes/{note_id}") == ["204", "401", "404", "503"]
    assert statuses(document, "put", "/api/notes/{note_id}/pin") == ["204", "401", "403", "404", "503"]
    assert statuses(document, "delete", "/api/notes/{note_id}/pin") == ["204", "401", "403", "404", "410", "503"]
    assert statuses(document, "get", "/api/notes/checked-by-the-view") == ["200", "401", "403", "503"]


def test_operations_that_need_a_signed_in_caller_say_so_and_public_ones_do_not(document):
    assert "x-caller" not in operation(document, "get", "/api/notes")
    assert "x-caller" not in operation(document, "get", "/api/notes/{note_id}")
    assert operation(document, "post", "/api/notes")["x-caller"] == {"roles": ["seller", "admin"]}
    assert operation(document, "delete", "/api/notes/{note_id}")["x-caller"] == {"roles": []}
    assert operation(document, "put", "/api/notes/{note_id}/pin")["x-caller"] == {
        "roles": ["seller"], "second-factor": "at-sign-in"}
    assert operation(document, "delete", "/api/notes/{note_id}/pin")["x-caller"] == {
        "roles": [], "second-factor": "recent"}
    assert operation(document, "get", "/api/notes/checked-by-the-view")["x-caller"] == {"roles": ["agent"]}
    assert operation(document, "delete", "/api/notes/checked-by-the-view")["x-caller"] == {
        "roles": [], "second-factor": "recent"}


def test_a_body_the_view_reads_itself_is_documented_with_its_schemas(document):
    body = operation(document, "post", "/api/notes/{note_id}/attachments")["requestBody"]
    assert body["required"] is True
    assert body["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Upload"}
    multipart = body["content"]["multipart/form-data"]["schema"]["allOf"]
    assert multipart[0] == {"$ref": "#/components/schemas/Upload"}
    assert multipart[1]["properties"]["file"] == {"type": "string", "format": "binary"}
    assert statuses(document, "post", "/api/notes/{note_id}/attachments") == [
        "201", "401", "404", "413", "422", "503"]
