"""A sign-in from a browser the account never used is audited and told to the owner; the first one is not."""
from .customers import audit_events_of, messages_after_sign_up, sign_in, sign_up
from .people import STRONG_PASSWORD, new_email, new_phone

LAPTOP, PHONE = "a" * 64, "b" * 64


def sign_in_from(client, sign_identity, login, device_id, user_agent="Firefox/128", ip="203.0.113.9"):
    response = sign_in(client, sign_identity, login, STRONG_PASSWORD, device_id=device_id, user_agent=user_agent,
                       ip=ip)
    assert response.status_code == 200, response.json
    return response


def test_the_first_device_and_a_known_one_are_not_told(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    sign_in_from(auth_client, sign_identity, email, LAPTOP)
    sign_in_from(auth_client, sign_identity, email, LAPTOP)

    assert audit_events_of(auth_runtime, account["id"], "new_device") == []
    assert messages_after_sign_up(auth_runtime, email) == []


def test_a_new_device_is_audited_and_told_to_the_owner_with_its_browser_and_address(auth_runtime, auth_client,
                                                                                     sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    sign_in_from(auth_client, sign_identity, email, LAPTOP)

    sign_in_from(auth_client, sign_identity, email, PHONE, user_agent="Mobile Safari/17", ip="198.51.100.23")

    [new_device] = audit_events_of(auth_runtime, account["id"], "new_device")
    assert new_device.detail == {"device_id": PHONE}
    assert new_device.ip == "198.51.100.23"
    [notice] = messages_after_sign_up(auth_runtime, email)
    assert notice["subject"] == "새 기기에서 로그인했습니다"
    assert "198.51.100.23에서 Mobile Safari/17(으)로 계정에 새로 로그인했습니다" in notice["body"]


def test_an_owner_without_email_is_told_by_sms(auth_runtime, auth_client, sign_identity):
    phone = new_phone()
    sign_up(auth_client, sign_identity, phone=phone)
    sign_in_from(auth_client, sign_identity, phone, LAPTOP)

    sign_in_from(auth_client, sign_identity, phone, PHONE)

    [notice] = messages_after_sign_up(auth_runtime, phone)
    assert notice["channel"] == "sms"


def test_a_refused_sign_in_remembers_no_device(auth_runtime, auth_client, sign_identity):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email)
    sign_in(auth_client, sign_identity, email, "Wrong-Guess-1", device_id=LAPTOP)
    sign_in_from(auth_client, sign_identity, email, PHONE)

    sign_in_from(auth_client, sign_identity, email, LAPTOP)

    assert len(messages_after_sign_up(auth_runtime, email)) == 1
