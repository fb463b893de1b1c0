"""Security keys (WebAuthn): registered through the ceremony, then proving the account at sign-in.

A software authenticator plays the key and the browser, answering options in WebAuthn's JSON forms.
"""
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update

from auth.models import WebAuthnChallenge
from auth.settings import AuthSettings
from .customers import assert_problem
from .enrolment import (
    JUST_NOW, TEN_MINUTES_AGO, assert_refused, audit_kinds, challenge, enrol_totp, sign_up, signed_in, verify
)
from servicekit.testing import SoftAuthenticator

ORIGIN = AuthSettings.webauthn_origin
RP_ID = AuthSettings.webauthn_rp_id


def ask_for_registration_options(client, sign_identity, person, second_factor_age=None):
    return client.post("/api/second-factors/webauthn/registration-options",
                       headers=signed_in(sign_identity, person, second_factor_age=second_factor_age))


def registration_options(client, sign_identity, person, second_factor_age=None) -> dict:
    response = ask_for_registration_options(client, sign_identity, person, second_factor_age)
    assert response.status_code == 200, response.json
    return response.json


def register(client, sign_identity, person, key: SoftAuthenticator, name="YubiKey", second_factor_age=None):
    """Register `key`; an account that has a factor already steps up for it (`second_factor_age`)."""
    credential = key.create(registration_options(client, sign_identity, person, second_factor_age))
    return client.post("/api/second-factors/webauthn/registrations", json={"name": name, "credential": credential},
                       headers=signed_in(sign_identity, person))


def registered_key(client, sign_identity, person, second_factor_age=None) -> SoftAuthenticator:
    key = SoftAuthenticator(ORIGIN)
    assert register(client, sign_identity, person, key, second_factor_age=second_factor_age).status_code == 201
    return key


def sign_in_with(client, sign_identity, person, key: SoftAuthenticator):
    options = challenge(client, sign_identity, person, "webauthn").json["options"]
    return verify(client, sign_identity, person, "webauthn", credential=key.get(options))


def test_registration_options_name_the_party_and_the_account(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)

    options = registration_options(auth_client, sign_identity, person)

    assert options["rp"] == {"id": RP_ID, "name": "Marketplace"}
    assert options["user"]["name"] == person["email"]
    assert options["challenge"]
    assert options["excludeCredentials"] == []
    assert options["timeout"] == 300_000


def test_a_registered_key_is_listed_and_its_registration_proves_a_second_factor(
    auth_runtime, auth_client, sign_identity
):
    person = sign_up(auth_client, sign_identity)

    response = register(auth_client, sign_identity, person, SoftAuthenticator(ORIGIN), name="Keyring key")

    assert response.status_code == 201, response.json
    assert response.headers["X-Session-Second-Factor"] == "verified"
    assert response.json["method"] == "webauthn"
    assert response.json["credential"]["name"] == "Keyring key"
    assert response.json["credential"]["transports"] == ["usb"]
    assert len(response.json["recovery_codes"]) == 10
    listed = auth_client.get("/api/second-factors/webauthn", headers=signed_in(sign_identity, person)).json
    assert [(key["id"], key["name"], key["last_used_at"]) for key in listed] == [
        (response.json["credential"]["id"], "Keyring key", None)
    ]
    assert "second_factor_enrolled" in audit_kinds(auth_runtime, person)


def test_a_second_registration_excludes_the_keys_already_registered(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)
    key = registered_key(auth_client, sign_identity, person, second_factor_age=JUST_NOW)

    options = registration_options(auth_client, sign_identity, person, second_factor_age=JUST_NOW)
    second = register(auth_client, sign_identity, person, SoftAuthenticator(ORIGIN), name="Spare",
                      second_factor_age=JUST_NOW)

    assert [c["id"] for c in options["excludeCredentials"]] == [key.id]
    assert second.status_code == 201
    assert second.json["recovery_codes"] is None


