"""Text a client sends holds no NUL character: PostgreSQL text cannot, and refuses the statement with a 500.

A JSON string may carry \\u0000 and a URL %00; each is refused where it arrives, as a 422 naming the
field (query, JSON body, form) or as a path that names nothing (404). A JSON string may also carry half
of a UTF-16 pair (\\ud800), which no UTF-8 database takes: refused the same way. A JSON body Python
cannot read (nested too deeply, a number of more digits than it converts) is an invalid body, as
is one nested deeper than any this API takes.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flask.json.provider import DefaultJSONProvider
from marshmallow import Schema, ValidationError
from webargs import core
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.routing import UnicodeConverter

from servicekit.languages import _
from servicekit.problems import VALIDATION_FAILED, Problem

NUL = "\x00"
NUL_REFUSED = _("Must not contain NUL characters.")
SURROGATE_REFUSED = _("Must be Unicode text: this holds half of a UTF-16 surrogate pair.")
# No body of this API nests half as deep; a deeper one is refused before anything walks it.
MAX_JSON_DEPTH = 32


def _text_errors(text: str) -> list | None:
    if NUL in text:
        return [NUL_REFUSED]
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return [SURROGATE_REFUSED]
    return None


def unstorable_text(value: Any) -> Any:
    """Where `value` holds text a database cannot store (a NUL, a lone surrogate), nested as marshmallow
    nests errors; None if nowhere."""
    if isinstance(value, str):
        return _text_errors(value)
    if isinstance(value, Mapping):
        found = {key: (isinstance(key, str) and _text_errors(key)) or unstorable_text(value[key]) for key in value}
    elif isinstance(value, (list, tuple)):
        found = {index: unstorable_text(item) for index, item in enumerate(value)}
    else:
        return None
    return {where: errors for where, errors in found.items() if errors} or None


def _nested_deeper_than(value: Any, depth: int) -> bool:
    """Whether objects and arrays nest more than `depth` levels, found without recursion."""
    levels = [(value, 1)]
    while levels:
        item, level = levels.pop()
        if isinstance(item, (dict, list)):
            if level > depth:
                return True
            levels.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return False


def read_json(data: bytes | str) -> Any:
    """A client's JSON body, or ValueError for any it cannot be: not UTF-8, not JSON, or JSON Python
    cannot read (a RecursionError or a number past its digit limit, which would be a 500) or nested
    deeper than MAX_JSON_DEPTH."""
    try:
        value = json.loads(data.decode("utf-8") if isinstance(data, bytes) else data)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if _nested_deeper_than(value, MAX_JSON_DEPTH):
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    return value


class ClientJSONProvider(DefaultJSONProvider):
    """Flask's JSON, reading request bodies with read_json: request.get_json() of a body it refuses is
    a 400, or None with silent=True, as for any invalid body."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return read_json(s)


class InputParser(FlaskParser):
    """webargs' parser for flask-smorest's arguments, reading JSON with read_json and refusing text a
    database cannot store before the schema loads."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return core.missing
        try:
            return read_json(req.get_data(cache=True))
        except json.JSONDecodeError:
            raise
        except ValueError as refused:
            # webargs answers this as an invalid JSON body (with an empty document, as a missing one).
            raise json.JSONDecodeError(str(refused), str(refused), 0) from None

    def pre_load(self, location_data, *, schema, req, location):
        errors = unstorable_text(location_data)
        if errors:
            raise ValidationError(errors)
        return location_data


def validated(schema: Schema, data: Any) -> dict:
    """`data` loaded by `schema`, for views that read their body themselves (uploads); a 422 naming the fields."""
    errors = unstorable_text(data) or schema.validate(data)
    if errors:
        raise Problem(422, "validation-failed", _("Unprocessable Entity"), VALIDATION_FAILED, errors=errors)
    return schema.load(data)


class TextConverter(UnicodeConverter):
    """Flask's default path part (`<name>`, `<string:name>`) without NUL: such a path names nothing."""

    def __init__(self, map, minlength: int = 1, maxlength: int | None = None, length: int | None = None):
        super().__init__(map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]", 1)
