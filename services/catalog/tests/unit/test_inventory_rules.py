"""Whether an order's lines can be reserved, and what a product's status becomes as stock moves."""
from dataclasses import dataclass

from catalog.domain.inventory import RequestedLine, check_reservation
from catalog.domain.products import ON_SALE, SOLD_OUT, status_after_stock_change


@dataclass
class Item:
    id: str
    price: int
    stock: int
    status: str = ON_SALE


def test_lines_within_stock_at_the_current_price_can_be_reserved():
    products = {"a": Item("a", 1000, 3), "b": Item("b", 500, 1)}
    assert check_reservation(products, [RequestedLine("a", 3, 1000), RequestedLine("b", 1, 500)]) is None


def test_quantities_of_the_same_product_on_several_lines_add_up():
    refused = check_reservation({"a": Item("a", 1000, 3)}, [RequestedLine("a", 2, 1000), RequestedLine("a", 2, 1000)])
    assert refused.reason == "insufficient_stock"
    assert refused.product_ids == ["a"]


def test_an_unknown_or_suspended_product_is_unavailable_before_anything_else():
    products = {"a": Item("a", 1000, 0, status="suspended")}
    refused = check_reservation(products, [RequestedLine("a", 5, 900), RequestedLine("ghost", 1, 10)])
    assert refused.reason == "product_unavailable"
    assert refused.product_ids == ["a", "ghost"]


def test_a_changed_price_is_reported_before_a_shortage():
    refused = check_reservation({"a": Item("a", 1200, 0)}, [RequestedLine("a", 1, 1000)])
    assert refused.reason == "price_changed"


def test_a_product_sells_out_at_zero_and_returns_on_sale_when_restocked():
    assert status_after_stock_change(ON_SALE, 0) == SOLD_OUT
    assert status_after_stock_change(SOLD_OUT, 2) == ON_SALE
    assert status_after_stock_change("suspended", 0) == "suspended"
