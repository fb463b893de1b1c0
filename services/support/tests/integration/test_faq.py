"""The FAQ through the API: agents write, edit and unpublish entries; anyone searches them in Korean
or English and is shown the entries that may answer what they are writing.
"""
import pytest

from servicekit.testing.identities import as_agent, as_customer, as_seller
from .faq_entries import empty_faq, written  # noqa: F401  (empty_faq: the fixture below)
from .people import new_id

pytestmark = pytest.mark.usefixtures("empty_faq")


def searched(client, headers, **query):
    response = client.get("/api/faq", query_string=query, headers=headers)
    assert response.status_code == 200, response.json
    return [entry["question"] for entry in response.json]


def test_a_korean_search_finds_an_entry_whatever_the_ending(support_client, sign_identity):
    written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", keywords=["운송장"])
    written(support_client, sign_identity, "비밀번호를 잊어버렸어요", category="account")

    assert searched(support_client, sign_identity(), q="배송 조회") == ["배송 조회는 어떻게 하나요?"]


def test_an_english_search_finds_entries_best_first_within_a_category(support_client, sign_identity):
    written(support_client, sign_identity, "How do I change my delivery address?", "In the order's details.", language="en")
    written(support_client, sign_identity, "How can I track my delivery?", "Open the order.", language="en")
    written(support_client, sign_identity, "How do I return an item?", "Request it.", category="returns", language="en")
    anyone = sign_identity()

    assert searched(support_client, anyone, q="change address")[0] == "How do I change my delivery address?"
    assert searched(support_client, anyone, q="Returning items", category="returns") == ["How do I return an item?"]
    assert searched(support_client, anyone, q="track delivery", category="returns") == []


def test_the_faq_is_listed_by_category_and_paged(support_client, sign_identity):
    for number in range(3):
        written(support_client, sign_identity, f"쿠폰 질문 {number}", category="coupons_points")

    response = support_client.get("/api/faq", query_string={"category": "coupons_points", "page_size": 2},
                                  headers=sign_identity())

    assert [entry["question"] for entry in response.json] == ["쿠폰 질문 0", "쿠폰 질문 1"]
    assert '"total": 3' in response.headers["X-Pagination"]


def test_suggestions_show_the_best_entries_first_with_their_scores(support_client, sign_identity):
    tracking = written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", keywords=["택배", "운송장"])
    address = written(support_client, sign_identity, "배송지를 변경하고 싶어요", keywords=["주소 변경"])
    password = written(support_client, sign_identity, "비밀번호를 잊어버렸어요", category="account")

    response = support_client.get("/api/faq/suggestions", query_string={"text": "주문한 거 배송지 주소 바꾸고 싶은데요"},
                                  headers=as_customer(sign_identity))

    assert response.status_code == 200
    suggested = [(s["entry"]["id"], s["score"]) for s in response.json]
    assert suggested[0][0] == address["id"]
    assert [score for _, score in suggested] == sorted((score for _, score in suggested), reverse=True)
    assert all(0 < score < 1 for _, score in suggested)
    assert suggested[0][1] > dict(suggested).get(tracking["id"], 0) and password["id"] not in dict(suggested)


def test_a_suggestion_text_longer_than_a_url_carries_through_the_gateway_is_refused(support_client, sign_identity):
    # 301 characters of four bytes each: percent-encoded, past the 4,094 bytes of a request line.
    response = support_client.get("/api/faq/suggestions", query_string={"text": "😀" * 301},
                                  headers=as_customer(sign_identity))

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["text"]


def test_unpublished_entries_are_hidden_from_customers_and_shown_to_agents(support_client, sign_identity):
    entry = written(support_client, sign_identity, "환불은 언제 되나요?", category="returns")
    agent = as_agent(sign_identity)

    assert support_client.delete(f"/api/faq/{entry['id']}", headers=agent).status_code == 204

    customer = as_customer(sign_identity)
    assert searched(support_client, customer, q="환불 언제") == []
    assert support_client.get("/api/faq/suggestions", query_string={"text": "환불은 언제 되나요"}, headers=customer).json == []
    assert support_client.get(f"/api/faq/{entry['id']}", headers=customer).status_code == 404
    assert support_client.get(f"/api/faq/{entry['id']}", headers=agent).json["published"] is False

    republished = support_client.patch(f"/api/faq/{entry['id']}", json={"published": True, "answer": "3영업일 안에 됩니다."},
                                       headers=agent)
    assert republished.json["answer"] == "3영업일 안에 됩니다."
    assert searched(support_client, customer, q="환불 언제") == ["환불은 언제 되나요?"]


def test_only_agents_write_the_platforms_faq(support_client, sign_identity):
    entry = written(support_client, sign_identity, "주문을 취소하고 싶어요", category="orders")
    body = {"category": "orders", "language": "ko", "question": "취소", "answer": "네"}

    for outsider in (as_customer(sign_identity), as_seller(sign_identity, new_id()), sign_identity()):
        assert support_client.patch(f"/api/faq/{entry['id']}", json={"answer": "x"}, headers=outsider).status_code in (401, 403)
        assert support_client.delete(f"/api/faq/{entry['id']}", headers=outsider).status_code in (401, 403)
    for outsider in (as_customer(sign_identity), sign_identity()):
        assert support_client.post("/api/faq", json=body, headers=outsider).status_code in (401, 403)
    assert support_client.get(f"/api/faq/{entry['id']}", headers=sign_identity()).json["answer"] == "답변입니다."
    assert [listed["id"] for listed in support_client.get("/api/faq", headers=sign_identity()).json] == [entry["id"]]


def test_an_entry_in_an_unknown_category_or_language_is_refused(support_client, sign_identity):
    body = {"category": "gossip", "language": "fr", "question": "Où?", "answer": "Ici."}

    response = support_client.post("/api/faq", json=body, headers=as_agent(sign_identity))

    assert response.status_code == 422
    assert {"category", "language"} <= set(response.json["errors"])
