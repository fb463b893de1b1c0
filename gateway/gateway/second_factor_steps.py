"""Proving the second factor: it finishes a pending sign-in under a new session id, or on a signed-in session it is a
step-up; a wrong proof is counted against the session's tries (domain.second_factor_tries)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update

from gateway.authentication import AuthClient, SecondFactorRejected
from gateway.domain.accounts import Account
from gateway.domain.second_factor_tries import attempts_left
from gateway.models import UserSession
from gateway.sessions import open_session, record_second_factor, revoke_session
from servicekit import clock
from servicekit.runtime import Runtime


@dataclass(frozen=True)
class Proved:
    """The session after its proof, and the cookie token of a session just signed in (None after a step-up, which
    keeps its session and cookie)."""

    session: UserSession
    token: str | None


class WrongSecondFactor(Exception):
    """Auth refused the proof, and the session counted it."""

    def __init__(self, attempts_left: int | None):
        super().__init__(attempts_left)
        # How many tries the pending session has left, 0 when this one ended it; None for a signed-in session.
        self.attempts_left = attempts_left


class SignInEnded(Exception):
    """The pending session ended before its proof was taken (its tries used up by requests sent alongside)."""


def prove_second_factor(
    runtime: Runtime,
    auth: AuthClient,
    user_session: UserSession,
    method: str,
    code: str | None,
    credential: dict[str, Any] | None,
) -> Proved:
    """Have auth check the proof, then finish the sign-in or record the step-up.

    Raises WrongSecondFactor when auth refuses it, SignInEnded when a pending session ended meanwhile, and
    authentication.AuthDeclined for auth's other refusals, which are the client's to read.
    """
    try:
        auth.verify_second_factor(user_session.account_id, method, code, credential)
    except SecondFactorRejected:
        raise WrongSecondFactor(_count_wrong_proof(runtime, user_session)) from None
    if user_session.second_factor_pending:
        return finish_sign_in(runtime, user_session)
    with runtime.unit_of_work() as uow:
        proved_at = record_second_factor(uow.session, user_session.id)
        uow.commit()
    # The request's own copy of its session answers with the new time.
    user_session.second_factor_at = proved_at
    return Proved(user_session, None)


def finish_sign_in(runtime: Runtime, pending: UserSession) -> Proved:
    """The second factor is proved: the pending session ends and a full one opens under a new id.

    A new id, so whoever learnt the pending session's cookie holds nothing once the owner finishes. It keeps the
    pending session's sign-in time, when the password was proved: a password change since then must end it too.
    """
    account = Account(pending.account_id, pending.name, tuple(pending.roles), pending.seller_id)
    with runtime.unit_of_work() as uow:
        if not revoke_session(uow.session, pending.id):
            raise SignInEnded()
        user_session, token = open_session(
            uow.session, account, pending.user_agent, pending.ip, device_id=pending.device_id,
            second_factor_at=clock.now(), signed_in_at=pending.created_at,
        )
        uow.commit()
    return Proved(user_session, token)


def _count_wrong_proof(runtime: Runtime, user_session: UserSession) -> int | None:
    """Count a wrong second factor; returns the tries left (domain.second_factor_tries), and at none the session
    has ended."""
    with runtime.unit_of_work() as uow:
        # Counted in the database, so wrong codes sent in parallel cannot share one count.
        failures = uow.session.execute(
            update(UserSession)
            .where(UserSession.id == user_session.id)
            .values(second_factor_failures=UserSession.second_factor_failures + 1)
            .returning(UserSession.second_factor_failures)
        ).scalar_one()
        left = attempts_left(user_session.second_factor_pending, failures)
        if left == 0:
            revoke_session(uow.session, user_session.id)
        uow.commit()
    return left
