"""Payout bank accounts: a step-up to register or change one, a holder who is the seller, every change audited."""
from servicekit.testing.identities import as_seller
from .sales import approved_seller, new_id

ACCOUNT = {"bank_code": "090", "account_number": "3333-01-2345678", "holder_name": "김민지"}


def seller_named(consumer, shop="(주)제주녹차", person="김민지"):
    seller_id = new_id()
    approved_seller(consumer, seller_id, shop, representative=person)
    return seller_id


def test_registering_an_account_needs_a_second_factor_proved_in_the_last_minutes(
    settlements_client, settlements_consumer, sign_identity
):
    seller = seller_named(settlements_consumer)

    stale = settlements_client.put("/api/settlements/bank-account", json=ACCOUNT,
                                   headers=as_seller(sign_identity, seller, second_factor_age=3600))
    fresh = settlements_client.put("/api/settlements/bank-account", json=ACCOUNT,
                                   headers=as_seller(sign_identity, seller))

    assert stale.status_code == 403 and stale.json["type"].endswith("step-up-required")
    assert fresh.status_code == 200, fresh.json
    assert fresh.json["account_number"] == "*********5678"
    assert fresh.json["bank_name"] == "카카오뱅크"


def test_the_holder_must_be_the_registered_business_or_representative_name(
    settlements_client, settlements_consumer, sign_identity
):
    seller = seller_named(settlements_consumer)
    headers = as_seller(sign_identity, seller)

    someone_else = settlements_client.put("/api/settlements/bank-account",
                                          json={**ACCOUNT, "holder_name": "박서준"}, headers=headers)
    shop = settlements_client.put("/api/settlements/bank-account",
                                  json={**ACCOUNT, "holder_name": "제주녹차 주식회사"}, headers=headers)

    assert someone_else.status_code == 422 and someone_else.json["type"].endswith("holder-not-seller")
    assert "holder_name" in someone_else.json["errors"]
    assert shop.status_code == 200


def test_bad_account_details_are_refused_in_the_callers_language_and_change_nothing(
    settlements_client, settlements_consumer, sign_identity
):
    seller = seller_named(settlements_consumer)
    headers = {**as_seller(sign_identity, seller), "Accept-Language": "ko"}

    unknown_bank = settlements_client.put("/api/settlements/bank-account", json={**ACCOUNT, "bank_code": "999"},
                                          headers=headers)
    letters = settlements_client.put("/api/settlements/bank-account", json={**ACCOUNT, "account_number": "12ab34567890"},
                                     headers=headers)
    # Digits of other scripts are digits to Python, not to a bank.
    arabic = settlements_client.put("/api/settlements/bank-account",
                                    json={**ACCOUNT, "account_number": "١٢٣٤٥٦٧٨٩٠١"}, headers=headers)
    missing = settlements_client.get("/api/settlements/bank-account", headers=headers)

    assert unknown_bank.status_code == 422 and "bank_code" in unknown_bank.json["errors"]
    assert letters.status_code == 422 and "10~16" in letters.json["detail"]
    assert arabic.status_code == 422 and "10~16" in arabic.json["detail"]
    assert missing.status_code == 404


def test_every_change_is_audited_with_who_made_it_and_the_last_digits_only(
    settlements_client, settlements_consumer, sign_identity
):
    seller = seller_named(settlements_consumer)
    headers = as_seller(sign_identity, seller)
    settlements_client.put("/api/settlements/bank-account", json=ACCOUNT, headers=headers)
    settlements_client.put("/api/settlements/bank-account", json=ACCOUNT, headers=headers)  # the same: no change
    settlements_client.put("/api/settlements/bank-account", json={**ACCOUNT, "account_number": "1002345678901"},
                           headers=headers)

    changes = settlements_client.get("/api/settlements/bank-account/changes", headers=headers).json

    assert [change["account_number"] for change in changes] == ["*********8901", "*********5678"]
    assert all(len(change["changed_by"]) == 36 for change in changes)


def test_a_name_an_account_gives_itself_later_is_no_registered_name(
    settlements_client, settlements_consumer, sign_identity
):
    seller = seller_named(settlements_consumer)
    # Someone in the seller's session renames their account; settlement never hears it as a registered name.
    response = settlements_client.put("/api/settlements/bank-account", json={**ACCOUNT, "holder_name": "이도윤"},
                                      headers=as_seller(sign_identity, seller))

    assert response.status_code == 422
