"""The gateway checks ids and passwords here; every failure answers the same generic 401."""
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from sqlalchemy import update

from auth.domain.passwords import made_today
from auth.models import Account
from servicekit.testing.identities import as_admin
from .customers import (
    assert_invalid_credentials,
    audit_events_of,
    enrol_email_factor,
    gateway,
    sign_in,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email, new_phone, years_ago
from .sellers import registered_seller


def authenticate(client, headers, login, password):
    return client.post("/internal/authentications", json={"login": login, "password": password}, headers=headers)


def test_a_customer_authenticates_with_their_email_in_any_case(auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    response = authenticate(auth_client, gateway(sign_identity), email.upper(), STRONG_PASSWORD)

    assert response.status_code == 200, response.json
    assert response.json == {"account_id": account["id"], "name": "Kim", "roles": ["customer"],
                             "seller_id": None, "seller_status": None, "second_factors": [],
                             "password_change_recommended": False}


def test_a_customer_authenticates_with_their_phone(auth_client, sign_identity):
    phone = new_phone()
    account = sign_up(auth_client, sign_identity, phone=phone)

    response = authenticate(auth_client, gateway(sign_identity), f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                            STRONG_PASSWORD)

    assert response.status_code == 200
    assert response.json["account_id"] == account["id"]


def test_a_seller_authenticates_with_their_seller_id_and_status(auth_client, sign_identity):
    email = new_email()
    registered = registered_seller(auth_client, sign_identity, email=email, name="Park", birth_date=years_ago(40),
                                   seller_type="corporation", business_name="Park Co")

    response = authenticate(auth_client, gateway(sign_identity), email, STRONG_PASSWORD)

    assert response.json["roles"] == ["seller"]
    assert response.json["seller_id"] == registered["seller_id"]
    assert response.json["seller_status"] == "pending"


def test_a_wrong_password_and_an_unknown_login_get_the_same_answer(auth_client, sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)

    wrong_password = authenticate(auth_client, gateway(sign_identity), email, STRONG_PASSWORD + "x")
    unknown_email = authenticate(auth_client, gateway(sign_identity), new_email(), STRONG_PASSWORD)
    unknown_phone = authenticate(auth_client, gateway(sign_identity), new_phone(), STRONG_PASSWORD)
    not_a_login = authenticate(auth_client, gateway(sign_identity), "nobody", STRONG_PASSWORD)

    for response in (wrong_password, unknown_email, unknown_phone, not_a_login):
        assert_invalid_credentials(response)
    assert wrong_password.json == unknown_email.json == not_a_login.json


def test_a_deactivated_account_cannot_authenticate(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"]).values(status="deactivated"))

    assert_invalid_credentials(authenticate(auth_client, gateway(sign_identity), email, STRONG_PASSWORD))


def test_a_hash_with_old_parameters_is_upgraded_at_login(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    old_hash = PasswordHasher(time_cost=2, memory_cost=4096).hash(STRONG_PASSWORD)  # neither profile's parameters
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"]).values(password_hash=old_hash))

    assert authenticate(auth_client, gateway(sign_identity), email, STRONG_PASSWORD).status_code == 200

    with auth_runtime.session_factory() as session:
        new_hash = session.get(Account, account["id"]).password_hash
    assert new_hash != old_hash
    assert made_today(new_hash) and not made_today(old_hash)


def test_only_the_gateway_may_check_passwords(auth_client, sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    admin = as_admin(sign_identity, second_factor_age=None)

    assert authenticate(auth_client, admin, email, STRONG_PASSWORD).status_code == 403
    assert authenticate(auth_client, sign_identity(), email, STRONG_PASSWORD).status_code == 401
    assert authenticate(auth_client, {}, email, STRONG_PASSWORD).status_code == 401


def test_malformed_credentials_get_a_422_problem(auth_client, sign_identity):
    response = auth_client.post("/internal/authentications", json={"login": ["x"]}, headers=gateway(sign_identity))

    assert response.status_code == 422
    assert set(response.json["errors"]) == {"login", "password"}


def test_the_answer_lists_the_enrolled_second_factors(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    enrol_email_factor(auth_runtime, account["id"])

    response = sign_in(auth_client, sign_identity, email, STRONG_PASSWORD)

    assert response.json["second_factors"] == ["email"]


def test_an_old_password_is_recommended_for_a_change(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == account["id"])
                           .values(password_changed_at=datetime.now(timezone.utc) - timedelta(days=91)))

    assert sign_in(auth_client, sign_identity, email, STRONG_PASSWORD).json["password_change_recommended"] is True


def test_sign_ins_are_audited_with_the_clients_address_and_the_login_typed(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    client = {"ip": "198.51.100.4", "user_agent": "Safari/17"}

    sign_in(auth_client, sign_identity, email, STRONG_PASSWORD, **client)
    sign_in(auth_client, sign_identity, email, "Wrong-Guess-1", **client)
    unknown = new_email()
    sign_in(auth_client, sign_identity, unknown, STRONG_PASSWORD, **client)

    [succeeded] = audit_events_of(auth_runtime, account["id"], "login_succeeded")
    assert (succeeded.ip, succeeded.user_agent) == ("198.51.100.4", "Safari/17")
    [failed] = audit_events_of(auth_runtime, account["id"], "login_failed")
    assert failed.detail == {"login": email, "reason": "wrong_password"}
    assert any(event.detail["login"] == unknown for event in audit_events_of(auth_runtime, None, "login_failed"))


def test_an_address_that_is_not_an_ip_is_left_out_rather_than_refusing_the_sign_in(auth_runtime, auth_client,
                                                                                   sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    response = sign_in(auth_client, sign_identity, email, STRONG_PASSWORD, ip="not an address", user_agent="x" * 900)

    assert response.status_code == 200
    [succeeded] = audit_events_of(auth_runtime, account["id"], "login_succeeded")
    assert succeeded.ip is None
    assert len(succeeded.user_agent) == 500
