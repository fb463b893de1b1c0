"""Signing up answers the same for a free and a taken contact; the account is made once the code sent to it returns."""
from datetime import datetime, timedelta, timezone

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from auth import one_time_codes, sign_ups
from auth.models import SignUpRequest
from auth.settings import AuthSettings
from .customers import (
    CLIENT_HEADERS,
    as_owner,
    assert_problem,
    audit_events_of,
    code_sent_to,
    confirm_sign_up,
    messages_after_sign_up,
    messages_to,
    post_signed_out,
    sign_in,
    sign_up,
    verify_sign_up,
)
from .people import STRONG_PASSWORD, account_count, new_email, new_phone, sign_up_request_count
from .sellers import registration

# In Korean, the language of a caller who names none.
ACCEPTED = {"detail": "사용할 수 있는 연락처라면 인증번호를 보내 드렸습니다. "
                      "POST /api/accounts/verification으로 인증하시면 가입이 완료됩니다."}
# Headers that differ on every answer, whatever was asked.
PER_REQUEST_HEADERS = {"X-Request-Id"}


def ask(client, sign_identity, **body):
    return post_signed_out(client, sign_identity, "/api/accounts", **body)


def ask_as(client, sign_identity, kind: str, **contacts):
    """Sign up as a customer (with just `contacts`) or a seller (`contacts` in an otherwise valid registration)."""
    if kind == "seller":
        return post_signed_out(client, sign_identity, "/api/sellers", **registration(**contacts))
    return ask(client, sign_identity, name="Lee Seojun", password=STRONG_PASSWORD, **contacts)


def comparable(response) -> tuple:
    """What an attacker compares: status, headers (but those of every answer) and body."""
    headers = sorted((name, value) for name, value in response.headers.items() if name not in PER_REQUEST_HEADERS)
    return response.status_code, tuple(headers), response.get_data(as_text=True)


