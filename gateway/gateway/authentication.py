"""Checking a login and password with the auth service, which alone holds password hashes."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, ValidationError, fields

from gateway.identity_tokens import IdentityTokens
from gateway.sessions import Account
from gateway.upstreams import UpstreamClient
from servicekit.identity import HEADER as IDENTITY_HEADER
from servicekit.identity import Identity
from servicekit.problems import Problem

GATEWAY = Identity(subject="gateway", roles=frozenset({"gateway"}))


class LoginFailed(Exception):
    """The login or the password is wrong, or the account may not sign in: callers are not told which."""


class _AuthenticatedAccountSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    account_id = fields.String(required=True)
    name = fields.String(required=True)
    roles = fields.List(fields.String(), required=True)
    seller_id = fields.String(allow_none=True, load_default=None)


def authenticate(
    upstreams: UpstreamClient, tokens: IdentityTokens, login: str, password: str, request_id: str
) -> Account:
    response = upstreams.request(
        "auth",
        "POST",
        "/internal/authentications",
        json={"login": login, "password": password},
        headers={IDENTITY_HEADER: tokens.shared(GATEWAY), "X-Request-Id": request_id},
    )
    if 400 <= response.status_code < 500:
        raise LoginFailed()
    if response.status_code != 200:
        raise Problem(503, "upstream-unavailable", "Service Unavailable", "Signing in is not possible right now.")
    try:
        account = _AuthenticatedAccountSchema().load(response.json())
    except (ValueError, ValidationError):
        raise Problem(502, "bad-gateway", "Bad Gateway", "The auth service gave an invalid answer.") from None
    return Account(account["account_id"], account["name"], tuple(account["roles"]), account["seller_id"])
