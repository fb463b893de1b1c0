"""Each account has a language, Korean unless its owner chose English at sign-up or later."""
import pytest

from .customers import as_owner, assert_problem, sign_up, verify_sign_up
from .people import new_email
from .sellers import register


def me(client, sign_identity, account):
    return client.get("/api/accounts/me", headers=as_owner(sign_identity, account)).json


def update_me(client, sign_identity, account, **fields):
    return client.patch("/api/accounts/me", json=fields, headers=as_owner(sign_identity, account))


def test_a_new_account_is_in_korean(auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    assert account["language"] == "ko"
    assert me(auth_client, sign_identity, account)["language"] == "ko"


def test_a_customer_may_sign_up_in_english(auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email(), language="en")

    assert me(auth_client, sign_identity, account)["language"] == "en"


def test_a_seller_may_register_in_english(auth_client, sign_identity):
    email = new_email()
    assert register(auth_client, sign_identity, email=email, language="en").status_code == 202

    assert verify_sign_up(auth_client, sign_identity, email)["language"] == "en"


def test_the_owner_changes_the_language_without_a_password(auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())

    changed = update_me(auth_client, sign_identity, account, language="en")

    assert changed.status_code == 200, changed.json
    assert changed.json["language"] == "en"
    assert me(auth_client, sign_identity, account)["language"] == "en"


@pytest.mark.parametrize("language", ["fr", "KO", "", None, 1])
def test_a_language_the_platform_does_not_speak_is_refused_and_changes_nothing(auth_client, sign_identity, language):
    account = sign_up(auth_client, sign_identity, email=new_email())

    refused = update_me(auth_client, sign_identity, account, language=language, name="Lee")

    assert_problem(refused, 422, "validation-failed")
    assert list(refused.json["errors"]) == ["language"]
    assert (me(auth_client, sign_identity, account)["language"], me(auth_client, sign_identity, account)["name"]) == (
        "ko", "Kim"
    )


def test_a_sign_up_in_a_language_the_platform_does_not_speak_is_refused(auth_client, sign_identity):
    response = auth_client.post("/api/accounts", json={"email": new_email(), "name": "Kim", "password": "x",
                                                       "language": "ja"}, headers=sign_identity())

    assert_problem(response, 422, "validation-failed")
    assert "language" in response.json["errors"]
