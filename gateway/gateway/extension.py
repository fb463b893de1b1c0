"""What the gateway's request handlers share: its settings, the upstream client and the token signer."""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app

from gateway.identity_tokens import IdentityTokens
from gateway.settings import GatewaySettings
from gateway.upstreams import UpstreamClient


@dataclass(frozen=True)
class GatewayExtension:
    settings: GatewaySettings
    upstreams: UpstreamClient
    tokens: IdentityTokens


def extension() -> GatewayExtension:
    return current_app.extensions["gateway"]
