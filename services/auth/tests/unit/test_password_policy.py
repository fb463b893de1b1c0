"""The password policy names every rule a password breaks, and hashes survive a round trip."""
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher

from auth.domain.passwords import check_password, common_passwords, hash_password, is_password_old, verify_password


def codes(password, email=None):
    return [failure.code for failure in check_password(password, email)]


def test_a_long_mixed_password_passes():
    assert codes("Tangerine-Harbor-42") == []


@pytest.mark.parametrize(
    ("password", "failed"),
    [
        ("Sh0rt!", ["length"]),
        ("A1!" + "a" * 126, ["length"]),
        ("lowercase-only-1", ["uppercase"]),
        ("UPPERCASE-ONLY-1", ["lowercase"]),
        ("No-Digits-Here", ["digit"]),
        ("NoSymbols123", ["symbol"]),
    ],
)
def test_each_broken_composition_rule_is_named(password, failed):
    assert codes(password) == failed


def test_a_password_breaking_several_rules_names_them_all():
    assert codes("abc") == ["length", "uppercase", "digit", "symbol"]


def test_a_space_is_not_a_symbol():
    assert "symbol" in codes("Spaces Only 123")


def test_exactly_the_length_limits_pass():
    assert codes("Aa1!aaaa") == []
    assert codes("Aa1!" + "a" * 124) == []


@pytest.mark.parametrize("password", ["Password1!", "P@ssw0rd", "Qwerty123!", "pASSWORD1!", "WELCOME1!"])
def test_common_passwords_are_refused_whatever_their_case(password):
    assert "common" in codes(password)


def test_the_shipped_list_holds_a_few_hundred_passwords():
    assert len(common_passwords()) >= 300


def test_a_password_containing_the_email_local_part_is_refused():
    assert codes("Minji.Kim#2024", email="minji.kim@example.com") == ["contains-email"]


def test_a_very_short_email_local_part_does_not_restrict_passwords():
    assert codes("Journey-to-9", email="jo@example.com") == []


def test_a_hash_verifies_its_password_only():
    password_hash = hash_password("Tangerine-Harbor-42")
    assert password_hash.startswith("$argon2id$")
    assert verify_password(password_hash, "Tangerine-Harbor-42").matches
    assert not verify_password(password_hash, "Tangerine-Harbor-43").matches


def test_a_hash_made_with_weaker_parameters_asks_to_be_rehashed():
    old_hash = PasswordHasher(time_cost=1, memory_cost=8192).hash("Tangerine-Harbor-42")
    verification = verify_password(old_hash, "Tangerine-Harbor-42")
    assert verification.matches and verification.needs_rehash


def test_a_malformed_hash_never_matches():
    assert not verify_password("not-a-hash", "anything").matches


def test_a_password_is_old_only_past_its_maximum_age():
    now = datetime(2024, 6, 1, tzinfo=timezone.utc)
    assert not is_password_old(now - timedelta(days=90), now, max_age_days=90)
    assert is_password_old(now - timedelta(days=90, seconds=1), now, max_age_days=90)
