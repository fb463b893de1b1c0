"""/api/answer-templates: sellers keep their own answer templates, agents the platform's; both fill them in for an inquiry."""
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from servicekit.app import runtime
from servicekit.blueprints import Blueprint
from servicekit.identity import requires
from support import templates
from support.api.inquiries import MAX_BODY
from support.api.viewers import current_viewer
from support.domain.placeholders import PLACEHOLDERS

blp = Blueprint("answer_templates", __name__, url_prefix="/api/answer-templates", description="Answer templates")

STAFF = ("seller", "agent", "admin")
BODY_DESCRIPTION = "Text with placeholders among: " + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


class TemplateFormSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=100))
    body = fields.String(required=True, validate=validate.Length(min=1, max=MAX_BODY),
                         metadata={"description": BODY_DESCRIPTION})


class TemplateChangesSchema(Schema):
    title = fields.String(validate=validate.Length(min=1, max=100))
    body = fields.String(validate=validate.Length(min=1, max=MAX_BODY), metadata={"description": BODY_DESCRIPTION})


class TemplateSchema(Schema):
    id = fields.String()
    seller_id = fields.String(allow_none=True, metadata={"description": "None: a platform template."})
    title = fields.String()
    body = fields.String()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class RenderingRequestSchema(Schema):
    inquiry_id = fields.UUID(required=True)


class RenderingSchema(Schema):
    body = fields.String()
    missing = fields.List(fields.String(), metadata={"description": "Placeholders with no value, left as written."})


@blp.route("")
class Templates(MethodView):
    @requires(*STAFF)
    @blp.response(200, TemplateSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """The templates the caller may use: the platform's, and a seller's own."""
        return templates.usable_templates(runtime(), current_viewer(), pagination_parameters)

    @requires(*STAFF)
    @blp.arguments(TemplateFormSchema)
    @blp.response(201, TemplateSchema)
    def post(self, body):
        """Save a template: a seller's for their shop, an agent's for the platform; unknown placeholders are refused."""
        return templates.save_template(runtime(), current_viewer(), body["title"], body["body"])


@blp.route("/<template_id>")
class TemplateById(MethodView):
    @requires(*STAFF)
    @blp.arguments(TemplateChangesSchema)
    @blp.response(200, TemplateSchema)
    def patch(self, changes, template_id):
        """Change the title or body of a template the caller keeps."""
        return templates.edit_template(runtime(), current_viewer(), template_id, changes)

    @requires(*STAFF)
    @blp.response(204)
    def delete(self, template_id):
        """Delete a template the caller keeps."""
        templates.delete_template(runtime(), current_viewer(), template_id)


@blp.route("/<template_id>/rendering")
class TemplateRendering(MethodView):
    @requires(*STAFF)
    @blp.arguments(RenderingRequestSchema)
    @blp.response(200, RenderingSchema)
    def post(self, body, template_id):
        """The template filled in for an inquiry the caller handles, with the placeholders nothing filled."""
        return templates.render(runtime(), current_viewer(), template_id, str(body["inquiry_id"]))
