"""The Api and the Blueprint every service declares its resources with: flask-smorest's, with paging bounded, no NUL
in text, and an OpenAPI document that tells the truth about errors and callers.

Every error is documented as what servicekit.problems sends (application/problem+json, the Problem schema), and
only the statuses an operation can really answer: no catch-all `default`, under which any status would pass as
documented. Most come from what the operation is made of:
- 401 where servicekit.identity.requires (or Blueprint.signed_in) asks for a signed-in caller, 403 where it asks
  for a role or a second factor; the operation's `x-caller` says which, and an operation without one is public;
- 404 where the path names something (it has a parameter);
- 422 where it takes arguments or pages (flask-smorest's own), 413 and 422 where it takes a body;
- 503 everywhere: the database may be out of reach (servicekit.problems answers 503 database-unavailable).
What only the view's code knows (409, 412, a 403 of ownership, ...) it declares with Blueprint.problem.
A 500 is never documented: it is a bug, which the API promises not to have.
"""
from __future__ import annotations

from functools import wraps
from http import HTTPStatus
from typing import Callable

import flask_smorest
from flask import request
from flask_smorest.pagination import PaginationMetadataSchema
from marshmallow import Schema
from webargs.flaskparser import FlaskParser

from servicekit.identity import CallerRequirement, caller_requirement, documents_caller
from servicekit.inputs import InputParser
from servicekit.pagination import bounded_paging
from servicekit.problems import PROBLEM_JSON, ProblemSchema

PROBLEM_SCHEMA = "Problem"
PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA}"}}}
# What any operation can answer however it is made: its service's database out of reach.
ALWAYS_ANSWERED = (HTTPStatus.SERVICE_UNAVAILABLE,)


class Api(flask_smorest.Api):
    """flask-smorest's Api with every error response documented as a problem document, and no `default` response."""

    DEFAULT_ERROR_RESPONSE_NAME = None

    def _register_responses(self):
        """One response per status for operations to refer to (flask-smorest's names: NOT_FOUND, ...); listed in
        the document only where one does."""
        self.spec.components.schema(PROBLEM_SCHEMA, schema=ProblemSchema)
        for status in HTTPStatus:
            response = {"description": status.phrase}
            if status >= 400:
                response["content"] = PROBLEM_CONTENT
            self.spec.components.response(status.name, response, lazy=True)

    def _register_pagination_header(self):
        """X-Pagination as what it is: a JSON document in one header. flask-smorest documents it with an object
        schema, which in a header means comma-separated names and values, so the header as sent matches nothing
        the document says."""
        self.spec.components.header("PAGINATION", {
            "description": "Where this page is in the whole list, as a JSON object.",
            "content": {"application/json": {"schema": PaginationMetadataSchema}},
        }, lazy=True)


