"""/api/openapi.json and /api/docs: the whole marketplace API in one document, and a page to read it."""
from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from gateway.extension import extension
from gateway.openapi import fetch_documents, merge_documents

blp = Blueprint("docs", __name__, url_prefix="/api", description="The API documentation")

REDOC_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Marketplace API</title>
</head>
<body>
  <redoc spec-url="/api/openapi.json"></redoc>
  <script src="https://cdn.jsdelivr.net/npm/redoc@2.5.0/bundles/redoc.standalone.js"></script>
</body>
</html>
"""


@blp.route("/openapi.json")
class MergedDocument(MethodView):
    @blp.response(200)
    def get(self):
        """The OpenAPI document of every public endpoint; services that did not answer are in x-unavailable."""
        own = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
        return merge_documents(own, fetch_documents(extension().upstreams))


@blp.route("/docs")
class DocumentationPage(MethodView):
    @blp.response(200, content_type="text/html")
    def get(self):
        """A page that renders /api/openapi.json with Redoc."""
        return Response(REDOC_PAGE, mimetype="text/html")
