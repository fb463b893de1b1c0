"""The mails and texts auth sends itself (sign-up codes, password reset and recovery codes, security alerts) are
written in their reader's language: the account's, or at sign-up the language the sign-up chose (its `language`,
else its Accept-Language), Korean by default; and its problem answers follow the caller's Accept-Language."""
import pytest

from .customers import CLIENT_HEADERS, NEW_PASSWORD, as_owner, messages_to, post_signed_out, sign_up, verify_sign_up
from .people import STRONG_PASSWORD, new_email, new_phone


def newest_to(runtime, recipient: str) -> dict:
    return messages_to(runtime, recipient)[-1]


@pytest.mark.parametrize("language, subject, body", [
    ("ko", "회원가입 인증번호", "마켓플레이스 회원가입 인증번호는"),
    ("en", "Confirm your sign-up", "Your Marketplace sign-up code is"),
])
def test_a_sign_up_code_comes_in_the_language_the_sign_up_chose(auth_runtime, auth_client, sign_identity,
                                                                language, subject, body):
    email = new_email()

    auth_client.post("/api/accounts", json={"name": "Kim", "password": STRONG_PASSWORD, "email": email,
                                            "language": language}, headers=sign_identity())

    mail = newest_to(auth_runtime, email)
    assert (mail["subject"], mail["body"].startswith(body)) == (subject, True)


def test_a_sign_up_without_a_language_takes_the_one_its_request_accepts(auth_runtime, auth_client, sign_identity):
    english, korean = new_email(), new_email()

    auth_client.post("/api/accounts", json={"name": "Kim", "password": STRONG_PASSWORD, "email": english},
                     headers={**sign_identity(), "Accept-Language": "en-US,en;q=0.9"})
    auth_client.post("/api/accounts", json={"name": "Kim", "password": STRONG_PASSWORD, "email": korean},
                     headers=sign_identity())

    assert newest_to(auth_runtime, english)["subject"] == "Confirm your sign-up"
    assert newest_to(auth_runtime, korean)["subject"] == "회원가입 인증번호"
    assert verify_sign_up(auth_client, sign_identity, english)["language"] == "en"
    assert verify_sign_up(auth_client, sign_identity, korean)["language"] == "ko"


@pytest.mark.parametrize("language, subject, body", [
    ("ko", "비밀번호 재설정 인증번호", "마켓플레이스 비밀번호 재설정 인증번호는"),
    ("en", "Your password reset code", "Your Marketplace password reset code is"),
])
def test_a_password_reset_code_comes_in_the_accounts_language_whatever_the_request_accepts(
    auth_runtime, auth_client, sign_identity, language, subject, body
):
    email = new_email()
    sign_up(auth_client, sign_identity, email=email, language=language)

    # The one asking may be anyone: the mail goes to the account's owner, in the owner's language.
    auth_client.post("/api/password-resets", json={"login": email},
                     headers={**sign_identity(), **CLIENT_HEADERS, "Accept-Language": "en" if language == "ko" else "ko"})

    mail = newest_to(auth_runtime, email)
    assert (mail["subject"], mail["body"].startswith(body)) == (subject, True)


@pytest.mark.parametrize("language, subject, body", [
    ("ko", "비밀번호가 변경되었습니다", "[마켓플레이스] 비밀번호가 변경되어"),
    ("en", "Your password was changed", "[Marketplace] Your password was changed"),
])
def test_a_security_alert_comes_in_the_accounts_language(auth_runtime, auth_client, sign_identity,
                                                          language, subject, body):
    phone = new_phone()
    account = sign_up(auth_client, sign_identity, phone=phone, language=language)

    changed = auth_client.post("/api/accounts/me/password", json={"current_password": STRONG_PASSWORD,
                                                                   "new_password": NEW_PASSWORD},
                               headers=as_owner(sign_identity, account))

    assert changed.status_code == 204, changed.json
    text = newest_to(auth_runtime, phone)
    assert (text["channel"], text["subject"], text["body"].startswith(body)) == ("sms", subject, True)


def test_a_refusal_is_korean_by_default_and_english_when_asked(auth_client, sign_identity):
    login = {"login": new_email(), "code": "000000", "new_password": NEW_PASSWORD}

    korean = post_signed_out(auth_client, sign_identity, "/api/password-resets/confirm", **login)
    english = auth_client.post("/api/password-resets/confirm", json=login,
                               headers={**sign_identity(), **CLIENT_HEADERS, "Accept-Language": "en"})

    assert (korean.status_code, korean.json["title"]) == (400, "잘못된 인증번호")
    assert korean.json["detail"] == ("인증번호가 틀렸거나 이미 사용되었거나 만료되었습니다. "
                                     "필요하면 새 인증번호를 요청해 주세요.")
    assert (english.status_code, english.json["title"]) == (400, "Invalid code")
    assert english.json["detail"] == "This code is wrong, used or expired. Ask for a new one if you need to."
