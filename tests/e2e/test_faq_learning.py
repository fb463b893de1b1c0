"""FAQ matching through the gateway: a seller writes an entry for their shop and answers a customer's question with
it, citing it (what automatic answers learn from); a citation of another shop's entry is refused; an admin keeps the
synonym dictionary, which agents read and sellers do not; a customer's new inquiry that the entry answers is
answered from it at once, and the customer may say it did not help."""
from e2e.journey import list_product
from servicekit.testing import wait_for


def test_a_seller_answers_with_a_shop_entry_and_the_next_such_question_is_answered_from_it(new_seller, new_customer):
    seller, other_seller, customer = new_seller(), new_seller(), new_customer()
    product = list_product(seller, name="청자 찻잔", price=18000, stock=5)
    entry = seller.post("/api/faq", json={
        "category": "delivery", "language": "ko", "question": "주문하면 언제 출고되나요?",
        "answer": "평일 오후 2시 전 주문은 당일 출고합니다."}).json()
    elsewhere = other_seller.post("/api/faq", json={
        "category": "delivery", "language": "ko", "question": "출고는 언제 하나요?", "answer": "다음 날 보냅니다."}).json()
    asked = customer.post("/api/inquiries", json={"inquiry_type": "product", "product_id": product["id"],
                                                  "subject": "출고 문의", "body": "오늘 주문하면 언제 나가요?"})
    assert asked.status_code == 201, asked.text
    inquiry = asked.json()

    refused = seller.post(f"/api/inquiries/{inquiry['id']}/messages",
                          json={"body": "다음 날 보냅니다.", "faq_entry_id": elsewhere["id"]})
    cited = seller.post(f"/api/inquiries/{inquiry['id']}/messages",
                        json={"body": entry["answer"], "faq_entry_id": entry["id"]})

    assert refused.status_code == 422 and refused.json()["type"].endswith("unknown-faq-entry")
    assert cited.status_code == 201, cited.text
    seen = customer.get(f"/api/inquiries/{inquiry['id']}").json()
    assert [(m["author_role"], m["faq_entry_id"]) for m in seen["messages"] if not m["automatic"]] == [
        ("customer", None), ("seller", entry["id"])]

    again = customer.post("/api/inquiries", json={"inquiry_type": "product", "product_id": product["id"],
                                                  "subject": "출고", "body": "주문하면 언제 출고되나요?"}).json()

    def answered():
        messages = customer.get(f"/api/inquiries/{again['id']}").json()["messages"]
        return next((m for m in messages if m["automatic"]), None)

    automatic = wait_for(answered, what="the shop's entry to answer the question at once")
    assert (automatic["body"], automatic["faq_entry_id"]) == (entry["answer"], entry["id"])
    rejected = customer.post(f"/api/inquiries/{again['id']}/automatic-answer/rejection")
    assert rejected.status_code == 200 and rejected.json()["status"] in ("open", "assigned")


def test_an_admin_keeps_the_synonym_dictionary_which_agents_read(staff_admin, new_agent, new_seller):
    agent, seller = new_agent(), new_seller()

    added = staff_admin.post("/api/faq/synonyms", json={"language": "ko", "words": ["찻잔", "티컵", "차 컵"]})
    refused = agent.post("/api/faq/synonyms", json={"language": "ko", "words": ["찻잔", "찻사발"]})

    assert added.status_code == 201, added.text
    assert refused.status_code == 403
    listed = agent.get("/api/faq/synonyms", params={"language": "ko"})
    assert listed.status_code == 200 and ["찻잔", "티컵", "차 컵"] in [group["words"] for group in listed.json()]
    assert seller.get("/api/faq/synonyms").status_code == 403
    assert staff_admin.delete(f"/api/faq/synonyms/{added.json()['id']}").status_code == 204
