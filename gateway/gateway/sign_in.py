"""Signing in with the password (a new session, pending while a second factor is due) and signing out."""
from __future__ import annotations

from dataclasses import dataclass

from gateway.authentication import AuthClient, Authentication
from gateway.domain.session_tokens import session_id_of
from gateway.models import UserSession
from gateway.sessions import open_session, revoke_session
from servicekit import clock
from servicekit.runtime import Runtime


@dataclass(frozen=True)
class SignIn:
    """The session a sign-in opened, the cookie token that names it, and what auth said of the password."""

    session: UserSession
    token: str
    authentication: Authentication


def sign_in(
    runtime: Runtime, auth: AuthClient, login: str, password: str, device_id: str, replaced_token: str | None
) -> SignIn:
    """Have auth check the password, then open the browser's session; the session its cookie had (the
    `replaced_token`) ends. Raises LoginFailed when auth refuses.

    A fresh id on every sign-in, so a session id planted before it is worth nothing after it. When the account has
    a second factor, the session is pending until it is proved (second_factor_steps).
    """
    # Before auth checks the password: a change that auth makes after its check, but before this session
    # is stored, must still find the session signed in by its time and end it.
    asked_at = clock.now()
    authentication = auth.authenticate(login, password, device_id)
    with runtime.unit_of_work() as uow:
        if replaced_token:
            revoke_session(uow.session, session_id_of(replaced_token))
        user_session, token = open_session(
            uow.session,
            authentication.account,
            auth.caller.user_agent,
            auth.caller.ip,
            device_id=device_id,
            second_factor_pending=bool(authentication.second_factors),
            signed_in_at=asked_at,
        )
        uow.commit()
    return SignIn(user_session, token, authentication)


def sign_out(runtime: Runtime, session_id: str) -> None:
    with runtime.unit_of_work() as uow:
        revoke_session(uow.session, session_id)
        uow.commit()
