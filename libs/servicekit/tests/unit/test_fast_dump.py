"""FastDumpSchema answers exactly what marshmallow's Schema answers, for every kind of field and value."""
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from marshmallow import Schema, fields, post_dump, pre_dump

from servicekit.fast_dump import FastDumpSchema


class Colour(Enum):
    GREEN = "green"


class Text(str):
    pass


def declared(base: type[Schema]) -> type[Schema]:
    """The same declaration on `base`: marshmallow's Schema or FastDumpSchema."""

    class Variant(base):
        id = fields.String()
        stock = fields.Integer()

    class Product(base):
        id = fields.String(dump_only=True)
        name = fields.String()
        price = fields.Integer()
        price_text = fields.Integer(as_string=True, attribute="price", dump_only=True)
        average = fields.Float(allow_none=True)
        exact = fields.Decimal()
        active = fields.Boolean()
        created_at = fields.AwareDateTime()
        day = fields.Date()
        category_id = fields.UUID(allow_none=True)
        options = fields.List(fields.String(), attribute="option_names")
        variants = fields.List(fields.Nested(Variant))
        first_variant = fields.Nested(Variant, allow_none=True)
        variant_ids = fields.Pluck(Variant, "id", many=True, attribute="variants", dump_only=True)
        renamed = fields.String(data_key="shown_as", attribute="name", dump_only=True)
        shouted = fields.Method("shout")
        kind = fields.Function(lambda product: type(product).__name__)
        absent = fields.String()
        absent_with_default = fields.Integer(dump_default=7)
        absent_with_callable_default = fields.List(fields.String(), dump_default=list)
        colour = fields.Enum(Colour, allow_none=True)
        extra = fields.Dict()
        secret = fields.String(load_only=True)

        def shout(self, product):
            return str(getattr(product, "name", None)).upper()

    return Product


@dataclass
class VariantRow:
    id: Any
    stock: Any


@dataclass
class ProductRow:
    id: Any = "p1"
    name: Any = "Jeju green tea"
    price: Any = 10_000
    average: Any = 4.5
    exact: Any = Decimal("4.25")
    active: Any = True
    created_at: Any = datetime(2026, 12, 7, 4, 0, tzinfo=timezone.utc)
    day: Any = date(2026, 12, 7)
    category_id: Any = "9b0e7d7e-4a4b-4e43-a9f1-1f2a3b4c5d6e"
    option_names: Any = field(default_factory=lambda: ["Size"])
    variants: Any = field(default_factory=lambda: [VariantRow("v1", 3), VariantRow("v2", 0)])
    first_variant: Any = None
    colour: Any = Colour.GREEN
    extra: Any = field(default_factory=lambda: {"a": 1})
    secret: Any = "hidden"


ROWS = [
    ProductRow(),
    ProductRow(name=Text("a str of another type"), price=True, average=Decimal("3.75"), category_id=uuid.uuid4()),
    ProductRow(name=b"bytes", price=12.0, average=4, active=0, first_variant=VariantRow("v9", 1)),
    ProductRow(id=None, name="", price=None, average=None, category_id=None, colour=None, option_names=None,
               variants=[], created_at=None, day=None),
    ProductRow(price="12", average="2.5"),
    ProductRow(option_names=("Size", "Colour"), active=None),
    ProductRow(option_names=["Size", Text("Colour"), 1, None], active=1),
    ProductRow(option_names=[], active=False, created_at=datetime(2026, 12, 7, 4, 0)),
]


@pytest.mark.parametrize("row", ROWS, ids=range(len(ROWS)))
def test_an_object_is_dumped_as_marshmallow_dumps_it(row):
    assert declared(FastDumpSchema)().dump(row) == declared(Schema)().dump(row)


def test_many_objects_and_mappings_are_dumped_as_marshmallow_dumps_them():
    mapping = {"id": "p2", "name": "tea", "price": 3, "option_names": [], "variants": [{"id": "v", "stock": 1}]}
    many = [ROWS[0], mapping, ROWS[3]]

    assert declared(FastDumpSchema)(many=True).dump(many) == declared(Schema)(many=True).dump(many)


def test_hooks_still_run_around_the_dump():
    class Priced(FastDumpSchema):
        price = fields.Integer()

        @pre_dump
        def doubled(self, row, **kwargs):
            return ProductRow(price=row.price * 2)

        @post_dump
        def noted(self, answer, **kwargs):
            return {**answer, "noted": True}

    assert Priced().dump(ProductRow(price=5)) == {"price": 10, "noted": True}


def test_a_value_a_field_refuses_is_refused_as_marshmallow_refuses_it():
    class Priced(FastDumpSchema):
        price = fields.Integer()

    with pytest.raises(ValueError):
        Priced().dump(ProductRow(price="not a number"))


def test_a_schema_reading_values_its_own_way_is_dumped_by_marshmallow():
    class Upper(FastDumpSchema):
        name = fields.String()
        nested_name = fields.String(attribute="first_variant.id")

        def get_attribute(self, obj, attr, default):
            value = super().get_attribute(obj, attr, default)
            return value.upper() if isinstance(value, str) else value

    assert Upper().dump(ProductRow(first_variant=VariantRow("v1", 1))) == {"name": "JEJU GREEN TEA",
                                                                          "nested_name": "V1"}


def test_an_objects_attributes_are_read_without_marshmallows_lookup(monkeypatch):
    from marshmallow import schema

    def refused(*args):
        raise AssertionError("read through marshmallow's lookup")

    monkeypatch.setattr(schema, "get_value", refused)

    assert declared(FastDumpSchema)().dump(ROWS[0])["variants"] == [{"id": "v1", "stock": 3}, {"id": "v2", "stock": 0}]
