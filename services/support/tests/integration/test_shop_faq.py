"""A shop's own FAQ: its seller writes, edits and deletes the entries, customers read them, and an
inquiry about the shop's products is answered from them before the platform's entries.
"""
import pytest

from servicekit.testing.identities import as_customer, as_seller
from support.auto_answers import answer_new_inquiries
from .faq_entries import empty_faq, written  # noqa: F401  (empty_faq: the fixture below)
from .people import known_order, known_product, new_id, opened

pytestmark = pytest.mark.usefixtures("empty_faq")

SHOP_ANSWER = "저희 상점은 주문 다음 날 CJ대한통운으로 보내 드리고, 운송장은 주문 내역에 있습니다."
PLATFORM_ANSWER = "주문 내역에서 운송장 번호와 배송 상태를 볼 수 있습니다."


def shop_entry(client, headers, question, answer=SHOP_ANSWER, **fields):
    body = {"category": "delivery", "language": "ko", "question": question, "answer": answer, **fields}
    response = client.post("/api/faq", json=body, headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def shop_faq(client, headers, seller_id, **query):
    response = client.get("/api/faq", query_string={"seller_id": seller_id, **query}, headers=headers)
    assert response.status_code == 200, response.json
    return [entry["question"] for entry in response.json]


def automatic_answer_of(client, headers, inquiry_id):
    thread = client.get(f"/api/inquiries/{inquiry_id}", headers=headers).json["messages"]
    return [(message["body"], message["faq_entry_id"]) for message in thread if message["automatic"]]


def test_a_seller_keeps_faq_entries_for_their_shop_which_customers_read(support_client, sign_identity):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)

    entry = shop_entry(support_client, seller, "배송은 언제 출발하나요?", keywords=["출고", "발송"])

    customer = as_customer(sign_identity)
    assert entry["seller_id"] == seller_id
    assert shop_faq(support_client, customer, seller_id) == ["배송은 언제 출발하나요?"]
    assert shop_faq(support_client, customer, seller_id, q="발송 언제") == ["배송은 언제 출발하나요?"]
    assert shop_faq(support_client, customer, new_id()) == []
    platform = support_client.get("/api/faq", headers=customer).json
    assert entry["id"] not in [listed["id"] for listed in platform]
    assert support_client.get(f"/api/faq/{entry['id']}", headers=customer).json["answer"] == SHOP_ANSWER


def test_a_seller_edits_and_deletes_their_shops_entries(support_client, sign_identity):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    entry = shop_entry(support_client, seller, "교환은 어떻게 하나요?", category="returns")

    edited = support_client.patch(f"/api/faq/{entry['id']}", json={"answer": "상품 수령 후 7일 안에 신청하세요."},
                                  headers=seller)
    deleted = support_client.delete(f"/api/faq/{entry['id']}", headers=seller)

    assert edited.status_code == 200 and edited.json["answer"] == "상품 수령 후 7일 안에 신청하세요."
    assert deleted.status_code == 204
    assert shop_faq(support_client, as_customer(sign_identity), seller_id) == []
    assert support_client.get(f"/api/faq/{entry['id']}", headers=as_customer(sign_identity)).status_code == 404
    assert shop_faq(support_client, seller, seller_id) == ["교환은 어떻게 하나요?"]


def test_another_seller_cannot_edit_or_delete_a_shops_entries(support_client, sign_identity):
    seller_id = new_id()
    entry = shop_entry(support_client, as_seller(sign_identity, seller_id), "포장은 어떻게 오나요?")
    other_seller = as_seller(sign_identity, new_id())
    without_second_factor = sign_identity(subject=new_id(), roles=["seller"], seller_id=seller_id)

    for stranger in (other_seller, without_second_factor, as_customer(sign_identity)):
        assert support_client.patch(f"/api/faq/{entry['id']}", json={"answer": "x"}, headers=stranger).status_code == 403
        assert support_client.delete(f"/api/faq/{entry['id']}", headers=stranger).status_code == 403
    body = {"category": "delivery", "language": "ko", "question": "몰래", "answer": "x"}
    assert support_client.post("/api/faq", json=body, headers=without_second_factor).status_code == 403

    assert support_client.get(f"/api/faq/{entry['id']}", headers=sign_identity()).json["answer"] == SHOP_ANSWER
    assert shop_faq(support_client, sign_identity(), seller_id) == ["포장은 어떻게 오나요?"]