def other_than(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def pending_sign_ups(runtime, email: str) -> list[SignUpRequest]:
    with runtime.session_factory() as session:
        return list(session.scalars(select(SignUpRequest).where(SignUpRequest.email == email)))


def test_a_customer_signs_up_with_an_email_and_is_made_only_once_the_code_returns(auth_runtime, auth_client,
                                                                                  sign_identity):
    email = new_email()
    accounts = account_count(auth_runtime)

    asked = ask(auth_client, sign_identity, email=f"  {email.upper()} ", name="Kim Minji", password=STRONG_PASSWORD)

    assert asked.status_code == 202, asked.json
    assert asked.json == ACCEPTED
    assert account_count(auth_runtime) == accounts
    [message] = messages_to(auth_runtime, email)
    assert (message["channel"], message["subject"]) == ("email", "회원가입 인증번호")
    assert "회원가입 인증번호는" in message["body"] and "30분 후에 만료됩니다" in message["body"]
    confirmed = confirm_sign_up(auth_client, sign_identity, email, code_sent_to(auth_runtime, email))
    assert confirmed.status_code == 201, confirmed.json
    account = confirmed.json
    assert set(account) == {"id", "email", "phone", "name", "language", "roles", "status", "password_changed_at",
                            "created_at", "seller_id"}
    assert (account["email"], account["phone"], account["name"]) == (email, None, "Kim Minji")
    assert (account["roles"], account["status"], account["seller_id"]) == (["customer"], "active", None)
    me = auth_client.get("/api/accounts/me", headers=as_owner(sign_identity, account))
    assert me.status_code == 200 and me.json["id"] == account["id"]
    assert sign_in(auth_client, sign_identity, email, STRONG_PASSWORD).json["account_id"] == account["id"]
    [signed_up] = audit_events_of(auth_runtime, account["id"], "signed_up")
    assert signed_up.ip == CLIENT_HEADERS["X-Forwarded-For"]
    assert signed_up.detail == {"role": "customer", "seller_id": None}


def test_a_customer_signs_up_with_a_phone_written_with_dashes_and_gets_the_code_by_sms(auth_runtime, auth_client,
                                                                                       sign_identity):
    phone = new_phone()
    dashed = f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"

    asked = ask(auth_client, sign_identity, phone=dashed, name="Lee", password=STRONG_PASSWORD)

    assert asked.json == ACCEPTED
    [message] = messages_to(auth_runtime, phone)
    assert message["channel"] == "sms"
    confirmed = confirm_sign_up(auth_client, sign_identity, dashed, code_sent_to(auth_runtime, phone))
    assert confirmed.status_code == 201, confirmed.json
    assert (confirmed.json["phone"], confirmed.json["email"]) == (phone, None)
    assert sign_in(auth_client, sign_identity, phone, STRONG_PASSWORD).status_code == 200


def test_with_both_contacts_the_code_goes_to_the_email_only(auth_runtime, auth_client, sign_identity):
    email, phone = new_email(), new_phone()

    ask(auth_client, sign_identity, email=email, phone=phone, name="Kim", password=STRONG_PASSWORD)

    assert messages_to(auth_runtime, phone) == []
    code = code_sent_to(auth_runtime, email)
    assert_problem(confirm_sign_up(auth_client, sign_identity, phone, code), 400, "verification-code-invalid")
    assert confirm_sign_up(auth_client, sign_identity, email, code).json["phone"] == phone


@pytest.mark.parametrize("kind", ["customer", "seller"])
@pytest.mark.parametrize("contact, fresh", [("email", new_email), ("phone", new_phone)])
def test_a_taken_contact_is_answered_exactly_like_a_free_one_and_its_owner_is_told(auth_runtime, auth_client,
                                                                                   sign_identity, kind, contact,
                                                                                   fresh):
    taken = sign_up(auth_client, sign_identity, **{contact: fresh()})[contact]
    free = fresh()
    accounts = account_count(auth_runtime)

    for_taken = ask_as(auth_client, sign_identity, kind, **{contact: taken})
    for_free = ask_as(auth_client, sign_identity, kind, **{contact: free})

    assert for_taken.status_code == 202, for_taken.json
    assert for_taken.json == ACCEPTED
    assert comparable(for_taken) == comparable(for_free)
    [notice] = messages_after_sign_up(auth_runtime, taken)
    assert notice["channel"] == ("email" if contact == "email" else "sms")
    assert "이미 계정이 있는" in notice["body"]
    assert "로그인하거나 비밀번호를 재설정해 주세요" in notice["body"]
    assert account_count(auth_runtime) == accounts


def test_the_owner_of_a_taken_email_is_mailed_and_their_account_is_untouched(auth_runtime, auth_client,
                                                                             sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)
    requests = sign_up_request_count(auth_runtime)

    ask(auth_client, sign_identity, email=email, name="Mallory", password="Another-Window-58")

    [notice] = messages_after_sign_up(auth_runtime, email)
    assert notice["subject"] == "회원님의 이메일 주소로 가입 시도가 있었습니다"
    assert notice["body"] == ("이미 계정이 있는 이 이메일 주소로 누군가 회원가입을 시도했습니다. "
                              "본인이라면 로그인하거나 비밀번호를 재설정해 주세요.")
    assert sign_up_request_count(auth_runtime) == requests
    assert sign_in(auth_client, sign_identity, email, STRONG_PASSWORD).json["account_id"] == account["id"]
    assert_problem(confirm_sign_up(auth_client, sign_identity, email, "000000"), 400, "verification-code-invalid")


def test_a_taken_contact_costs_the_same_hashing_as_a_free_one(auth_client, sign_identity, monkeypatch):
    taken = sign_up(auth_client, sign_identity, email=new_email())["email"]
    hashed = []

    def counted(real):
        def hash_password(secret):
            hashed.append(secret)
            return real(secret)
        return hash_password

    for module in (sign_ups, one_time_codes):
        monkeypatch.setattr(module, "hash_password", counted(module.hash_password))

    ask(auth_client, sign_identity, email=taken, name="Kim", password=STRONG_PASSWORD)
    for_taken = len(hashed)
    ask(auth_client, sign_identity, email=new_email(), name="Kim", password=STRONG_PASSWORD)

    assert for_taken == len(hashed) - for_taken == 2


def test_a_waiting_sign_up_keeps_the_password_and_the_code_only_as_argon2_hashes(auth_runtime, auth_client,
                                                                                 sign_identity):
    email = new_email()
    ask(auth_client, sign_identity, email=email, name="Kim", password=STRONG_PASSWORD)
    code = code_sent_to(auth_runtime, email)

    [waiting] = pending_sign_ups(auth_runtime, email)

    assert waiting.kind == "customer"
    assert set(waiting.details) == {"name", "language", "password_hash"}
    assert STRONG_PASSWORD not in str(waiting.details)
    assert PasswordHasher().verify(waiting.details["password_hash"], STRONG_PASSWORD)
    assert PasswordHasher().verify(waiting.code_hash, code)


def test_a_code_works_only_once(auth_runtime, auth_client, sign_identity):
    email = new_email()
    ask(auth_client, sign_identity, email=email, name="Kim", password=STRONG_PASSWORD)
    code = code_sent_to(auth_runtime, email)
    assert confirm_sign_up(auth_client, sign_identity, email, code).status_code == 201
    accounts = account_count(auth_runtime)

    again = confirm_sign_up(auth_client, sign_identity, email, code)

    assert_problem(again, 400, "verification-code-invalid")
    assert account_count(auth_runtime) == accounts


def test_an_expired_code_is_refused(auth_runtime, auth_client, sign_identity):
    email = new_email()
    ask(auth_client, sign_identity, email=email, name="Kim", password=STRONG_PASSWORD)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(SignUpRequest).where(SignUpRequest.email == email)
                           .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))

    expired = confirm_sign_up(auth_client, sign_identity, email, code_sent_to(auth_runtime, email))

    assert_problem(expired, 400, "verification-code-invalid")
    assert_problem(sign_in(auth_client, sign_identity, email, STRONG_PASSWORD), 401, "invalid-credentials")


