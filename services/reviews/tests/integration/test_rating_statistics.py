"""Rating statistics: the reviews posted in each Korean day, week, month or year and their average rating, for
a seller's own shop and for admins (one shop or the whole marketplace)."""
import csv
import io
from datetime import datetime, timezone

import pytest

from servicekit.testing.identities import as_admin, as_customer, as_seller
from .shoppers import delivered, new_id, posted


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=timezone.utc)


@pytest.fixture
def review(reviews_client, reviews_consumer, sign_identity):
    """Posts a customer's review of a new delivery of the seller's, rated `rating`; returns it and its author."""

    def post(seller_id: str, rating: int) -> tuple[dict, dict]:
        customer_id = new_id()
        order_id, _ = delivered(reviews_consumer, customer_id, seller_id)
        customer = as_customer(sign_identity, customer_id)
        return posted(reviews_client, customer, order_id, rating=rating), customer

    return post


def statistics(client, headers, **query):
    return client.get("/api/rating-statistics", query_string=query, headers=headers)


def rows_of(response) -> list[tuple]:
    assert response.status_code == 200, response.json
    return [(row["period_start"], row["reviews"], row["average_rating"]) for row in response.json["rows"]]


def test_a_sellers_reviews_land_on_the_korean_day_they_were_posted(reviews_client, sign_identity, review, clock_at):
    seller_id = new_id()
    # 14:59 UTC is still 4 March in Korea; 15:00 UTC is 5 March.
    clock_at(utc(2019, 3, 4, 14, 59))
    review(seller_id, 5)
    review(seller_id, 4)
    review(seller_id, 4)
    clock_at(utc(2019, 3, 4, 15, 0))
    review(seller_id, 2)

    response = statistics(
        reviews_client, as_seller(sign_identity, seller_id), **{"from": "2019-03-03", "to": "2019-03-05"}
    )

    assert rows_of(response) == [("2019-03-03", 0, None), ("2019-03-04", 3, 4.33), ("2019-03-05", 1, 2.0)]
    assert response.json["totals"] == {"reviews": 4, "average_rating": 3.75}
    assert (response.json["period"], response.json["seller_id"]) == ("day", seller_id)


@pytest.mark.parametrize(
    ("period", "before", "after", "expected"),
    [
        # Sunday 23:59 and Monday 00:00 in Korea.
        ("week", utc(2019, 6, 9, 14, 59), utc(2019, 6, 9, 15, 0), [("2019-06-03", 1, 5.0), ("2019-06-10", 1, 3.0)]),
        ("month", utc(2019, 6, 30, 14, 59), utc(2019, 6, 30, 15, 0), [("2019-06-01", 1, 5.0), ("2019-07-01", 1, 3.0)]),
        ("year", utc(2019, 12, 31, 14, 59), utc(2019, 12, 31, 15, 0), [("2019-01-01", 1, 5.0), ("2020-01-01", 1, 3.0)]),
    ],
)
def test_periods_turn_at_midnight_in_korea(
    reviews_client, sign_identity, review, clock_at, period, before, after, expected
):
    seller_id = new_id()
    clock_at(before)
    review(seller_id, 5)
    clock_at(after)
    review(seller_id, 3)

    response = statistics(
        reviews_client, as_seller(sign_identity, seller_id),
        **{"from": expected[0][0], "to": expected[-1][0], "period": period},
    )

    assert rows_of(response) == expected


def test_a_seller_sees_only_their_own_shop(reviews_client, sign_identity, review, clock_at):
    seller_id, other = new_id(), new_id()
    clock_at(utc(2019, 8, 1, 3, 0))
    review(seller_id, 5)
    review(other, 1)
    seller = as_seller(sign_identity, seller_id)

    assert rows_of(statistics(reviews_client, seller, **{"from": "2019-08-01", "to": "2019-08-01"})) == [
        ("2019-08-01", 1, 5.0)
    ]
    refused = statistics(reviews_client, seller, seller_id=other)
    assert refused.status_code == 403
    assert refused.content_type == "application/problem+json"


