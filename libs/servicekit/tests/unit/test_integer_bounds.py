"""Every integer the API takes (body, query, page, path) fits its database column, or is a 4xx naming it."""
import pytest
from flask.views import MethodView
from marshmallow import Schema, ValidationError, validate

from servicekit.app import create_service_app
from servicekit.blueprints import Blueprint
from servicekit.fields import BIG_INTEGER_COLUMN, INTEGER_COLUMN, Integer
from servicekit.pagination import DEEPEST_ROW


class LineSchema(Schema):
    line_no = Integer(required=True, strict=True, minimum=1)
    quantity = Integer(strict=True, minimum=1, maximum=999)


class FilterSchema(Schema):
    max_price = Integer(minimum=0)


def make_app(config):
    blp = Blueprint("lines", __name__, url_prefix="/lines")

    @blp.route("")
    class Lines(MethodView):
        @blp.arguments(FilterSchema, location="query")
        @blp.paginate()
        def get(self, query, pagination_parameters):
            pagination_parameters.item_count = 0
            return []

        @blp.arguments(LineSchema)
        def post(self, line):
            return line

    @blp.route("/<int:line_no>")
    class Line(MethodView):
        def get(self, line_no):
            return {"line_no": line_no}

    return create_service_app(config, title="kit", blueprints=[blp], verify_identity=False)


@pytest.fixture
def client(kit_config):
    return make_app(kit_config).test_client()


@pytest.fixture
def document(client):
    return client.get("/openapi.json").json


def test_an_integer_beyond_a_32_bit_column_is_a_422_naming_the_field(client):
    for line_no in (2**31, 2**64 + 1, -(2**70)):
        response = client.post("/lines", json={"line_no": line_no})
        assert response.status_code == 422, line_no
        assert response.mimetype == "application/problem+json"
        assert list(response.json["errors"]) == ["line_no"]
    assert client.post("/lines", json={"line_no": 2**31 - 1}).status_code == 200


def test_a_query_number_too_large_for_the_database_is_a_422_naming_it(client):
    response = client.get("/lines", query_string={"max_price": "9223372036854775808"})
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["max_price"]


def test_tighter_ranges_are_kept_and_every_bound_is_documented(client, document):
    assert client.post("/lines", json={"line_no": 1, "quantity": 1000}).status_code == 422
    line = document["components"]["schemas"]["Line"]["properties"]
    assert line["line_no"].items() >= {"minimum": 1, "maximum": INTEGER_COLUMN.max}.items()
    assert line["quantity"].items() >= {"minimum": 1, "maximum": 999}.items()


def test_a_range_wider_than_its_column_is_refused_when_the_schema_is_written():
    with pytest.raises(ValueError):
        Integer(maximum=10**12)
    assert Integer(maximum=10**12, column=BIG_INTEGER_COLUMN).deserialize(10**12) == 10**12


def test_other_validators_still_apply():
    nonzero = Integer(minimum=-5, maximum=5, validate=validate.NoneOf([0]))
    with pytest.raises(ValidationError):
        nonzero.deserialize(0)
    assert nonzero.deserialize(-5) == -5


def test_a_page_too_deep_for_the_database_is_a_422_naming_page(client):
    for page in ("1000000000000000000", str(DEEPEST_ROW // 100 + 1)):
        response = client.get("/lines", query_string={"page": page})
        assert response.status_code == 422, page
        assert response.mimetype == "application/problem+json"
        assert list(response.json["errors"]) == ["page"]
    deepest = client.get("/lines", query_string={"page": DEEPEST_ROW // 100, "page_size": 100})
    assert deepest.status_code == 200


def test_paging_bounds_show_in_the_openapi_document(document):
    parameters = {p["name"]: p["schema"] for p in document["paths"]["/lines"]["get"]["parameters"]}
    assert parameters["page"].items() >= {"minimum": 1, "maximum": DEEPEST_ROW // 100, "default": 1}.items()
    assert parameters["page_size"].items() >= {"minimum": 1, "maximum": 100}.items()


def test_a_path_number_beyond_an_integer_column_names_nothing(client, document):
    assert client.get(f"/lines/{2**31 - 1}").json == {"line_no": 2**31 - 1}
    assert client.get(f"/lines/{2**31}").status_code == 404
    assert client.get(f"/lines/{10**30}").status_code == 404
    (line_no,) = document["paths"]["/lines/{line_no}"]["parameters"]
    assert line_no["schema"] == {"type": "integer", "minimum": 0, "maximum": INTEGER_COLUMN.max}


def test_a_list_without_a_page_answers_the_first_and_a_bad_page_size_is_still_refused(client):
    assert client.get("/lines").status_code == 200
    response = client.get("/lines", query_string={"page_size": "0"})
    assert response.status_code == 422
    assert list(response.json["errors"]) == ["page_size"]


def test_paging_parameters_are_read_with_one_schema_made_once():
    from flask import Flask

    from servicekit.blueprints import PagingParser

    class Paging(Schema):
        page = Integer(minimum=1)

    parser = PagingParser()
    with Flask("t").test_request_context("/?page=2"):
        assert parser.parse(Paging, location="query") == {"page": 2}
        assert parser.parse(Paging, location="query") == {"page": 2}
        assert parser._get_schema(Paging, None) is parser._get_schema(Paging, None)


def test_an_operations_arguments_are_read_with_one_schema_made_once(client):
    from servicekit.blueprints import Blueprint

    assert client.get("/lines", query_string={"max_price": "5"}).status_code == 200
    made = Blueprint.ARGUMENTS_PARSER._schemas[FilterSchema]
    assert client.get("/lines", query_string={"max_price": "7"}).status_code == 200
    assert Blueprint.ARGUMENTS_PARSER._schemas[FilterSchema] is made
    assert client.get("/lines", query_string={"max_price": "-1"}).status_code == 422
