"""A product's current price: the sale price from the start of its period up to its end, the price otherwise."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from catalog.domain.pricing import current_price, sale_problems

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


@dataclass
class Listed:
    price: int
    sale_price: int | None = None
    sale_starts_at: datetime | None = None
    sale_ends_at: datetime | None = None


def on_sale(starts_at, ends_at):
    return Listed(10000, 7900, starts_at, ends_at)


def test_a_product_without_a_sale_costs_its_price():
    assert current_price(Listed(10000), NOW) == 10000


def test_the_sale_price_holds_from_the_start_up_to_the_end():
    assert current_price(on_sale(NOW - DAY, NOW + DAY), NOW) == 7900
    assert current_price(on_sale(NOW, NOW + DAY), NOW) == 7900
    assert current_price(on_sale(NOW - DAY, NOW), NOW) == 10000


def test_a_sale_not_yet_started_or_already_ended_leaves_the_price():
    assert current_price(on_sale(NOW + DAY, NOW + 2 * DAY), NOW) == 10000
    assert current_price(on_sale(NOW - 2 * DAY, NOW - DAY), NOW) == 10000


def test_a_sale_price_must_be_below_the_price_and_end_after_it_starts():
    assert sale_problems(10000, 9999, NOW, NOW + DAY) == {}
    assert set(sale_problems(10000, 10000, NOW, NOW + DAY)) == {"sale_price"}
    assert set(sale_problems(10000, 12000, NOW, NOW)) == {"sale_price", "ends_at"}
