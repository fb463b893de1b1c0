"""Sellers register pending; admins approve, reject or ask for documents; decisions are announced and told."""
import uuid

import pytest

from contracts.jsonschema import validate_wire
from servicekit.testing.identities import as_admin, as_customer
from .customers import admin, assert_problem, audit_events_of, events_of, messages_after_sign_up, verify_sign_up
from .people import account_count, seller_count, years_ago
from .sellers import decide, register, registered_seller, registration, seller_itself, upload_certificate


def individual(client, sign_identity):
    """A confirmed registration that needs no certificate to be approved."""
    return registered_seller(client, sign_identity, seller_type="individual", business_name=None,
                             business_registration_number=None)


def approvals_of(runtime, registered):
    return events_of(runtime, "SellerApproved", registered["id"])


def test_a_confirmed_business_registration_is_a_pending_seller_in_the_admins_queue(auth_runtime, auth_client,
                                                                                    sign_identity):
    body = registration()
    accounts, sellers = account_count(auth_runtime), seller_count(auth_runtime)

    asked = auth_client.post("/api/sellers", json=body, headers=sign_identity())

    assert asked.status_code == 202, asked.json
    assert "seller_id" not in asked.json and "id" not in asked.json
    assert (account_count(auth_runtime), seller_count(auth_runtime)) == (accounts, sellers)
    account = verify_sign_up(auth_client, sign_identity, body["email"])
    assert account["roles"] == ["seller"]
    assert (account["email"], account["phone"], account["name"]) == (body["email"], body["phone"], "Park Jisoo")
    seller = auth_client.get(f"/api/sellers/{account['seller_id']}", headers=admin(sign_identity)).json
    assert (seller["status"], seller["account_id"]) == ("pending", account["id"])
    assert seller["business_registration_number"] == "2208162517"
    assert seller["display_name"] == "Jisoo Tea House"
    queue = auth_client.get("/api/sellers?status=pending&page_size=100", headers=admin(sign_identity)).json
    assert account["seller_id"] in [listed["id"] for listed in queue]
    [signed_up] = audit_events_of(auth_runtime, account["id"], "signed_up")
    assert signed_up.detail == {"role": "seller", "seller_id": account["seller_id"]}


def test_an_individual_is_displayed_under_their_own_name(auth_client, sign_identity):
    registered = individual(auth_client, sign_identity)

    seller = auth_client.get(f"/api/sellers/{registered['seller_id']}", headers=admin(sign_identity)).json
    assert seller["display_name"] == "Park Jisoo"
    assert seller["business_registration_number"] is None


def test_a_wrong_check_digit_is_refused_and_nothing_is_created(auth_runtime, auth_client, sign_identity):
    accounts, sellers = account_count(auth_runtime), seller_count(auth_runtime)
    response = register(auth_client, sign_identity, business_registration_number="220-81-62518")

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert list(response.json["errors"]) == ["business_registration_number"]
    assert (account_count(auth_runtime), seller_count(auth_runtime)) == (accounts, sellers)


def test_a_representative_under_19_is_refused(auth_runtime, auth_client, sign_identity):
    sellers = seller_count(auth_runtime)
    response = register(auth_client, sign_identity, birth_date=years_ago(18))

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["birth_date"]
    assert seller_count(auth_runtime) == sellers


def test_a_business_without_its_number_is_refused(auth_client, sign_identity):
    response = register(auth_client, sign_identity, seller_type="corporation", business_registration_number=None)

    assert response.status_code == 422
    assert "business_registration_number" in response.json["errors"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"seller_type": "charity"},
        {"birth_date": "19th of May"},
        {"birth_date": None},
        {"phone": None},
        {"email": None},
        {"business_registration_number": 2208162517},
    ],
)
def test_bad_registrations_get_a_422_problem_and_create_nothing(auth_runtime, auth_client, sign_identity, overrides):
    sellers = seller_count(auth_runtime)
    response = register(auth_client, sign_identity, **overrides)

    assert response.status_code == 422, response.json
    assert response.content_type == "application/problem+json"
    assert seller_count(auth_runtime) == sellers


def test_a_weak_seller_password_is_refused(auth_client, sign_identity):
    response = register(auth_client, sign_identity, password="Qwerty123!")

    assert response.status_code == 422
    assert response.json["type"].endswith(":weak-password")


