"""/api/faq: anyone reads and searches the platform's FAQ or a shop's, and is shown the entries that
may answer what they are writing; agents write, edit and unpublish the platform's entries, a seller
their shop's.
"""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from support import auto_answers, faq
from support.api.inquiries import InquirySchema
from support.api.viewers import current_reader, current_viewer
from support.models.faq import CATEGORIES, LANGUAGES

blp = Blueprint("faq", __name__, url_prefix="/api/faq", description="Frequently asked questions")

KEEPERS = ("seller", "agent", "admin")
SHOP = "The shop (seller id) whose own FAQ this is about; without it, the platform's FAQ."


class FaqEntryInSchema(Schema):
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    question = fields.String(required=True, validate=validate.Length(min=1, max=300))
    answer = fields.String(required=True, validate=validate.Length(min=1, max=5000))
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=100)), validate=validate.Length(max=30))
    published = fields.Boolean()


class FaqEntryChangeSchema(FaqEntryInSchema):
    """Any of an entry's fields (given partially): the others stay as they are."""


class FaqEntrySchema(FaqEntryInSchema):
    id = fields.String(dump_only=True)
    seller_id = fields.String(dump_only=True, allow_none=True,
                              metadata={"description": "The shop whose entry this is; null for the platform's."})
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class FaqQuerySchema(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    q = fields.String(validate=validate.Length(min=1, max=200), metadata={"description": "Words to search for."})
    seller_id = fields.UUID(metadata={"description": SHOP})


# The text travels in the URL, whose request line the gateway's gunicorn cuts at 4,094 bytes (414): 300
# characters fit even when each is four bytes of UTF-8, twelve once percent-encoded.
SUGGESTION_TEXT_MAX = 300


class SuggestionQuerySchema(Schema):
    text = fields.String(
        required=True, validate=validate.Length(min=1, max=SUGGESTION_TEXT_MAX),
        metadata={"description": "What the customer is writing, or its start: it travels in the URL."},
    )
    seller_id = fields.UUID(metadata={"description": SHOP + " The shop's entries come first."})


class SuggestionSchema(Schema):
    entry = fields.Nested(FaqEntrySchema)
    score = fields.Float(metadata={"description": "How well the entry matches the text, 0 to 1."})


def _shop(query) -> str | None:
    return None if "seller_id" not in query else str(query["seller_id"])


@blp.route("")
class FaqEntries(MethodView):
    @blp.arguments(FaqQuerySchema, location="query")
    @blp.response(200, FaqEntrySchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """The platform's FAQ or a shop's by category, or the entries matching `q` (Korean or English) best first."""
        return faq.entries(runtime(), current_reader(), query.get("category"), query.get("q"), _shop(query),
                           pagination_parameters)

    @requires(*KEEPERS)
    @blp.arguments(FaqEntryInSchema)
    @blp.response(201, FaqEntrySchema)
    def post(self, body):
        """Write an entry: an agent's goes in the platform's FAQ, a seller's in their shop's. It is published
        (shown, and sent as an automatic answer) unless `published` is false."""
        return faq.create_entry(runtime(), current_viewer(), body)


@blp.route("/suggestions")
class FaqSuggestions(MethodView):
    @blp.arguments(SuggestionQuerySchema, location="query")
    @blp.response(200, SuggestionSchema(many=True))
    def get(self, query):
        """While a customer writes an inquiry: up to three published entries that may answer it, best first."""
        return [{"entry": entry, "score": match.score}
                for entry, match in faq.suggestions(runtime(), query["text"], _shop(query))]


@blp.route("/<entry_id>")
class FaqEntryById(MethodView):
    @blp.response(200, FaqEntrySchema)
    def get(self, entry_id):
        """One entry; an unpublished one only for agents and (a shop's) its seller."""
        return faq.read_entry(runtime(), current_reader(), entry_id)

    @requires(*KEEPERS)
    @blp.arguments(FaqEntryChangeSchema(partial=True))
    @blp.response(200, FaqEntrySchema)
    def patch(self, body, entry_id):
        """Edit an entry of the platform (agents) or of the caller's shop; `published: true` publishes it again."""
        return faq.edit_entry(runtime(), current_viewer(), entry_id, body)

    @requires(*KEEPERS)
    @blp.response(204)
    def delete(self, entry_id):
        """Unpublish an entry: customers and automatic answers no longer see it; it is kept for past answers."""
        faq.unpublish_entry(runtime(), current_viewer(), entry_id)


automatic_answers = Blueprint(
    "automatic_answers", __name__, url_prefix="/api/inquiries", description="Automatic answers from the FAQ"
)


@automatic_answers.route("/<inquiry_id>/automatic-answer/rejection")
class AutomaticAnswerRejection(MethodView):
    @requires("customer")
    @automatic_answers.response(200, InquirySchema)
    @automatic_answers.problem(409, "no-automatic-answer, already-rejected, or inquiry-not-active.")
    def post(self, inquiry_id):
        """The customer says the automatic answer did not help: the inquiry goes to a person, who is due a
        first answer by the inquiry type's target counted from now."""
        return auto_answers.reject_automatic_answer(runtime(), current_viewer(), inquiry_id)
