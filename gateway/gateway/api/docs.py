"""/api/openapi.json and /api/docs: the whole marketplace API in one document, and a page to read it."""
from flask import Blueprint as FlaskBlueprint
from flask import current_app, redirect
from flask.views import MethodView
from flask_swagger_ui import get_swaggerui_blueprint

from gateway.extension import extension
from gateway.openapi import fetch_documents, merge_documents
from gateway.service_documents import init_last_good_documents, last_good_documents
from servicekit.app import runtime, settings
from servicekit.blueprints import Blueprint

blp = Blueprint("docs", __name__, url_prefix="/api", description="The API documentation")
blp.record_once(lambda state: init_last_good_documents(state.app))
DOCS_PATH = "/api/docs"


@blp.route("/openapi.json")
class MergedDocument(MethodView):
    @blp.response(200, description="An OpenAPI 3.1 document.")
    def get(self):
        """The OpenAPI document of every public endpoint. A service that did not answer is documented by the last
        copy it gave, listed in x-stale with when it was fetched; one never fetched is listed in x-unavailable."""
        own = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
        served = last_good_documents().served(runtime(), fetch_documents(extension().upstreams))
        return merge_documents(
            own, served.documents, session_cookie=settings().session_cookie_name, stale=served.stale
        )


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
