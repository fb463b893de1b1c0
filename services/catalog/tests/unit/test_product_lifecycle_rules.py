"""How a seller's edits, an admin's suspension and the stock move a product's status, and when stock is low."""
import pytest

from catalog.domain.products import (
    DRAFT,
    ON_SALE,
    SOLD_OUT,
    SUSPENDED,
    SuspendedByAdmin,
    is_low_on_stock,
    status_after_seller_edit,
    status_after_suspension_lifted,
)


def test_a_seller_puts_a_draft_on_sale_or_sold_out_by_its_stock():
    assert status_after_seller_edit(DRAFT, ON_SALE, 3) == ON_SALE
    assert status_after_seller_edit(DRAFT, ON_SALE, 0) == SOLD_OUT


def test_a_seller_takes_a_product_back_to_draft_whatever_its_stock():
    assert status_after_seller_edit(SOLD_OUT, DRAFT, 0) == DRAFT
    assert status_after_seller_edit(ON_SALE, DRAFT, 5) == DRAFT


def test_an_edit_without_a_status_lets_the_stock_decide():
    assert status_after_seller_edit(ON_SALE, None, 0) == SOLD_OUT
    assert status_after_seller_edit(SOLD_OUT, None, 1) == ON_SALE
    assert status_after_seller_edit(DRAFT, None, 0) == DRAFT


def test_a_suspended_product_keeps_its_status_through_a_stock_edit_but_refuses_a_new_one():
    assert status_after_seller_edit(SUSPENDED, None, 7) == SUSPENDED
    for wanted in (ON_SALE, DRAFT):
        with pytest.raises(SuspendedByAdmin):
            status_after_seller_edit(SUSPENDED, wanted, 7)


def test_a_lifted_suspension_is_on_sale_with_stock_and_sold_out_without():
    assert status_after_suspension_lifted(4) == ON_SALE
    assert status_after_suspension_lifted(0) == SOLD_OUT


def test_stock_is_low_at_or_below_a_positive_threshold_only():
    assert is_low_on_stock(2, 2)
    assert is_low_on_stock(0, 1)
    assert not is_low_on_stock(3, 2)
    assert not is_low_on_stock(0, 0)
