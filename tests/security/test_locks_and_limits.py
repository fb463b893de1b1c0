"""Guessing passwords: the account locks for a while and its owner is told; floods are rate limited."""
import time

from .people import comparable, problem_type, unknown_email


def test_repeated_failures_lock_the_account_until_the_period_ends(platform, new_customer, new_client, smtp_mailbox):
    customer = new_customer()
    attacker = new_client()
    failures = [attacker.login(customer.email, f"Wrong-Guess-{n}!x") for n in range(5)]
    assert [f.status_code for f in failures] == [401] * 5

    locked = new_client().login(customer.email, customer.password)
    wrong = new_client().login(customer.email, "Wrong-Guess-9!x")

    # Locked, the right password fails exactly like a wrong one: the attacker learns nothing.
    assert locked.status_code == 401
    assert comparable(locked) == comparable(wrong)
    smtp_mailbox.wait_for_message(customer.email, contains="잠겼습니다")
    # Nothing to poll for without spending attempts: the lock's period has to pass.
    time.sleep(platform.lock_seconds + 1)
    assert new_client().login(customer.email, customer.password).status_code == 201


def test_the_owner_sees_the_lock_in_their_audit_log(new_customer, new_client):
    customer = new_customer()
    for n in range(5):
        new_client().login(customer.email, f"Wrong-Guess-{n}!x")

    kinds = [event["kind"] for event in customer.get("/api/audit-events").json()]

    assert kinds.count("login_failed") == 5
    assert "account_locked" in kinds


def test_a_flood_of_logins_from_one_address_is_answered_with_retry_after(new_client):
    attacker = new_client()

    answers = [attacker.login(unknown_email(), "Wrong-Guess-0!x") for _ in range(25)]

    limited = [a for a in answers if a.status_code == 429]
    assert limited, [a.status_code for a in answers]
    assert problem_type(limited[0]) == "too-many-requests"
    assert int(limited[0].headers["Retry-After"]) >= 1


def test_the_per_login_limit_answers_the_same_for_known_and_unknown_accounts(new_customer, new_client):
    customer = new_customer()
    known = [new_client().login(customer.email, "Wrong-Guess-0!x") for _ in range(12)]
    nobody = unknown_email()
    unknown = [new_client().login(nobody, "Wrong-Guess-0!x") for _ in range(12)]

    assert known[-1].status_code == unknown[-1].status_code == 429
    assert comparable(known[-1]) == comparable(unknown[-1])


def test_a_lock_is_lifted_by_resetting_the_password(new_customer, new_client, mail_code):
    customer = new_customer()
    for n in range(5):
        new_client().login(customer.email, f"Wrong-Guess-{n}!x")
    client = new_client()
    assert client.post("/api/password-resets", json={"login": customer.email}).status_code == 202
    code = mail_code(customer.email, "비밀번호 재설정 인증번호")

    confirmed = client.post(
        "/api/password-resets/confirm",
        json={"login": customer.email, "code": code, "new_password": "Fresh-Harbor-77$"},
    )

    assert confirmed.status_code == 204, confirmed.text
    assert new_client().login(customer.email, "Fresh-Harbor-77$").status_code == 201