def test_a_seller_cannot_change_the_platforms_entries(support_client, sign_identity):
    entry = written(support_client, sign_identity, "주문을 취소하고 싶어요", category="orders")
    seller = as_seller(sign_identity, new_id())

    assert support_client.patch(f"/api/faq/{entry['id']}", json={"answer": "x"}, headers=seller).status_code == 403
    assert support_client.delete(f"/api/faq/{entry['id']}", headers=seller).status_code == 403
    assert support_client.get(f"/api/faq/{entry['id']}", headers=sign_identity()).json["answer"] == "답변입니다."


def test_an_inquiry_about_a_shops_product_is_answered_from_the_shops_entry_before_the_platforms(
    support_runtime, support_client, sign_identity
):
    platform = written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", PLATFORM_ANSWER, keywords=["택배", "운송장"])
    seller_id = new_id()
    shop = shop_entry(support_client, as_seller(sign_identity, seller_id), "택배 배송 조회는 어디서 하나요?",
                      keywords=["운송장 조회", "배송 추적"])
    # Another shop's entry says just what the customers ask, and still answers no one else's customer.
    other_shop = shop_entry(support_client, as_seller(sign_identity, new_id()), "택배 배송 조회 어디서 해요",
                            "다른 상점의 답변", keywords=["택배 배송 조회"])
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    about_the_product = opened(support_client, customer, inquiry_type="product", subject="배송조회",
                               body="택배 배송 조회 어디서 해요", product_id=known_product(support_runtime, seller_id))
    about_an_order = opened(support_client, customer, inquiry_type="shipping", subject="배송조회",
                            body="택배 배송 조회 어디서 해요", **known_order(support_runtime, customer_id, seller_id))
    about_another_product = opened(support_client, customer, inquiry_type="product", subject="배송조회",
                                   body="택배 배송 조회 어디서 해요", product_id=known_product(support_runtime, new_id()))
    about_nothing = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회 어디서 해요")

    answer_new_inquiries(support_runtime)

    assert automatic_answer_of(support_client, customer, about_the_product["id"]) == [(SHOP_ANSWER, shop["id"])]
    assert automatic_answer_of(support_client, customer, about_an_order["id"]) == [(SHOP_ANSWER, shop["id"])]
    for elsewhere in (about_another_product, about_nothing):
        assert automatic_answer_of(support_client, customer, elsewhere["id"]) == [(PLATFORM_ANSWER, platform["id"])]
    assert other_shop["id"] not in {entry_id for inquiry in (about_the_product, about_another_product, about_nothing)
                                    for _, entry_id in automatic_answer_of(support_client, customer, inquiry["id"])}


def test_a_deleted_shop_entry_no_longer_answers(support_runtime, support_client, sign_identity):
    platform = written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", PLATFORM_ANSWER, keywords=["택배", "운송장"])
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    shop = shop_entry(support_client, seller, "택배 배송 조회가 안 돼요", keywords=["운송장 조회", "배송 추적"])
    assert support_client.delete(f"/api/faq/{shop['id']}", headers=seller).status_code == 204
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, inquiry_type="product", subject="배송조회", body="택배 배송 조회가 안돼요",
                     product_id=known_product(support_runtime, seller_id))

    answer_new_inquiries(support_runtime)

    assert automatic_answer_of(support_client, customer, inquiry["id"]) == [(PLATFORM_ANSWER, platform["id"])]


def test_suggestions_for_a_shop_show_its_entries_first(support_client, sign_identity):
    platform = written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", PLATFORM_ANSWER, keywords=["택배", "운송장"])
    seller_id = new_id()
    shop = shop_entry(support_client, as_seller(sign_identity, seller_id), "배송은 언제 출발하나요?", keywords=["출고", "배송 조회"])
    customer = as_customer(sign_identity)

    for_the_shop = support_client.get("/api/faq/suggestions", query_string={"text": "택배 배송 조회", "seller_id": seller_id},
                                      headers=customer)
    for_the_platform = support_client.get("/api/faq/suggestions", query_string={"text": "택배 배송 조회"}, headers=customer)

    assert for_the_shop.status_code == 200
    assert [s["entry"]["id"] for s in for_the_shop.json] == [shop["id"], platform["id"]]
    assert for_the_shop.json[0]["score"] < for_the_shop.json[1]["score"]
    assert [s["entry"]["id"] for s in for_the_platform.json] == [platform["id"]]
