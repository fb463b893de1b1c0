"""Who is asking and from where: the one place that turns the gateway's identity token into auth's Viewer,
and the client's address and browser, as the gateway passes them on, into the Origin the audit log keeps."""
from __future__ import annotations

import ipaddress

from flask import request

from auth.audit import Origin
from auth.domain.accounts import ADMIN
from auth.domain.viewers import Viewer
from servicekit.identity import STEP_UP_SECONDS, current_identity


def viewer() -> Viewer:
    """The signed-in caller of a view behind `requires()`."""
    identity = current_identity()
    return Viewer(
        account_id=identity.subject,
        is_admin=identity.has_role(ADMIN),
        seller_id=identity.seller_id,
        stepped_up=identity.second_factor_within(STEP_UP_SECONDS),
        session_id=identity.session_id,
    )


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
