"""Customers sign up with an email or a phone and a password that meets the policy."""
import pytest

from .people import STRONG_PASSWORD, account_count, new_email, new_phone


def sign_up(client, sign_identity, **body):
    return client.post("/api/accounts", json=body, headers=sign_identity())


def test_a_customer_signs_up_with_an_email_and_reads_their_account(auth_client, sign_identity):
    email = new_email()
    response = sign_up(auth_client, sign_identity, email=f"  {email.upper()} ", name="Kim Minji",
                       password=STRONG_PASSWORD)

    assert response.status_code == 201, response.json
    account = response.json
    assert account["email"] == email
    assert account["roles"] == ["customer"]
    assert account["status"] == "active"
    assert "password" not in account and "password_hash" not in account

    me = auth_client.get("/api/accounts/me", headers=sign_identity(subject=account["id"], roles=["customer"]))
    assert me.status_code == 200
    assert me.json["id"] == account["id"]
    assert "password_hash" not in me.json


def test_a_customer_signs_up_with_a_phone_written_with_dashes(auth_client, sign_identity):
    phone = new_phone()
    response = sign_up(auth_client, sign_identity, phone=f"{phone[:3]}-{phone[3:7]}-{phone[7:]}", name="Lee",
                       password=STRONG_PASSWORD)

    assert response.status_code == 201, response.json
    assert response.json["phone"] == phone
    assert response.json["email"] is None


def test_a_weak_password_is_refused_naming_each_failed_rule(auth_runtime, auth_client, sign_identity):
    before = account_count(auth_runtime)
    response = sign_up(auth_client, sign_identity, email=new_email(), name="Kim", password="password")

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert response.json["type"].endswith(":weak-password")
    assert response.json["rules"] == ["uppercase", "digit", "symbol", "common"]
    assert len(response.json["errors"]["password"]) == 4
    assert account_count(auth_runtime) == before


def test_a_common_password_is_refused_even_when_it_mixes_everything(auth_client, sign_identity):
    response = sign_up(auth_client, sign_identity, email=new_email(), name="Kim", password="P@ssw0rd1")

    assert response.status_code == 422
    assert response.json["rules"] == ["common"]


def test_a_second_sign_up_with_the_same_email_is_refused(auth_runtime, auth_client, sign_identity):
    email = new_email()
    assert sign_up(auth_client, sign_identity, email=email, name="Kim", password=STRONG_PASSWORD).status_code == 201
    before = account_count(auth_runtime)

    again = sign_up(auth_client, sign_identity, email=email.upper(), name="Other", password=STRONG_PASSWORD)

    assert again.status_code == 409
    assert again.json["type"].endswith(":account-exists")
    assert account_count(auth_runtime) == before


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Kim", "password": STRONG_PASSWORD},
        {"email": "not-an-email", "name": "Kim", "password": STRONG_PASSWORD},
        {"phone": "02-123-4567", "name": "Kim", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": "   ", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": "Kim"},
        {"email": 42, "name": "Kim", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": ["Kim"], "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": "Kim", "password": 12345678},
        {"email": "kim@example.com", "name": "Kim", "password": STRONG_PASSWORD, "roles": ["admin"]},
    ],
)
def test_bad_input_gets_a_422_problem_and_creates_nothing(auth_runtime, auth_client, sign_identity, body):
    before = account_count(auth_runtime)
    response = sign_up(auth_client, sign_identity, **body)

    assert response.status_code == 422, response.json
    assert response.content_type == "application/problem+json"
    assert response.json["errors"]
    assert account_count(auth_runtime) == before


def test_a_body_that_is_not_json_gets_a_problem(auth_client, sign_identity):
    response = auth_client.post("/api/accounts", data="{not json", content_type="application/json",
                                headers=sign_identity())

    assert 400 <= response.status_code < 500
    assert response.content_type == "application/problem+json"


def test_reading_my_account_needs_a_signed_in_user(auth_client, sign_identity):
    assert auth_client.get("/api/accounts/me", headers=sign_identity()).status_code == 401
