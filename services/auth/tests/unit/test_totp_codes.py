"""Authenticator-app codes: RFC 6238 steps, one step of drift either way, and no code accepted twice."""
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pyotp

from auth.second_factors import totp

NOW = datetime(2026, 3, 14, 9, 26, 45, tzinfo=timezone.utc)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def code(steps_from_now: int) -> str:
    return pyotp.TOTP(SECRET).at(NOW + timedelta(seconds=30 * steps_from_now))


def step(steps_from_now: int) -> int:
    return int(NOW.timestamp()) // 30 + steps_from_now


def test_the_current_code_is_accepted_with_its_step():
    assert totp.accepted_step(SECRET, code(0), NOW, None) == step(0)


def test_codes_one_step_either_side_are_accepted():
    assert totp.accepted_step(SECRET, code(-1), NOW, None) == step(-1)
    assert totp.accepted_step(SECRET, code(1), NOW, None) == step(1)


def test_codes_two_steps_away_are_refused():
    assert totp.accepted_step(SECRET, code(-2), NOW, None) is None
    assert totp.accepted_step(SECRET, code(2), NOW, None) is None


def test_a_code_of_the_last_used_step_or_before_is_refused():
    assert totp.accepted_step(SECRET, code(0), NOW, step(0)) is None
    assert totp.accepted_step(SECRET, code(-1), NOW, step(0)) is None


def test_a_later_code_is_accepted_after_an_earlier_one():
    assert totp.accepted_step(SECRET, code(1), NOW, step(0)) == step(1)


def test_a_wrong_code_is_refused():
    wrong = f"{(int(code(0)) + 1) % 10**6:06d}"
    assert totp.accepted_step(SECRET, wrong, NOW, None) is None
    assert totp.accepted_step(SECRET, "", NOW, None) is None


def test_spaces_around_a_code_do_not_matter():
    assert totp.accepted_step(SECRET, f" {code(0)} ", NOW, None) == step(0)


def test_the_otpauth_uri_names_the_issuer_and_the_account():
    uri = urlsplit(totp.provisioning_uri(SECRET, "kim@example.com"))

    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert uri.path == "/Marketplace:kim%40example.com"
    assert parse_qs(uri.query) == {"secret": [SECRET], "issuer": ["Marketplace"]}


def test_new_secrets_are_160_random_bits_of_base32():
    secrets = {totp.new_secret() for _ in range(20)}

    assert len(secrets) == 20
    assert all(len(secret) == 32 and set(secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for secret in secrets)
