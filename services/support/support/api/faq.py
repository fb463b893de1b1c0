"""/api/faq: anyone reads and searches the FAQ, and is shown the entries that may answer what they
are writing; agents write, edit and unpublish entries.
"""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import unit_of_work
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from servicekit.pagination import page_of
from support import faq, inquiries
from support.auto_answers import reject_automatic_answer
from support.api.inquiries import InquirySchema
from support.api.viewers import current_reader, current_viewer
from support.models.faq import CATEGORIES, LANGUAGES

blp = Blueprint("faq", __name__, url_prefix="/api/faq", description="Frequently asked questions")


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
    created_at = fields.AwareDateTime(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class FaqQuerySchema(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    q = fields.String(validate=validate.Length(min=1, max=200), metadata={"description": "Words to search for."})


class SuggestionQuerySchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=5000))


class SuggestionSchema(Schema):
    entry = fields.Nested(FaqEntrySchema)
    score = fields.Float(metadata={"description": "How well the entry matches the text, 0 to 1."})


@blp.route("")
class FaqEntries(MethodView):
    @blp.arguments(FaqQuerySchema, location="query")
    @blp.response(200, FaqEntrySchema(many=True))
    @blp.paginate()
    def get(self, query, pagination_parameters):
        """The FAQ by category, or the entries matching `q` (Korean or English) best first."""
        viewer = current_reader()
        with unit_of_work() as uow:
            statement = faq.listing(uow, viewer, query.get("category"), query.get("q"))
            return page_of(uow.session, statement, pagination_parameters)

    @requires("agent", "admin")
    @blp.arguments(FaqEntryInSchema)
    @blp.response(201, FaqEntrySchema)
    def post(self, body):
        """Write an entry; it is published (shown, and sent as an automatic answer) unless `published` is false."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            entry = faq.create_entry(uow, viewer, body)
            uow.commit()
            return entry


@blp.route("/suggestions")
class FaqSuggestions(MethodView):
    @blp.arguments(SuggestionQuerySchema, location="query")
    @blp.response(200, SuggestionSchema(many=True))
    def get(self, query):
        """While a customer writes an inquiry: up to three published entries that may answer it, best first."""
        with unit_of_work() as uow:
            return [{"entry": entry, "score": match.score} for entry, match in faq.suggestions(uow, query["text"])]


@blp.route("/<entry_id>")
class FaqEntryById(MethodView):
    @blp.response(200, FaqEntrySchema)
    def get(self, entry_id):
        """One entry; an unpublished one only for agents."""
        viewer = current_reader()
        with unit_of_work() as uow:
            return faq.entry_for(uow, viewer, entry_id)

    @requires("agent", "admin")
    @blp.arguments(FaqEntryChangeSchema(partial=True))
    @blp.response(200, FaqEntrySchema)
    def patch(self, body, entry_id):
        """Edit an entry; `published: true` publishes an unpublished one again."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            entry = faq.edit_entry(uow, viewer, entry_id, body)
            uow.commit()
            return entry

    @requires("agent", "admin")
    @blp.response(204)
    def delete(self, entry_id):
        """Unpublish an entry: customers and automatic answers no longer see it; it is kept for past answers."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            faq.unpublish_entry(uow, viewer, entry_id)
            uow.commit()


automatic_answers = Blueprint(
    "automatic_answers", __name__, url_prefix="/api/inquiries", description="Automatic answers from the FAQ"
)


@automatic_answers.route("/<inquiry_id>/automatic-answer/rejection")
class AutomaticAnswerRejection(MethodView):
    @requires("customer")
    @automatic_answers.response(200, InquirySchema)
    def post(self, inquiry_id):
        """The customer says the automatic answer did not help: the inquiry goes to a person."""
        viewer = current_viewer()
        with unit_of_work() as uow:
            inquiry = inquiries.inquiry_for(uow, viewer, inquiry_id, for_update=True)
            reject_automatic_answer(uow, viewer, inquiry)
            uow.commit()
            return inquiries.seen_by(uow, viewer, inquiry)