def test_approval_records_exactly_one_seller_approved_that_fits_its_contract(auth_runtime, auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    upload_certificate(auth_client, sign_identity, registered)
    admin_id = str(uuid.uuid4())

    response = decide(auth_client, as_admin(sign_identity, admin_id, second_factor_age=None), registered["seller_id"],
                      "approve")

    assert response.status_code == 200, response.json
    assert response.json["status"] == "approved"
    assert response.json["decided_by"] == admin_id
    [approval] = approvals_of(auth_runtime, registered)
    validate_wire(approval)
    assert approval["data"]["approved_by"] == admin_id
    assert approval["data"]["business_registration_number"] == "2208162517"
    # Settlement takes a payout account held under either registered name.
    assert (approval["data"]["display_name"], approval["data"]["representative_name"]) == (
        "Jisoo Tea House", "Park Jisoo")


def test_a_business_without_its_certificate_is_not_approved(auth_runtime, auth_client, sign_identity):
    registered = registered_seller(auth_client, sign_identity, seller_type="corporation")

    response = decide(auth_client, admin(sign_identity), registered["seller_id"], "approve")

    assert_problem(response, 409, "certificate-missing")
    assert approvals_of(auth_runtime, registered) == []
    seller = auth_client.get(f"/api/sellers/{registered['seller_id']}", headers=admin(sign_identity)).json
    assert seller["status"] == "pending"


def test_an_individual_is_approved_without_a_certificate(auth_client, sign_identity):
    registered = individual(auth_client, sign_identity)

    assert decide(auth_client, admin(sign_identity), registered["seller_id"], "approve").json["status"] == "approved"


def test_a_rejection_is_announced_with_its_reason_and_audited_and_notifications_mails_it(auth_runtime, auth_client,
                                                                                       sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    admin_id = str(uuid.uuid4())

    response = decide(auth_client, as_admin(sign_identity, admin_id, second_factor_age=None), registered["seller_id"],
                      "reject", reason="The business name does not match the registration.")

    assert response.json["status"] == "rejected"
    [rejection] = events_of(auth_runtime, "SellerRejected", registered["id"])
    validate_wire(rejection)
    assert rejection["data"]["rejected_by"] == admin_id
    assert rejection["data"]["reason"] == "The business name does not match the registration."
    [audited] = audit_events_of(auth_runtime, registered["id"], "seller_decided")
    assert audited.actor_id == admin_id
    seller = auth_client.get(f"/api/sellers/{registered['seller_id']}", headers=admin(sign_identity)).json
    # The decision is mailed by notifications, from SellerRejected, in the seller's language.
    assert messages_after_sign_up(auth_runtime, seller["email"]) == []


def test_deciding_twice_is_refused_and_announces_nothing_more(auth_runtime, auth_client, sign_identity):
    registered = individual(auth_client, sign_identity)
    assert decide(auth_client, admin(sign_identity), registered["seller_id"], "approve").status_code == 200

    again = decide(auth_client, admin(sign_identity), registered["seller_id"], "reject", reason="Changed my mind")

    assert_problem(again, 409, "seller-already-decided")
    assert len(approvals_of(auth_runtime, registered)) == 1
    assert events_of(auth_runtime, "SellerRejected", registered["id"]) == []


def test_a_seller_asked_for_documents_returns_to_review_on_upload_and_can_then_be_approved(auth_runtime, auth_client,
                                                                                          sign_identity):
    registered = registered_seller(auth_client, sign_identity)
    seller_id = registered["seller_id"]

    asked = decide(auth_client, admin(sign_identity), seller_id, "request_documents", reason="Upload the certificate")
    assert asked.json["status"] == "documents_requested"
    assert asked.json["decision_reason"] == "Upload the certificate"
    assert approvals_of(auth_runtime, registered) == []

    upload_certificate(auth_client, sign_identity, registered)
    assert auth_client.get(f"/api/sellers/{seller_id}", headers=admin(sign_identity)).json["status"] == "pending"
    assert decide(auth_client, admin(sign_identity), seller_id, "approve").json["status"] == "approved"
    # Auth mails the request for documents; the approval is notifications' to mail, in the seller's language.
    email = auth_client.get(f"/api/sellers/{seller_id}", headers=admin(sign_identity)).json["email"]
    [asked_by_mail] = messages_after_sign_up(auth_runtime, email)
    assert asked_by_mail["subject"] == "판매자 입점 심사에 추가 서류가 필요합니다"
    assert "Upload the certificate" in asked_by_mail["body"]


def test_rejecting_needs_a_reason(auth_client, sign_identity):
    seller_id = registered_seller(auth_client, sign_identity)["seller_id"]

    response = decide(auth_client, admin(sign_identity), seller_id, "reject", reason="  ")

    assert response.status_code == 422
    assert "reason" in response.json["errors"]
    seller = auth_client.get(f"/api/sellers/{seller_id}", headers=admin(sign_identity)).json
    assert seller["status"] == "pending"


def test_only_admins_decide(auth_runtime, auth_client, sign_identity):
    registered = individual(auth_client, sign_identity)

    response = decide(auth_client, seller_itself(sign_identity, registered), registered["seller_id"], "approve")

    assert_problem(response, 403, "forbidden")
    assert approvals_of(auth_runtime, registered) == []


def test_deciding_an_unknown_seller_is_not_found(auth_client, sign_identity):
    assert decide(auth_client, admin(sign_identity), str(uuid.uuid4()), "approve").status_code == 404


def test_a_seller_reads_their_own_registration_but_not_anothers(auth_client, sign_identity):
    mine = registered_seller(auth_client, sign_identity)
    theirs = registered_seller(auth_client, sign_identity)
    me = seller_itself(sign_identity, mine)

    assert auth_client.get(f"/api/sellers/{mine['seller_id']}", headers=me).status_code == 200
    assert auth_client.get(f"/api/sellers/{theirs['seller_id']}", headers=me).status_code == 404


def test_admins_list_pending_registrations_a_page_at_a_time(auth_client, sign_identity):
    pending = registered_seller(auth_client, sign_identity)["seller_id"]
    approved = individual(auth_client, sign_identity)["seller_id"]
    decide(auth_client, admin(sign_identity), approved, "approve")

    response = auth_client.get("/api/sellers?status=pending&page_size=100", headers=admin(sign_identity))

    assert response.status_code == 200
    assert "X-Pagination" in response.headers
    listed = [seller["id"] for seller in response.json]
    assert pending in listed and approved not in listed
    assert {seller["status"] for seller in response.json} == {"pending"}


def test_listing_sellers_is_for_admins_only(auth_client, sign_identity):
    customer = as_customer(sign_identity)
    assert auth_client.get("/api/sellers", headers=customer).status_code == 403
    assert auth_client.get("/api/sellers?status=sleeping", headers=admin(sign_identity)).status_code == 422
