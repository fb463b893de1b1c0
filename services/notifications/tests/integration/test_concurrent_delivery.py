"""A notice delivered while the worker learns, in another transaction, who it is for is not lost: the seller's
account learnt while a notice to that seller waits, the contacts learnt while mail to them is owed. These run
on PostgreSQL (the suite's database), where the two transactions truly overlap."""
from __future__ import annotations

import threading

import sample_events as events
from notifications import contacts, delivery
from notifications.domain import notices
from servicekit.db import is_postgres
from .people import inbox, known, messages_to

# How long the second transaction is given to finish while the first holds its uncommitted notice; with the
# locks it waits for the first one's commit instead.
OVERLAP_SECONDS = 1.0


def overlapping(runtime, first, second) -> None:
    """Run `first(uow)` and, while its transaction is still open, `second(uow)` in another thread; then commit the
    first, and wait for the second to commit too."""
    assert is_postgres(runtime.engine), "the race needs two real transactions"
    first_done_its_work, errors = threading.Event(), []
    second_done = threading.Event()

    def run_second():
        try:
            with runtime.unit_of_work() as uow:
                second(uow)
                uow.commit()
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            second_done.set()

    with runtime.unit_of_work() as uow:
        first(uow)
        first_done_its_work.set()
        thread = threading.Thread(target=run_second)
        thread.start()
        second_done.wait(OVERLAP_SECONDS)
        uow.commit()
    thread.join(10)
    assert not thread.is_alive() and not errors, errors


def test_a_notice_to_a_seller_learnt_meanwhile_still_reaches_their_inbox(
    notifications_client, notifications_consumer, notifications_runtime, sign_identity
):
    shop = known(notifications_consumer, roles=("seller",), known_to_service=False)
    notice = notices.stock_low(events.stock_low(shop.seller_id))

    overlapping(
        notifications_runtime,
        lambda uow: delivery.deliver(uow, events.new_id(), notice),
        lambda uow: contacts.learn_seller_account(uow, shop.seller_id, shop.account_id),
    )

    assert [n["kind"] for n in inbox(notifications_client, sign_identity, shop)] == ["low_stock"]


def test_mail_owed_while_the_contacts_arrive_is_still_sent(notifications_consumer, notifications_runtime):
    buyer = known(notifications_consumer, known_to_service=False)
    notice = notices.review_requested(events.review_requested(buyer.account_id))
    announced = events.contacts(buyer.account_id, email=buyer.email)

    overlapping(
        notifications_runtime,
        lambda uow: delivery.deliver(uow, events.new_id(), notice),
        lambda uow: contacts.learn_contacts(uow, announced),
    )

    assert len(messages_to(notifications_runtime, buyer.email)) == 1
