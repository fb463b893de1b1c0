"""Recovery cases opened before one active case per account and cause was a unique key: the migration
keeps the oldest case whose inquiry is still active as the active one, so duplicates that two locks at
once opened do not stop the upgrade."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .migrated import INQUIRY_COLUMNS, SERVICE_DIR
from .people import new_id

OPENED = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_the_oldest_case_still_active_stays_the_active_one_and_duplicates_no_longer_block_the_upgrade(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0013")
    engine = make_engine(each_database_url)
    inquiries = sa.table("inquiries", *(sa.column(name) for name in INQUIRY_COLUMNS))
    cases = sa.table("recovery_cases", *(sa.column(name) for name in ("inquiry_id", "account_id", "cause", "opened_at")))
    locked_account, deactivated_account = new_id(), new_id()
    opened = {  # inquiry id: (account, cause, status, minutes after OPENED)
        "resolved-first": (locked_account, "locked", "resolved", 0),
        "open-older": (locked_account, "locked", "open", 10),
        "open-duplicate": (locked_account, "locked", "assigned", 12),
        "deactivated": (deactivated_account, "deactivated", "open", 20),
    }
    ids = {name: new_id() for name in opened}
    with engine.begin() as connection:
        for name, (account_id, cause, status, minutes) in opened.items():
            at = OPENED + timedelta(minutes=minutes)
            connection.execute(inquiries.insert().values(
                id=ids[name], customer_id=account_id, customer_name="", inquiry_type="account", subject=cause,
                status=status, owner="platform", escalated=False, first_response_due_at=at, resolution_due_at=at,
                created_at=at, updated_at=at,
            ))
            connection.execute(cases.insert().values(inquiry_id=ids[name], account_id=account_id, cause=cause,
                                                     opened_at=at))

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        active = set(connection.execute(sa.text("SELECT inquiry_id FROM recovery_cases WHERE active")).scalars())
    engine.dispose()
    assert active == {ids["open-older"], ids["deactivated"]}
