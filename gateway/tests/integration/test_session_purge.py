"""The worker's hourly purge deletes sessions that ended more than a day ago and keeps the rest."""
from datetime import timedelta

from sqlalchemy import select

from gateway.domain.accounts import Account
from gateway.models import UserSession
from gateway.session_purge import purge_ended_sessions
from gateway.sessions import open_session
from servicekit import clock
from servicekit.runtime import Runtime


def _session(runtime, **changes) -> str:
    with runtime.unit_of_work() as uow:
        user_session, _ = open_session(uow.session, Account("acc", "Ada", ("customer",), None), "test", "127.0.0.1")
        for name, value in changes.items():
            setattr(user_session, name, value)
        uow.session.commit()
        return user_session.id


def test_sessions_ended_over_a_day_ago_are_purged_and_others_kept(gateway_config):
    runtime = Runtime(gateway_config)
    long_ago = clock.now() - timedelta(days=1, minutes=1)
    lately = clock.now() - timedelta(hours=23)
    idle_long_ago = _session(runtime, idle_expires_at=long_ago)
    past_absolute_long_ago = _session(runtime, absolute_expires_at=long_ago)
    revoked_long_ago = _session(runtime, revoked_at=long_ago)
    expired_lately = _session(runtime, idle_expires_at=lately)
    revoked_lately = _session(runtime, revoked_at=lately)
    active = _session(runtime)

    purge_ended_sessions(runtime)

    with runtime.unit_of_work() as uow:
        left = set(uow.session.scalars(select(UserSession.id)))
    runtime.dispose()
    assert not {idle_long_ago, past_absolute_long_ago, revoked_long_ago} & left
    assert {expired_lately, revoked_lately, active} <= left
