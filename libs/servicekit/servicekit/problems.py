"""RFC 9457 problem details: one shape for every error any service or the gateway returns."""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, json, request
from marshmallow import INCLUDE, Schema, fields
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from servicekit.languages import Message, _, request_language, translate, translated_tree

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def problem_type(slug: str) -> str:
    return f"urn:marketplace:problem:{slug}"


class Problem(Exception):
    """Raise from anywhere in a request to answer with a problem document.

    `title` and `detail` are messages marked with servicekit.languages' `_` (or plain English strings a catalog
    holds); the answer gives them, and every message under an `errors` member, in the caller's language."""

    def __init__(self, status: int, slug: str, title: str | Message, detail: str | Message, **extra: Any):
        super().__init__(str(detail))
        self.status = status
        self.slug = slug
        self.title = title
        self.detail = detail
        self.extra = extra

    def to_dict(self, language: str = "en") -> dict[str, Any]:
        """The problem document in `language`: its title, detail and the messages under `errors` translated."""
        extra = dict(self.extra)
        if "errors" in extra:
            extra["errors"] = translated_tree(extra["errors"], language)
        return {"type": problem_type(self.slug), "title": translate(self.title, language), "status": self.status,
                "detail": translate(self.detail, language), **extra}


class ProblemSchema(Schema):
    """A problem document as the OpenAPI documents describe it; a problem may carry more members (RFC 9457's
    extensions: attempts_left, max_bytes, ...), which each operation's description names."""

    class Meta:
        unknown = INCLUDE

    type = fields.String(required=True, metadata={
        "description": "What kind of problem, stable for clients to act on: urn:marketplace:problem:<name>."})
    title = fields.String(required=True, metadata={"description": "A short summary of the kind of problem."})
    status = fields.Integer(required=True, metadata={"description": "The HTTP status code, as in the answer."})
    detail = fields.String(required=True, metadata={"description": "What went wrong this time, for people."})
    instance = fields.String(metadata={"description": "The occurrence of the problem, when it has a name."})
    errors = fields.Dict(keys=fields.String(), metadata={
        "description": "For input that did not validate: each failing field with its messages, nested as the "
        "input nests."})


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response:
    """The problem document in the caller's language (request_language()), which Content-Language names."""
    language = request_language()
    response = Response(json.dumps(problem.to_dict(language)), status=problem.status, mimetype=PROBLEM_JSON)
    response.headers["Content-Language"] = language
    response.vary.add("Accept-Language")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


_HTTP_SLUGS = {
    400: "bad-request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-failed",
    428: "precondition-required",
    429: "too-many-requests",
    500: "internal-error",
    502: "bad-gateway",
    503: "service-unavailable",
    504: "gateway-timeout",
}


VALIDATION_FAILED = _("The request did not validate: see errors for each failing field.")


def _listed(errors: Any) -> Any:
    """marshmallow's errors with every field's messages a list: it lists a plain str itself, but keeps a Message
    (`raise ValidationError(_("..."))`) bare."""
    if isinstance(errors, dict):
        return {key: value if isinstance(value, list) else _listed(value) if isinstance(value, dict) else [value]
                for key, value in errors.items()}
    return errors


def _from_http_exception(exc: HTTPException) -> Problem:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    extra: dict[str, Any] = {}
    detail = exc.description or exc.name
    messages = data.get("messages")
    if messages:
        # webargs puts errors under their location (json, query, ...); clients want the fields.
        errors: dict[str, Any] = {}
        for location_errors in messages.values():
            if isinstance(location_errors, dict):
                errors.update(location_errors)
        extra["errors"] = _listed(errors or messages)
        detail = VALIDATION_FAILED
        status = 422 if status == 400 else status
    return Problem(status, _HTTP_SLUGS.get(status, "http-error"), exc.name, detail, **extra)


DISCARD_AT_MOST = 16 * 1024 * 1024


def _discard_body() -> None:
    """Read and drop an oversized body before answering 413.

    A server that answers and closes while the client is still sending makes the client's
    kernel see a reset instead of the answer; reading the rest (up to a bound) lets it arrive.
    """
    stream = request.environ.get("wsgi.input")
    remaining = min(request.content_length or 0, DISCARD_AT_MOST)
    try:
        while remaining > 0 and stream is not None:
            chunk = stream.read(min(remaining, 65536))
            if not chunk:
                return
            remaining -= len(chunk)
    except OSError:
        return


def init_problems(app: Flask) -> None:
    """Register handlers last, so they win over flask-smorest's own JSON error format."""

    @app.errorhandler(Problem)
    def _problem(problem: Problem):
        return problem_response(problem)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        if exc.code == 413:
            _discard_body()
        headers = {}
        if exc.code == 405 and exc.valid_methods:
            headers["Allow"] = ", ".join(exc.valid_methods)
        return problem_response(_from_http_exception(exc), headers)

    @app.errorhandler(OperationalError)
    def _database(exc: OperationalError):
        # The database could not be reached (not a bad statement): the client may retry.
        log.warning("database unreachable: %s", exc.orig)
        problem = Problem(503, "database-unavailable", _("Service Unavailable"),
                          _("Our database cannot be reached right now; nothing was changed. Try again shortly."))
        return problem_response(problem, {"Retry-After": "5"})

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return problem_response(
            Problem(500, "internal-error", _("Internal Server Error"), _("Something went wrong on our side."))
        )

