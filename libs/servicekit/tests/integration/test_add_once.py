"""UnitOfWork.add_once on SQLite and PostgreSQL: an equal row, committed or being added by another transaction,
refused without spoiling the transaction; other refusals raised."""
import threading
import uuid

import pytest
from sqlalchemy.exc import IntegrityError

from servicekit.migrations import ensure_database
from servicekit.runtime import Runtime
from servicekit.testing import holds_for
from tests.coupon_downloads import Base, Coupon, coupons_named, download, downloads_of, new_coupon


def runtime_with_tables(service_config, **database) -> Runtime:
    config = service_config("add-once", **database)
    ensure_database(config.database_url)
    runtime = Runtime(config)
    Base.metadata.create_all(runtime.engine)
    return runtime


@pytest.fixture
def kit(service_config, each_database_url):
    runtime = runtime_with_tables(service_config, database_url=each_database_url)
    yield runtime
    runtime.dispose()


@pytest.fixture(scope="module")
def kit_on_postgresql(service_config):
    runtime = runtime_with_tables(service_config)
    yield runtime
    runtime.dispose()


def download_in_own_transaction(runtime: Runtime, coupon_id: str, customer_id: str, answers: list[bool]) -> None:
    with runtime.unit_of_work() as uow:
        answers.append(uow.add_once(download(coupon_id, customer_id)))
        uow.commit()


def test_an_equal_row_is_refused_and_the_rest_of_the_transaction_commits(kit):
    coupon = new_coupon(kit)
    answers: list[bool] = []
    download_in_own_transaction(kit, coupon, "ann", answers)

    later = str(uuid.uuid4())
    with kit.unit_of_work() as uow:
        assert not uow.add_once(download(coupon, "ann"))
        assert not uow.add_once(Coupon(id=coupon))
        assert uow.add_once(download(coupon, "bob"))
        assert not uow.add_once(download(coupon, "bob"))
        uow.session.add(Coupon(id=later))
        uow.commit()

    assert answers == [True]
    assert downloads_of(kit, coupon) == ["ann", "bob"]
    assert coupons_named(kit, later) == 1


@pytest.mark.parametrize("refused", ["a missing customer (NOT NULL)", "an unknown coupon (foreign key)"])
def test_a_refusal_other_than_a_unique_one_is_raised_and_the_transaction_stays_usable(kit, refused):
    coupon = new_coupon(kit)
    row = download(coupon, None) if "NOT NULL" in refused else download(str(uuid.uuid4()), "ann")
    with kit.unit_of_work() as uow:
        with pytest.raises(IntegrityError):
            uow.add_once(row)
        assert uow.add_once(download(coupon, "bob"))
        uow.commit()

    assert downloads_of(kit, coupon) == ["bob"]


def test_rows_added_once_go_when_their_transaction_rolls_back(kit):
    """The savepoint is inside the transaction even when it is the transaction's first write (on SQLite
    it was a transaction of its own, which its release committed)."""
    coupon = new_coupon(kit)
    with kit.unit_of_work() as uow:
        assert uow.add_once(download(coupon, "ann"))
        uow.session.rollback()

    assert downloads_of(kit, coupon) == []


@pytest.mark.parametrize("first_ends_by", ["commit", "rollback"])
def test_an_equal_row_another_transaction_is_adding_waits_for_it_and_is_refused_only_if_it_commits(
    kit_on_postgresql, first_ends_by
):
    kit = kit_on_postgresql
    coupon = new_coupon(kit)
    answers: list[bool] = []
    with kit.unit_of_work() as first:
        assert first.add_once(download(coupon, "ann"))
        second = threading.Thread(target=download_in_own_transaction, args=(kit, coupon, "ann", answers))
        second.start()
        holds_for(lambda: not answers, seconds=0.5, what="the second download waiting for the first transaction")
        getattr(first.session, first_ends_by)()
    second.join(10)

    assert answers == [first_ends_by == "rollback"]
    assert downloads_of(kit, coupon) == ["ann"]
