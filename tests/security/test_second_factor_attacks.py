"""Attacks on the second step of signing in: replayed and stale codes, guessing, skipping the step."""
import time

import pyotp

from .people import plant_session, problem_type, session_token


def enrolled_customer(new_customer):
    """A customer with an authenticator app; returns the client, its generator and the code used to confirm it."""
    customer = new_customer()
    secret = customer.post("/api/second-factors/totp").json()["secret"]
    authenticator = pyotp.TOTP(secret)
    code = authenticator.now()
    confirmed = customer.post("/api/second-factors/totp/confirmation", json={"code": code})
    assert confirmed.status_code == 200, confirmed.text
    return customer, authenticator, code


def pending_login(new_client, customer):
    client = new_client()
    answer = client.login(customer.email, customer.password)
    assert answer.status_code == 201, answer.text
    assert answer.json()["second_factor_required"] is True
    assert "totp" in answer.json()["second_factors"]
    return client


def test_a_totp_code_already_used_is_refused(new_customer, new_client):
    customer, authenticator, used_code = enrolled_customer(new_customer)
    attacker = pending_login(new_client, customer)

    replayed = attacker.second_factor("totp", used_code)

    assert replayed.status_code == 401
    assert problem_type(replayed) == "second-factor-invalid"
    assert attacker.get("/api/accounts/me").status_code == 401


def test_a_totp_code_from_two_steps_ago_is_refused_and_the_next_step_is_accepted(new_customer, new_client):
    customer, authenticator, _ = enrolled_customer(new_customer)
    client = pending_login(new_client, customer)

    stale = client.second_factor("totp", authenticator.at(time.time() - 60))
    assert stale.status_code == 401
    assert problem_type(stale) == "second-factor-invalid"

    # One step ahead is inside the window, and later than the step used at enrolment.
    accepted = client.second_factor("totp", authenticator.at(time.time() + 30))
    assert accepted.status_code == 200, accepted.text
    assert client.get("/api/accounts/me").status_code == 200


def test_guessing_the_second_factor_ends_the_pending_session_after_five_tries(new_customer, new_client):
    customer, authenticator, _ = enrolled_customer(new_customer)
    attacker = pending_login(new_client, customer)

    answers = [attacker.second_factor("totp", f"{guess:06d}") for guess in range(5)]

    assert [a.status_code for a in answers] == [401] * 5
    assert problem_type(answers[-1]) == "second-factor-attempts-exhausted"
    # The pending session is gone: even the right code no longer signs the attacker in.
    late = attacker.second_factor("totp", authenticator.at(time.time() + 30))
    assert late.status_code == 401
    assert attacker.get("/api/session").status_code == 401


def test_a_session_between_password_and_second_factor_can_do_nothing_else(new_customer, new_client):
    customer, _, _ = enrolled_customer(new_customer)
    pending = pending_login(new_client, customer)

    for method, path in (
        ("GET", "/api/accounts/me"),
        ("GET", "/api/orders"),
        ("GET", "/api/session/devices"),
        ("GET", "/api/audit-events"),
        ("GET", "/api/second-factors"),
        ("POST", "/api/second-factors/recovery-codes"),
        ("DELETE", "/api/second-factors/totp"),
    ):
        answer = pending.request(method, path)
        assert answer.status_code == 401, (method, path, answer.text)
        assert problem_type(answer) == "second-factor-required", (method, path)
    assert pending.get("/api/session").json()["second_factor_required"] is True


def test_the_session_id_changes_when_the_second_factor_passes(new_customer, new_client, platform):
    customer, authenticator, _ = enrolled_customer(new_customer)
    client = pending_login(new_client, customer)
    pending_token = session_token(client)

    assert client.second_factor("totp", authenticator.at(time.time() + 30)).status_code == 200

    assert session_token(client) != pending_token
    replay = new_client()
    plant_session(replay, pending_token)
    assert replay.get("/api/session").status_code == 401


def test_a_seller_without_a_second_factor_cannot_manage_products_or_orders(new_seller):
    seller = new_seller(with_second_factor=False)

    listing = seller.post("/api/products", json={"name": "Tea", "price": 1000, "stock": 1})
    orders = seller.get("/api/orders")

    assert listing.status_code == 403 and problem_type(listing) == "second-factor-required"
    assert orders.status_code == 403 and problem_type(orders) == "second-factor-required"


def test_disabling_the_authenticator_needs_a_fresh_second_factor(new_customer, new_client):
    customer, authenticator, _ = enrolled_customer(new_customer)
    client = pending_login(new_client, customer)
    assert client.second_factor("totp", authenticator.at(time.time() + 30)).status_code == 200
    # Signing in with the factor just now counts as fresh: it is within the step-up window.
    assert client.delete("/api/second-factors/totp").status_code == 204
    assert "totp" not in client.get("/api/second-factors").json()["methods"]
