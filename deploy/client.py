"""A small client of the gateway's JSON API that keeps a session cookie and its CSRF token."""
from __future__ import annotations

from typing import Any

import requests


class GatewayClient:
    def __init__(self, base_url: str = "http://127.0.0.1:8000", timeout: float = 15):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.http = requests.Session()
        self.csrf_token: str | None = None
        self.account: dict[str, Any] | None = None

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.csrf_token and method.upper() not in ("GET", "HEAD", "OPTIONS"):
            headers.setdefault("X-CSRF-Token", self.csrf_token)
        return self.http.request(method, self.base_url + path, headers=headers, timeout=self.timeout, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, json: Any = None, **kwargs) -> requests.Response:
        return self.request("POST", path, json=json, **kwargs)

    def delete(self, path: str, **kwargs) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def login(self, login: str, password: str) -> requests.Response:
        response = self.post("/api/session", json={"login": login, "password": password})
        if response.status_code == 201:
            self.account = response.json()
            self.csrf_token = self.account["csrf_token"]
        return response

    def logout(self) -> requests.Response:
        response = self.delete("/api/session")
        self.csrf_token = None
        self.account = None
        return response