def test_after_the_allowed_wrong_codes_even_the_right_one_is_refused(auth_runtime, auth_client, sign_identity):
    email = new_email()
    ask(auth_client, sign_identity, email=email, name="Kim", password=STRONG_PASSWORD)
    code = code_sent_to(auth_runtime, email)
    max_attempts = AuthSettings().code_max_attempts

    assert_problem(confirm_sign_up(auth_client, sign_identity, email, other_than(code)), 400,
                   "verification-code-invalid")
    assert [waiting.attempts for waiting in pending_sign_ups(auth_runtime, email)] == [1]
    for _ in range(max_attempts - 1):
        confirm_sign_up(auth_client, sign_identity, email, other_than(code))

    assert_problem(confirm_sign_up(auth_client, sign_identity, email, code), 400, "verification-code-invalid")
    [spent] = pending_sign_ups(auth_runtime, email)
    assert (spent.attempts, spent.used_at is not None) == (max_attempts, True)


def test_a_newer_sign_up_for_the_same_contact_replaces_the_older_one(auth_runtime, auth_client, sign_identity):
    email = new_email()
    ask(auth_client, sign_identity, email=email, name="First", password=STRONG_PASSWORD)
    first_code = code_sent_to(auth_runtime, email)
    ask(auth_client, sign_identity, email=email, name="Second", password=STRONG_PASSWORD)
    second_code = code_sent_to(auth_runtime, email)

    assert_problem(confirm_sign_up(auth_client, sign_identity, email, first_code), 400, "verification-code-invalid")
    assert confirm_sign_up(auth_client, sign_identity, email, second_code).json["name"] == "Second"


def test_a_contact_taken_while_the_code_waited_is_refused_and_the_code_spent(auth_runtime, auth_client,
                                                                            sign_identity):
    email = new_email()
    ask(auth_client, sign_identity, email=email, name="Kim", password=STRONG_PASSWORD)
    code = code_sent_to(auth_runtime, email)
    other = sign_up(auth_client, sign_identity, email=new_email())
    moved = auth_client.patch("/api/accounts/me", json={"email": email, "current_password": STRONG_PASSWORD},
                              headers=as_owner(sign_identity, other))
    assert moved.status_code == 200, moved.json
    accounts = account_count(auth_runtime)

    refused = confirm_sign_up(auth_client, sign_identity, email, code)

    assert_problem(refused, 400, "verification-code-invalid")
    assert account_count(auth_runtime) == accounts
    assert all(waiting.used_at is not None for waiting in pending_sign_ups(auth_runtime, email))


