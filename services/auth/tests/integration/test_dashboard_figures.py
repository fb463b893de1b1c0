"""Auth's part of the admins' dashboard: the seller registrations waiting for an admin, the longest-waiting first."""
from datetime import datetime, timezone

from servicekit import clock
from servicekit.testing.identities import as_admin, as_customer, as_seller

from .sellers import decide, registered_seller


def approvals(client, headers):
    response = client.get("/api/dashboard/seller-approvals", headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_admins_see_how_many_registrations_wait_and_the_longest_waiting_first(
    auth_client, sign_identity, monkeypatch
):
    admin = as_admin(sign_identity)
    registered = {}
    # Long before any other test's registrations, so these are the queue's oldest.
    for day, name in [(3, "Later"), (1, "Earliest"), (2, "Decided"), (4, "Asked for documents")]:
        monkeypatch.setattr(clock, "now", lambda day=day: datetime(2001, 1, day, tzinfo=timezone.utc))
        registered[name] = registered_seller(auth_client, sign_identity, name=name, seller_type="individual",
                                             business_name=None, business_registration_number=None, birth_date="1960-05-17")
    monkeypatch.undo()
    before = approvals(auth_client, admin)["pending"]
    assert decide(auth_client, admin, registered["Decided"]["seller_id"], "approve").status_code == 200
    asked = decide(auth_client, admin, registered["Asked for documents"]["seller_id"], "request_documents",
                   reason="Please upload your ID.")
    assert asked.status_code == 200, asked.json

    shown = approvals(auth_client, admin)

    assert shown["pending"] == before - 2
    assert [(seller["id"], seller["display_name"], seller["registered_at"]) for seller in shown["oldest"][:2]] == [
        (registered["Earliest"]["seller_id"], "Earliest", "2001-01-01T00:00:00+00:00"),
        (registered["Later"]["seller_id"], "Later", "2001-01-03T00:00:00+00:00"),
    ]


def test_only_admins_with_a_second_factor_read_the_approvals_waiting(auth_client, sign_identity):
    def asked(headers):
        return auth_client.get("/api/dashboard/seller-approvals", headers=headers).status_code

    assert asked(as_seller(sign_identity, "5e11e400-0000-4000-8000-00000000000b")) == 403
    assert asked(as_customer(sign_identity)) == 403
    assert asked(as_admin(sign_identity, second_factor_age=None)) == 403
    assert asked(sign_identity()) == 401
