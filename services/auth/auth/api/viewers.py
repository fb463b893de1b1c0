"""What a view knows beyond its body: where the request came from, whether it stepped up."""
from __future__ import annotations

import ipaddress

from flask import request

from auth.audit import Origin
from auth.second_factors import enrolled_methods
from servicekit.db import UnitOfWork
from servicekit.identity import requires_recent_second_factor


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


def step_up_when_enrolled(uow: UnitOfWork, account_id: str) -> None:
    """An account with a second factor proves it again (a step-up) before a change that could hand it to another."""
    if enrolled_methods(uow.session, account_id):
        # servicekit's step-up check, applied only when there is a factor to step up with.
        requires_recent_second_factor(lambda: None)()
