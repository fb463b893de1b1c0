"""Whether today's contracts would break a subscriber written against the last release's.

Services are deployed on their own, so for a while a subscriber reads events from a producer of another
release, older or newer. Within one version of an event, today's schema must therefore still carry
everything the released one promised (no field removed, none that was always there made optional, no field
retyped) and must not refuse what the released one allowed (no new required field, no narrowed enum,
range, length, pattern or format). New optional fields and widened enums or ranges are additive and pass;
subscribers read with tolerance for fields they do not know (EventContract.load). Anything else is a new
version, published beside the old one until its subscribers have moved (Registry.editions).

Schemas are compared as the JSON Schema documents `python -m contracts export` writes, so a release needs
none of its Python code to be checked against.
"""
from __future__ import annotations

from typing import Any, Iterator

# The bounds a value must stay above or below; a tighter one refuses values the released schema allowed.
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties")
# Words that must not appear or change: any value of them restricts what is allowed.
RESTRICTIONS = ("pattern", "format")
# Words that describe a value without restricting it.
DESCRIPTIVE = ("default", "description", "title", "examples")
UNDERSTOOD = {"type", "enum", "const", "properties", "required", "additionalProperties", "items",
              *LOWER_BOUNDS, *UPPER_BOUNDS, *RESTRICTIONS, *DESCRIPTIVE}


def breaking_changes(released: dict[str, dict[str, Any]], current: dict[str, dict[str, Any]]) -> list[str]:
    """What in `current` would break a subscriber of `released`, one line each; empty when nothing would.

    Both map routing keys (`OrderPlaced.v1`) to the event's JSON Schema document. A version may leave the
    contracts only once a release has listed no subscriber for it: until then someone may still read it.
    """
    problems = []
    for key, old in sorted(released.items()):
        new = current.get(key)
        if new is None:
            if old.get("x-subscribers"):
                problems.append(
                    f"{key} is gone, but {', '.join(old['x-subscribers'])} read it in the last release; "
                    "publish it beside the new version until a release lists no subscriber for it"
                )
            continue
        problems += [f"{key}: {change}" for change in data_changes(old["properties"]["data"], new["properties"]["data"])]
    return problems


def data_changes(old: dict[str, Any], new: dict[str, Any], path: str = "data") -> Iterator[str]:
    """The breaking changes from one JSON Schema of a value to another, each naming where it is."""
    if _types(old) != _types(new):
        yield f"{path} is retyped from {_describe(old)} to {_describe(new)}"
        return
    yield from _enum_changes(old, new, path)
    for word in LOWER_BOUNDS:
        if word in new and (word not in old or new[word] > old[word]):
            yield f"{path} {word} is raised from {old.get(word)} to {new[word]}"
    for word in UPPER_BOUNDS:
        if word in new and (word not in old or new[word] < old[word]):
            yield f"{path} {word} is lowered from {old.get(word)} to {new[word]}"
    for word in RESTRICTIONS:
        if word in new and new[word] != old.get(word):
            yield f"{path} {word} is changed from {old.get(word)!r} to {new[word]!r}"
    yield from _object_changes(old, new, path)
    if isinstance(old.get("items"), dict) and isinstance(new.get("items"), dict):
        yield from data_changes(old["items"], new["items"], f"{path}[]")
    # A word this check does not know is taken as a restriction: changing it is flagged, never let through.
    for word in sorted((set(old) | set(new)) - UNDERSTOOD):
        if old.get(word) != new.get(word):
            yield f"{path} {word} is changed from {old.get(word)!r} to {new.get(word)!r}"


def _enum_changes(old: dict[str, Any], new: dict[str, Any], path: str) -> Iterator[str]:
    allowed_before, allowed_now = _allowed_values(old), _allowed_values(new)
    if allowed_now is None:
        return
    if allowed_before is None:
        yield f"{path} now allows only {allowed_now}"
        return
    dropped = [value for value in allowed_before if value not in allowed_now]
    if dropped:
        yield f"{path} no longer allows {dropped}"


def _object_changes(old: dict[str, Any], new: dict[str, Any], path: str) -> Iterator[str]:
    old_fields, new_fields = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", ())), set(new.get("required", ()))
    for name in sorted(old_fields):
        if name not in new_fields:
            yield f"{path}.{name} is removed"
        elif name in old_required and name not in new_required:
            yield f"{path}.{name} is no longer required, but subscribers count on it"
        else:
            yield from data_changes(old_fields[name], new_fields[name], f"{path}.{name}")
    for name in sorted(new_required - old_required):
        yield f"{path}.{name} is newly required, but producers of the last release may leave it out"
    old_others, new_others = old.get("additionalProperties", True), new.get("additionalProperties", True)
    if isinstance(old_others, dict) and isinstance(new_others, dict):
        yield from data_changes(old_others, new_others, f"{path}{{*}}")
    elif new_others is False and old_others is not False:
        yield f"{path} now refuses keys it allowed"
    elif isinstance(new_others, dict) and old_others is True:
        yield f"{path} now restricts the values of keys it does not name"


def _types(schema: dict[str, Any]) -> frozenset[str]:
    kind = schema.get("type", ())
    return frozenset([kind] if isinstance(kind, str) else kind)


def _allowed_values(schema: dict[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    return schema.get("enum")


def _describe(schema: dict[str, Any]) -> str:
    return " or ".join(sorted(_types(schema))) or "any"
