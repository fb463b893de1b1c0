"""On the embedded database, queued notifications are written to the service's notification file."""
import pytest
from sqlalchemy import func, select

from servicekit.config import ServiceConfig
from servicekit.notifications import (
    create_notification_tables,
    deliver_notifications,
    outgoing_notifications,
    queue_notification,
)
from servicekit.runtime import Runtime
from servicekit.testing import read_notification_file


@pytest.fixture
def embedded_runtime(tmp_path):
    runtime = Runtime(ServiceConfig.from_env("auth", {"MARKETPLACE_VAR_DIR": str(tmp_path)}))
    create_notification_tables(runtime.engine)
    yield runtime
    runtime.dispose()


def queued(runtime) -> int:
    with runtime.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(outgoing_notifications)).scalar_one()


def test_a_committed_notification_lands_in_the_notification_file_and_leaves_the_queue(embedded_runtime):
    with embedded_runtime.unit_of_work() as uow:
        queue_notification(uow.session, "sms", "+15550100", "", "Your code is 902211.")
        uow.commit()

    assert deliver_notifications(embedded_runtime) == 1
    [line] = read_notification_file(embedded_runtime.config.notify_file)
    assert (line["channel"], line["to"], line["body"]) == ("sms", "+15550100", "Your code is 902211.")
    assert queued(embedded_runtime) == 0


def test_a_notification_whose_transaction_rolls_back_is_never_sent(embedded_runtime):
    with embedded_runtime.unit_of_work() as uow:
        queue_notification(uow.session, "email", "ada@example.com", "Your code", "Code: 554433")

    assert deliver_notifications(embedded_runtime) == 0
    assert read_notification_file(embedded_runtime.config.notify_file) == []


def test_queueing_for_an_unknown_channel_is_refused_before_anything_is_stored(embedded_runtime):
    with embedded_runtime.unit_of_work() as uow:
        with pytest.raises(ValueError):
            queue_notification(uow.session, "fax", "+15550100", "", "Code: 1")
        uow.commit()
    assert queued(embedded_runtime) == 0


def test_more_notifications_than_a_batch_are_each_sent_once_and_one_refused_is_kept_to_retry(embedded_runtime):
    with embedded_runtime.unit_of_work() as uow:
        for n in range(45):
            queue_notification(uow.session, "sms", f"+1555{n:06d}", "", f"Message {n}")
        uow.commit()
    send = embedded_runtime.notifier.send

    def refuse_one(notification):
        if notification.to == "+1555000030":
            raise ConnectionError("the SMS gateway hung up")
        send(notification)

    embedded_runtime.notifier.send = refuse_one
    assert deliver_notifications(embedded_runtime) == 44
    sent = [line["to"] for line in read_notification_file(embedded_runtime.config.notify_file)]
    assert len(sent) == len(set(sent)) == 44 and "+1555000030" not in sent
    with embedded_runtime.engine.connect() as connection:
        kept = connection.execute(select(outgoing_notifications)).one()
    assert (kept.recipient, kept.attempts) == ("+1555000030", 1) and "hung up" in kept.last_error


def test_no_more_than_the_limit_is_sent_at_a_time(embedded_runtime):
    with embedded_runtime.unit_of_work() as uow:
        for n in range(30):
            queue_notification(uow.session, "sms", f"+1555{n:06d}", "", f"Message {n}")
        uow.commit()

    assert deliver_notifications(embedded_runtime, limit=25) == 25
    assert queued(embedded_runtime) == 5
