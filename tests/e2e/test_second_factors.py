"""Every second factor through the gateway: enrol it, then sign in with it (A4)."""
import re
import uuid

import pytest

from servicekit.testing import SoftAuthenticator

CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
PASSWORD = "Copper-Lantern-57?"


def texted_code(sms_inbox, phone: str, contains: str) -> str:
    return CODE.search(sms_inbox.wait_for_message(phone, contains=contains)["text"]).group(1)


def pending_sign_in(new_client, login: str, password: str):
    client = new_client()
    answer = client.login(login, password)
    assert answer.status_code == 201 and answer.json()["second_factor_required"], answer.text
    return client, answer.json()["second_factors"]


@pytest.fixture
def origin(platform) -> str:
    """The relying party the platform's auth service is configured with: the pages behind its gateway."""
    return platform.env["AUTH_WEBAUTHN_ORIGIN"]


def register_key(customer, origin: str) -> SoftAuthenticator:
    key = SoftAuthenticator(origin)
    options = customer.post("/api/second-factors/webauthn/registration-options").json()
    registered = customer.post(
        "/api/second-factors/webauthn/registrations", json={"name": "YubiKey 5", "credential": key.create(options)}
    )
    assert registered.status_code == 201, registered.text
    return key


def sign_in_with_key(client, key: SoftAuthenticator):
    challenge = client.post("/api/session/2fa/challenge", json={"method": "webauthn"})
    assert challenge.status_code == 200, challenge.text
    return client.second_factor("webauthn", credential=key.get(challenge.json()["options"]))


def test_a_security_key_registered_through_the_gateway_signs_in(new_customer, new_client, origin):
    customer = new_customer()
    key = register_key(customer, origin)

    client, factors = pending_sign_in(new_client, customer.email, customer.password)
    signed_in = sign_in_with_key(client, key)

    assert factors == ["webauthn", "recovery_code"]
    assert signed_in.status_code == 200, signed_in.text
    assert client.get("/api/accounts/me").status_code == 200


def test_a_cloned_security_key_with_an_old_counter_is_refused(new_customer, new_client, origin):
    customer = new_customer()
    key = register_key(customer, origin)
    stolen = key.clone()
    owner, _ = pending_sign_in(new_client, customer.email, customer.password)
    assert sign_in_with_key(owner, key).status_code == 200

    attacker, _ = pending_sign_in(new_client, customer.email, customer.password)
    refused = sign_in_with_key(attacker, stolen)

    assert refused.status_code == 401
    assert attacker.get("/api/accounts/me").status_code == 401


def test_an_sms_code_signs_in_an_account_registered_by_phone(new_client, sms_inbox):
    phone = f"010{uuid.uuid4().int % 10**8:08d}"
    person = new_client()
    assert person.post("/api/accounts", json={"phone": phone, "name": "Lee", "password": PASSWORD}).status_code == 202
    code = texted_code(sms_inbox, phone, "회원가입 인증번호")
    assert person.post("/api/accounts/verification", json={"login": phone, "code": code}).status_code == 201
    assert person.login(phone, PASSWORD).status_code == 201
    assert person.post("/api/second-factors/sms").status_code == 202
    confirmation = {"code": texted_code(sms_inbox, phone, "확인 인증번호")}
    assert person.post("/api/second-factors/sms/confirmation", json=confirmation).status_code == 200

    client, factors = pending_sign_in(new_client, phone, PASSWORD)
    sent = client.post("/api/session/2fa/challenge", json={"method": "sms"})
    signed_in = client.second_factor("sms", texted_code(sms_inbox, phone, "로그인 인증번호"))

    assert "sms" in factors
    assert sent.status_code == 200 and sent.json()["sent_to"].endswith(phone[-4:])
    assert signed_in.status_code == 200, signed_in.text


def test_an_email_code_signs_in(new_customer, new_client, mail_code):
    customer = new_customer()
    assert customer.post("/api/second-factors/email").status_code == 202
    confirmed = customer.post(
        "/api/second-factors/email/confirmation", json={"code": mail_code(customer.email, "확인 인증번호")}
    )
    assert confirmed.status_code == 200, confirmed.text

    client, _ = pending_sign_in(new_client, customer.email, customer.password)
    assert client.post("/api/session/2fa/challenge", json={"method": "email"}).status_code == 200
    signed_in = client.second_factor("email", mail_code(customer.email, "로그인 인증번호"))

    assert signed_in.status_code == 200, signed_in.text


def test_a_recovery_code_signs_in_once_and_its_use_is_audited_and_told(new_customer, new_client, smtp_mailbox):
    customer = new_customer()
    customer.enrol_authenticator()
    recovery_code = customer.recovery_codes[0]

    first, _ = pending_sign_in(new_client, customer.email, customer.password)
    again, _ = pending_sign_in(new_client, customer.email, customer.password)

    assert first.second_factor("recovery_code", recovery_code).status_code == 200
    assert again.second_factor("recovery_code", recovery_code).status_code == 401
    assert "recovery_code_used" in [event["kind"] for event in first.get("/api/audit-events").json()]
    smtp_mailbox.wait_for_message(customer.email, contains="복구 코드로 계정에 로그인했습니다")
    assert first.get("/api/second-factors").json()["recovery_codes_remaining"] == 9
