"""Inquiries warned or breached before each target was watched on its own keep what the clock did, for
every target it covered, so the upgrade warns and breaches nothing a second time."""
import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .migrated import INQUIRY_COLUMNS, SERVICE_DIR

OPENED = datetime(2026, 3, 2, 1, tzinfo=timezone.utc)
COLUMNS = (*INQUIRY_COLUMNS, "warned_at", "breached_at")


def test_what_the_clock_did_before_the_upgrade_stands_for_each_target_it_covered(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0014")
    engine = make_engine(each_database_url)
    inquiries = sa.table("inquiries", *(sa.column(name) for name in COLUMNS))
    first_due, resolution_due = OPENED + timedelta(hours=24), OPENED + timedelta(hours=48)
    breached_first, breached_both, warned_first = (str(uuid.uuid4()) for _ in range(3))
    clocked = {
        breached_first: (first_due - timedelta(hours=1), first_due + timedelta(minutes=1)),
        breached_both: (None, resolution_due + timedelta(minutes=1)),
        warned_first: (first_due - timedelta(hours=1), None),
    }
    with engine.begin() as connection:
        connection.execute(inquiries.insert(), [
            {"id": inquiry_id, "customer_id": str(uuid.uuid4()), "customer_name": "", "inquiry_type": "payment",
             "subject": "결제", "status": "assigned", "owner": "platform", "escalated": False,
             "first_response_due_at": first_due, "resolution_due_at": resolution_due, "warned_at": warned_at,
             "breached_at": breached_at, "created_at": OPENED, "updated_at": OPENED}
            for inquiry_id, (warned_at, breached_at) in clocked.items()
        ])

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        alerts = connection.execute(sa.text(
            "SELECT inquiry_id, target, warned_at IS NOT NULL, breached_at IS NOT NULL FROM target_alerts"
        )).all()
    engine.dispose()
    assert sorted(tuple(alert) for alert in alerts) == sorted([
        (breached_first, "first_response", True, True),
        (breached_both, "first_response", False, True),
        (breached_both, "resolution", False, True),
        (warned_first, "first_response", True, False),
    ])
