"""The session migrations keep the sessions open during an upgrade, on SQLite and PostgreSQL alike."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade
from tests.conftest import SERVICE_DIR


def test_sessions_open_before_the_second_factor_columns_keep_working_with_a_handle_each(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0001")
    engine = make_engine(each_database_url)
    now = datetime.now(timezone.utc)
    sessions = sa.table("sessions", *(sa.column(name) for name in (
        "id", "account_id", "name", "roles", "csrf_token", "created_at", "last_seen_at", "idle_expires_at",
        "absolute_expires_at",
    )))
    with engine.begin() as connection:
        for session_id in ("a" * 64, "b" * 64):
            connection.execute(sessions.insert().values(
                id=session_id, account_id="acc", name="Ada", roles='["customer"]', csrf_token="t", created_at=now,
                last_seen_at=now, idle_expires_at=now + timedelta(minutes=30),
                absolute_expires_at=now + timedelta(hours=1),
            ))

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        rows = connection.execute(sa.text(
            "SELECT handle, second_factor_pending, second_factor_at, second_factor_failures, device_id FROM sessions"
        )).all()
    engine.dispose()
    assert len({row.handle for row in rows}) == 2 and all(len(row.handle) == 36 for row in rows)
    assert {(bool(row.second_factor_pending), row.second_factor_at, row.second_factor_failures, row.device_id)
            for row in rows} == {(False, None, 0, None)}
