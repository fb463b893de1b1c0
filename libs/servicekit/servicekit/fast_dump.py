"""FastDumpSchema: a marshmallow Schema that dumps objects with fewer calls per field, to the same answer.

marshmallow reads each field of each object through five calls (Field.serialize, Field.get_value, the schema's
get_attribute, utils.get_value, utils._get_value_for_key) before it turns the value into JSON, and turns even a
str or an int through calls that hand it back unchanged. On a page of 20 products with their variants that is
most of the time the answer takes. This schema reads an object's attribute at once and hands back a str of a
String field or an int (a float) of an Integer (a Float) field as it is; every other value goes through the
field's own conversion, so the answer is marshmallow's. Mappings, dotted attributes, and fields or schemas that
read values their own way are dumped by marshmallow itself.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any

from marshmallow import Schema, fields, missing


def _kept_as_is(field: fields.Field) -> type | None:
    """The type of the values `field` dumps unchanged (None too), if any."""
    serialize = type(field)._serialize
    if serialize is fields.String._serialize:
        return str
    if serialize is fields.Number._serialize and not field.as_string and field.num_type in (int, float):
        return field.num_type
    return None


class FastDumpSchema(Schema):
    @cached_property
    def _dump_plan(self) -> list[tuple[str, str, str | None, fields.Field, type | None]] | None:
        """For each field: its name, its key in the answer, the attribute it reads (None for one that reads none,
        a Method), the field, and the type it dumps as it is; None when marshmallow must dump it all itself."""
        if type(self).get_attribute is not Schema.get_attribute:
            return None
        plan = []
        for name, field in self.dump_fields.items():
            attribute = None
            if field._CHECK_ATTRIBUTE:
                attribute = field.attribute or name
                if "." in attribute or type(field).get_value is not fields.Field.get_value:
                    return None
            key = field.data_key if field.data_key is not None else name
            plan.append((name, key, attribute, field, _kept_as_is(field)))
        return plan

    def _serialize(self, obj: Any, *, many: bool = False):
        if many and obj is not None:
            return [self._serialize(each) for each in obj]
        plan = self._dump_plan
        # marshmallow looks a key up in anything that has items before it reads an attribute.
        if plan is None or hasattr(obj, "__getitem__"):
            return super()._serialize(obj)
        answer = {}
        for name, key, attribute, field, kept in plan:
            value = None
            if attribute is not None:
                value = getattr(obj, attribute, missing)
                if value is missing:
                    default = field.dump_default
                    value = default() if callable(default) else default
                    if value is missing:
                        continue
            if kept is None or (value is not None and type(value) is not kept):
                value = field._serialize(value, name, obj)
                if value is missing:
                    continue
            answer[key] = value
        return answer
