"""Accounts made before accounts had a language are Korean, and were never announced until an operator runs
publish-contacts, which announces them from revision 1."""
import uuid
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from auth.accounts import announce_every_account
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime
from servicekit.testing.events import recorded

SERVICE_DIR = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 3, 2, 1, tzinfo=timezone.utc)


def test_an_account_from_before_is_korean_and_announced_once_an_operator_publishes_contacts(
    each_database_url, auth_runtime
):
    upgrade(SERVICE_DIR, each_database_url, "0004")
    runtime = Runtime(replace(auth_runtime.config, database_url=each_database_url))
    accounts = sa.table("accounts", sa.column("roles", sa.JSON), *(sa.column(name) for name in (
        "id", "email", "phone", "name", "password_hash", "status", "password_changed_at", "created_at",
        "failed_attempts", "lock_count",
    )))
    account_id = str(uuid.uuid4())
    with runtime.engine.begin() as connection:
        connection.execute(accounts.insert().values(
            id=account_id, email="early@example.com", phone="01012345678", name="Early", password_hash="x",
            roles=["customer"], status="active", password_changed_at=NOW,
            created_at=NOW, failed_attempts=0, lock_count=0,
        ))

    upgrade(SERVICE_DIR, each_database_url)
    with runtime.engine.connect() as connection:
        migrated = connection.execute(sa.text("SELECT language, contacts_revision FROM accounts")).one()
    announced = announce_every_account(runtime)
    published = recorded(runtime, "AccountContactsChanged", account_id=account_id)
    runtime.dispose()

    assert tuple(migrated) == ("ko", 0)
    assert announced == 1
    assert [(data["revision"], data["name"], data["phone"], data["language"], data["roles"], data["active"])
            for data in published] == [(1, "Early", "01012345678", "ko", ["customer"], True)]
