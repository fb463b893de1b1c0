"""A small client of the gateway's JSON API that keeps a session cookie and its CSRF token."""
from __future__ import annotations

from typing import Any

import pyotp
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry


class GatewayClient:
    def __init__(self, base_url: str = "http://127.0.0.1:8000", timeout: float = 15, ip: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        # gunicorn closes a kept-alive connection after a couple of idle seconds; a request sent just
        # as it does meets a closed socket before the server read anything, so sending it again is
        # safe for every method. Answers, even errors, are never retried.
        self.http.mount("http://", HTTPAdapter(max_retries=Retry(total=1, connect=1, read=1, status=0,
                                                                  allowed_methods=None, raise_on_status=False)))
        # Behind a trusted proxy the gateway takes the client's address from X-Forwarded-For; tests
        # give each client its own, as distinct people would have.
        if ip:
            self.http.headers["X-Forwarded-For"] = ip
        self.csrf_token: str | None = None
        self.account: dict[str, Any] | None = None
        self.recovery_codes: list[str] = []

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.csrf_token and method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers.setdefault("X-CSRF-Token", self.csrf_token)
        return self.http.request(method, self.base_url + path, headers=headers, timeout=self.timeout, **kwargs)

    def patch(self, path: str, json: Any = None, **kwargs) -> requests.Response:
        return self.request("PATCH", path, json=json, **kwargs)

    def put(self, path: str, json: Any = None, **kwargs) -> requests.Response:
        return self.request("PUT", path, json=json, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs) -> requests.Response:
        return self.request("POST", path, json=json, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def login(self, login: str, password: str) -> requests.Response:
        """Step one: the password. The answer says whether a second factor must follow."""
        response = self.post("/api/session", json={"login": login, "password": password})
        if response.status_code == 201:
            self.account = response.json()
            self.csrf_token = self.account["csrf_token"]
        return response

    def second_factor(self, method: str, code: str | None = None, credential: Any = None) -> requests.Response:
        """Step two of signing in, or a step-up on a signed-in session; the session id changes at sign-in."""
        body: dict[str, Any] = {"method": method}
        if code is not None:
            body["code"] = code
        if credential is not None:
            body["credential"] = credential
        response = self.post("/api/session/2fa", json=body)
        if response.status_code == 200:
            self.account = response.json()
            self.csrf_token = self.account["csrf_token"]
        return response

    def logout(self) -> requests.Response:
        response = self.delete("/api/session")
        self.csrf_token = None
        self.account = None
        return response

    def enrol_authenticator(self) -> pyotp.TOTP:
        """Enrol an authenticator app on the signed-in account and confirm it with a first code.

        Returns the app's generator; the confirmation also counts as this session's second factor.
        """
        started = self.post("/api/second-factors/totp")
        if started.status_code != 201:
            raise RuntimeError(f"TOTP enrolment failed: {started.status_code} {started.text}")
        authenticator = pyotp.TOTP(started.json()["secret"])
        confirmed = self.post("/api/second-factors/totp/confirmation", json={"code": authenticator.now()})
        if confirmed.status_code != 200:
            raise RuntimeError(f"TOTP confirmation failed: {confirmed.status_code} {confirmed.text}")
        self.recovery_codes = confirmed.json().get("recovery_codes", [])
        return authenticator
