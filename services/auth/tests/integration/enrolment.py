"""Second factors through the API, as a user and the gateway would: enrolment, authenticator codes, sign-in checks."""
from __future__ import annotations

import time
from dataclasses import dataclass

import pyotp
from sqlalchemy import select

from auth.models import AuditEvent
from servicekit.testing.waiting import wait_for
from . import customers
from .customers import as_owner, assert_problem, gateway
from .people import new_email, new_phone

STEP_SECONDS = 30
# How long ago a session proved a second factor: just now (a step-up), or too long ago for one.
JUST_NOW, TEN_MINUTES_AGO = 0, 600


def sign_up(client, sign_identity, *, email: bool = True, phone: bool = False) -> dict:
    """A customer account with a fresh email, phone, or both."""
    contacts = {"email": new_email() if email else None, "phone": new_phone() if phone else None}
    return customers.sign_up(client, sign_identity, **contacts)


def signed_in(sign_identity, person: dict, *, second_factor_age: int | None = None) -> dict:
    """The person's headers through the gateway, with a second factor proved that many seconds ago, if any."""
    if second_factor_age is None:
        return as_owner(sign_identity, person)
    return as_owner(sign_identity, person, second_factor_at=int(time.time()) - second_factor_age)


def totp_code(secret: str, steps_from_now: int = 0) -> str:
    """The code of the step `steps_from_now` away from the server's; waits out a step's last seconds,
    so the request cannot land in the next step."""
    wait_for(lambda: STEP_SECONDS - time.time() % STEP_SECONDS > 3, timeout=5, interval=0.2,
             what="a TOTP step with a few seconds left")
    return pyotp.TOTP(secret).at(time.time() + steps_from_now * STEP_SECONDS)


def start_totp(client, sign_identity, person: dict, *, second_factor_age: int | None = None) -> str:
    response = client.post("/api/second-factors/totp",
                           headers=signed_in(sign_identity, person, second_factor_age=second_factor_age))
    assert response.status_code == 201, response.json
    return response.json["secret"]


@dataclass(frozen=True)
class TotpEnrolled:
    secret: str
    confirmed_with: str
    confirmation: dict


def enrol_totp(client, sign_identity, person: dict) -> TotpEnrolled:
    """Enrol an authenticator app: its secret, the code that confirmed it, and the confirmation's answer."""
    secret = start_totp(client, sign_identity, person)
    code = totp_code(secret)
    response = client.post("/api/second-factors/totp/confirmation", json={"code": code},
                           headers=signed_in(sign_identity, person))
    assert response.status_code == 200, response.json
    return TotpEnrolled(secret, code, response.json)


def challenge(client, sign_identity, person: dict, method: str):
    return client.post("/internal/second-factor-challenges", json={"account_id": person["id"], "method": method},
                       headers=gateway(sign_identity))


def verify(client, sign_identity, person: dict, method: str, **proof):
    return client.post(
        "/internal/second-factor-verifications",
        json={"account_id": person["id"], "method": method, "ip": "203.0.113.7", "user_agent": "pytest", **proof},
        headers=gateway(sign_identity),
    )


def assert_refused(response) -> None:
    assert_problem(response, 401, "second-factor-invalid")
    assert response.json["detail"] == "인증번호 또는 보안 키를 확인할 수 없습니다. 틀렸거나 이미 사용되었거나 만료되었습니다."


def audit_kinds(runtime, person: dict) -> list[str]:
    """The kinds of the person's audit events, oldest first."""
    with runtime.session_factory() as session:
        return list(session.scalars(
            select(AuditEvent.kind).where(AuditEvent.account_id == person["id"]).order_by(AuditEvent.occurred_at)
        ))
