"""The owner changes their password (A6) with the current one; every other session ends; old ones are reminded."""
import hashlib
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from auth.models import Account
from contracts.jsonschema import validate_wire
from servicekit.identity import HEADER, Identity, TokenSigner
from .customers import (
    CLIENT_HEADERS,
    NEW_PASSWORD,
    account_row,
    as_owner,
    assert_problem,
    audit_events_of,
    enrol_email_factor,
    events_of,
    messages_after_sign_up,
    sign_in,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email


def change(client, headers, current_password, new_password=NEW_PASSWORD):
    return client.post("/api/accounts/me/password", json={"current_password": current_password,
                                                          "new_password": new_password}, headers=headers)


@pytest.fixture(scope="module")
def in_session(identity_keys):
    """The headers of the account's owner calling from the gateway session `session_id`."""
    signer = TokenSigner((identity_keys / "identity-private.pem").read_bytes())

    def headers(account: dict, session_id: str) -> dict:
        identity = Identity(subject=account["id"], roles=frozenset(account["roles"]), session_id=session_id)
        return {HEADER: signer.sign(identity), **CLIENT_HEADERS}

    return headers


def a_session_id() -> str:
    """Shaped like the gateway's: the SHA-256 of a cookie token."""
    return hashlib.sha256(uuid.uuid4().bytes).hexdigest()


def test_a_change_sets_the_password_keeps_only_the_current_session_and_tells_the_owner(auth_runtime, auth_client,
                                                                                        sign_identity, in_session):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    session_id = a_session_id()

    response = change(auth_client, in_session(account, session_id), STRONG_PASSWORD)

    assert response.status_code == 204
    assert response.headers["X-Revoke-Sessions"] == f"{account['id']}; keep-current"
    [changed] = events_of(auth_runtime, "PasswordChanged", account["id"])
    validate_wire(changed)
    assert (changed["data"]["via"], changed["data"]["kept_session_id"]) == ("change", session_id)
    assert datetime.fromisoformat(changed["data"]["changed_at"]) == account_row(
        auth_runtime, account["id"]
    ).password_changed_at
    assert sign_in(auth_client, sign_identity, email, NEW_PASSWORD).status_code == 200
    assert account_row(auth_runtime, account["id"]).password_changed_at > datetime.fromisoformat(
        account["password_changed_at"]
    )
    assert [message["subject"] for message in messages_after_sign_up(auth_runtime, email)] == [
        "비밀번호가 변경되었습니다"
    ]
    assert len(audit_events_of(auth_runtime, account["id"], "password_changed")) == 1


def test_a_wrong_current_password_is_refused_and_counts_as_a_failed_attempt(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    response = change(auth_client, as_owner(sign_identity, account), "Wrong-Guess-1")

    assert_problem(response, 403, "wrong-password")
    assert "X-Revoke-Sessions" not in response.headers
    assert events_of(auth_runtime, "PasswordChanged", account["id"]) == []
    assert account_row(auth_runtime, account["id"]).failed_attempts == 1
    assert sign_in(auth_client, sign_identity, email, STRONG_PASSWORD).status_code == 200


def test_a_locked_account_checks_no_password_at_all(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"])
                           .values(locked_until=datetime.now(timezone.utc) + timedelta(hours=1)))

    response = change(auth_client, as_owner(sign_identity, account), STRONG_PASSWORD)

    assert_problem(response, 403, "account-locked")
    assert "locked_until" in response.json


def test_the_new_password_must_pass_the_policy_naming_the_rule(auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    response = change(auth_client, as_owner(sign_identity, account), STRONG_PASSWORD, new_password="Sh0rt!")

    assert_problem(response, 422, "weak-password")
    assert response.json["rules"] == ["length"]
    assert list(response.json["errors"]) == ["new_password"]


def test_the_new_password_must_differ_from_the_current_one(auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    response = change(auth_client, as_owner(sign_identity, account), STRONG_PASSWORD, new_password=STRONG_PASSWORD)

    assert_problem(response, 422, "password-unchanged")


def test_my_account_reminds_me_of_an_old_password_and_lists_my_second_factors(auth_runtime, auth_client,
                                                                              sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())
    me = as_owner(sign_identity, account)
    fresh = auth_client.get("/api/accounts/me", headers=me).json
    assert (fresh["password_change_recommended"], fresh["second_factors"]) == (False, [])
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"])
                           .values(password_changed_at=datetime.now(timezone.utc) - timedelta(days=120)))
    enrol_email_factor(auth_runtime, account["id"])

    old = auth_client.get("/api/accounts/me", headers=me).json

    assert (old["password_change_recommended"], old["second_factors"]) == (True, ["email"])
