"""/api/openapi.json and /api/docs: the whole marketplace API in one document, and a page to read it."""
from flask import Blueprint as FlaskBlueprint
from flask import current_app, redirect
from flask.views import MethodView
from flask_swagger_ui import get_swaggerui_blueprint

from gateway.extension import extension
from gateway.openapi import fetch_documents, merge_documents
from servicekit.blueprints import Blueprint

blp = Blueprint("docs", __name__, url_prefix="/api", description="The API documentation")
DOCS_PATH = "/api/docs"


@blp.route("/openapi.json")
class MergedDocument(MethodView):
    @blp.response(200)
    def get(self):
        """The OpenAPI document of every public endpoint; services that did not answer are in x-unavailable."""
        own = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
        return merge_documents(own, fetch_documents(extension().upstreams))


@blp.route("/docs")
class DocumentationPage(MethodView):
    @blp.response(308)
    def get(self):
        """The API reference page (Swagger UI, served from this gateway so it works offline)."""
        return redirect(f"{DOCS_PATH}/", code=308)


def swagger_ui() -> FlaskBlueprint:
    """Swagger UI 5 (it reads OpenAPI 3.1) with its assets from the flask-swagger-ui package."""
    return get_swaggerui_blueprint(
        DOCS_PATH, "/api/openapi.json", config={"app_name": "Marketplace API"}, blueprint_name="docs_page"
    )
