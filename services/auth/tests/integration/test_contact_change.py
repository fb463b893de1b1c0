"""The owner renames their account freely; a new email or phone needs the password, and a step-up with 2FA."""
import time

from auth.models import Account
from contracts.session_instructions import rename_sessions
from .customers import (
    as_owner,
    assert_problem,
    audit_events_of,
    enrol_email_factor,
    just_stepped_up,
    messages_after_sign_up,
    messages_to,
    sign_in,
    sign_up,
)
from .people import STRONG_PASSWORD, new_email, new_phone


def update_me(client, headers, **fields):
    return client.patch("/api/accounts/me", json=fields, headers=headers)


def test_a_new_name_needs_nothing_more(auth_runtime, auth_client, sign_identity):
    email = new_email()
    account = sign_up(auth_client, sign_identity, email=email)

    response = update_me(auth_client, as_owner(sign_identity, account), name="Kim Minji")

    assert response.status_code == 200, response.json
    assert response.json["name"] == "Kim Minji"
    assert messages_after_sign_up(auth_runtime, email) == []
    # The gateway's sessions of the account carry the new name from now on.
    assert response.headers["X-Session-Account-Name"] == rename_sessions(account["id"], "Kim Minji")


def test_a_new_email_with_the_password_is_taken_and_the_old_one_is_told(auth_runtime, auth_client, sign_identity):
    old_email, new = new_email(), new_email()
    account = sign_up(auth_client, sign_identity, email=old_email)

    response = update_me(auth_client, as_owner(sign_identity, account), email=new.upper(),
                         current_password=STRONG_PASSWORD)

    assert response.status_code == 200, response.json
    assert response.json["email"] == new
    assert sign_in(auth_client, sign_identity, new, STRONG_PASSWORD).status_code == 200
    [notice] = messages_after_sign_up(auth_runtime, old_email)
    assert notice["subject"] == "연락처가 변경되었습니다"
    assert messages_to(auth_runtime, new) == []
    [changed] = audit_events_of(auth_runtime, account["id"], "contact_changed")
    assert changed.detail["changed"] == ["email"]
    assert new not in str(changed.detail)


def test_adding_a_phone_tells_the_email_the_account_had(auth_runtime, auth_client, sign_identity):
    email, phone = new_email(), new_phone()
    account = sign_up(auth_client, sign_identity, email=email)

    response = update_me(auth_client, as_owner(sign_identity, account), phone=phone, current_password=STRONG_PASSWORD)

    assert response.json["phone"] == phone
    assert "X-Session-Account-Name" not in response.headers
    assert len(messages_after_sign_up(auth_runtime, email)) == 1


def test_a_new_contact_without_the_password_or_with_a_wrong_one_is_refused(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())
    me = as_owner(sign_identity, account)

    missing = update_me(auth_client, me, email=new_email())
    wrong = update_me(auth_client, me, email=new_email(), name="Mallory", current_password="Wrong-Guess-1")

    assert_problem(missing, 422, "validation-failed")
    assert list(missing.json["errors"]) == ["current_password"]
    assert_problem(wrong, 403, "wrong-password")
    with auth_runtime.session_factory() as session:
        unchanged = session.get(Account, account["id"])
        assert (unchanged.email, unchanged.name, unchanged.failed_attempts) == (account["email"], "Kim", 1)


def test_an_email_another_account_has_is_refused(auth_client, sign_identity):
    taken = new_email()
    sign_up(auth_client, sign_identity, email=taken)
    account = sign_up(auth_client, sign_identity, email=new_email())

    response = update_me(auth_client, as_owner(sign_identity, account), email=taken, current_password=STRONG_PASSWORD)

    assert_problem(response, 409, "account-exists")


def test_with_a_second_factor_a_new_contact_needs_a_recent_step_up(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())
    enrol_email_factor(auth_runtime, account["id"])
    change = {"phone": new_phone(), "current_password": STRONG_PASSWORD}

    without = update_me(auth_client, as_owner(sign_identity, account), **change)
    stale = update_me(auth_client, as_owner(sign_identity, account, second_factor_at=int(time.time()) - 600), **change)
    stepped_up = update_me(auth_client, as_owner(sign_identity, account, **just_stepped_up()), **change)

    assert_problem(without, 403, "step-up-required")
    assert_problem(stale, 403, "step-up-required")
    assert stepped_up.status_code == 200, stepped_up.json
    assert stepped_up.json["phone"] == change["phone"]


def test_with_a_second_factor_a_new_name_still_needs_no_step_up(auth_runtime, auth_client, sign_identity):
    account = sign_up(auth_client, sign_identity, email=new_email())
    enrol_email_factor(auth_runtime, account["id"])

    assert update_me(auth_client, as_owner(sign_identity, account), name="Lee").status_code == 200
