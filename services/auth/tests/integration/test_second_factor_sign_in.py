"""The gateway's second-factor checks at sign-in: only it may call them, failures count, and locks hold."""
import uuid

from sqlalchemy import select, update

from auth.models import Account, AuditEvent
from servicekit.testing.identities import as_admin
from .customers import assert_problem, events_of, messages_to, sign_in
from .enrolment import assert_refused, audit_kinds, challenge, enrol_totp, sign_up, signed_in, totp_code, verify
from .people import STRONG_PASSWORD


def wrong_code(code: str) -> str:
    return f"{(int(code) + 500_000) % 10**6:06d}"


def test_only_the_gateway_may_send_challenges_and_check_second_factors(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)
    body = {"account_id": person["id"], "method": "totp", "code": totp_code(enrolled.secret, 1)}
    customer = signed_in(sign_identity, person)
    admin = as_admin(sign_identity, second_factor_age=None)

    for path in ("/internal/second-factor-verifications", "/internal/second-factor-challenges"):
        assert auth_client.post(path, json=body, headers=customer).status_code == 403
        assert auth_client.post(path, json=body, headers=admin).status_code == 403
        assert auth_client.post(path, json=body).status_code == 401


def test_a_right_code_is_verified_audited_with_its_method_and_clears_earlier_failures(
    auth_runtime, auth_client, sign_identity
):
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)
    for _ in range(4):
        assert_refused(verify(auth_client, sign_identity, person, "totp", code=wrong_code(enrolled.confirmed_with)))

    response = verify(auth_client, sign_identity, person, "totp", code=totp_code(enrolled.secret, 1))

    assert response.status_code == 200, response.json
    assert response.json["account_id"] == person["id"]
    assert response.json["method"] == "totp"
    assert response.json["verified_at"]
    with auth_runtime.session_factory() as session:
        assert session.get(Account, person["id"]).failed_attempts == 0
        succeeded = session.scalars(select(AuditEvent).where(
            AuditEvent.account_id == person["id"], AuditEvent.kind == "second_factor_succeeded")).one()
    assert succeeded.detail == {"method": "totp"}
    assert (succeeded.ip, succeeded.user_agent) == ("203.0.113.7", "pytest")


def test_five_wrong_answers_lock_the_account_and_record_account_locked(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)

    for _ in range(5):
        assert_refused(verify(auth_client, sign_identity, person, "totp", code=wrong_code(enrolled.confirmed_with)))

    [locked] = events_of(auth_runtime, "AccountLocked", person["id"])
    assert locked["data"]["reason"] == "repeated_second_factor_failures"
    assert locked["data"]["failed_attempts"] == 5
    assert audit_kinds(auth_runtime, person).count("second_factor_failed") == 5
    assert "account_locked" in audit_kinds(auth_runtime, person)
    assert messages_to(auth_runtime, person["email"])[-1]["subject"] == "계정이 잠겼습니다"
    assert_refused(verify(auth_client, sign_identity, person, "totp", code=totp_code(enrolled.secret, 1)))
    refused_challenge = challenge(auth_client, sign_identity, person, "email")
    assert_problem(refused_challenge, 401, "second-factor-unavailable")


def test_a_locked_account_is_refused_without_spending_its_code(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)
    for _ in range(5):
        verify(auth_client, sign_identity, person, "totp", code=wrong_code(enrolled.confirmed_with))
    next_code = totp_code(enrolled.secret, 1)

    assert_refused(verify(auth_client, sign_identity, person, "totp", code=next_code))
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == person["id"]).values(locked_until=None))
    assert verify(auth_client, sign_identity, person, "totp", code=next_code).status_code == 200


def test_a_deactivated_account_is_always_refused(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(Account).where(Account.id == person["id"]).values(status="deactivated"))

    assert_refused(verify(auth_client, sign_identity, person, "totp", code=totp_code(enrolled.secret, 1)))
    assert challenge(auth_client, sign_identity, person, "email").status_code == 401


def test_an_unknown_account_or_a_method_not_enrolled_is_refused_the_same_way(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)
    stranger = {"id": str(uuid.uuid4())}

    assert_refused(verify(auth_client, sign_identity, person, "sms", code="123456"))
    assert_refused(verify(auth_client, sign_identity, person, "recovery_code", code="0000-0000-0000"))
    assert_refused(verify(auth_client, sign_identity, stranger, "totp", code="123456"))


def test_a_challenge_for_a_method_not_enrolled_is_a_conflict(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)

    response = challenge(auth_client, sign_identity, person, "email")

    assert_problem(response, 409, "second-factor-not-enrolled")


def test_a_verification_without_the_proof_its_method_needs_is_malformed(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)

    without_code = verify(auth_client, sign_identity, person, "totp")
    without_credential = verify(auth_client, sign_identity, person, "webauthn", code="123456")
    unknown_method = verify(auth_client, sign_identity, person, "carrier-pigeon", code="123456")

    assert (without_code.status_code, list(without_code.json["errors"])) == (422, ["code"])
    assert (without_credential.status_code, list(without_credential.json["errors"])) == (422, ["credential"])
    assert (unknown_method.status_code, list(unknown_method.json["errors"])) == (422, ["method"])


def test_signing_in_again_with_the_password_does_not_forget_wrong_second_factors(auth_runtime, auth_client,
                                                                                   sign_identity):
    # Whoever holds the password must not earn fresh guesses at the second factor by typing it again.
    person = sign_up(auth_client, sign_identity)
    enrolled = enrol_totp(auth_client, sign_identity, person)
    for _ in range(4):
        assert_refused(verify(auth_client, sign_identity, person, "totp", code=wrong_code(enrolled.confirmed_with)))

    assert sign_in(auth_client, sign_identity, person["email"], STRONG_PASSWORD).status_code == 200
    assert_refused(verify(auth_client, sign_identity, person, "totp", code=wrong_code(enrolled.confirmed_with)))

    [locked] = events_of(auth_runtime, "AccountLocked", person["id"])
    assert locked["data"]["reason"] == "repeated_second_factor_failures"
    assert locked["data"]["failed_attempts"] == 5
