"""/api/faq/synonyms: the FAQ matcher's synonym and short-form dictionary; agents read it, admins keep it."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from support import faq_synonyms
from support.api.viewers import current_viewer
from support.models.faq import LANGUAGES

blp = Blueprint("faq_synonyms", __name__, url_prefix="/api/faq/synonyms",
                description="The FAQ matcher's synonyms and short forms")

WORDS = "Words that mean one thing to a customer, the first standing for the others; each may be a phrase."


class SynonymGroupInSchema(Schema):
    language = fields.String(required=True, validate=validate.OneOf(LANGUAGES))
    words = fields.List(fields.String(validate=validate.Length(min=1, max=50)), required=True,
                        validate=validate.Length(min=2, max=20), metadata={"description": WORDS})


class SynonymGroupChangeSchema(SynonymGroupInSchema):
    """A group's language or words (given partially): the other stays as it is."""


class SynonymGroupSchema(SynonymGroupInSchema):
    id = fields.String(dump_only=True)
    updated_at = fields.AwareDateTime(dump_only=True)


class SynonymQuerySchema(Schema):
    language = fields.String(validate=validate.OneOf(LANGUAGES))


@blp.route("")
class SynonymGroups(MethodView):
    @requires("agent", "admin")
    @blp.arguments(SynonymQuerySchema, location="query")
    @blp.response(200, SynonymGroupSchema(many=True))
    def get(self, query):
        """Every group of the dictionary, of one language if asked."""
        return faq_synonyms.groups(runtime(), query.get("language"))

    @requires("admin")
    @blp.arguments(SynonymGroupInSchema)
    @blp.response(201, SynonymGroupSchema)
    @blp.problem(422, "synonyms-need-two-words or synonym-without-terms.")
    def post(self, body):
        """Add a group: questions and entries match through it from the next question on."""
        return faq_synonyms.add_group(runtime(), current_viewer(), body)


@blp.route("/<group_id>")
class SynonymGroupById(MethodView):
    @requires("admin")
    @blp.arguments(SynonymGroupChangeSchema(partial=True))
    @blp.response(200, SynonymGroupSchema)
    @blp.problem(422, "synonyms-need-two-words or synonym-without-terms.")
    def patch(self, body, group_id):
        """Change a group's words (or language)."""
        return faq_synonyms.change_group(runtime(), current_viewer(), group_id, body)

    @requires("admin")
    @blp.response(204)
    def delete(self, group_id):
        """Remove a group."""
        faq_synonyms.remove_group(runtime(), current_viewer(), group_id)
