"""Accounts made through the public API, callers as the gateway signs them, and what auth sent or recorded."""
import re
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone

from pathlib import Path

from sqlalchemy import select

import auth
from auth.app import create_app
from auth.models import Account, AuditEvent, ContactFactor
from auth.settings import AuthSettings
from auth.sign_ups import SIGN_UP_SUBJECT
from servicekit.languages import catalog
from servicekit.notifications import deliver_notifications
from servicekit.testing import read_notification_file
from servicekit.testing.events import recorded_envelopes
from servicekit.testing.identities import as_admin
from .people import STRONG_PASSWORD

NEW_PASSWORD = "Quiet-Lantern-77"
# The sign-up code's subject in each language the account may have chosen.
SIGN_UP_SUBJECTS = {str(SIGN_UP_SUBJECT), catalog(Path(auth.__file__).parent / "translations", "ko")[SIGN_UP_SUBJECT.msgid]}
# As the gateway forwards them: the client's address and browser.
CLIENT_HEADERS = {"X-Forwarded-For": "203.0.113.9", "User-Agent": "Firefox/128 on Linux"}


def sign_up(client, sign_identity, **contacts) -> dict:
    """A customer account, signed up with `contacts` and confirmed with the code sent to them."""
    response = client.post("/api/accounts", json={"name": "Kim", "password": STRONG_PASSWORD, **contacts},
                           headers=sign_identity())
    assert response.status_code == 202, response.json
    return verify_sign_up(client, sign_identity, contacts.get("email") or contacts["phone"])


def verify_sign_up(client, sign_identity, login: str) -> dict:
    """Confirm the sign-up whose code went to `login` (an email, or a phone without one); the account made."""
    response = confirm_sign_up(client, sign_identity, login, code_sent_to(runtime_of(client), login))
    assert response.status_code == 201, response.json
    return response.json


def confirm_sign_up(client, sign_identity, login: str, code: str):
    return post_signed_out(client, sign_identity, "/api/accounts/verification", login=login, code=code)


def runtime_of(client):
    """The Runtime of the app behind a test client: its database and notifier are the test run's."""
    return client.application.extensions["runtime"]


def post_signed_out(client, sign_identity, path: str, **body):
    """A call from someone not signed in, through the gateway (which forwards their address and browser)."""
    return client.post(path, json=body, headers={**sign_identity(), **CLIENT_HEADERS})


def as_owner(sign_identity, account: dict, **claims) -> dict:
    """The headers of the account's owner, signed in and calling through the gateway."""
    return {**sign_identity(subject=account["id"], roles=account.get("roles", ["customer"]), **claims),
            **CLIENT_HEADERS}


def admin(sign_identity) -> dict:
    return {**as_admin(sign_identity, second_factor_age=None), **CLIENT_HEADERS}


def gateway(sign_identity) -> dict:
    return sign_identity(subject="gateway", roles=["gateway"])


def sign_in(client, sign_identity, login, password, **extra):
    """The gateway's password check, as it makes it when someone logs in."""
    return client.post("/internal/authentications", json={"login": login, "password": password, **extra},
                       headers=gateway(sign_identity))


def just_stepped_up() -> dict:
    return {"second_factor_at": int(time.time())}


def assert_invalid_credentials(response):
    assert response.status_code == 401
    assert response.content_type == "application/problem+json"
    assert response.json["type"].endswith(":invalid-credentials")
    assert response.json["detail"] == "아이디 또는 비밀번호가 올바르지 않습니다."


def assert_problem(response, status: int, slug: str):
    assert response.status_code == status, response.json
    assert response.content_type == "application/problem+json"
    assert response.json["type"] == f"urn:marketplace:problem:{slug}"


def messages_to(runtime, recipient: str) -> list[dict]:
    """Every email or SMS auth has sent to `recipient`, oldest first, once the queue is delivered."""
    deliver_notifications(runtime)
    return [message for message in read_notification_file(runtime.config.notify_file) if message["to"] == recipient]


def messages_after_sign_up(runtime, recipient: str) -> list[dict]:
    """What auth sent to `recipient` besides the code that confirmed their sign-up, oldest first."""
    return [message for message in messages_to(runtime, recipient) if message["subject"] not in SIGN_UP_SUBJECTS]


def code_sent_to(runtime, recipient: str) -> str:
    [*_, newest] = messages_to(runtime, recipient)
    return re.search(r"(?<!\d)(\d{6})(?!\d)", newest["body"]).group(1)


def events_of(runtime, event_type: str, account_id: str) -> list[dict]:
    """The outbox's events of `event_type` about the account, oldest first."""
    return recorded_envelopes(runtime, event_type, account_id=account_id)


def audit_events_of(runtime, account_id: str | None, kind: str) -> list[AuditEvent]:
    with runtime.session_factory() as session:
        return list(session.scalars(
            select(AuditEvent).where(AuditEvent.account_id == account_id, AuditEvent.kind == kind)
            .order_by(AuditEvent.occurred_at)
        ))


def account_row(runtime, account_id: str) -> Account:
    with runtime.session_factory() as session:
        return session.get(Account, account_id)


def enrol_email_factor(runtime, account_id: str) -> None:
    """Give the account a second factor directly: enrolment itself is the second-factor API's to test."""
    with runtime.session_factory() as session:
        session.add(ContactFactor(account_id=account_id, method="email", enabled_at=datetime.now(timezone.utc)))
        session.commit()


@contextmanager
def client_with(runtime, **settings):
    """A test client of an auth app whose AuthSettings differ from the environment's by `settings`."""
    app = create_app(runtime.config, replace(AuthSettings.from_env(runtime.config), **settings))
    try:
        yield app.test_client()
    finally:
        app.extensions["runtime"].dispose()
