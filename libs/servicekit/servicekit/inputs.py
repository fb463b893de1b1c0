"""Text a client sends holds no NUL character: PostgreSQL text cannot, and refuses the statement with a 500.

A JSON string may carry \\u0000 and a URL %00; each is refused where it arrives, as a 422 naming the
field (query, JSON body, form) or as a path that names nothing (404).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marshmallow import Schema, ValidationError
from webargs.flaskparser import FlaskParser
from werkzeug.routing import UnicodeConverter

from servicekit.problems import Problem

NUL = "\x00"
NUL_REFUSED = "Must not contain NUL characters."


def nul_errors(value: Any) -> Any:
    """Where `value` holds a NUL in its text, nested as marshmallow nests errors; None if nowhere."""
    if isinstance(value, str):
        return [NUL_REFUSED] if NUL in value else None
    if isinstance(value, Mapping):
        found = {key: [NUL_REFUSED] if isinstance(key, str) and NUL in key else nul_errors(value[key]) for key in value}
    elif isinstance(value, (list, tuple)):
        found = {index: nul_errors(item) for index, item in enumerate(value)}
    else:
        return None
    return {where: errors for where, errors in found.items() if errors} or None


class InputParser(FlaskParser):
    """webargs' parser for flask-smorest's arguments, refusing NUL before the schema loads."""

    def pre_load(self, location_data, *, schema, req, location):
        errors = nul_errors(location_data)
        if errors:
            raise ValidationError(errors)
        return location_data


def validated(schema: Schema, data: Any) -> dict:
    """`data` loaded by `schema`, for views that read their body themselves (uploads); a 422 naming the fields."""
    errors = nul_errors(data) or schema.validate(data)
    if errors:
        raise Problem(422, "validation-failed", "Unprocessable Entity",
                      "The request did not validate: see errors for each failing field.", errors=errors)
    return schema.load(data)


class TextConverter(UnicodeConverter):
    """Flask's default path part (`<name>`, `<string:name>`) without NUL: such a path names nothing."""

    def __init__(self, map, minlength: int = 1, maxlength: int | None = None, length: int | None = None):
        super().__init__(map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]", 1)
