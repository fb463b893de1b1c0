"""CS analytics through the API: what customers opened, what sellers and agents answered, resolved and
were rated for, read back per seller and platform-wide from the rollups kept in the same transactions.
"""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from servicekit.korean_calendar import korean_day
from servicekit.testing.events import deliver
from servicekit.testing.identities import as_agent, as_customer, as_seller
from support import cs_analytics
from support.inquiries import answer
from support.models import Inquiry
from .people import known_product, new_id, opened
from .test_order_view import PaidOrder


def report(client, headers, **query):
    return client.get("/api/cs-analytics", query_string=query, headers=headers)


def scorecards(client, headers, **query):
    return client.get("/api/cs-analytics/sellers", query_string=query, headers=headers)


def product_inquiry(runtime, client, sign_identity, seller_id):
    return opened(client, as_customer(sign_identity), inquiry_type="product",
                  product_id=known_product(runtime, seller_id))


def answered(client, headers, inquiry_id):
    response = client.post(f"/api/inquiries/{inquiry_id}/messages", json={"body": "답변드립니다"}, headers=headers)
    assert response.status_code == 201, response.json


def resolved(client, headers, inquiry_id, reason_code):
    response = client.post(f"/api/inquiries/{inquiry_id}/status",
                           json={"status": "resolved", "reason_code": reason_code}, headers=headers)
    assert response.status_code == 200, response.json


def rated(client, headers, inquiry_id, rating):
    response = client.post(f"/api/inquiries/{inquiry_id}/rating", json={"rating": rating}, headers=headers)
    assert response.status_code in (200, 201), response.json


def past_due(runtime, inquiry_id):
    with runtime.unit_of_work() as uow:
        uow.session.execute(update(Inquiry).where(Inquiry.id == inquiry_id)
                            .values(first_response_due_at=datetime.now(timezone.utc) - timedelta(minutes=1)))
        uow.commit()


def paid_orders(runtime, seller_ids, count):
    for _ in range(count):
        with runtime.unit_of_work() as uow:
            cs_analytics.count_paid_order(uow.session, seller_ids, datetime.now(timezone.utc))
            uow.commit()


