"""The marketplace's public API, called as the browser that asked for a page: with its cookies and its language.

Pages read through the gateway like any other client (no page reads a service's database or calls a service
directly). What the page needs from an answer is its JSON; an answer that is a problem becomes an exception the
pages turn into what a person expects: the sign-in page, the second-factor step, a 404 page, or a message.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import urlencode

import urllib3
from flask import current_app, g, request

from servicekit.request_ids import HEADER as REQUEST_ID_HEADER

# What the browser sent that the API must see to know it is the same caller.
PASSED_HEADERS = ("Cookie", "User-Agent")


@dataclass
class ApiProblem(Exception):
    """The API refused: its problem document (RFC 9457), as the page shows it."""

    status: int
    document: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.document.get("type", "")).rsplit(":", 1)[-1]

    @property
    def detail(self) -> str:
        return str(self.document.get("detail") or self.document.get("title") or self.status)

    def __str__(self) -> str:
        return f"{self.status} {self.kind}: {self.detail}"


class SignInRequired(ApiProblem):
    """401: nobody is signed in (or the session ended)."""


class SecondFactorRequired(ApiProblem):
    """The session still owes its second factor (401), or the account must enrol one to see this (403)."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any
    headers: Mapping[str, str]

    @property
    def pagination(self) -> dict[str, Any]:
        """The X-Pagination header of a list (total, total_pages, page, ...), or empty."""
        try:
            return json.loads(self.headers.get("X-Pagination", "") or "{}")
        except ValueError:
            return {}


class PublicApi:
    def __init__(self, base_url: str, timeout_seconds: float):
        self.base_url = base_url
        self._pool = urllib3.PoolManager(
            num_pools=4, maxsize=16, timeout=urllib3.Timeout(connect=2.0, read=timeout_seconds), retries=False
        )

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Answer:
        return self.call("GET", path, params=params)

    def call(self, method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None,
             headers: Mapping[str, str] | None = None) -> Answer:
        query = urlencode([(k, v) for k, v in (params or {}).items() if v not in (None, "")], doseq=True)
        url = f"{self.base_url}{path}" + (f"?{query}" if query else "")
        sent = {name: request.headers[name] for name in PASSED_HEADERS if name in request.headers}
        sent.update({"Accept-Language": g.language, REQUEST_ID_HEADER: g.request_id, "Accept": "application/json"})
        sent.update(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            sent["Content-Type"] = "application/json"
        response = self._pool.request(method, url, body=data, headers=sent)
        parsed = _parsed(response)
        if response.status >= 400:
            raise _problem(response.status, parsed if isinstance(parsed, dict) else {})
        return Answer(response.status, parsed, response.headers)


def _parsed(response: urllib3.BaseHTTPResponse) -> Any:
    content_type = response.headers.get("Content-Type", "")
    if "json" not in content_type or not response.data:
        return response.data
    return json.loads(response.data)


def _problem(status: int, document: dict[str, Any]) -> ApiProblem:
    kind = str(document.get("type", "")).rsplit(":", 1)[-1]
    if kind == "second-factor-required":
        return SecondFactorRequired(status, document)
    if status == 401:
        return SignInRequired(status, document)
    return ApiProblem(status, document)


def public_api() -> PublicApi:
    return current_app.extensions["public_api"]
