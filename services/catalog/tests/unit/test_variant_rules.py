"""Which options and variants a seller may set, and what a product with variants holds."""
from dataclasses import dataclass

from catalog.domain.variants import VariantDraft, some_variant_below_zero, stock_of, variant_problems

OPTIONS = ["Color", "Size"]


def draft(*values, difference=0, stock=1, id=None):
    return VariantDraft(id=id, option_values=values, price_difference=difference, stock=stock, sku=None, active=True)


@dataclass
class Held:
    stock: int
    price_difference: int = 0
    active: bool = True


def test_one_value_per_option_and_distinct_combinations_are_valid():
    assert variant_problems(OPTIONS, [draft("Red", "M"), draft("Red", "L")], 1000) == {}


def test_a_variant_must_give_a_value_for_each_option_and_differ_from_the_others():
    problems = variant_problems(OPTIONS, [draft("Red"), draft("Red", "M"), draft("Red", "M")], 1000)
    assert set(problems) == {"variants.0.option_values", "variants.2.option_values"}


def test_a_variant_may_cost_less_but_never_less_than_nothing():
    assert variant_problems(OPTIONS, [draft("Red", "M", difference=-1000)], 1000) == {}
    assert "variants.0.price_difference" in variant_problems(OPTIONS, [draft("Red", "M", difference=-1001)], 1000)


def test_at_most_three_options_and_a_hundred_variants():
    assert "options" in variant_problems(["a", "b", "c", "d"], [draft("1", "2", "3", "4")], 1000)
    assert "variants" in variant_problems(["n"], [draft(str(i)) for i in range(101)], 1000)
    assert variant_problems(["n"], [draft(str(i)) for i in range(100)], 1000) == {}


def test_options_and_variants_come_together_or_not_at_all():
    assert variant_problems([], [], 1000) == {}
    assert "variants" in variant_problems(OPTIONS, [], 1000)
    assert "variants" in variant_problems([], [draft()], 1000)


def test_a_variant_id_is_given_once():
    assert "variants" in variant_problems(["n"], [draft("S", id="v1"), draft("M", id="v1")], 1000)


def test_a_product_holds_what_its_active_variants_hold():
    assert stock_of([Held(2), Held(3), Held(7, active=False)]) == 5


def test_only_active_variants_limit_how_low_a_price_may_go():
    variants = [Held(1, -500), Held(1, -900, active=False)]
    assert not some_variant_below_zero(500, variants)
    assert some_variant_below_zero(499, variants)