def test_an_admin_sees_the_whole_marketplace_or_one_shop(reviews_client, sign_identity, review, clock_at):
    seller_id = new_id()
    clock_at(utc(2018, 2, 10, 3, 0))
    review(seller_id, 5)
    review(new_id(), 2)
    month = {"from": "2018-02-01", "to": "2018-02-28", "period": "month"}
    admin = as_admin(sign_identity)

    platform = statistics(reviews_client, admin, **month)
    one_shop = statistics(reviews_client, admin, **month, seller_id=seller_id)

    assert rows_of(platform) == [("2018-02-01", 2, 3.5)]
    assert platform.json["seller_id"] is None
    assert rows_of(one_shop) == [("2018-02-01", 1, 5.0)]


def test_hidden_and_deleted_reviews_are_not_counted(reviews_client, sign_identity, review, clock_at):
    seller_id = new_id()
    clock_at(utc(2019, 9, 2, 3, 0))
    review(seller_id, 5)
    review(seller_id, 3)
    hidden, _ = review(seller_id, 1)
    deleted, author = review(seller_id, 1)
    hiding = reviews_client.post(f"/api/reviews/{hidden['id']}/hiding", json={"reason": "욕설"},
                                 headers=as_admin(sign_identity))
    deletion = reviews_client.delete(f"/api/reviews/{deleted['id']}", headers=author)
    assert (hiding.status_code, deletion.status_code) == (200, 204)

    response = statistics(
        reviews_client, as_seller(sign_identity, seller_id), **{"from": "2019-09-02", "to": "2019-09-02"}
    )

    assert rows_of(response) == [("2019-09-02", 2, 4.0)]


def test_an_edited_rating_moves_the_average_of_the_day_the_review_was_posted(
    reviews_client, sign_identity, review, clock_at
):
    seller_id = new_id()
    clock_at(utc(2019, 11, 4, 3, 0))
    review(seller_id, 5)
    edited, author = review(seller_id, 5)
    clock_at(utc(2019, 11, 6, 3, 0))
    assert reviews_client.patch(f"/api/reviews/{edited['id']}", json={"rating": 2}, headers=author).status_code == 200

    response = statistics(
        reviews_client, as_seller(sign_identity, seller_id), **{"from": "2019-11-04", "to": "2019-11-06"}
    )

    assert rows_of(response) == [("2019-11-04", 2, 3.5), ("2019-11-05", 0, None), ("2019-11-06", 0, None)]


def test_customers_do_not_read_rating_statistics(reviews_client, sign_identity):
    assert statistics(reviews_client, as_customer(sign_identity)).status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2019-03-10", "to": "2019-03-09"}, "from"),
        ({"from": "2015-01-01", "to": "2019-01-01"}, "to"),
        ({"period": "quarter"}, "period"),
    ],
)
def test_a_bad_range_or_period_is_a_problem_naming_the_field(reviews_client, sign_identity, query, field):
    response = statistics(reviews_client, as_seller(sign_identity, new_id()), **query)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.json["errors"]


def test_the_export_is_a_csv_of_every_period(reviews_client, sign_identity, review, clock_at):
    seller_id = new_id()
    clock_at(utc(2019, 10, 14, 3, 0))
    review(seller_id, 4)

    response = reviews_client.get(
        "/api/rating-statistics/export", query_string={"from": "2019-10-07", "to": "2019-10-20", "period": "week"},
        headers=as_seller(sign_identity, seller_id),
    )

    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "ratings-2019-10-07-2019-10-20.csv" in response.headers["Content-Disposition"]
    assert list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff")))) == [
        ["period_start", "reviews", "average_rating"],
        ["2019-10-07", "0", ""],
        ["2019-10-14", "1", "4.0"],
    ]