def test_with_a_factor_enrolled_registering_a_key_needs_a_step_up(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)

    without = ask_for_registration_options(auth_client, sign_identity, person)
    stale = ask_for_registration_options(auth_client, sign_identity, person, second_factor_age=TEN_MINUTES_AGO)

    assert_problem(without, 403, "step-up-required")
    assert_problem(stale, 403, "step-up-required")
    with auth_runtime.session_factory() as session:
        challenges = session.scalars(select(WebAuthnChallenge).where(WebAuthnChallenge.account_id == person["id"]))
        assert challenges.all() == []
    registered_key(auth_client, sign_identity, person, second_factor_age=JUST_NOW)


def test_registration_options_are_answered_once(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    credential = SoftAuthenticator(ORIGIN).create(registration_options(auth_client, sign_identity, person))
    body = {"name": "Key", "credential": credential}
    path = "/api/second-factors/webauthn/registrations"

    first = auth_client.post(path, json=body, headers=signed_in(sign_identity, person))
    replayed = auth_client.post(path, json=body, headers=signed_in(sign_identity, person))

    assert first.status_code == 201
    assert_problem(replayed, 409, "webauthn-ceremony-expired")


def test_a_key_answering_for_another_origin_is_not_registered(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)

    response = register(auth_client, sign_identity, person, SoftAuthenticator("https://marketplace.example.net"))

    assert_problem(response, 422, "webauthn-registration-invalid")


def test_a_registered_key_signs_in_against_a_challenge_allowing_it(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    key = registered_key(auth_client, sign_identity, person)

    sent = challenge(auth_client, sign_identity, person, "webauthn")
    verified = verify(auth_client, sign_identity, person, "webauthn", credential=key.get(sent.json["options"]))

    assert sent.status_code == 200
    assert sent.json["method"] == "webauthn"
    assert sent.json["options"]["rpId"] == RP_ID
    assert [c["id"] for c in sent.json["options"]["allowCredentials"]] == [key.id]
    assert verified.status_code == 200, verified.json
    listed = auth_client.get("/api/second-factors/webauthn", headers=signed_in(sign_identity, person)).json
    assert listed[0]["last_used_at"] is not None
    assert audit_kinds(auth_runtime, person)[-1] == "second_factor_succeeded"


def test_an_answer_is_accepted_once(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    key = registered_key(auth_client, sign_identity, person)
    answer = key.get(challenge(auth_client, sign_identity, person, "webauthn").json["options"])

    assert verify(auth_client, sign_identity, person, "webauthn", credential=answer).status_code == 200
    assert_refused(verify(auth_client, sign_identity, person, "webauthn", credential=answer))


def test_a_cloned_key_whose_counter_fell_behind_is_refused(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    key = registered_key(auth_client, sign_identity, person)
    clone = key.clone()

    assert sign_in_with(auth_client, sign_identity, person, key).status_code == 200
    assert_refused(sign_in_with(auth_client, sign_identity, person, clone))
    assert sign_in_with(auth_client, sign_identity, person, key).status_code == 200


def test_an_expired_challenge_is_refused(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    key = registered_key(auth_client, sign_identity, person)
    options = challenge(auth_client, sign_identity, person, "webauthn").json["options"]
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(WebAuthnChallenge).where(WebAuthnChallenge.account_id == person["id"])
                           .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))

    assert_refused(verify(auth_client, sign_identity, person, "webauthn", credential=key.get(options)))


def test_another_accounts_key_does_not_sign_in(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    registered_key(auth_client, sign_identity, person)
    intruder = sign_up(auth_client, sign_identity)
    intruders_key = registered_key(auth_client, sign_identity, intruder)

    assert_refused(sign_in_with(auth_client, sign_identity, person, intruders_key))


def test_removing_a_key_needs_a_recent_second_factor(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    key_id = register(auth_client, sign_identity, person, SoftAuthenticator(ORIGIN)).json["credential"]["id"]
    path = f"/api/second-factors/webauthn/{key_id}"

    refused = auth_client.delete(path, headers=signed_in(sign_identity, person, second_factor_age=TEN_MINUTES_AGO))
    removed = auth_client.delete(path, headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))

    assert_problem(refused, 403, "step-up-required")
    assert removed.status_code == 204
    assert auth_client.get("/api/second-factors/webauthn", headers=signed_in(sign_identity, person)).json == []
    assert "second_factor_disabled" in audit_kinds(auth_runtime, person)