class OneSchemaOfEachClass:
    """A webargs parser that loads with one instance of each schema class it is given: webargs makes one for every
    request it parses, copying each of the schema's fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schemas: dict[type[Schema], Schema] = {}

    def _get_schema(self, argmap, req) -> Schema:
        if isinstance(argmap, type) and issubclass(argmap, Schema):
            schema = self._schemas.get(argmap)
            return schema if schema is not None else self._schemas.setdefault(argmap, argmap())
        return super()._get_schema(argmap, req)


class ArgumentsParser(OneSchemaOfEachClass, InputParser):
    """servicekit.inputs' parser of an operation's arguments."""


class PagingParser(OneSchemaOfEachClass, FlaskParser):
    """flask-smorest's parser of the paging parameters."""


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = ArgumentsParser()
    PAGINATION_ARGUMENTS_PARSER = PagingParser()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_problems_doc)

    def add_url_rule(self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options):
        """flask-smorest's, keeping for the document what each operation asks of its caller and whether its path
        names something (a 404 when it does not exist)."""
        super().add_url_rule(rule, endpoint, view_func, provide_automatic_options, **options)
        names_something = "<" in f"{self.url_prefix or ''}{rule}"
        for method, doc_info in self._docs[self._endpoints[-1]].items():
            if method != "parameters":
                view = getattr(view_func, method) if isinstance(view_func, type) else view_func
                doc_info["caller"] = caller_requirement(view)
                doc_info["names_something"] = names_something

    def response(self, status_code, schema=None, *, content_type=None, **kwargs):
        """flask-smorest's, where an answer that is no JSON and has no schema (a file, an image, a CSV export) still
        names its content type in the document, as text or bytes: flask-smorest leaves out a content type with no
        schema, and the document would not say what such an answer is."""
        if schema is None and content_type is not None:
            schema = {"type": "string"} if content_type.startswith("text/") else {"type": "string", "format": "binary"}
        return super().response(status_code, schema, content_type=content_type, **kwargs)

    def problem(self, status: int, description: str | None = None) -> Callable:
        """Document a problem the view answers beyond those servicekit documents itself (see the module's
        docstring): `@blp.problem(409, "Already downloaded, sold out or no longer offered.")`."""
        return self.alt_response(
            status, schema=ProblemSchema, content_type=PROBLEM_JSON,
            description=description or HTTPStatus(status).phrase,
        )

    def signed_in(self, *roles: str, second_factor: str | None = None) -> Callable:
        """Document that the view answers only signed-in callers (holding one of `roles`; with a second factor
        proved "at-sign-in" or "recent"), for a view that checks its caller itself (the gateway's, whose callers
        are sessions); servicekit.identity.requires documents itself."""

        def decorator(view: Callable) -> Callable:
            return documents_caller(view, CallerRequirement(roles, second_factor))

        return decorator

    @staticmethod
    def _prepare_problems_doc(doc, doc_info, **kwargs):
        answered = set(ALWAYS_ANSWERED)
        caller: CallerRequirement | None = doc_info.get("caller")
        if caller is not None:
            answered.add(HTTPStatus.UNAUTHORIZED)
            if caller.refuses_some_signed_in_callers:
                answered.add(HTTPStatus.FORBIDDEN)
            doc["x-caller"] = caller.documented()
        if doc_info.get("names_something"):
            answered.add(HTTPStatus.NOT_FOUND)
        if "requestBody" in doc or "requestBody" in doc_info.get("manual_doc", {}):
            answered |= {HTTPStatus.REQUEST_ENTITY_TOO_LARGE, HTTPStatus.UNPROCESSABLE_ENTITY}
        responses = doc.setdefault("responses", {})
        documented = {str(status) for status in responses}
        for status in sorted(answered):
            if str(status.value) not in documented:
                responses[status.value] = status.name
        for status, response in responses.items():
            # An alternative response documented by its description only is a problem document too.
            if int(status) >= 400 and isinstance(response, dict):
                response.setdefault("content", PROBLEM_CONTENT)
        return doc

    @staticmethod
    def _make_pagination_metadata(page, page_size, item_count):
        """flask-smorest's X-Pagination document, the same keys in the same order, without the
        PaginationMetadataSchema it makes on every paged request to dump what are already ints."""
        if item_count == 0:
            return {"total": 0, "total_pages": 0}
        last_page = (item_count - 1) // page_size + 1
        metadata = {"total": item_count, "total_pages": last_page, "first_page": 1, "last_page": last_page}
        if page <= last_page:
            metadata["page"] = page
            if page > 1:
                metadata["previous_page"] = page - 1
            if page < last_page:
                metadata["next_page"] = page + 1
        return metadata

    def paginate(self, pager=None, *, page=None, page_size=None, max_page_size=None):
        """flask-smorest's paging, where a `page` too deep for the database is a 422 naming `page`.

        flask-smorest hands the database the row offset (page - 1) x page_size for any page, and
        a large enough one overflows it; servicekit.pagination.PageNumber bounds it, in the
        OpenAPI document too.
        """
        defaults = self.DEFAULT_PAGINATION_PARAMETERS
        max_page_size = max_page_size or defaults["max_page_size"]
        paginated = super().paginate(pager, page=page, page_size=page_size, max_page_size=max_page_size)

        def decorator(view):
            view = paginated(view)
            # flask-smorest documents the paging parameters from here: the bounded schema shows its maximum.
            documented = view._apidoc["pagination"]["parameters"]
            bounded = bounded_paging(documented["schema"], page or defaults["page"], max_page_size)
            documented["schema"] = bounded

            @wraps(view)
            def within_bounds(*args, **kwargs):
                # Without a `page` the first is asked for, always within bounds.
                if "page" in request.args:
                    self.PAGINATION_ARGUMENTS_PARSER.parse(bounded, request, location="query")
                return view(*args, **kwargs)

            return within_bounds

        return decorator
