"""Recovery codes (A4): ten with the first factor, shown once, each signing in once; remade ones retire the old."""
import re

from sqlalchemy import select

from auth.models import RecoveryCode
from .customers import assert_problem, code_sent_to, messages_to
from .enrolment import JUST_NOW, assert_refused, audit_kinds, enrol_totp, sign_up, signed_in, verify

CODE_FORMAT = re.compile(r"[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}")


def remaining(client, sign_identity, person) -> int:
    return client.get("/api/second-factors", headers=signed_in(sign_identity, person)).json["recovery_codes_remaining"]


def remake(client, sign_identity, person, **identity):
    return client.post("/api/second-factors/recovery-codes", headers=signed_in(sign_identity, person, **identity))


def test_the_first_factor_comes_with_ten_codes_kept_only_as_hashes(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)

    codes = enrol_totp(auth_client, sign_identity, person).confirmation["recovery_codes"]

    assert len(set(codes)) == 10
    assert all(CODE_FORMAT.fullmatch(code) for code in codes)
    assert remaining(auth_client, sign_identity, person) == 10
    with auth_runtime.session_factory() as session:
        stored = set(session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.account_id == person["id"])))
    assert len(stored) == 10 and not stored & set(codes)


def test_a_later_factor_does_not_show_codes_again(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    enrol_totp(auth_client, sign_identity, person)
    sent = auth_client.post("/api/second-factors/email",
                            headers=signed_in(sign_identity, person, second_factor_age=JUST_NOW))
    assert sent.status_code == 202, sent.json

    response = auth_client.post("/api/second-factors/email/confirmation",
                                json={"code": code_sent_to(auth_runtime, person["email"])},
                                headers=signed_in(sign_identity, person))

    assert response.status_code == 200
    assert response.json["recovery_codes"] is None
    assert remaining(auth_client, sign_identity, person) == 10


def test_each_code_signs_in_once_and_its_use_is_audited_and_told(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    codes = enrol_totp(auth_client, sign_identity, person).confirmation["recovery_codes"]

    first = verify(auth_client, sign_identity, person, "recovery_code", code=codes[0])
    again = verify(auth_client, sign_identity, person, "recovery_code", code=codes[0])
    another = verify(auth_client, sign_identity, person, "recovery_code", code=codes[1])

    assert (first.status_code, first.json["method"]) == (200, "recovery_code")
    assert_refused(again)
    assert another.status_code == 200
    assert remaining(auth_client, sign_identity, person) == 8
    assert audit_kinds(auth_runtime, person).count("recovery_code_used") == 2
    assert messages_to(auth_runtime, person["email"])[-1]["subject"] == "복구 코드가 사용되었습니다"


def test_a_code_is_read_whatever_its_case_dashes_and_spaces(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    code = enrol_totp(auth_client, sign_identity, person).confirmation["recovery_codes"][0]
    typed = " ".join(code.replace("-", "").upper()[i:i + 3] for i in range(0, 12, 3))

    assert verify(auth_client, sign_identity, person, "recovery_code", code=typed).status_code == 200


def test_remaking_codes_needs_a_step_up_and_retires_the_old_ones(auth_runtime, auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)
    old_codes = enrol_totp(auth_client, sign_identity, person).confirmation["recovery_codes"]
    verify(auth_client, sign_identity, person, "recovery_code", code=old_codes[0])

    refused = remake(auth_client, sign_identity, person)
    remade = remake(auth_client, sign_identity, person, second_factor_age=JUST_NOW)

    assert_problem(refused, 403, "step-up-required")
    assert remade.status_code == 201
    assert remade.headers["Cache-Control"] == "no-store"
    new_codes = remade.json["recovery_codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    assert remaining(auth_client, sign_identity, person) == 10
    assert_refused(verify(auth_client, sign_identity, person, "recovery_code", code=old_codes[1]))
    assert verify(auth_client, sign_identity, person, "recovery_code", code=new_codes[0]).status_code == 200
    assert audit_kinds(auth_runtime, person).count("recovery_codes_generated") == 2


def test_an_account_without_factors_makes_codes_without_a_step_up(auth_client, sign_identity):
    person = sign_up(auth_client, sign_identity)

    response = remake(auth_client, sign_identity, person)

    assert response.status_code == 201
    assert len(response.json["recovery_codes"]) == 10
    # Beside no factor they are no way in: there is nothing they stand in for.
    assert auth_client.get("/api/second-factors", headers=signed_in(sign_identity, person)).json["methods"] == []
