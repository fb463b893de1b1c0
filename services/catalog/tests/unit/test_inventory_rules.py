"""Whether an order's lines can be reserved, and what a product's status becomes as stock moves."""
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from catalog.domain.inventory import RequestedLine, check_reservation
from catalog.domain.products import ON_SALE, SOLD_OUT, status_after_stock_change


@dataclass
class Item:
    id: str
    price: int
    stock: int
    status: str = ON_SALE
    sale_price: int | None = None
    sale_starts_at: datetime | None = None
    sale_ends_at: datetime | None = None
    seller_id: str = "seller"
    option_names: list[str] = field(default_factory=list)
    variants: list["Choice"] = field(default_factory=list)


@dataclass
class Choice:
    id: str
    price_difference: int
    stock: int
    active: bool = True
    option_values: list[str] = field(default_factory=list)


NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
DAY = timedelta(days=1)


def test_lines_within_stock_at_the_current_price_can_be_reserved():
    products = {"a": Item("a", 1000, 3), "b": Item("b", 500, 1)}
    assert check_reservation(products, [RequestedLine("a", 3, 1000), RequestedLine("b", 1, 500)], NOW) is None


def test_quantities_of_the_same_product_on_several_lines_add_up():
    lines = [RequestedLine("a", 2, 1000), RequestedLine("a", 2, 1000)]
    refused = check_reservation({"a": Item("a", 1000, 3)}, lines, NOW)
    assert refused.reason == "insufficient_stock"
    assert refused.product_ids == ["a"]


def test_an_unknown_or_suspended_product_is_unavailable_before_anything_else():
    products = {"a": Item("a", 1000, 0, status="suspended")}
    refused = check_reservation(products, [RequestedLine("a", 5, 900), RequestedLine("ghost", 1, 10)], NOW)
    assert refused.reason == "product_unavailable"
    assert refused.product_ids == ["a", "ghost"]


def test_a_sold_out_product_is_short_of_stock_not_unavailable():
    refused = check_reservation({"a": Item("a", 1000, 0, status=SOLD_OUT)}, [RequestedLine("a", 1, 1000)], NOW)
    assert (refused.reason, refused.detail) == ("insufficient_stock", "Not enough stock for some products.")
    assert refused.product_ids == ["a"]


def test_a_draft_or_suspended_product_stays_unavailable_whatever_its_stock():
    for status in ("draft", "suspended"):
        refused = check_reservation({"a": Item("a", 1000, 5, status=status)}, [RequestedLine("a", 1, 1000)], NOW)
        assert (refused.reason, refused.detail) == ("product_unavailable", "Some products are not on sale."), status


def test_a_changed_price_is_reported_before_a_shortage():
    refused = check_reservation({"a": Item("a", 1200, 0)}, [RequestedLine("a", 1, 1000)], NOW)
    assert refused.reason == "price_changed"


def test_during_a_sale_only_the_sale_price_is_reserved():
    on_sale = Item("a", 1000, 3, sale_price=800, sale_starts_at=NOW - DAY, sale_ends_at=NOW + DAY)
    assert check_reservation({"a": on_sale}, [RequestedLine("a", 1, 800)], NOW) is None
    assert check_reservation({"a": on_sale}, [RequestedLine("a", 1, 1000)], NOW).reason == "price_changed"


def test_after_a_sale_the_sale_price_is_a_changed_price():
    ended = Item("a", 1000, 3, sale_price=800, sale_starts_at=NOW - 2 * DAY, sale_ends_at=NOW - DAY)
    assert check_reservation({"a": ended}, [RequestedLine("a", 1, 800)], NOW).reason == "price_changed"
    assert check_reservation({"a": ended}, [RequestedLine("a", 1, 1000)], NOW) is None


def test_a_product_sells_out_at_zero_and_returns_on_sale_when_restocked():
    assert status_after_stock_change(ON_SALE, 0) == SOLD_OUT
    assert status_after_stock_change(SOLD_OUT, 2) == ON_SALE
    assert status_after_stock_change("suspended", 0) == "suspended"


def sized():
    return Item("a", 1000, 5, option_names=["Size"], variants=[Choice("m", 0, 1), Choice("l", 500, 4),
                                                                 Choice("xl", 700, 9, active=False)])


def test_a_variant_is_reserved_at_the_current_price_plus_its_difference_within_its_own_stock():
    products = {"a": sized()}
    assert check_reservation(products, [RequestedLine("a", 4, 1500, variant_id="l")], NOW) is None
    assert check_reservation(products, [RequestedLine("a", 1, 1000, variant_id="l")], NOW).reason == "price_changed"
    short = check_reservation(products, [RequestedLine("a", 2, 1000, variant_id="m")], NOW)
    assert short.reason == "insufficient_stock"


def test_a_product_with_variants_needs_an_active_variant_of_its_own():
    for variant_id in (None, "xl", "ghost"):
        refused = check_reservation({"a": sized()}, [RequestedLine("a", 1, 1000, variant_id=variant_id)], NOW)
        assert refused.reason == "product_unavailable", variant_id


def test_a_line_naming_another_seller_is_unavailable():
    products = {"a": Item("a", 1000, 3, seller_id="s1")}
    assert check_reservation(products, [RequestedLine("a", 1, 1000, seller_id="s1")], NOW) is None
    refused = check_reservation(products, [RequestedLine("a", 1, 1000, seller_id="s2")], NOW)
    assert refused.reason == "product_unavailable"
