"""Learning from use: answers that cite an FAQ entry, automatic answers customers kept or rejected, and inquiries a
person answered without an entry become labelled questions; training on them stores a model that every process then
matches with."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import delete, update

from servicekit import clock
from servicekit.testing.identities import as_agent, as_customer, as_seller
from support.auto_answers import answer_new_inquiries
from support.faq_learning import DATA, examples_from_use, matcher_for
from support.faq_training import main, train_from_use
from support.models.faq import AutoAnswerOutcome, FaqEntry, FaqModelVersion
from .faq_entries import empty_faq, written  # noqa: F401  (empty_faq: the fixture below)
from .people import known_product, new_id, opened
from .response_target_defaults import default_targets  # noqa: F401  (a fixture)

pytestmark = pytest.mark.usefixtures("empty_faq")


def answered(client, sign_identity, inquiry, **message):
    response = client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "안내해 드립니다.", **message},
                           headers=as_agent(sign_identity))
    assert response.status_code == 201, response.json
    return response.json


def test_an_answer_cites_a_published_entry_of_the_platform_or_the_inquirys_shop(support_runtime, support_client, sign_identity):
    entry = written(support_client, sign_identity, "비밀번호를 잊어버렸어요", "로그인 화면에서 재설정하세요.", category="account")
    other_shop = new_id()
    elsewhere = support_client.post("/api/faq", headers=as_seller(sign_identity, other_shop), json={
        "category": "delivery", "language": "ko", "question": "출고는 언제 하나요?", "answer": "오후 2시입니다."}).json
    customer = as_customer(sign_identity)
    inquiry = opened(support_client, customer, subject="비번", body="비번 까먹었어요")

    cited = answered(support_client, sign_identity, inquiry, faq_entry_id=entry["id"])

    assert [m["faq_entry_id"] for m in cited["messages"]] == [None, entry["id"]]
    for refused, headers, body in [
        ("unknown-faq-entry", as_agent(sign_identity), {"faq_entry_id": elsewhere["id"]}),
        ("unknown-faq-entry", as_agent(sign_identity), {"faq_entry_id": new_id()}),
        ("citation-for-answers", as_agent(sign_identity), {"faq_entry_id": entry["id"], "internal": True}),
        ("citation-for-answers", customer, {"faq_entry_id": entry["id"]}),
    ]:
        response = support_client.post(f"/api/inquiries/{inquiry['id']}/messages",
                                       json={"body": "안내", **body}, headers=headers)
        assert (response.status_code, response.json["type"].rsplit(":", 1)[-1]) == (422, refused)
    assert len(support_client.get(f"/api/inquiries/{inquiry['id']}", headers=customer).json["messages"]) == 2


def test_what_happened_to_inquiries_becomes_labelled_questions(support_runtime, support_client, sign_identity):
    tracking = written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", "주문 내역에서 운송장 번호를 볼 수 있습니다.")
    password = written(support_client, sign_identity, "비밀번호를 잊어버렸어요", "로그인 화면에서 재설정하세요.", category="account")
    customer = as_customer(sign_identity)
    cited = opened(support_client, customer, subject="비번 분실", body="비번 기억이 안나요 ㅠ")
    later_cited = opened(support_client, customer, subject="주문 문의", body="주문 건 확인 부탁드려요")
    answered(support_client, sign_identity, later_cited)
    answered(support_client, sign_identity, later_cited, faq_entry_id=password["id"])
    answered(support_client, sign_identity, cited, faq_entry_id=password["id"])
    by_a_person = opened(support_client, customer, subject="환불 요청", body="어제 받은 컵이 깨져서 왔어요 환불해주세요")
    answered(support_client, sign_identity, by_a_person)
    unanswered = opened(support_client, customer, subject="문의", body="아직 답이 없네요")
    kept = opened(support_client, customer, inquiry_type="shipping", subject="배송조회", body="택배 배송 조회는 어디서 하나요")
    rejected = opened(support_client, customer, inquiry_type="shipping", subject="배송 조회",
                      body="배송 조회는 어떻게 하나요")
    wrote_again = opened(support_client, customer, inquiry_type="shipping", subject="배송조회요",
                         body="택배 배송 조회는 어디서 하나요")
    answer_new_inquiries(support_runtime)
    with support_runtime.unit_of_work() as uow:
        outcomes = {o.inquiry_id: o for o in uow.session.query(AutoAnswerOutcome).filter(
            AutoAnswerOutcome.inquiry_id.in_([kept["id"], rejected["id"], wrote_again["id"]]))}
        assert set(outcomes) == {kept["id"], rejected["id"], wrote_again["id"]}, "all were answered automatically"
        uow.session.execute(update(AutoAnswerOutcome).where(AutoAnswerOutcome.inquiry_id.in_([kept["id"], wrote_again["id"]]))
                            .values(answered_at=clock.now() - timedelta(days=4)))
        uow.commit()
    support_client.post(f"/api/inquiries/{wrote_again['id']}/messages", json={"body": "이거 말고 다른 거요"}, headers=customer)
    support_client.post(f"/api/inquiries/{rejected['id']}/automatic-answer/rejection", headers=customer)
    answered(support_client, sign_identity, rejected)

    with support_runtime.unit_of_work() as uow:
        labelled = {example.text: example.expected for example in examples_from_use(uow.session)}

    assert labelled["비번 분실\n비번 기억이 안나요 ㅠ"] == password["id"]
    assert labelled["환불 요청\n어제 받은 컵이 깨져서 왔어요 환불해주세요"] is None
    assert labelled["주문 문의\n주문 건 확인 부탁드려요"] is None  # its first answer cited nothing
    assert labelled["배송조회\n택배 배송 조회는 어디서 하나요"] == tracking["id"]
    assert labelled["배송 조회\n배송 조회는 어떻게 하나요"] is None
    assert "문의\n아직 답이 없네요" not in labelled and unanswered
    assert "배송조회요\n택배 배송 조회는 어디서 하나요" not in labelled  # the customer wrote again: not known to be answered


def test_an_automatic_answer_still_within_its_days_to_be_rejected_teaches_nothing_yet(
        support_runtime, support_client, sign_identity):
    written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", "주문 내역에서 운송장 번호를 볼 수 있습니다.")
    customer = as_customer(sign_identity)
    fresh = opened(support_client, customer, inquiry_type="product", subject="배송조회", body="택배 배송 조회는 어디서 해요",
                   product_id=known_product(support_runtime, new_id()))
    answer_new_inquiries(support_runtime)

    with support_runtime.unit_of_work() as uow:
        assert uow.session.get(AutoAnswerOutcome, fresh["id"]) is not None
        assert "배송조회\n택배 배송 조회는 어디서 해요" not in {example.text for example in examples_from_use(uow.session)}


def test_training_from_use_stores_a_model_every_matcher_then_uses(support_runtime, support_client, sign_identity,
                                                                  tmp_path):
    written(support_client, sign_identity, "배송 조회는 어떻게 하나요?", "주문 내역에서 운송장 번호를 볼 수 있습니다.")
    password = written(support_client, sign_identity, "비밀번호를 잊어버렸어요", "로그인 화면에서 재설정하세요.",
                       category="account")
    inquiry = opened(support_client, as_customer(sign_identity), subject="비번", body="비번 까먹었는데 어떻게 찾아요")
    answered(support_client, sign_identity, inquiry, faq_entry_id=password["id"])
    # A small sample keeps the test quick: a fifth of the shipped training questions.
    shipped = json.loads((DATA / "faq_training_inquiries.json").read_text("utf-8"))
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps({"inquiries": shipped["inquiries"][::5]}, ensure_ascii=False), "utf-8")
    with support_runtime.unit_of_work() as uow:
        uow.session.execute(delete(FaqModelVersion))
        uow.commit()
        entries = list(uow.session.query(FaqEntry).filter(FaqEntry.published.is_(True)))
        assert matcher_for(uow.session, entries).model.trained["questions"] == 751  # the shipped model

    document = train_from_use(support_runtime, 0.9, [sample])

    assert document["trained"]["from_use"] >= 1
    assert document["trained"]["questions"] == len(shipped["inquiries"][::5]) + document["trained"]["from_use"]
    assert ["비번\n비번 까먹었는데 어떻게 찾아요", False] in document["past"]
    with support_runtime.unit_of_work() as uow:
        stored = uow.session.query(FaqModelVersion).one()
        matcher = matcher_for(uow.session, entries)
    assert matcher.model.coefficients == tuple(stored.document["coefficients"])
    assert matcher.model.threshold == document["threshold"]
    with support_runtime.unit_of_work() as uow:
        uow.session.execute(delete(FaqModelVersion))
        uow.commit()


def test_the_training_command_stores_what_it_learns_in_the_services_database(support_runtime, monkeypatch, tmp_path,
                                                                              capsys):
    shipped = json.loads((DATA / "faq_training_inquiries.json").read_text("utf-8"))
    sample = tmp_path / "sample.json"
    sample.write_text(json.dumps({"inquiries": shipped["inquiries"][::6]}, ensure_ascii=False), "utf-8")
    monkeypatch.setenv("SUPPORT_DATABASE_URL", support_runtime.config.database_url)
    with support_runtime.unit_of_work() as uow:
        uow.session.execute(delete(FaqModelVersion))
        uow.commit()

    main(["--store", "--precision", "0.85", "--sample", str(sample)])

    shown = capsys.readouterr().out
    assert "stored model in support's database" in shown and "trained on " in shown
    with support_runtime.unit_of_work() as uow:
        stored = uow.session.query(FaqModelVersion).one()
        assert stored.document["trained"]["precision_asked"] == 0.85
        uow.session.execute(delete(FaqModelVersion))
        uow.commit()
