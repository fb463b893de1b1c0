"""Links between pages: the same list with one thing changed (a page, a filter, a sort)."""
from __future__ import annotations

from typing import Any, Mapping
from urllib.parse import urlencode

from flask import Flask, request


def merge_query(args: Mapping[str, Any] | None = None, **changed: Any) -> str:
    """This page's query string (or `args`) with `changed` values; a None or empty value drops the name."""
    merged = dict(request.args.items()) if not args else dict(args)
    merged.update(changed)
    return urlencode({name: value for name, value in merged.items() if value not in (None, "")})


def init_links(app: Flask) -> None:
    app.jinja_env.filters["merge_query"] = merge_query
    app.jinja_env.globals["merge_query"] = merge_query
