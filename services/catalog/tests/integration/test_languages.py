"""Catalog answers a refusal in Korean unless the caller asks for English, its field messages too."""
import uuid

from servicekit.testing.identities import as_seller

from .shop import approve_seller, list_product


def test_an_unknown_product_is_refused_in_korean_by_default_and_in_english_when_asked(catalog_client, sign_identity):
    path = f"/api/products/{uuid.uuid4()}"

    korean = catalog_client.get(path, headers=sign_identity())
    english = catalog_client.get(path, headers={**sign_identity(), "Accept-Language": "en"})

    assert (korean.status_code, korean.headers["Content-Language"]) == (404, "ko")
    assert korean.json["detail"] == "이 ID를 가진 상품이 없습니다."
    assert (english.status_code, english.headers["Content-Language"]) == (404, "en")
    assert english.json["detail"] == "No product has this id."


def test_a_field_message_of_catalog_follows_the_callers_language(catalog_client, catalog_consumer, sign_identity):
    seller_id = approve_seller(catalog_consumer)
    product = list_product(catalog_client, sign_identity, seller_id)
    path = f"/api/products/{product['id']}/views?from=2026-01-01&to=2027-06-01"

    korean = catalog_client.get(path, headers=as_seller(sign_identity, seller_id))
    english = catalog_client.get(path, headers={**as_seller(sign_identity, seller_id), "Accept-Language": "en"})

    assert (korean.status_code, korean.json["errors"]["from"]) == (422, ["한 번에 최대 366일까지 조회할 수 있습니다."])
    assert (english.status_code, english.json["errors"]["from"]) == (422, ["At most 366 days at once."])
