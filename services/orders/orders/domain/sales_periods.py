"""Sales periods: how a range of days is read from monthly and daily rollups, and the figures reported for
a period. A sale's day is `servicekit.korean_calendar.korean_day`, and the periods are that calendar's
(servicekit.korean_calendar.period_start)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from servicekit.korean_calendar import period_end, period_starts


@dataclass(frozen=True)
class RollupSpans:
    """A range of days as whole months plus and minus spans of days, each span (first, last) inclusive.

    A month read whole costs one rollup row per product instead of one per product and day, so a
    partly covered month is read whole when more of it is inside the range than outside, and the
    days outside are taken away again: at most half a month of days is read at either end.
    """

    months: tuple[date, date] | None
    added_days: tuple[tuple[date, date], ...]
    removed_days: tuple[tuple[date, date], ...]


def rollup_spans(first: date, last: date) -> RollupSpans:
    """How to read `first`..`last` (inclusive) from monthly and daily rollups with the fewest days."""
    months, added, removed = [], [], []
    for month in period_starts(first, last, "month"):
        month_end = period_end(month, "month")
        inside = (max(first, month), min(last, month_end))
        outside = [span for span in ((month, inside[0] - timedelta(days=1)), (inside[1] + timedelta(days=1), month_end))
                   if span[0] <= span[1]]
        outside_days = sum((span[1] - span[0]).days + 1 for span in outside)
        if outside_days < (inside[1] - inside[0]).days + 1:
            months.append(month)
            removed.extend(outside)
        else:
            added.append(inside)
    return RollupSpans((months[0], months[-1]) if months else None, tuple(added), tuple(removed))


@dataclass(frozen=True)
class SalesFigures:
    """What was sold and refunded in a period, in units and won.

    Revenue is product revenue, quantity times unit price; shipping fees and discounts are not in it.
    """

    orders: int = 0
    units: int = 0
    revenue: int = 0
    refunds: int = 0
    refunded_units: int = 0

    @property
    def net_revenue(self) -> int:
        return self.revenue - self.refunds

    @property
    def average_order_value(self) -> int:
        """Revenue per order in whole won, rounded down; 0 when nothing was ordered."""
        return self.revenue // self.orders if self.orders else 0

    def __add__(self, other: "SalesFigures") -> "SalesFigures":
        return SalesFigures(
            self.orders + other.orders,
            self.units + other.units,
            self.revenue + other.revenue,
            self.refunds + other.refunds,
            self.refunded_units + other.refunded_units,
        )
