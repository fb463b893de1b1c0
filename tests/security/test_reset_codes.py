"""Password reset codes: single use, short-lived, and a reset ends every session."""
import time

import requests

from servicekit.identity import ANONYMOUS, HEADER, TokenSigner
from servicekit.testing import wait_for

from .people import problem_type

NEW_PASSWORD = "Quiet-Orchard-88#"


def request_reset(client, email, mail_code):
    assert client.post("/api/password-resets", json={"login": email}).status_code == 202
    return mail_code(email, "비밀번호 재설정 인증번호")


def test_a_reset_code_works_once_and_ends_every_session(new_customer, new_client, mail_code):
    customer = new_customer()
    stranger = new_client()
    code = request_reset(stranger, customer.email, mail_code)

    first = stranger.post(
        "/api/password-resets/confirm", json={"login": customer.email, "code": code, "new_password": NEW_PASSWORD}
    )
    again = stranger.post(
        "/api/password-resets/confirm",
        json={"login": customer.email, "code": code, "new_password": "Second-Orchard-99#"},
    )

    assert first.status_code == 204, first.text
    assert again.status_code == 400 and problem_type(again) == "reset-code-invalid"
    assert customer.get("/api/accounts/me").status_code == 401
    assert new_client().login(customer.email, NEW_PASSWORD).status_code == 201
    assert new_client().login(customer.email, "Second-Orchard-99#").status_code == 401


def test_an_expired_reset_code_is_refused(platform, new_customer, new_client, mail_code):
    customer = new_customer()
    client = new_client()
    code = request_reset(client, customer.email, mail_code)
    # Nothing to poll for: the code's lifetime has to pass.
    time.sleep(platform.reset_code_seconds + 1)

    late = client.post(
        "/api/password-resets/confirm", json={"login": customer.email, "code": code, "new_password": NEW_PASSWORD}
    )

    assert late.status_code == 400 and problem_type(late) == "reset-code-invalid"
    assert new_client().login(customer.email, customer.password).status_code == 201


def test_a_reset_the_gateway_never_saw_answered_still_ends_every_session(
    platform, identity_keys, new_customer, new_client, mail_code
):
    """As if the gateway died between auth's commit and the answer: auth's event ends the sessions."""
    customer = new_customer()
    code = request_reset(new_client(), customer.email, mail_code)
    anonymous = TokenSigner((identity_keys / "identity-private.pem").read_bytes()).sign(ANONYMOUS)

    straight_to_auth = requests.post(
        f"http://127.0.0.1:{platform.ports['auth']}/api/password-resets/confirm",
        json={"login": customer.email, "code": code, "new_password": NEW_PASSWORD},
        headers={HEADER: anonymous},
    )

    assert straight_to_auth.status_code == 204
    wait_for(lambda: customer.get("/api/accounts/me").status_code == 401, what="the gateway to end the session")
