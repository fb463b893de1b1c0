"""Integers the API accepts, in bodies, queries and paths, each bounded by the database column they reach.

Python's ints have no size but columns do: a number a column cannot hold makes the database
refuse the statement (SQLite's OverflowError, PostgreSQL's NumericValueOutOfRange), which a
client would see as a 500. Bounded at the edge, it is a 422 that names the field.
"""
from __future__ import annotations

from typing import Any

from marshmallow import fields, validate
from werkzeug.routing import IntegerConverter

# SQLAlchemy's Integer is 32-bit signed on PostgreSQL and BigInteger 64-bit; SQLite holds 64 bits in
# either, so a number that fits the PostgreSQL column fits every database.
INTEGER_COLUMN = validate.Range(min=-(2**31), max=2**31 - 1)
BIG_INTEGER_COLUMN = validate.Range(min=-(2**63), max=2**63 - 1)


def Integer(
    *, minimum: int | None = None, maximum: int | None = None, column: validate.Range = INTEGER_COLUMN, **kwargs: Any
) -> fields.Integer:
    """An integer input from `minimum` to `maximum`, which default to what `column` holds.

    A range wider than the column is a mistake in the schema, refused when the schema is defined.
    Other validators may still be given as `validate`; the bounds show in the OpenAPI document as
    `minimum` and `maximum`.
    """
    bounds = validate.Range(
        min=column.min if minimum is None else minimum, max=column.max if maximum is None else maximum
    )
    if not column.min <= bounds.min <= bounds.max <= column.max:
        raise ValueError(f"{bounds.min}..{bounds.max} does not fit a column of {column.min}..{column.max}")
    more = kwargs.pop("validate", None) or []
    return fields.Integer(validate=[bounds, *([more] if callable(more) else more)], **kwargs)


class ColumnIntegerConverter(IntegerConverter):
    """Flask's `<int:...>` within an Integer column: a larger number in a path names nothing (404).

    Installed as `int` on every service's app, so a path never hands the database a number it cannot hold.
    """

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,
                 signed: bool = False):
        super().__init__(
            map,
            fixed_digits,
            min=(INTEGER_COLUMN.min if signed else 0) if min is None else min,
            max=INTEGER_COLUMN.max if max is None else max,
            signed=signed,
        )
