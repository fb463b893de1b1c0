"""Batch jobs on real PostgreSQL: every due row changed once, a batch a transaction, rows held elsewhere skipped."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import Boolean, String, delete, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime
from servicekit.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Reminder(Base):
    __tablename__ = "reminders"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent: Mapped[bool] = mapped_column(Boolean)


@pytest.fixture(scope="module")
def reminders(service_config):
    config = service_config("batches")
    ensure_database(config.database_url)
    runtime = Runtime(config)
    Base.metadata.create_all(runtime.engine)
    yield runtime
    Base.metadata.drop_all(runtime.engine)
    runtime.dispose()


@pytest.fixture
def add_reminders(reminders):
    with reminders.engine.begin() as connection:
        connection.execute(delete(Reminder))

    def add(*offsets: timedelta) -> list[str]:
        now = datetime.now(timezone.utc)
        ids = [str(uuid.uuid4()) for _ in offsets]
        with reminders.unit_of_work() as uow:
            uow.session.add_all(Reminder(id=i, due_at=now + o, sent=False) for i, o in zip(ids, offsets))
            uow.commit()
        return ids

    return add


def due_reminders(now: datetime):
    return select(Reminder).where(Reminder.sent.is_(False), Reminder.due_at <= now).order_by(Reminder.due_at)


def send(uow, reminder: Reminder, now: datetime) -> None:
    reminder.sent = True


def sent_ids(runtime) -> set[str]:
    with runtime.engine.connect() as connection:
        return set(connection.scalars(select(Reminder.id).where(Reminder.sent.is_(True))))


def test_every_due_row_is_changed_over_several_batches_and_the_rest_left(reminders, add_reminders):
    due = add_reminders(*(timedelta(minutes=-m) for m in range(1, 6)))
    later = add_reminders(timedelta(minutes=5))

    assert change_each_due(reminders, due_reminders, send, batch=2) == 5

    assert sent_ids(reminders) == set(due)
    assert not set(later) & sent_ids(reminders)


def test_a_row_another_worker_holds_is_skipped_and_changed_on_the_next_run(reminders, add_reminders):
    held, free = add_reminders(timedelta(minutes=-2), timedelta(minutes=-1))

    with reminders.unit_of_work() as other_worker:
        other_worker.session.execute(select(Reminder).where(Reminder.id == held).with_for_update())
        assert change_each_due(reminders, due_reminders, send) == 1
        assert sent_ids(reminders) == {free}
        other_worker.commit()

    assert change_each_due(reminders, due_reminders, send) == 1
    assert sent_ids(reminders) == {held, free}


def test_a_row_whose_change_fails_is_left_for_the_next_run_and_does_not_hold_up_the_rest(reminders, add_reminders):
    broken, *rest = add_reminders(*(timedelta(minutes=-m) for m in range(6, 0, -1)))

    def send_unless_broken(uow, reminder, now):
        reminder.sent = True
        uow.session.flush()
        if reminder.id == broken:
            raise RuntimeError("the mail server refused this one")

    # The broken row comes first; the five behind it are all sent in this run, one a batch.
    assert change_each_due(reminders, due_reminders, send_unless_broken, batch=1) == 5
    assert sent_ids(reminders) == set(rest)
    assert change_each_due(reminders, due_reminders, send) == 1
    assert sent_ids(reminders) == {broken, *rest}


def test_a_job_reads_the_one_clock_so_a_test_can_move_it_forward(reminders, add_reminders, monkeypatch):
    tomorrow = add_reminders(timedelta(days=1))
    later = datetime.now(timezone.utc) + timedelta(days=2)
    monkeypatch.setattr(clock, "now", lambda: later)

    assert change_each_due(reminders, due_reminders, send) == 1
    assert sent_ids(reminders) == set(tomorrow)