def test_every_kind_of_wrong_confirmation_gets_the_same_answer(auth_runtime, auth_client, sign_identity):
    email, used, expired = new_email(), new_email(), new_email()
    for contact in (email, used, expired):
        ask(auth_client, sign_identity, email=contact, name="Kim", password=STRONG_PASSWORD)
    used_code = code_sent_to(auth_runtime, used)
    verify_sign_up(auth_client, sign_identity, used)
    with auth_runtime.engine.begin() as connection:
        connection.execute(update(SignUpRequest).where(SignUpRequest.email == expired)
                           .values(expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)))

    answers = [
        confirm_sign_up(auth_client, sign_identity, email, other_than(code_sent_to(auth_runtime, email))),
        confirm_sign_up(auth_client, sign_identity, used, used_code),
        confirm_sign_up(auth_client, sign_identity, expired, code_sent_to(auth_runtime, expired)),
        confirm_sign_up(auth_client, sign_identity, new_email(), "123456"),
        confirm_sign_up(auth_client, sign_identity, new_phone(), "123456"),
    ]

    assert_problem(answers[0], 400, "verification-code-invalid")
    assert len({comparable(answer) for answer in answers}) == 1


def test_a_weak_password_is_refused_naming_each_failed_rule_and_nothing_is_sent(auth_runtime, auth_client,
                                                                                sign_identity):
    email = new_email()
    before = (account_count(auth_runtime), sign_up_request_count(auth_runtime))

    response = ask(auth_client, sign_identity, email=email, name="Kim", password="password")

    assert_problem(response, 422, "weak-password")
    assert response.json["rules"] == ["uppercase", "digit", "symbol", "common"]
    assert len(response.json["errors"]["password"]) == 4
    assert (account_count(auth_runtime), sign_up_request_count(auth_runtime)) == before
    assert messages_to(auth_runtime, email) == []


def test_a_common_password_is_refused_even_when_it_mixes_everything(auth_client, sign_identity):
    response = ask(auth_client, sign_identity, email=new_email(), name="Kim", password="P@ssw0rd1")

    assert response.status_code == 422
    assert response.json["rules"] == ["common"]


@pytest.mark.parametrize(
    "body",
    [
        {"name": "Kim", "password": STRONG_PASSWORD},
        {"email": "not-an-email", "name": "Kim", "password": STRONG_PASSWORD},
        {"phone": "02-123-4567", "name": "Kim", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": "   ", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": "Kim"},
        {"email": 42, "name": "Kim", "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": ["Kim"], "password": STRONG_PASSWORD},
        {"email": "kim@example.com", "name": "Kim", "password": 12345678},
        {"email": "kim@example.com", "name": "Kim", "password": STRONG_PASSWORD, "roles": ["admin"]},
    ],
)
def test_bad_input_gets_a_422_problem_and_stores_nothing(auth_runtime, auth_client, sign_identity, body):
    before = (account_count(auth_runtime), sign_up_request_count(auth_runtime))
    response = ask(auth_client, sign_identity, **body)

    assert response.status_code == 422, response.json
    assert response.content_type == "application/problem+json"
    assert response.json["errors"]
    assert (account_count(auth_runtime), sign_up_request_count(auth_runtime)) == before


@pytest.mark.parametrize(
    "body",
    [{"login": "nobody", "code": "123456"}, {"login": "kim@example.com"}, {"code": "123456"},
     {"login": "kim@example.com", "code": ""}],
)
def test_a_malformed_confirmation_gets_a_422_problem(auth_client, sign_identity, body):
    response = post_signed_out(auth_client, sign_identity, "/api/accounts/verification", **body)

    assert_problem(response, 422, "validation-failed")


def test_a_body_that_is_not_json_gets_a_problem(auth_client, sign_identity):
    response = auth_client.post("/api/accounts", data="{not json", content_type="application/json",
                                headers=sign_identity())

    assert 400 <= response.status_code < 500
    assert response.content_type == "application/problem+json"


def test_reading_my_account_needs_a_signed_in_user(auth_client, sign_identity):
    assert auth_client.get("/api/accounts/me", headers=sign_identity()).status_code == 401
