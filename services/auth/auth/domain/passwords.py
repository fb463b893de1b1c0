"""The password policy, and argon2id hashing of the passwords that pass it."""
from __future__ import annotations

import functools
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from servicekit.languages import Message, _

MIN_LENGTH = 8
MAX_LENGTH = 128
# A local part this short ("jo@...") would refuse half of all passwords for no real gain.
MIN_EMAIL_PART_LENGTH = 3
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common_passwords.txt")

# The cost of a hash, by AUTH_PASSWORD_HASHING: RFC 9106's second recommended profile (argon2id, 64 MiB, 3 passes;
# argon2-cffi's default) unless it says otherwise, and nothing a deployment runs does. The test suites say
# "cheapest" (argon2-cffi's profile for tests: one pass over 8 KiB): at 0.2 s a hash, hashing passwords and one-time
# codes was most of their time. Hashes keep their parameters, so either verifies the other's.
HASHING_PROFILES = {"rfc9106": profiles.RFC_9106_LOW_MEMORY, "cheapest": profiles.CHEAPEST}
HASHING = os.environ.get("AUTH_PASSWORD_HASHING", "rfc9106")
if HASHING not in HASHING_PROFILES:
    raise RuntimeError(f"AUTH_PASSWORD_HASHING is {HASHING!r}: it must be one of {', '.join(HASHING_PROFILES)}")
_hasher = PasswordHasher.from_parameters(HASHING_PROFILES[HASHING])
# Made once at import, so even the first login for an unknown account costs one verification only.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(24))


@dataclass(frozen=True)
class RuleFailure:
    code: str
    message: Message


@functools.cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def check_password(password: str, email: str | None = None) -> list[RuleFailure]:
    """Every rule the password breaks, in the order a person would fix them; empty when it passes."""
    failures = []
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        failures.append(RuleFailure("length", _("Use %(min)s to %(max)s characters.", min=MIN_LENGTH, max=MAX_LENGTH)))
    if not any(c.isupper() for c in password):
        failures.append(RuleFailure("uppercase", _("Include an upper-case letter.")))
    if not any(c.islower() for c in password):
        failures.append(RuleFailure("lowercase", _("Include a lower-case letter.")))
    if not any(c.isdigit() for c in password):
        failures.append(RuleFailure("digit", _("Include a digit.")))
    if not any(not c.isalnum() and not c.isspace() for c in password):
        failures.append(RuleFailure("symbol", _("Include a symbol such as ! @ # or $.")))
    if password.lower() in common_passwords():
        failures.append(RuleFailure("common", _("This password is too common; choose one that is harder to guess.")))
    local_part = (email or "").partition("@")[0].lower()
    if len(local_part) >= MIN_EMAIL_PART_LENGTH and local_part in password.lower():
        failures.append(RuleFailure("contains-email", _("Do not use your email address in your password.")))
    return failures


def is_password_old(changed_at: datetime, now: datetime, max_age_days: int) -> bool:
    """Whether the owner should be reminded to change a password last set at `changed_at` (A6)."""
    return now - changed_at > timedelta(days=max_age_days)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@dataclass(frozen=True)
class Verification:
    matches: bool
    needs_rehash: bool = False


def verify_password(password_hash: str, password: str) -> Verification:
    """Whether the password matches, and whether its hash should be redone with today's parameters."""
    try:
        _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return Verification(matches=False)
    return Verification(matches=True, needs_rehash=_hasher.check_needs_rehash(password_hash))


def made_today(password_hash: str) -> bool:
    """Whether a hash was made with the parameters hashes are made with today."""
    return not _hasher.check_needs_rehash(password_hash)


def verify_against_nothing(password: str) -> Verification:
    """Spend the time of a real verification when there is no account, so timing does not reveal it."""
    verify_password(_DUMMY_HASH, password)
    return Verification(matches=False)
