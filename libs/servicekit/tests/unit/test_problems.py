"""Errors reach clients as RFC 9457 problem documents, never as stack traces."""
from flask import Flask
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields

from servicekit.problems import Problem, ProblemSchema, init_problems


class ItemSchema(Schema):
    quantity = fields.Integer(required=True, strict=True)


def make_client():
    app = Flask("t")
    app.config.update(API_TITLE="t", API_VERSION="1", OPENAPI_VERSION="3.1.0", MAX_CONTENT_LENGTH=100)
    api = Api(app)
    blp = Blueprint("items", __name__)

    @blp.post("/items")
    @blp.arguments(ItemSchema)
    def create(item):
        if item["quantity"] > 5:
            raise Problem(409, "too-many", "Conflict", "At most five.")
        return {"ok": True}

    @blp.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    api.register_blueprint(blp)
    init_problems(app)
    return app.test_client()


def test_validation_errors_name_the_failing_fields():
    response = make_client().post("/items", json={"quantity": "many"})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "quantity" in response.json["errors"]


def test_domain_problem_keeps_its_type_and_detail():
    body = make_client().post("/items", json={"quantity": 9}).json
    assert body["type"] == "urn:marketplace:problem:too-many"
    assert body["detail"] == "At most five."


def test_unexpected_errors_hide_their_internals():
    response = make_client().get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.get_data(as_text=True)


def test_oversized_body_is_refused_with_413():
    response = make_client().post("/items", data="x" * 1000, content_type="application/json")
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"


def test_unknown_path_is_a_404_problem():
    assert make_client().get("/nowhere").json["status"] == 404


def test_an_unreachable_database_is_a_503_problem_with_retry_after():
    from sqlalchemy import create_engine, text

    app = Flask("t")
    engine = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none", connect_args={"connect_timeout": 1})

    @app.get("/orders")
    def orders():
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    init_problems(app)
    response = app.test_client().get("/orders")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert response.json["type"].endswith("database-unavailable")


def test_every_problem_sent_is_what_the_documented_problem_schema_describes():
    client = make_client()
    answers = [
        client.post("/items", json={"quantity": "many"}),
        client.post("/items", json={"quantity": 9}),
        client.post("/items", data="x" * 1000, content_type="application/json"),
        client.get("/boom"),
        client.get("/nowhere"),
        client.delete("/items"),
    ]
    assert {answer.mimetype for answer in answers} == {"application/problem+json"}
    assert [ProblemSchema().validate(answer.json) for answer in answers] == [{}] * len(answers)
