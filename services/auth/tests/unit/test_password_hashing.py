"""Passwords and one-time codes are hashed with RFC 9106's second recommended argon2id profile wherever the
platform runs; only a process told AUTH_PASSWORD_HASHING=cheapest (the test suites) hashes more cheaply, and a
hash made either way verifies."""
import os
import subprocess
import sys

from argon2 import PasswordHasher, profiles

from auth.domain.passwords import hash_password, verify_password

PARAMETERS = ("from argon2 import extract_parameters; from auth.domain.passwords import hash_password; "
              "p = extract_parameters(hash_password('x')); print(p.time_cost, p.memory_cost, p.type.name)")


def parameters_with(**env: str) -> str:
    clean = {name: value for name, value in os.environ.items() if name != "AUTH_PASSWORD_HASHING"}
    shown = subprocess.run([sys.executable, "-c", PARAMETERS], env={**clean, **env}, capture_output=True, text=True,
                           timeout=60)
    return shown.stdout.strip() or shown.stderr.strip().splitlines()[-1]


def test_a_process_told_nothing_hashes_with_rfc_9106s_profile():
    assert parameters_with() == f"{profiles.RFC_9106_LOW_MEMORY.time_cost} 65536 ID" == "3 65536 ID"


def test_an_unknown_hashing_is_refused_at_start_rather_than_guessed():
    assert "must be one of rfc9106, cheapest" in parameters_with(AUTH_PASSWORD_HASHING="fast")


def test_a_hash_of_either_profile_verifies():
    production = PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY).hash("Blue-Harbor-42!")

    assert verify_password(production, "Blue-Harbor-42!").matches
    assert verify_password(hash_password("Blue-Harbor-42!"), "Blue-Harbor-42!").matches
    assert not verify_password(production, "blue-harbor-42!").matches
