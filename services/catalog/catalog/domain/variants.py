"""Options and variants of a product (C1): which variant lists are valid, and what a variant costs and holds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol, Sequence

from catalog.domain.stock import stock_after_adjustment
from servicekit.languages import Message, _

MAX_OPTIONS = 3
MAX_VARIANTS = 100


class Variant(Protocol):
    id: str
    option_values: list[str]
    price_difference: int
    stock: int
    active: bool


@dataclass(frozen=True)
class VariantDraft:
    """One variant as a seller asks for it; `id` is None for a new one. It gives its stock, or an adjustment of
    the stock it holds (a new one holds none)."""

    id: str | None
    option_values: tuple[str, ...]
    price_difference: int
    stock: int | None
    sku: str | None
    active: bool
    stock_adjustment: int | None = None

    def stock_to_hold(self, held: int) -> int | None:
        """What the variant holds once this applies, given what it holds now; None when an adjustment would take
        it out of bounds (catalog.domain.stock)."""
        return self.stock if self.stock_adjustment is None else stock_after_adjustment(held, self.stock_adjustment)


def stock_of(variants: Iterable[Variant]) -> int:
    """A product with variants holds what its active variants hold."""
    return sum(variant.stock for variant in variants if variant.active)


def some_variant_below_zero(base_price: int, variants: Iterable[Variant]) -> bool:
    """Whether some active variant would cost less than nothing at `base_price` (a list or a sale price)."""
    return base_price + min((v.price_difference for v in variants if v.active), default=0) < 0


def variant_problems(
    option_names: Sequence[str], drafts: Sequence[VariantDraft], lowest_price: int
) -> dict[str, list[Message]]:
    """Why a seller's options and variants cannot replace a product's, by field; empty when they can.

    `lowest_price` is the lowest the product sells at (its sale price when it has one): no variant
    may cost less than nothing at it.
    """
    problems: dict[str, list[Message]] = {}
    if len(option_names) > MAX_OPTIONS:
        problems["options"] = [_("A product has at most %(count)s options.", count=MAX_OPTIONS)]
    elif len(set(option_names)) != len(option_names):
        problems["options"] = [_("Option names must differ.")]
    if len(drafts) > MAX_VARIANTS:
        problems["variants"] = [_("A product has at most %(count)s variants.", count=MAX_VARIANTS)]
    elif bool(option_names) != bool(drafts):
        problems["variants"] = [_("Options need at least one variant, and variants need options.")]
    if problems:
        return problems
    seen: set[tuple[str, ...]] = set()
    for index, draft in enumerate(drafts):
        field = f"variants.{index}"
        if len(draft.option_values) != len(option_names):
            problems[f"{field}.option_values"] = [_("Give one value for each option: %(options)s.", options=", ".join(option_names))]
        elif draft.option_values in seen:
            problems[f"{field}.option_values"] = [_("Another variant has the same option values.")]
        seen.add(draft.option_values)
        if lowest_price + draft.price_difference < 0:
            problems[f"{field}.price_difference"] = [_("The variant would cost less than 0 won at %(price)s won.", price=lowest_price)]
    ids = [draft.id for draft in drafts if draft.id is not None]
    if len(set(ids)) != len(ids):
        problems["variants"] = [_("A variant id is given twice.")]
    return problems
