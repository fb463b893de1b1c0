"""The security audit log (A10): admins read every account's events, anyone else only their own."""
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from .customers import CLIENT_HEADERS, admin, as_owner, assert_problem, sign_in, sign_up
from .people import STRONG_PASSWORD, new_email
from .sellers import decide, registered_seller


def audit_log(client, headers, **query):
    return client.get(f"/api/audit-events?{urlencode({'page_size': 100, **query})}", headers=headers)


def signed_in_customer(client, sign_identity):
    email = new_email()
    account = sign_up(client, sign_identity, email=email)
    sign_in(client, sign_identity, email, "Wrong-Guess-1", ip="192.0.2.1", user_agent="curl/8")
    sign_in(client, sign_identity, email, STRONG_PASSWORD, ip="192.0.2.1", user_agent="curl/8")
    return account


def test_a_customer_reads_their_own_events_newest_first(auth_client, sign_identity):
    account = signed_in_customer(auth_client, sign_identity)

    response = audit_log(auth_client, as_owner(sign_identity, account))

    assert response.status_code == 200, response.json
    assert "X-Pagination" in response.headers
    assert [event["kind"] for event in response.json] == ["login_succeeded", "login_failed", "signed_up"]
    newest = response.json[0]
    assert newest["account_id"] == newest["actor_id"] == account["id"]
    assert (newest["ip"], newest["user_agent"]) == ("192.0.2.1", "curl/8")
    assert set(newest) == {"id", "account_id", "actor_id", "kind", "ip", "user_agent", "detail", "occurred_at"}


def test_a_customer_cannot_read_another_accounts_events(auth_client, sign_identity):
    mine = signed_in_customer(auth_client, sign_identity)
    theirs = signed_in_customer(auth_client, sign_identity)

    refused = audit_log(auth_client, as_owner(sign_identity, mine), account_id=theirs["id"])
    everything = audit_log(auth_client, as_owner(sign_identity, mine))

    assert_problem(refused, 403, "forbidden")
    assert {event["account_id"] for event in everything.json} == {mine["id"]}


def test_an_admin_reads_any_account_filtered_by_kind_and_time(auth_client, sign_identity):
    account = signed_in_customer(auth_client, sign_identity)
    headers = admin(sign_identity)

    failures = audit_log(auth_client, headers, account_id=account["id"], kind="login_failed")
    since_later = audit_log(auth_client, headers, account_id=account["id"],
                            since=(datetime.now(timezone.utc) + timedelta(minutes=1)).isoformat())

    assert [event["kind"] for event in failures.json] == ["login_failed"]
    assert failures.json[0]["detail"]["reason"] == "wrong_password"
    assert since_later.json == []


def test_an_admins_decision_is_audited_with_the_admin_as_actor_and_their_address(auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity, seller_type="individual", business_name=None,
                                   business_registration_number=None)
    headers = admin(sign_identity)
    decide(auth_client, headers, registered["seller_id"], "reject", reason="Blurry photo")

    [decided] = audit_log(auth_client, headers, account_id=registered["id"], kind="seller_decided").json

    assert decided["actor_id"] != registered["id"]
    assert decided["ip"] == CLIENT_HEADERS["X-Forwarded-For"]
    assert decided["detail"]["status"] == "rejected"


def test_an_unknown_kind_is_a_422(auth_client, sign_identity):
    assert_problem(audit_log(auth_client, admin(sign_identity), kind="coffee_break"), 422, "validation-failed")
