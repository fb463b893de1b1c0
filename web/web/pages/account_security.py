"""Second factors (/account/security): the authenticator app (its QR code), security keys and passkeys, recovery
codes, removing a factor; and, when a page needs a second factor first (?needed=1&next=...), why, and the way back."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from web.pages.account import local_next
from web.public_api import public_api
from web.viewers import required_viewer

blp = Blueprint("account_security", __name__)

# Factors removed with DELETE /api/second-factors/<path>; security keys one by one.
REMOVABLE = ("totp", "sms", "email")


@blp.get("/account/security")
def security():
    required_viewer()
    overview = public_api().get("/api/second-factors").body
    methods = overview.get("methods") or []
    return render_template(
        "account/security.html", overview=overview, methods=methods, removable=[m for m in REMOVABLE if m in methods],
        needed=request.args.get("needed") == "1", next=local_next(),
    )
