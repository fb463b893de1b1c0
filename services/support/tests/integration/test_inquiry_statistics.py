"""Inquiry statistics: inquiries opened, answered (late ones too) and resolved per Korean day, week, month or
year, for a seller's own inquiries and for the platform's staff."""
import csv
import io
from datetime import datetime, timezone

import pytest

from servicekit.testing.identities import as_admin, as_agent, as_customer, as_seller
from .people import known_product, new_id, opened


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


def statistics(client, headers, **query):
    return client.get("/api/inquiry-statistics", query_string=query, headers=headers)


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200, response.json
    return [
        (row["period_start"], row["opened"], row["answered"], row["answered_late"], row["resolved"])
        for row in response.json["rows"]
    ]


def product_inquiry(runtime, client, sign_identity, seller_id):
    product_id = known_product(runtime, seller_id)
    return opened(client, as_customer(sign_identity), inquiry_type="product", product_id=product_id)


def answered(client, headers, inquiry_id):
    response = client.post(f"/api/inquiries/{inquiry_id}/messages", json={"body": "답변드립니다"}, headers=headers)
    assert response.status_code == 201, response.json


def resolved(client, headers, inquiry_id):
    response = client.post(f"/api/inquiries/{inquiry_id}/status",
                           json={"status": "resolved", "reason_code": "answered_question"}, headers=headers)
    assert response.status_code == 200, response.json


def test_a_sellers_inquiries_land_on_the_korean_day_they_were_opened_answered_and_resolved(
    support_runtime, support_client, sign_identity, clock_at
):
    seller_id = new_id()
    seller = as_seller(sign_identity, seller_id)
    # 14:59 UTC is still 4 March in Korea; 15:00 UTC is 5 March.
    clock_at(utc(2019, 3, 4, 14, 59))
    quick = product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    clock_at(utc(2019, 3, 4, 15, 0))
    late = product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    answered(support_client, seller, quick["id"])
    resolved(support_client, seller, quick["id"])
    # Past the 24 hours the first response was due in.
    clock_at(utc(2019, 3, 6, 3, 0))
    answered(support_client, seller, late["id"])

    response = statistics(support_client, seller, **{"from": "2019-03-04", "to": "2019-03-06"})

    assert rows_of(response) == [
        ("2019-03-04", 1, 0, 0, 0),
        ("2019-03-05", 1, 1, 0, 1),
        ("2019-03-06", 0, 1, 1, 0),
    ]
    assert response.json["totals"] == {"opened": 2, "answered": 2, "answered_late": 1, "resolved": 1}
    assert (response.json["period"], response.json["seller_id"]) == ("day", seller_id)


@pytest.mark.parametrize(
    ("period", "before", "after", "expected"),
    [
        # Sunday 23:59 and Monday 00:00 in Korea.
        ("week", utc(2019, 6, 9, 14, 59), utc(2019, 6, 9, 15, 0), [("2019-06-03", 1), ("2019-06-10", 1)]),
        ("month", utc(2019, 6, 30, 14, 59), utc(2019, 6, 30, 15, 0), [("2019-06-01", 1), ("2019-07-01", 1)]),
        ("year", utc(2019, 12, 31, 14, 59), utc(2019, 12, 31, 15, 0), [("2019-01-01", 1), ("2020-01-01", 1)]),
    ],
)
def test_periods_turn_at_midnight_in_korea(
    support_runtime, support_client, sign_identity, clock_at, period, before, after, expected
):
    seller_id = new_id()
    clock_at(before)
    product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    clock_at(after)
    product_inquiry(support_runtime, support_client, sign_identity, seller_id)

    response = statistics(
        support_client, as_seller(sign_identity, seller_id),
        **{"from": expected[0][0], "to": expected[-1][0], "period": period},
    )

    assert [(start, opened_count) for start, opened_count, *_ in rows_of(response)] == expected


def test_a_seller_sees_only_their_own_inquiries(support_runtime, support_client, sign_identity, clock_at):
    seller_id, other = new_id(), new_id()
    clock_at(utc(2019, 8, 1, 3, 0))
    product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    product_inquiry(support_runtime, support_client, sign_identity, other)
    # About the seller's shop but the platform's to answer: not the seller's figures.
    opened(support_client, as_customer(sign_identity), inquiry_type="account")
    seller = as_seller(sign_identity, seller_id)

    assert rows_of(statistics(support_client, seller, **{"from": "2019-08-01", "to": "2019-08-01"})) == [
        ("2019-08-01", 1, 0, 0, 0)
    ]
    refused = statistics(support_client, seller, seller_id=other)
    assert refused.status_code == 403
    assert refused.content_type == "application/problem+json"


def test_admins_and_agents_see_the_platform_or_one_seller(support_runtime, support_client, sign_identity, clock_at):
    seller_id = new_id()
    clock_at(utc(2018, 2, 10, 3, 0))
    product_inquiry(support_runtime, support_client, sign_identity, seller_id)
    product_inquiry(support_runtime, support_client, sign_identity, new_id())
    opened(support_client, as_customer(sign_identity), inquiry_type="account")
    month = {"from": "2018-02-01", "to": "2018-02-28", "period": "month"}

    platform = statistics(support_client, as_admin(sign_identity), **month)
    one_seller = statistics(support_client, as_agent(sign_identity), **month, seller_id=seller_id)

    assert rows_of(platform) == [("2018-02-01", 3, 0, 0, 0)]
    assert platform.json["seller_id"] is None
    assert rows_of(one_seller) == [("2018-02-01", 1, 0, 0, 0)]


def test_customers_do_not_read_inquiry_statistics(support_client, sign_identity):
    assert statistics(support_client, as_customer(sign_identity)).status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2019-03-10", "to": "2019-03-09"}, "from"),
        ({"from": "2015-01-01", "to": "2019-01-01"}, "to"),
        ({"period": "quarter"}, "period"),
    ],
)
def test_a_bad_range_or_period_is_a_problem_naming_the_field(support_client, sign_identity, query, field):
    response = statistics(support_client, as_seller(sign_identity, new_id()), **query)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.json["errors"]


def test_the_export_is_a_csv_of_every_period(support_runtime, support_client, sign_identity, clock_at):
    seller_id = new_id()
    clock_at(utc(2019, 10, 14, 3, 0))
    product_inquiry(support_runtime, support_client, sign_identity, seller_id)

    response = support_client.get(
        "/api/inquiry-statistics/export", query_string={"from": "2019-10-07", "to": "2019-10-20", "period": "week"},
        headers=as_seller(sign_identity, seller_id),
    )

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "inquiries-2019-10-07-2019-10-20.csv" in response.headers["Content-Disposition"]
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff")))) == [
        ["period_start", "opened", "answered", "answered_late", "resolved"],
        ["2019-10-07", "0", "0", "0", "0"],
        ["2019-10-14", "1", "0", "0", "0"],
    ]
