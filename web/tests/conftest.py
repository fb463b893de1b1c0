"""The pages with a stand-in for the public API: each test says what the API answers."""
from __future__ import annotations

from typing import Any

import pytest

from web.app import create_app
from web.public_api import Answer, _problem
from web.settings import WebSettings


class FakeApi:
    """Answers GETs from `answers` (path -> body, or (status, body) for a problem); records every call."""

    def __init__(self):
        self.answers: dict[str, Any] = {
            "/api/session": (401, {"type": "urn:marketplace:problem:unauthenticated", "detail": "Sign in first."}),
        }
        self.calls: list[tuple[str, str, dict]] = []

    def get(self, path, params=None):
        return self.call("GET", path, params=params)

    def call(self, method, path, *, params=None, body=None, headers=None):
        self.calls.append((method, path, {"params": params, "body": body, "headers": headers}))
        answer = self.answers.get(f"{method} {path}", self.answers.get(path))
        if answer is None:
            raise _problem(404, {"type": "urn:marketplace:problem:not-found", "detail": f"no fake for {path}"})
        if isinstance(answer, tuple):
            status, document = answer
            raise _problem(status, document)
        headers = {"X-Pagination": answer.pop("__pagination__")} if isinstance(answer, dict) and "__pagination__" in answer else {}
        return Answer(200, answer, headers)

    def signed_in_as(self, *roles: str, name: str = "Kim", seller_id: str | None = None):
        self.answers["/api/session"] = {"account_id": "a1", "name": name, "roles": list(roles), "seller_id": seller_id,
                                        "csrf_token": "csrf-1", "second_factor_at": "2026-12-07T00:00:00+00:00"}


@pytest.fixture
def api() -> FakeApi:
    return FakeApi()


@pytest.fixture
def client(api):
    app = create_app(WebSettings(log_json=False, cookies_secure=False), api=api)
    client = app.test_client()
    # The gateway's session cookie as a browser would send it: what it stands for is the fake API's answer.
    client.set_cookie("session", "browser-session")
    return client
