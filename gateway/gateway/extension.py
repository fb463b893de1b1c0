"""What the gateway's request handlers share, built once from its settings: the upstream client, the token signer,
the limits' counters."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g, request

from gateway.authentication import AuthClient, Caller
from gateway.identity_tokens import IdentityTokens
from gateway.rate_limits import RateLimits
from gateway.upstreams import UpstreamClient


@dataclass(frozen=True)
class GatewayExtension:
    upstreams: UpstreamClient
    tokens: IdentityTokens
    rate_limits: RateLimits


def extension() -> GatewayExtension:
    return current_app.extensions["gateway"]


def auth_client() -> AuthClient:
    """Auth's internal endpoints, on behalf of the browser making this request."""
    ext = extension()
    caller = Caller(ip=request.remote_addr, user_agent=request.user_agent.string or None, request_id=g.request_id)
    return AuthClient(ext.upstreams, ext.tokens, caller)
