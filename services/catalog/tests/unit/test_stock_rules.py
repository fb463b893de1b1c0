"""How a seller's adjustment moves stock, and when a change based on a version read is stale."""
import pytest

from catalog.domain.products import is_stale
from catalog.domain.stock import MAX_STOCK, stock_after_adjustment
from catalog.domain.variants import VariantDraft


def draft(stock=None, adjustment=None):
    return VariantDraft(
        id=None, option_values=("Red",), price_difference=0, stock=stock, sku=None, active=True,
        stock_adjustment=adjustment,
    )


def test_an_adjustment_applies_to_the_stock_as_it_is_now():
    assert stock_after_adjustment(7, 5) == 12
    assert stock_after_adjustment(7, -7) == 0


@pytest.mark.parametrize("stock, adjustment", [(2, -3), (MAX_STOCK - 1, 2)])
def test_an_adjustment_never_takes_the_stock_below_zero_or_above_its_bound(stock, adjustment):
    assert stock_after_adjustment(stock, adjustment) is None


def test_a_variant_holds_the_stock_given_or_what_it_holds_adjusted():
    assert draft(stock=4).stock_to_hold(9) == 4
    assert draft(adjustment=2).stock_to_hold(9) == 11
    assert draft(adjustment=-10).stock_to_hold(9) is None


def test_a_change_is_stale_unless_based_on_the_current_version_or_on_none():
    assert not is_stale(3, None)
    assert not is_stale(3, frozenset({2, 3}))
    assert is_stale(3, frozenset({2}))
    assert is_stale(3, frozenset())
