"""Inquiries opened before an inquiry kept how its due times count take the kind their type's targets had
when they were opened (their type then, before an agent corrected it), so a wait on the customer moves
their due times the way they were counted."""
import uuid
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from servicekit.db import make_engine
from servicekit.migrations import upgrade

from .migrated import INQUIRY_COLUMNS, SERVICE_DIR

SET_AT = datetime(2026, 3, 2, 1, tzinfo=timezone.utc)


def test_each_inquiry_keeps_the_kind_of_targets_its_type_had_when_it_was_opened(each_database_url):
    upgrade(SERVICE_DIR, each_database_url, "0018")
    engine = make_engine(each_database_url)
    inquiries = sa.table("inquiries", *(sa.column(name) for name in INQUIRY_COLUMNS))
    changes = sa.table("response_target_changes", sa.column("inquiry_type"), sa.column("first_response_hours"),
                       sa.column("resolution_hours"), sa.column("business_hours"), sa.column("changed_by"),
                       sa.column("changed_at"))
    history = sa.table("inquiry_history", sa.column("inquiry_id"), sa.column("kind"), sa.column("from_value"),
                       sa.column("to_value"), sa.column("at"))
    before_the_change, after_the_change, corrected_to_other, never_set = (str(uuid.uuid4()) for _ in range(4))
    opened = {
        before_the_change: ("other", SET_AT - timedelta(hours=1)),
        after_the_change: ("other", SET_AT + timedelta(hours=1)),
        # Opened as a delivery question, corrected to "other" by an agent afterwards.
        corrected_to_other: ("other", SET_AT + timedelta(hours=2)),
        never_set: ("payment", SET_AT + timedelta(hours=3)),
    }
    with engine.begin() as connection:
        connection.execute(changes.insert(), [
            {"inquiry_type": "other", "first_response_hours": 8, "resolution_hours": 40, "business_hours": True,
             "changed_by": str(uuid.uuid4()), "changed_at": SET_AT},
            {"inquiry_type": "shipping", "first_response_hours": 24, "resolution_hours": 72, "business_hours": False,
             "changed_by": str(uuid.uuid4()), "changed_at": SET_AT},
        ])
        connection.execute(inquiries.insert(), [
            {"id": inquiry_id, "customer_id": str(uuid.uuid4()), "customer_name": "", "inquiry_type": inquiry_type,
             "subject": "문의", "status": "assigned", "owner": "platform", "escalated": False,
             "first_response_due_at": at + timedelta(hours=24), "resolution_due_at": at + timedelta(hours=72),
             "created_at": at, "updated_at": at}
            for inquiry_id, (inquiry_type, at) in opened.items()
        ])
        connection.execute(history.insert(), [
            {"inquiry_id": corrected_to_other, "kind": "type", "from_value": "shipping", "to_value": "other",
             "at": SET_AT + timedelta(hours=4)},
        ])

    upgrade(SERVICE_DIR, each_database_url)

    with engine.connect() as connection:
        kinds = dict(connection.execute(sa.text("SELECT id, targets_in_business_hours FROM inquiries")).all())
    engine.dispose()
    assert kinds == {before_the_change: False, after_the_change: True, corrected_to_other: False, never_set: False}
