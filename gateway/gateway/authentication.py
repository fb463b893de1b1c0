"""Asking the auth service, which alone holds credentials, to check passwords and second factors."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from gateway.identity_tokens import IdentityTokens
from gateway.domain.accounts import Account
from gateway.upstreams import UpstreamClient, UpstreamResponse
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.identity import Identity
from servicekit.languages import _
from servicekit.problems import Problem

GATEWAY = Identity(subject="gateway", roles=frozenset({"gateway"}))


class LoginFailed(Exception):
    """The login or the password is wrong, or the account may not sign in: callers are not told which."""


class SecondFactorRejected(Exception):
    """The code or security key answer is wrong, already used or expired."""


class AuthDeclined(Exception):
    """Auth refused the request for a reason its answer explains to the client (a 4xx problem), passed on as it is."""

    def __init__(self, response: UpstreamResponse):
        super().__init__(response.status_code)
        self.response = response


@dataclass(frozen=True)
class Authentication:
    """A password auth accepted, and what the sign-in still needs."""

    account: Account
    # The second factors the account enrolled; empty when the password alone signs it in.
    second_factors: tuple[str, ...]
    password_change_recommended: bool


@dataclass(frozen=True)
class Caller:
    """The browser asking, as auth records it (audit log, new-device notices)."""

    ip: str | None
    user_agent: str | None
    request_id: str


class _AuthenticatedAccountSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    account_id = fields.String(required=True)
    name = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)
    seller_id = fields.String(allow_none=True, load_default=None)
    second_factors = fields.List(fields.String(), load_default=list)
    password_change_recommended = fields.Boolean(load_default=False)


class AuthClient:
    """Auth's internal endpoints, called with the gateway's own identity."""

    def __init__(self, upstreams: UpstreamClient, tokens: IdentityTokens, caller: Caller):
        self._upstreams = upstreams
        self._tokens = tokens
        # The browser it asks for.
        self.caller = caller

    def authenticate(self, login: str, password: str, device_id: str) -> Authentication:
        response = self._post(
            "/internal/authentications",
            {"login": login, "password": password, "ip": self.caller.ip, "user_agent": self.caller.user_agent,
             "device_id": device_id},
        )
        if response.status_code >= 400:
            raise LoginFailed()
        try:
            answer = _AuthenticatedAccountSchema().load(response.json())
        except (ValueError, ValidationError):
            raise Problem(502, "bad-gateway", "Bad Gateway", _("The %(service)s service gave an invalid answer.", service="auth")) from None
        return Authentication(
            Account(answer["account_id"], answer["name"], tuple(answer["roles"]), answer["seller_id"]),
            tuple(answer["second_factors"]),
            answer["password_change_recommended"],
        )

    def request_second_factor_challenge(self, account_id: str, method: str) -> UpstreamResponse:
        """Have auth send a code (SMS, email) or make a security key challenge.

        Its answer, the challenge or a refusal, is for the client as it is.
        """
        return self._post("/internal/second-factor-challenges", {"account_id": account_id, "method": method})

    def verify_second_factor(
        self, account_id: str, method: str, code: str | None, credential: dict[str, Any] | None
    ) -> None:
        proof = {"code": code} if credential is None else {"credential": credential}
        response = self._post(
            "/internal/second-factor-verifications",
            {"account_id": account_id, "method": method, **proof, "ip": self.caller.ip,
             "user_agent": self.caller.user_agent},
        )
        if response.status_code == 401:
            raise SecondFactorRejected()
        if response.status_code != 200:
            raise AuthDeclined(response)

    def _post(self, path: str, body: dict[str, Any]) -> UpstreamResponse:
        """Auth's answer when it is a success or a refusal (4xx); anything else means it cannot answer now."""
        response = self._upstreams.request(
            "auth",
            "POST",
            path,
            json=body,
            headers={IDENTITY_HEADER: self._tokens.shared(GATEWAY), "X-Request-Id": self.caller.request_id},
        )
        if not (200 <= response.status_code < 300 or 400 <= response.status_code < 500):
            raise Problem(503, "upstream-unavailable", "Service Unavailable", _("Signing in is not possible right now."))
        return response
