"""What a view knows beyond its body: the settings of the app serving it, and where the request came from."""
from __future__ import annotations

import ipaddress

from flask import request

from auth.audit import Origin
from auth.settings import AuthSettings


def request_settings() -> AuthSettings:
    # Imported here: auth.app imports every API module, so importing it at the top would be circular.
    from auth.app import auth_settings

    return auth_settings()


def _address(text: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((text or "").strip()))
    except ValueError:
        return None


def request_origin() -> Origin:
    """The client as the gateway saw it: it puts the client's address in X-Forwarded-For, and passes User-Agent on.

    Only the first address counts; one that is not an IP address is left out rather than trusted.
    """
    forwarded = request.headers.get("X-Forwarded-For", "").split(",")[0]
    return Origin(ip=_address(forwarded), user_agent=request.headers.get("User-Agent") or None)


def origin_from(ip: str | None, user_agent: str | None) -> Origin:
    """The client as the gateway describes it in the body of its own call (sign-in)."""
    return Origin(ip=_address(ip), user_agent=user_agent or None)
