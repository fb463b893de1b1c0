"""The notification queue on real PostgreSQL: delivered once, retried with back-off, given up after ten tries."""
import logging
import socket
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, select, update

from servicekit.migrations import ensure_database
from servicekit.notifications import (
    create_notification_tables,
    deliver_notifications,
    drop_notification_tables,
    outgoing_notifications,
    queue_notification,
)
from servicekit.runtime import Runtime


@pytest.fixture(scope="module")
def notify_database(service_config):
    config = service_config("notify")
    ensure_database(config.database_url)
    runtime = Runtime(config)
    create_notification_tables(runtime.engine)
    yield runtime
    drop_notification_tables(runtime.engine)
    runtime.dispose()


@pytest.fixture
def worker_runtime(notify_database, service_config):
    """A worker's Runtime on the shared queue, sending email to the given SMTP URL."""
    with notify_database.engine.begin() as connection:
        connection.execute(delete(outgoing_notifications))
    made: list[Runtime] = []

    def make(email_url: str) -> Runtime:
        made.append(Runtime(service_config("notify", notify_email_url=email_url)))
        return made[-1]

    yield make
    for runtime in made:
        runtime.dispose()


@pytest.fixture
def closed_smtp_url():
    # Bound but not listening: connections are refused, and no other socket can take the port meanwhile.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"smtp://127.0.0.1:{sock.getsockname()[1]}"


def queue_emails(runtime: Runtime, *recipients: str, body: str = "Your code is 314159.") -> None:
    with runtime.unit_of_work() as uow:
        for recipient in recipients:
            queue_notification(uow.session, "email", recipient, "Your sign-in code", body)
        uow.commit()


def queued_rows(runtime: Runtime) -> list:
    with runtime.engine.connect() as connection:
        return connection.execute(select(outgoing_notifications)).all()


def make_due(runtime: Runtime) -> None:
    """Skip the back-off wait, as if its time had passed."""
    with runtime.engine.begin() as connection:
        connection.execute(
            update(outgoing_notifications).values(next_attempt_at=datetime.now(timezone.utc) - timedelta(seconds=1))
        )


def test_delivered_notification_reaches_the_mailbox_and_its_row_is_deleted(worker_runtime, smtp_mailbox):
    worker = worker_runtime(smtp_mailbox.url)
    queue_emails(worker, "delivered@example.com", body="Your code is 271828.")

    assert deliver_notifications(worker) == 1
    message = smtp_mailbox.wait_for_message("delivered@example.com")
    assert message["Subject"] == "Your sign-in code"
    assert message.get_content().strip() == "Your code is 271828."
    assert queued_rows(worker) == []


def test_notification_is_retried_with_growing_back_off_while_the_smtp_server_is_down(
    worker_runtime, closed_smtp_url, smtp_mailbox
):
    down = worker_runtime(closed_smtp_url)
    queue_emails(down, "retried@example.com")

    assert deliver_notifications(down) == 0
    [row] = queued_rows(down)
    assert row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert 1.5 < (row.next_attempt_at - datetime.now(timezone.utc)).total_seconds() <= 2
    assert deliver_notifications(down) == 0, "not due again before its back-off has passed"
    assert queued_rows(down)[0].attempts == 1

    make_due(down)
    deliver_notifications(down)
    [row] = queued_rows(down)
    assert row.attempts == 2
    assert 3.5 < (row.next_attempt_at - datetime.now(timezone.utc)).total_seconds() <= 4

    make_due(down)
    back_up = worker_runtime(smtp_mailbox.url)
    assert deliver_notifications(back_up) == 1
    assert len(smtp_mailbox.messages_to("retried@example.com")) == 1
    assert queued_rows(back_up) == []


def test_delivery_is_given_up_after_ten_attempts_and_the_code_is_erased(worker_runtime, closed_smtp_url, caplog):
    down = worker_runtime(closed_smtp_url)
    queue_emails(down, "unreachable@example.com", body="Your code is 161803.")

    waits = []
    for _ in range(10):
        make_due(down)
        deliver_notifications(down)
        [row] = queued_rows(down)
        waits.append(round((row.next_attempt_at - datetime.now(timezone.utc)).total_seconds()))

    assert waits[:9] == [2, 4, 8, 16, 32, 64, 128, 256, 512]
    assert row.attempts == 10
    assert row.failed_at is not None
    assert row.body == ""
    assert "ConnectionRefusedError" in row.last_error
    assert any(r.levelno == logging.ERROR and "gave up" in r.getMessage() for r in caplog.records)

    make_due(down)
    assert deliver_notifications(down) == 0
    assert queued_rows(down)[0].attempts == 10


def test_one_undeliverable_notification_does_not_hold_up_the_others(worker_runtime, smtp_mailbox):
    worker = worker_runtime(smtp_mailbox.url)
    queue_emails(worker, "first@example.com")
    with worker.unit_of_work() as uow:
        queue_notification(uow.session, "email", "", "No recipient", "refused by the server")
        uow.commit()
    queue_emails(worker, "last@example.com")

    assert deliver_notifications(worker) == 2
    assert len(smtp_mailbox.messages_to("first@example.com")) == 1
    assert len(smtp_mailbox.messages_to("last@example.com")) == 1
    [stuck] = queued_rows(worker)
    assert stuck.subject == "No recipient" and stuck.attempts == 1


def test_two_workers_delivering_at_once_send_each_notification_exactly_once(worker_runtime, smtp_mailbox):
    workers = [worker_runtime(smtp_mailbox.url), worker_runtime(smtp_mailbox.url)]
    recipients = [f"once-{number}@example.com" for number in range(40)]
    queue_emails(workers[0], *recipients)
    start = threading.Barrier(len(workers))
    sent = [0] * len(workers)

    def deliver(index: int) -> None:
        start.wait()
        sent[index] = deliver_notifications(workers[index])

    threads = [threading.Thread(target=deliver, args=(index,)) for index in range(len(workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sum(sent) == len(recipients)
    assert all(count > 0 for count in sent), f"both workers took a share: {sent}"
    assert {recipient: len(smtp_mailbox.messages_to(recipient)) for recipient in recipients} == {
        recipient: 1 for recipient in recipients
    }
    assert queued_rows(workers[0]) == []
