"""Who is looking at a page: the signed-in session as GET /api/session describes it, asked once per page."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import g, request
from werkzeug.exceptions import Forbidden

from web.public_api import SecondFactorRequired, SignInRequired, public_api

CUSTOMER, SELLER, AGENT, ADMIN = "customer", "seller", "agent", "admin"


@dataclass(frozen=True)
class Viewer:
    account_id: str
    name: str
    roles: frozenset[str]
    seller_id: str | None
    csrf_token: str
    second_factor_at: str | None

    @classmethod
    def from_session(cls, session: dict[str, Any]) -> "Viewer":
        return cls(
            account_id=session["account_id"], name=session.get("name") or "", roles=frozenset(session.get("roles", ())),
            seller_id=session.get("seller_id"), csrf_token=session.get("csrf_token", ""),
            second_factor_at=session.get("second_factor_at"),
        )

    def is_a(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def home(self) -> str:
        """Where this person starts: their own center."""
        if self.is_a(ADMIN, AGENT):
            return "/console"
        if self.is_a(SELLER):
            return "/seller"
        return "/"


def current_viewer() -> Viewer | None:
    """The signed-in person, or None (nobody, or a sign-in still waiting for its second factor)."""
    if "viewer" not in g:
        g.viewer = None
        g.csrf_token = ""
        if request.headers.get("Cookie"):
            try:
                session = public_api().get("/api/session").body
            except (SignInRequired, SecondFactorRequired):
                return None
            # The second step of signing in proves itself with this session's CSRF token too.
            g.csrf_token = session.get("csrf_token", "")
            # A sign-in still waiting for its second factor can do nothing else yet.
            if not session.get("second_factor_required"):
                g.viewer = Viewer.from_session(session)
    return g.viewer


def csrf_token() -> str:
    """The browser session's CSRF token (a half-finished sign-in's too), for the page's scripts to send back."""
    current_viewer()
    return g.csrf_token


def required_viewer(*roles: str) -> Viewer:
    """The signed-in person, who must have one of `roles` when any are named; else the sign-in page or 403."""
    viewer = current_viewer()
    if viewer is None:
        raise SignInRequired(401)
    if roles and not viewer.is_a(*roles):
        raise Forbidden()
    return viewer
