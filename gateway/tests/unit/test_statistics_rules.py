"""Composing the statistics series: each measure from its service's report on the same period starts, zeros for
periods a report has no row for, conversion from two services, and a missing service's measures unavailable."""
from datetime import date

from gateway.domain.statistics import ServiceReport, compose, conversion, services_for

MARCH = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
SALES = ServiceReport(
    rows={date(2026, 3, 2): {"orders": 2, "revenue": 30_000}, date(2026, 3, 16): {"orders": 1, "revenue": 9_000}},
    totals={"orders": 3, "revenue": 39_000},
)
VISITS = ServiceReport(
    rows={date(2026, 3, 2): {"visitors": 40, "views": 90}, date(2026, 3, 9): {"visitors": 12, "views": 20}},
    totals={"visitors": 52, "views": 110},
)
RATINGS = ServiceReport(rows={date(2026, 3, 9): {"reviews": 2, "average_rating": 4.5}},
                        totals={"reviews": 2, "average_rating": 4.5})


def test_each_service_is_asked_once_in_the_order_the_measures_name_them():
    assert services_for(("conversion", "revenue", "rating", "inquiries")) == ("orders", "catalog", "reviews", "support")


def test_series_share_the_period_starts_with_zeros_where_a_report_has_no_row():
    revenue, visitors = compose(("revenue", "visitors"), MARCH, {"orders": SALES, "catalog": VISITS})

    assert (revenue.values, revenue.total, revenue.unit) == ([30_000, 0, 9_000], 39_000, "won")
    assert (visitors.values, visitors.total) == ([40, 12, 0], 52)


def test_a_period_without_reviews_has_no_rating_rather_than_a_zero():
    reviews, rating = compose(("reviews", "rating"), MARCH, {"reviews": RATINGS})

    assert reviews.values == [0, 2, 0]
    assert (rating.values, rating.total) == ([None, 4.5, None], 4.5)


def test_conversion_is_orders_over_visitors_of_each_period_and_of_the_range():
    (series,) = compose(("conversion",), MARCH, {"orders": SALES, "catalog": VISITS})

    # No visitors in the third week: no conversion, though an order came.
    assert series.values == [0.05, 0.0, None]
    assert series.total == round(3 / 52, 4)


def test_conversion_is_rounded_to_four_decimals_and_undefined_without_visitors():
    assert conversion(1, 3) == 0.3333
    assert conversion(5, 0) is None


def test_a_measure_of_a_service_that_did_not_answer_is_unavailable_and_the_others_are_not():
    orders, conversion_series, inquiries = compose(
        ("orders", "conversion", "inquiries"), MARCH, {"orders": SALES, "catalog": None, "support": None}
    )

    assert orders.available and orders.values == [2, 0, 1]
    assert (conversion_series.available, conversion_series.values, conversion_series.missing) == (
        False, None, ("catalog",)
    )
    assert (inquiries.available, inquiries.total, inquiries.missing) == (False, None, ("support",))
