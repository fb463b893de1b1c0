"""A person's own account: the profile, the password, second factors (QR code, security keys, recovery codes),
signed-in devices, and finding a password or recovering an account."""
from __future__ import annotations

import html

ACCOUNT = {"id": "a1", "email": "kim@example.com", "phone": "01012345678", "name": "김하늘", "language": "ko",
           "roles": ["customer"], "status": "active", "password_changed_at": "2026-01-02T03:04:05+00:00",
           "created_at": "2025-05-01T00:00:00+00:00", "second_factors": ["totp"], "password_change_recommended": True}
OVERVIEW = {"methods": ["totp", "webauthn", "recovery_code"], "totp_status": "active", "recovery_codes_remaining": 7,
            "webauthn_credentials": [{"id": "9b2c", "name": "YubiKey 5", "transports": ["usb"],
                                      "created_at": "2026-11-01T01:00:00+00:00", "last_used_at": None}]}
DEVICES = [
    {"id": "h-current", "user_agent": "Chrome on Mac", "ip": "203.0.113.4", "created_at": "2026-12-06T01:00:00+00:00",
     "last_seen_at": "2026-12-07T00:50:00+00:00", "current": True, "second_factor_pending": False},
    {"id": "h-phone", "user_agent": "Safari on iPhone", "ip": "198.51.100.7", "created_at": "2026-12-01T01:00:00+00:00",
     "last_seen_at": "2026-12-05T00:50:00+00:00", "current": False, "second_factor_pending": False},
]


def test_the_profile_page_shows_the_account_and_its_three_forms_in_korean(client, api):
    api.signed_in_as("customer")
    api.answers["/api/accounts/me"] = dict(ACCOUNT)
    page = client.get("/account").get_data(as_text=True)
    assert '<h1>내 계정</h1>' in page and 'value="김하늘"' in page and 'value="kim@example.com"' in page
    assert 'data-api="/api/accounts/me" data-method="PATCH"' in page
    assert 'data-api="/api/accounts/me/password"' in page and 'data-api="/api/accounts/me/deactivation"' in page
    assert "비밀번호를 오래 바꾸지 않았습니다" in page
    # A change of email needs a step-up when a factor is enrolled: the page can ask for the authenticator's code.
    assert "data-step-up" in page and 'id="step-up-code"' in page
    assert '<option value="ko" selected>' in page


def test_the_profile_page_reads_in_english(client, api):
    api.signed_in_as("customer")
    api.answers["/api/accounts/me"] = dict(ACCOUNT, second_factors=[], password_change_recommended=False)
    client.set_cookie("lang", "en")
    page = client.get("/account").get_data(as_text=True)
    assert "<h1>My account</h1>" in page and "Change password" in page and "Deactivate the account" in page
    assert 'id="step-up-code"' not in page


def test_account_pages_need_someone_signed_in(client):
    for path in ("/account", "/account/security", "/account/sessions"):
        assert client.get(path).headers["Location"] == f"/login?next={path}"


def test_the_security_page_lists_factors_keys_and_codes_left(client, api):
    api.signed_in_as("customer")
    api.answers["/api/second-factors"] = dict(OVERVIEW)
    page = client.get("/account/security").get_data(as_text=True)
    assert "인증 앱" in page and "YubiKey 5" in page and "남은 복구 코드: 7개" in page
    assert 'data-api="/api/second-factors/webauthn/9b2c" data-method="DELETE"' in page
    assert 'data-api="/api/second-factors/totp" data-method="DELETE"' in page
    assert "data-add-key" in page and "simplewebauthn-browser.umd.min.js" in page
    # The authenticator app is in use: nothing to set up again.
    assert "data-totp-start" not in page


def test_the_security_page_without_factors_offers_the_app_and_a_key_in_english(client, api):
    api.signed_in_as("seller", seller_id="s1")
    api.answers["/api/second-factors"] = {"methods": [], "totp_status": "none", "webauthn_credentials": [],
                                          "recovery_codes_remaining": 0}
    client.set_cookie("lang", "en")
    page = client.get("/account/security").get_data(as_text=True)
    assert "No second factor yet" in page and "Set up an authenticator app" in page and "data-totp-qr" in page
    assert "Add a security key" in page and "data-new-codes" not in page


def test_a_page_that_needed_a_second_factor_explains_and_returns_there(client, api):
    api.signed_in_as("seller", seller_id="s1")
    api.answers["/api/second-factors"] = {"methods": [], "totp_status": "none", "webauthn_credentials": [],
                                          "recovery_codes_remaining": 0}
    page = client.get("/account/security?needed=1&next=/seller/orders%3Fstatus%3Dpaid").get_data(as_text=True)
    assert "2단계 인증이 필요합니다" in page
    assert 'data-next="/seller/orders?status=paid"' in html.unescape(page)
    elsewhere = client.get("/account/security?needed=1&next=//evil.example").get_data(as_text=True)
    assert 'data-next=""' in elsewhere


def test_the_api_asking_for_a_factor_leads_to_the_security_page_with_the_way_back(client, api):
    api.signed_in_as("seller", seller_id="s1")
    api.answers["/api/accounts/me"] = (403, {"type": "urn:marketplace:problem:second-factor-required"})
    answer = client.get("/account")
    assert answer.headers["Location"] == "/account/security?needed=1&next=/account"


def test_the_devices_page_signs_out_one_or_all_others(client, api):
    api.signed_in_as("customer")
    api.answers["/api/session/devices"] = [dict(device) for device in DEVICES]
    page = client.get("/account/sessions").get_data(as_text=True)
    assert "Safari on iPhone" in page and "이 기기" in page
    assert 'data-api="/api/session/devices/h-phone" data-method="DELETE"' in page
    assert 'data-sign-out-others="[&#34;h-phone&#34;]"' in page
    assert "로그인한 다른 기기: 1대" in page


def test_with_one_device_there_is_no_one_else_to_sign_out_in_english(client, api):
    api.signed_in_as("customer")
    api.answers["/api/session/devices"] = [dict(DEVICES[0])]
    client.set_cookie("lang", "en")
    page = client.get("/account/sessions").get_data(as_text=True)
    assert "Only this device is signed in." in page and "data-sign-out-others" not in page


def test_finding_a_password_takes_two_steps(client):
    first = client.get("/password-reset").get_data(as_text=True)
    assert "<h1>비밀번호 찾기</h1>" in first and 'data-api="/api/password-resets"' in first
    assert 'data-next="/password-reset/confirm"' in first and 'href="/account-recovery"' in first
    client.set_cookie("lang", "en")
    second = client.get("/password-reset/confirm?login=kim@example.com").get_data(as_text=True)
    assert 'data-api="/api/password-resets/confirm"' in second and 'value="kim@example.com"' in second
    assert "Choose a new password" in second


def test_recovering_an_account_asks_its_own_api(client):
    first = client.get("/account-recovery").get_data(as_text=True)
    assert "<h1>계정 복구</h1>" in first and 'data-api="/api/account-recoveries"' in first
    second = client.get("/account-recovery/confirm").get_data(as_text=True)
    assert 'data-api="/api/account-recoveries/confirm"' in second
