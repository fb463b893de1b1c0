"""The reconciliation's comparison: every seller-day whose sales or refunds differ, a day missing from one side
counted as nothing, asked a month at a time."""
from datetime import date

from deploy.reconciliation import Difference, _months, differences


def row(day, seller, sales, refunds):
    return {"day": day, "seller_id": seller, "sales": sales, "refunds": refunds}


def test_matching_reports_have_no_difference_and_a_missed_refund_or_sale_is_one():
    orders = [row("2026-12-01", "a", 30_000, 0), row("2026-12-02", "a", 0, 10_000), row("2026-12-02", "b", 5000, 0)]

    assert differences(orders, list(orders)) == []
    assert differences(orders, orders[:1] + orders[2:]) == [
        Difference(date(2026, 12, 2), "a", (0, 10_000), (0, 0))]
    assert differences(orders[:2], orders) == [Difference(date(2026, 12, 2), "b", (0, 0), (5000, 0))]


def test_a_long_range_is_asked_a_month_at_a_time_without_gaps():
    parts = list(_months(date(2026, 1, 1), date(2026, 3, 15)))

    assert parts[0] == (date(2026, 1, 1), date(2026, 1, 31))
    assert parts[-1][1] == date(2026, 3, 15)
    assert all(later[0].toordinal() == earlier[1].toordinal() + 1 for earlier, later in zip(parts, parts[1:]))