def test_a_sellers_report_shows_volume_response_times_target_share_resolution_and_satisfaction(
    support_runtime, support_client, sign_identity
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    quick = opened(support_client, customer, inquiry_type="product", product_id=known_product(support_runtime, seller_id))
    late = product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    answered(support_client, seller, quick["id"])
    resolved(support_client, seller, quick["id"], "answered_question")
    rated(support_client, customer, quick["id"], 4)
    past_due(support_runtime, late["id"])
    answered(support_client, seller, late["id"])

    figures = report(support_client, seller).json

    assert figures["seller_id"] == seller_id
    assert figures["opened"] == 3 and figures["opened_by_type"] == {"product": 3}
    assert figures["resolved_by_reason"] == {"answered_question": 1}
    assert figures["by_day"][-1] == {"day": korean_day(datetime.now(timezone.utc)).isoformat(), "opened": 3, "resolved": 1}
    assert sum(day["opened"] for day in figures["by_day"]) == 3 and len(figures["by_day"]) == 30
    assert figures["first_response_minutes"]["median_at_most"] == 5
    assert figures["first_response_minutes"]["p90_at_most"] == 5
    assert figures["resolution_minutes"]["median_at_most"] == 5
    assert figures["answered_within_target_share"] == 0.5
    assert figures["satisfaction"] == {"average": 4.0, "ratings": 1,
                                       "distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}}
    assert figures["backlog_by_age"][0] == {"up_to_minutes": 60, "inquiries": 2}
    assert sum(bucket["inquiries"] for bucket in figures["backlog_by_age"]) == 2
    assert figures["scorecard"]["answered_within_target_share"] == 0.5
    assert figures["scorecard"]["satisfaction_average"] == 4.0


def test_an_inquiry_resolved_again_after_the_customer_reopened_it_counts_as_one_resolution(
    support_runtime, support_client, sign_identity
):
    seller_id = new_id()
    seller, customer = as_seller(sign_identity, seller_id), as_customer(sign_identity)
    product_id = known_product(support_runtime, seller_id)
    inquiry = opened(support_client, customer, inquiry_type="product", product_id=product_id)
    answered(support_client, seller, inquiry["id"])
    resolved(support_client, seller, inquiry["id"], "answered_question")
    reopened = support_client.post(f"/api/inquiries/{inquiry['id']}/messages", json={"body": "아직 안 됐어요"},
                                   headers=customer)
    assert reopened.status_code == 201 and reopened.json["status"] == "open", reopened.json
    resolved(support_client, seller, inquiry["id"], "product_defect")

    figures = report(support_client, seller).json

    assert figures["resolved_by_reason"] == {"answered_question": 1}
    assert sum(day["resolved"] for day in figures["by_day"]) == 1
    assert sum(bucket["inquiries"] for bucket in figures["resolution_minutes"]["histogram"]) == 1


def test_a_seller_sees_only_their_own_shop_and_customers_see_nothing(
    support_runtime, support_client, sign_identity
):
    seller_id, other_seller_id = new_id(), new_id()
    product_inquiry(support_runtime, support_client, sign_identity, other_seller_id)
    seller = as_seller(sign_identity, seller_id)

    own = report(support_client, seller)
    someone_elses = report(support_client, seller, seller_id=other_seller_id)
    by_customer = report(support_client, as_customer(sign_identity))
    without_second_factor = report(
        support_client, sign_identity(subject=new_id(), roles=["seller"], seller_id=seller_id)
    )
    seller_list = scorecards(support_client, seller)

    assert own.status_code == 200 and own.json["opened"] == 0 and own.json["seller_id"] == seller_id
    assert someone_elses.status_code == by_customer.status_code == seller_list.status_code == 403
    assert without_second_factor.status_code == 403


def test_agents_read_the_whole_platform_or_any_one_seller(support_runtime, support_client, sign_identity):
    agent, seller_id = as_agent(sign_identity), new_id()
    before = report(support_client, agent).json

    product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    opened(support_client, as_customer(sign_identity), inquiry_type="account")
    platform = report(support_client, agent).json
    one_seller = report(support_client, agent, seller_id=seller_id).json

    assert platform["seller_id"] is None and platform["scorecard"] is None
    assert platform["opened"] - before["opened"] == 2
    assert platform["opened_by_type"]["account"] - before["opened_by_type"].get("account", 0) == 1
    assert one_seller["opened"] == 1 and one_seller["scorecard"]["seller_id"] == seller_id


def test_automatic_answers_count_as_first_responses_and_rejections_lower_their_acceptance(
    support_runtime, support_client, sign_identity
):
    seller_id = new_id()
    accepted = product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    rejected = product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    now = datetime.now(timezone.utc)
    with support_runtime.unit_of_work() as uow:
        for inquiry_id in (accepted["id"], rejected["id"]):
            answer(uow, uow.session.get(Inquiry, inquiry_id), None, "system", "FAQ 답변", (), now, automatic=True)
        cs_analytics.count_auto_answer_rejected(uow.session, uow.session.get(Inquiry, rejected["id"]), now)
        uow.commit()

    figures = report(support_client, as_seller(sign_identity, seller_id)).json

    assert figures["automatic_answers"] == {"answered": 2, "rejected": 1, "acceptance_rate": 0.5}
    assert figures["answered_within_target_share"] == 1.0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-03-10", "to": "2026-03-01"}, "from"),
        ({"from": "2024-01-01", "to": "2026-01-01"}, "to"),
        ({"from": "yesterday"}, "from"),
    ],
)
def test_a_backwards_too_long_or_unreadable_range_is_refused(support_client, sign_identity, query, field):
    response = report(support_client, as_agent(sign_identity), **query)

    assert response.status_code == 422 and field in response.json["errors"]


def test_inquiries_per_100_paid_orders_rank_the_sellers_scorecards(support_runtime, support_client, sign_identity):
    busy, calm, quiet = new_id(), new_id(), new_id()
    for _ in range(2):
        product_inquiry(support_runtime, support_client, sign_identity, busy)
    product_inquiry(support_runtime, support_client, sign_identity, calm)
    paid_orders(support_runtime, [busy, calm, quiet], 2)
    paid_orders(support_runtime, [calm], 2)
    agent = as_agent(sign_identity)

    descending = scorecards(support_client, agent).json
    ascending = scorecards(support_client, agent, descending="false").json
    busy_alone = report(support_client, agent, seller_id=busy).json["scorecard"]

    ranked = [card["seller_id"] for card in descending if card["seller_id"] in (busy, calm, quiet)]
    assert ranked == [busy, calm, quiet]
    assert [card["seller_id"] for card in ascending if card["seller_id"] in (busy, calm, quiet)] == [quiet, calm, busy]
    assert {card["seller_id"]: card["inquiries_per_100_paid_orders"] for card in descending
            if card["seller_id"] in (busy, calm, quiet)} == {busy: 100.0, calm: 25.0, quiet: 0.0}
    assert busy_alone["paid_orders"] == 2 and busy_alone["inquiries_per_100_paid_orders"] == 100.0


def test_an_order_paid_counts_once_for_each_of_its_sellers_however_often_orders_tells_it(
    support_client, support_consumer, sign_identity
):
    order = PaidOrder(new_id())
    deliver(support_consumer, "OrderPaid", order.paid())
    deliver(support_consumer, "OrderPaid", order.paid())
    agent = as_agent(sign_identity)
    on_the_day = {"from": "2026-03-02", "to": "2026-03-02"}

    paid = [report(support_client, agent, seller_id=seller, **on_the_day).json["scorecard"]["paid_orders"]
            for seller in order.sellers]

    assert paid == [1, 1]
