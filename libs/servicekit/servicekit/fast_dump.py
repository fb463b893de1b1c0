"""FastDumpSchema: a marshmallow Schema that dumps objects with fewer calls per field, to the same answer.

marshmallow reads each field of each object through five calls (Field.serialize, Field.get_value, the schema's
get_attribute, utils.get_value, utils._get_value_for_key) before it turns the value into JSON, and turns even a
str or an int through calls that hand it back unchanged. On a page of 20 products with their variants that is
most of the time the answer takes. This schema reads an object's attribute at once and hands back a str of a
String field, an int (a float) of an Integer (a Float) field, a bool of a Boolean field, a None of a date or time
field and a list of str of a List of String field as it is; every other value goes through the
field's own conversion, so the answer is marshmallow's. Mappings, dotted attributes, and fields or schemas that
read values their own way are dumped by marshmallow itself.
"""
from __future__ import annotations

from functools import cached_property
from typing import Any, Callable

from marshmallow import Schema, fields, missing


class _OnlyNone:
    """The type of no value: a field kept as _OnlyNone hands back None as it is, and converts every other value."""


def _kept_as_is(field: fields.Field) -> type | None:
    """The type of the values `field` dumps unchanged (None too), if any."""
    serialize = type(field)._serialize
    if serialize is fields.String._serialize:
        return str
    if serialize is fields.Number._serialize and not field.as_string and field.num_type in (int, float):
        return field.num_type
    if serialize is fields.Boolean._serialize:
        return bool
    if serialize is fields.DateTime._serialize:
        return _OnlyNone
    return None


def _serializer(field: fields.Field) -> Callable[[Any, str, Any], Any]:
    """How `field` turns a value it does not keep as it is: a list of str of a List of String is copied as it is,
    what its items' String would hand back; anything else by the field."""
    if type(field)._serialize is not fields.List._serialize or _kept_as_is(field.inner) is not str:
        return field._serialize

    def list_of_text(value, attr, obj):
        if type(value) is list and all(type(each) is str for each in value):
            return list(value)
        return field._serialize(value, attr, obj)

    return list_of_text


class FastDumpSchema(Schema):
    @cached_property
    def _dump_plan(self) -> list[tuple[str, str, str | None, fields.Field, type | None, Callable]] | None:
        """For each field: its name, its key in the answer, the attribute it reads (None for one that reads none,
        a Method), the field, the type it dumps as it is and how it turns other values; None when marshmallow
        must dump it all itself."""
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
            plan.append((name, key, attribute, field, _kept_as_is(field), _serializer(field)))
        return plan

    def _serialize(self, obj: Any, *, many: bool = False):
        if many and obj is not None:
            return [self._serialize(each) for each in obj]
        plan = self._dump_plan
        # marshmallow looks a key up in anything that has items before it reads an attribute.
        if plan is None or hasattr(obj, "__getitem__"):
            return super()._serialize(obj)
        answer = {}
        for name, key, attribute, field, kept, serialize in plan:
            value = None
            if attribute is not None:
                value = getattr(obj, attribute, missing)
                if value is missing:
                    default = field.dump_default
                    value = default() if callable(default) else default
                    if value is missing:
                        continue
            if kept is None or (value is not None and type(value) is not kept):
                value = serialize(value, name, obj)
                if value is missing:
                    continue
            answer[key] = value
        return answer
