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
