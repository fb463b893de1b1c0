"""Public product Q&A: customers ask, the product's seller answers once and may edit it, secrets stay secret."""
import uuid
from datetime import datetime, timezone

from servicekit.testing.identities import as_customer, as_seller
from support.models.order_view import KnownProduct

URL = "/api/product-questions"


def known_product(runtime, seller_id):
    product_id = str(uuid.uuid4())
    with runtime.unit_of_work() as uow:
        uow.session.add(KnownProduct(product_id=product_id, seller_id=seller_id, name="Green tea",
                                     updated_at=datetime.now(timezone.utc)))
        uow.commit()
    return product_id


def ask(client, headers, product_id, question="Is it organic?", secret=False):
    response = client.post(URL, json={"product_id": product_id, "question": question, "secret": secret},
                           headers=headers)
    assert response.status_code == 201, response.json
    return response.json


def listed(client, headers, product_id, **query):
    response = client.get(URL, query_string={"product_id": product_id, **query}, headers=headers)
    assert response.status_code == 200, response.json
    return response.json


def test_questions_are_listed_publicly_newest_first_and_paged(support_runtime, support_client, sign_identity):
    product_id = known_product(support_runtime, str(uuid.uuid4()))
    for n in range(3):
        ask(support_client, as_customer(sign_identity), product_id, f"Question {n}")

    first_page = listed(support_client, sign_identity(), product_id, page_size=2)

    assert [q["question"] for q in first_page] == ["Question 2", "Question 1"]
    assert [q["question"] for q in listed(support_client, sign_identity(), product_id, page=2, page_size=2)] == [
        "Question 0"
    ]


def test_a_secret_question_and_its_answer_are_hidden_from_all_but_the_asker_and_the_seller(
    support_runtime, support_client, sign_identity
):
    shop, asker = str(uuid.uuid4()), str(uuid.uuid4())
    product_id = known_product(support_runtime, shop)
    asked = ask(support_client, as_customer(sign_identity, asker), product_id, "My address is ...", secret=True)
    support_client.post(f"{URL}/{asked['id']}/answer", json={"answer": "Sent there."}, headers=as_seller(sign_identity, shop))

    [by_stranger] = listed(support_client, as_customer(sign_identity), product_id)
    [by_visitor] = listed(support_client, sign_identity(), product_id)
    [by_asker] = listed(support_client, as_customer(sign_identity, asker), product_id)
    [by_seller] = listed(support_client, as_seller(sign_identity, shop), product_id)
    [by_seller_without_second_factor] = listed(support_client, as_seller(sign_identity, shop, second_factor_age=None),
                                               product_id)

    for hidden in (by_stranger, by_visitor, by_seller_without_second_factor):
        assert (hidden["question"], hidden["answer"], hidden["hidden"], hidden["answered"]) == (
            "비밀글입니다", None, True, True,
        )
    for reader in (by_asker, by_seller):
        assert (reader["question"], reader["answer"], reader["hidden"]) == ("My address is ...", "Sent there.", False)


def test_a_question_on_an_unknown_product_is_refused(support_client, sign_identity):
    response = support_client.post(URL, json={"product_id": str(uuid.uuid4()), "question": "Hi?"},
                                   headers=as_customer(sign_identity))

    assert (response.status_code, response.json["errors"]) == (422, {"product_id": ["해당 상품이 없습니다."]})


def test_a_question_longer_than_a_thousand_characters_is_refused(support_runtime, support_client, sign_identity):
    product_id = known_product(support_runtime, str(uuid.uuid4()))

    response = support_client.post(URL, json={"product_id": product_id, "question": "?" * 1001},
                                   headers=as_customer(sign_identity))

    assert response.status_code == 422
    assert listed(support_client, sign_identity(), product_id) == []


def test_the_seller_answers_once_and_edits_the_answer(support_runtime, support_client, sign_identity):
    shop = str(uuid.uuid4())
    product_id = known_product(support_runtime, shop)
    asked = ask(support_client, as_customer(sign_identity), product_id)
    url = f"{URL}/{asked['id']}/answer"

    assert support_client.put(url, json={"answer": "Yes."}, headers=as_seller(sign_identity, shop)).status_code == 409
    answered = support_client.post(url, json={"answer": "Yes."}, headers=as_seller(sign_identity, shop))
    again = support_client.post(url, json={"answer": "Yes!"}, headers=as_seller(sign_identity, shop))
    edited = support_client.put(url, json={"answer": "Yes, certified organic."}, headers=as_seller(sign_identity, shop))

    assert (answered.status_code, answered.json["answer"]) == (201, "Yes.")
    assert again.status_code == 409
    assert edited.status_code == 200
    [shown] = listed(support_client, sign_identity(), product_id)
    assert (shown["answer"], shown["answered"]) == ("Yes, certified organic.", True)


def test_only_the_products_seller_with_a_second_factor_answers(support_runtime, support_client, sign_identity):
    shop = str(uuid.uuid4())
    asked = ask(support_client, as_customer(sign_identity), known_product(support_runtime, shop))
    url = f"{URL}/{asked['id']}/answer"

    by_other_seller = support_client.post(url, json={"answer": "No."}, headers=as_seller(sign_identity, str(uuid.uuid4())))
    without_second_factor = support_client.post(url, json={"answer": "No."},
                                                headers=as_seller(sign_identity, shop, second_factor_age=None))
    by_customer = support_client.post(url, json={"answer": "No."}, headers=as_customer(sign_identity))

    assert (by_other_seller.status_code, without_second_factor.status_code, by_customer.status_code) == (403, 403, 403)
    assert support_client.post(f"{URL}/{uuid.uuid4()}/answer", json={"answer": "No."},
                               headers=as_seller(sign_identity, shop)).status_code == 404
