"""/api/product-questions: public questions on a product page and its seller's answers."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from support import product_questions
from support.api.viewers import current_reader, current_viewer

blp = Blueprint("product_questions", __name__, url_prefix="/api/product-questions", description="Product Q&A")

MAX_QUESTION = 1000
MAX_ANSWER = 2000


class QuestionFormSchema(Schema):
    product_id = fields.UUID(required=True)
    question = fields.String(required=True, validate=validate.Length(min=1, max=MAX_QUESTION))
    secret = fields.Boolean(load_default=False, metadata={"description": "Read only by the asker and the seller."})


class QuestionQuerySchema(Schema):
    product_id = fields.UUID(required=True)


class AnswerFormSchema(Schema):
    answer = fields.String(required=True, validate=validate.Length(min=1, max=MAX_ANSWER))


class QuestionSchema(Schema):
    id = fields.String()
    product_id = fields.String()
    question = fields.String(metadata={"description": f"'{product_questions.HIDDEN_TEXT}' when hidden."})
    secret = fields.Boolean()
    hidden = fields.Boolean(metadata={"description": "A secret question the caller may not read."})
    answered = fields.Boolean()
    answer = fields.String(allow_none=True)
    answered_at = fields.AwareDateTime(allow_none=True)
    created_at = fields.AwareDateTime()


@blp.route("")
class Questions(MethodView):
    @blp.arguments(QuestionQuerySchema, location="query")
    @blp.response(200, QuestionSchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """A product's questions, newest first; a secret one shows hidden text to all but its asker and seller."""
        return product_questions.questions_page(
            runtime(), current_reader(), str(query["product_id"]), pagination_parameters
        )

    @requires("customer")
    @blp.arguments(QuestionFormSchema)
    @blp.response(201, QuestionSchema)
    def post(self, body):
        """Ask about a product, publicly or secretly."""
        return product_questions.ask(
            runtime(), current_viewer(), str(body["product_id"]), body["question"], body["secret"]
        )


@blp.route("/<question_id>/answer")
class QuestionAnswer(MethodView):
    @requires("seller")
    @blp.arguments(AnswerFormSchema)
    @blp.response(201, QuestionSchema)
    @blp.problem(409, "already-answered: edit the answer instead.")
    def post(self, body, question_id):
        """The product's seller answers, once."""
        return product_questions.answer(runtime(), current_viewer(), question_id, body["answer"])

    @requires("seller")
    @blp.arguments(AnswerFormSchema)
    @blp.response(200, QuestionSchema)
    @blp.problem(409, "not-answered: answer it first.")
    def put(self, body, question_id):
        """The product's seller edits their answer."""
        return product_questions.edit_answer(runtime(), current_viewer(), question_id, body["answer"])
