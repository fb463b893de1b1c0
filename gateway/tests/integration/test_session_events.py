"""Auth's PasswordChanged and AccountDeactivated end the sessions signed in before them, once, whenever they arrive."""
import uuid
from datetime import datetime

import pytest

from sqlalchemy import select

from contracts import REGISTRY, Envelope
from gateway.domain.accounts import Account
from gateway.models import UserSession
from gateway.second_factor_steps import finish_sign_in
from gateway.sessions import open_session
from servicekit import clock
from tests.conftest import CUSTOMER


def signed_in(runtime, account_id: str, *, second_factor_pending: bool = False) -> str:
    with runtime.unit_of_work() as uow:
        user_session, _ = open_session(
            uow.session, Account(account_id, "Ada", ("customer",), None), "test", "127.0.0.1",
            second_factor_pending=second_factor_pending,
        )
        uow.session.commit()
        return user_session.id


def still_signed_in(runtime, *session_ids: str) -> set[str]:
    with runtime.unit_of_work() as uow:
        return set(uow.session.scalars(
            select(UserSession.id).where(UserSession.id.in_(session_ids), UserSession.revoked_at.is_(None))
        ))


def revoked_at(runtime, session_id: str) -> datetime | None:
    with runtime.unit_of_work() as uow:
        return uow.session.get(UserSession, session_id).revoked_at


def from_auth(name: str, data: dict) -> Envelope:
    """The event as it arrives off the wire, its data as auth's contract writes it."""
    envelope = Envelope(name, 1, "auth", REGISTRY.get(name, 1).dump(data))
    return Envelope.from_wire(envelope.to_wire())


def password_changed(account_id: str, changed_at: datetime, kept_session_id: str | None = None) -> Envelope:
    via = "change" if kept_session_id else "reset"
    return from_auth("PasswordChanged", {"account_id": account_id, "changed_at": changed_at, "via": via,
                                         "kept_session_id": kept_session_id})


def test_a_password_change_ends_the_sessions_signed_in_before_it_but_the_one_that_made_it(
    gateway_runtime, gateway_consumer
):
    account_id, someone_else = str(uuid.uuid4()), str(uuid.uuid4())
    laptop, phone, changing = (signed_in(gateway_runtime, account_id) for _ in range(3))
    others = signed_in(gateway_runtime, someone_else)

    assert gateway_consumer.handle(password_changed(account_id, clock.now(), changing), "PasswordChanged.v1")

    assert still_signed_in(gateway_runtime, laptop, phone, changing, others) == {changing, others}


def test_a_session_signed_in_after_the_change_survives_its_late_delivery(gateway_runtime, gateway_consumer):
    account_id = str(uuid.uuid4())
    with_old_password = signed_in(gateway_runtime, account_id)
    changed = password_changed(account_id, clock.now())
    with_new_password = signed_in(gateway_runtime, account_id)

    gateway_consumer.handle(changed, "PasswordChanged.v1")

    assert still_signed_in(gateway_runtime, with_old_password, with_new_password) == {with_new_password}


def test_a_redelivered_password_change_changes_nothing(gateway_runtime, gateway_consumer):
    account_id = str(uuid.uuid4())
    with_old_password = signed_in(gateway_runtime, account_id)
    changed = password_changed(account_id, clock.now())
    assert gateway_consumer.handle(changed, "PasswordChanged.v1")
    ended_at = revoked_at(gateway_runtime, with_old_password)
    with_new_password = signed_in(gateway_runtime, account_id)

    assert not gateway_consumer.handle(changed, "PasswordChanged.v1")

    assert revoked_at(gateway_runtime, with_old_password) == ended_at
    assert still_signed_in(gateway_runtime, with_new_password) == {with_new_password}


def test_a_sign_in_that_finishes_its_second_factor_after_the_change_ends_too(gateway_runtime, gateway_consumer):
    account_id = str(uuid.uuid4())
    pending_id = signed_in(gateway_runtime, account_id, second_factor_pending=True)
    changed = password_changed(account_id, clock.now())
    with gateway_runtime.unit_of_work() as uow:
        pending = uow.session.get(UserSession, pending_id)
    finished_id = finish_sign_in(gateway_runtime, pending).session.id

    gateway_consumer.handle(changed, "PasswordChanged.v1")

    assert still_signed_in(gateway_runtime, pending_id, finished_id) == set()


def test_deactivation_ends_every_session_signed_in_before_it(gateway_runtime, gateway_consumer):
    account_id = str(uuid.uuid4())
    laptop, phone = signed_in(gateway_runtime, account_id), signed_in(gateway_runtime, account_id)
    deactivated = from_auth("AccountDeactivated", {"account_id": account_id, "deactivated_at": clock.now()})
    after_recovery = signed_in(gateway_runtime, account_id)

    assert gateway_consumer.handle(deactivated, "AccountDeactivated.v1")
    assert not gateway_consumer.handle(deactivated, "AccountDeactivated.v1")

    assert still_signed_in(gateway_runtime, laptop, phone, after_recovery) == {after_recovery}


def test_a_browser_signed_in_before_a_password_reset_is_signed_out(client, sign_in, gateway_consumer):
    sign_in()
    assert client.get("/api/session").status_code == 200

    gateway_consumer.handle(password_changed(CUSTOMER["account_id"], clock.now()), "PasswordChanged.v1")

    assert client.get("/api/session").status_code == 401


@pytest.mark.parametrize("event", ["PasswordChanged", "AccountDeactivated"])
def test_a_sign_in_whose_password_auth_checked_before_the_change_ends_however_late_its_session_is_stored(
    client, sign_in, upstreams, gateway_consumer, event
):
    # Auth changed the password or deactivated the account just after it checked the old password, so the
    # header of its answer ended every session before this browser's was stored; only the event is left to end it.
    sign_in()
    checked_at = upstreams["auth"].last_checked_at
    news = (
        password_changed(CUSTOMER["account_id"], checked_at) if event == "PasswordChanged"
        else from_auth(event, {"account_id": CUSTOMER["account_id"], "deactivated_at": checked_at})
    )

    gateway_consumer.handle(news, f"{event}.v1")

    assert client.get("/api/session").status_code == 401
