"""Text with a NUL character, which PostgreSQL cannot store, is refused where it arrives: 422 naming the field, or 404.

So is JSON text with half of a UTF-16 pair, and a JSON body Python cannot read (nested too deeply, a number
of more than 4300 digits): a 422 or 400, never a 500.
"""
import pytest
from flask import request
from flask.views import MethodView
from marshmallow import Schema, fields

from servicekit.app import create_service_app
from servicekit.blueprints import Blueprint
from servicekit.inputs import MAX_JSON_DEPTH, NUL_REFUSED, SURROGATE_REFUSED, validated
from servicekit.languages import translate


class NoteSchema(Schema):
    title = fields.String(required=True)
    tags = fields.List(fields.String(), load_default=list)


class SearchSchema(Schema):
    q = fields.String()


@pytest.fixture
def client(kit_config):
    blp = Blueprint("notes", __name__, url_prefix="/notes")

    @blp.route("")
    class Notes(MethodView):
        @blp.arguments(SearchSchema, location="query")
        def get(self, query):
            return query

        @blp.arguments(NoteSchema)
        def post(self, note):
            return note

    @blp.route("/form")
    class NoteForms(MethodView):
        def post(self):
            return validated(NoteSchema(), request.form.to_dict())

    @blp.route("/read-by-the-view")
    class NotesReadByTheView(MethodView):
        def post(self):
            return validated(NoteSchema(), request.get_json(silent=True) or {})

    @blp.route("/<name>")
    class Note(MethodView):
        def get(self, name):
            return {"name": name}

    return create_service_app(kit_config, title="kit", blueprints=[blp], verify_identity=False).test_client()


def test_a_nul_in_a_json_body_is_a_422_naming_the_field(client):
    response = client.post("/notes", json={"title": "tea\x00", "tags": ["green", "bl\x00ck"]})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.json["errors"] == {"title": [translate(NUL_REFUSED, "ko")], "tags": {"1": [translate(NUL_REFUSED, "ko")]}}


def test_a_nul_in_a_query_is_a_422_naming_it(client):
    response = client.get("/notes?q=tea%00")
    assert response.status_code == 422
    assert response.json["errors"] == {"q": [translate(NUL_REFUSED, "ko")]}


def test_a_form_read_by_its_view_refuses_a_nul_too(client):
    response = client.post("/notes/form", data={"title": "tea\x00"})
    assert response.status_code == 422
    assert response.json["errors"] == {"title": [translate(NUL_REFUSED, "ko")]}


def test_a_path_with_a_nul_names_nothing(client):
    assert client.get("/notes/tea%00").status_code == 404
    assert client.get("/notes/tea").json == {"name": "tea"}


def test_text_without_nul_passes(client):
    assert client.post("/notes", json={"title": "tea", "tags": ["green"]}).json == {"title": "tea", "tags": ["green"]}
    assert client.post("/notes/form", data={"title": "tea"}).json == {"title": "tea", "tags": []}


def test_half_of_a_utf16_pair_in_a_json_body_is_a_422_naming_the_field(client):
    response = client.post("/notes", data='{"title": "tea \\ud800", "tags": ["\\udc00"]}',
                           content_type="application/json")
    assert response.status_code == 422
    assert response.json["errors"] == {"title": [translate(SURROGATE_REFUSED, "ko")], "tags": {"0": [translate(SURROGATE_REFUSED, "ko")]}}
    response = client.post("/notes/read-by-the-view", data='{"title": "\\ud800"}', content_type="application/json")
    assert response.status_code == 422
    assert response.json["errors"] == {"title": [translate(SURROGATE_REFUSED, "ko")]}


UNREADABLE_JSON = {
    "nested beyond what Python's decoder takes": "[" * 100_000 + "]" * 100_000,
    "nested beyond what the API takes": '{"title": "tea", "tags": ' + "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH + "}",
    "a number of more digits than Python converts": '{"title": "tea", "tags": [], "n": ' + "9" * 5000 + "}",
}


@pytest.mark.parametrize("shape", list(UNREADABLE_JSON))
def test_a_json_body_python_cannot_read_is_refused_not_a_500(shape, client):
    body = UNREADABLE_JSON[shape]
    response = client.post("/notes", data=body, content_type="application/json")
    assert response.status_code == 422
    assert response.json["errors"] == {"json": ["요청 본문이 올바른 JSON이 아닙니다."]}
    # A view reading its body itself sees none.
    response = client.post("/notes/read-by-the-view", data=body, content_type="application/json")
    assert response.status_code == 422
    assert response.json["errors"] == {"title": ["필수 항목입니다."]}


def test_a_json_body_nested_as_deep_as_the_api_takes_is_read(client):
    tags = "[" * (MAX_JSON_DEPTH - 1) + "]" * (MAX_JSON_DEPTH - 1)
    response = client.post("/notes", data='{"title": "tea", "tags": ' + tags + "}", content_type="application/json")
    # Read, then refused by the schema for what it holds, not for its depth.
    assert response.status_code == 422
    assert "tags" in response.json["errors"]
