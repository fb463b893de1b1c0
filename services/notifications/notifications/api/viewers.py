"""Who is asking, in notifications' words, from the gateway's identity token: the one place that reads it."""
from __future__ import annotations

from dataclasses import dataclass

from servicekit.identity import current_identity, ensure_second_factor

# Roles that act for a shop or the platform: their notices speak of others' orders and cases, so their inbox
# opens only to a session with a second factor, as their work does.
ACTING_ROLES = ("seller", "agent", "admin")
# reader's refusal, as the OpenAPI document of each view that calls it names it.
ACTING_WITHOUT_SECOND_FACTOR = (
    "second-factor-required: sellers, agents and admins read their notifications only when signed in with a second "
    "factor."
)


@dataclass(frozen=True)
class Reader:
    """The signed-in person whose inbox and preferences are asked for."""

    account_id: str
    roles: frozenset[str]


def reader() -> Reader:
    """The caller (the views that call this require a signed-in caller first)."""
    identity = current_identity()
    if identity.has_role(*ACTING_ROLES):
        ensure_second_factor(identity)
    return Reader(identity.subject, identity.roles)


def signed_in_until() -> int | None:
    """When the caller's identity token expires (Unix seconds): what lasts only as long as the sign-in that opened
    it (a live stream) ends then, and the gateway checks the session again when the browser reconnects."""
    return current_identity().expires_at
