"""Telling whether an account exists from the answers to login, password reset and sign-up must not work."""
from .people import comparable, unknown_email


def test_login_answers_the_same_for_an_unknown_account_and_a_wrong_password(new_customer, new_client):
    customer = new_customer()

    wrong_password = new_client().login(customer.email, "Not-The-Password-1!")
    unknown = new_client().login(unknown_email(), "Not-The-Password-1!")

    assert wrong_password.status_code == 401
    assert comparable(wrong_password) == comparable(unknown)


def test_password_reset_answers_the_same_for_known_and_unknown_accounts(new_customer, new_client):
    customer = new_customer()

    known = new_client().post("/api/password-resets", json={"login": customer.email})
    unknown = new_client().post("/api/password-resets", json={"login": unknown_email()})

    assert known.status_code == 202
    assert comparable(known) == comparable(unknown)


def test_sign_up_answers_the_same_whether_or_not_the_email_is_taken(new_customer, new_client, smtp_mailbox):
    customer = new_customer()
    body = {"name": "Lee Seojun", "password": "Copper-Lantern-57?"}

    taken = new_client().post("/api/accounts", json={**body, "email": customer.email})
    free = new_client().post("/api/accounts", json={**body, "email": unknown_email()})

    assert taken.status_code == 202
    assert comparable(taken) == comparable(free)
    # The owner hears that someone tried; the account is untouched.
    smtp_mailbox.wait_for_message(customer.email, contains="이미 계정이 있는")
    assert new_client().login(customer.email, customer.password).status_code == 201
