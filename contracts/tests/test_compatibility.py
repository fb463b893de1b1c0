"""Today's contracts against the last release: a change that would break a subscriber is refused, an additive
one passes, and `python -m contracts release` keeps each release as it was."""
import json

import pytest
from marshmallow import Schema, fields, validate

from contracts import ContractError, EventContract
from contracts.compatibility import breaking_changes
from contracts.fields import Id, Quantity, Won
from contracts.jsonschema import document
from contracts.releases import current_documents, last_release, release, released_documents

CHANNELS = ("web", "app")


class Line(Schema):
    product_id = Id()
    quantity = Quantity()


class ParcelSentV1(Schema):
    """The released shape every variant below is compared with."""

    parcel_id = Id()
    weight_grams = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=30_000))
    channel = fields.String(required=True, validate=validate.OneOf(CHANNELS))
    note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=200))
    fee = Won()
    lines = fields.List(fields.Nested(Line), required=True, validate=validate.Length(min=1))


def released_as(schema: type[Schema], subscribers=("orders",)) -> dict:
    contract = EventContract("ParcelSent", 1, schema, "catalog", subscribers, "")
    return {contract.routing_key: json.loads(json.dumps(document(contract)))}


def changes_from_release(schema: type[Schema]) -> list[str]:
    return breaking_changes(released_as(ParcelSentV1), released_as(schema))


def test_todays_contracts_keep_every_promise_of_the_last_release():
    last = last_release()
    assert last is not None, "no release in contracts/releases: run `python -m contracts release`"
    assert breaking_changes(released_documents(last), current_documents()) == []


def test_an_unchanged_schema_passes():
    assert changes_from_release(ParcelSentV1) == []


def test_a_removed_field_is_refused():
    class WithoutFee(ParcelSentV1):
        class Meta:
            exclude = ("fee",)

    assert changes_from_release(WithoutFee) == ["ParcelSent.v1: data.fee is removed"]


def test_a_removed_optional_field_is_refused_too():
    class WithoutNote(ParcelSentV1):
        class Meta:
            exclude = ("note",)

    assert changes_from_release(WithoutNote) == ["ParcelSent.v1: data.note is removed"]


def test_a_retyped_field_is_refused():
    class FeeAsText(ParcelSentV1):
        fee = fields.String(required=True)

    assert changes_from_release(FeeAsText) == ["ParcelSent.v1: data.fee is retyped from integer to string"]


def test_a_field_that_may_now_be_null_is_refused():
    class FeeMaybeNull(ParcelSentV1):
        fee = Won(allow_none=True)

    assert changes_from_release(FeeMaybeNull) == ["ParcelSent.v1: data.fee is retyped from integer to integer or null"]


def test_a_new_required_field_in_the_same_version_is_refused():
    class WithCarrier(ParcelSentV1):
        carrier = fields.String(required=True)

    assert changes_from_release(WithCarrier) == [
        "ParcelSent.v1: data.carrier is newly required, but producers of the last release may leave it out"
    ]


def test_a_field_no_longer_required_is_refused():
    class FeeOptional(ParcelSentV1):
        fee = Won(required=False)

    assert changes_from_release(FeeOptional) == [
        "ParcelSent.v1: data.fee is no longer required, but subscribers count on it"
    ]


def test_a_narrowed_enum_is_refused():
    class WebOnly(ParcelSentV1):
        channel = fields.String(required=True, validate=validate.OneOf(["web"]))

    assert changes_from_release(WebOnly) == ["ParcelSent.v1: data.channel no longer allows ['app']"]


def test_a_narrowed_range_or_length_is_refused():
    class Narrower(ParcelSentV1):
        weight_grams = fields.Integer(required=True, strict=True, validate=validate.Range(min=10, max=20_000))
        note = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=100))

    assert changes_from_release(Narrower) == [
        "ParcelSent.v1: data.note maxLength is lowered from 200 to 100",
        "ParcelSent.v1: data.weight_grams minimum is raised from 1 to 10",
        "ParcelSent.v1: data.weight_grams maximum is lowered from 30000 to 20000",
    ]


def test_a_new_restriction_on_a_free_field_is_refused():
    class NoteAsCode(ParcelSentV1):
        note = fields.String(load_default=None, allow_none=True, validate=[
            validate.Length(max=200), validate.Regexp(r"^[A-Z]+$"),
        ])

    assert changes_from_release(NoteAsCode) == ["ParcelSent.v1: data.note pattern is changed from None to '^[A-Z]+$'"]


def test_a_breaking_change_inside_a_list_of_objects_is_refused():
    class Lean(Schema):
        product_id = fields.Integer(required=True)
        quantity = Quantity()

    class LeanLines(ParcelSentV1):
        lines = fields.List(fields.Nested(Lean), required=True, validate=validate.Length(min=1))

    assert changes_from_release(LeanLines) == [
        "ParcelSent.v1: data.lines[].product_id is retyped from string to integer"
    ]


def test_a_new_optional_field_and_widened_enums_and_ranges_pass():
    class Additive(ParcelSentV1):
        carrier = fields.String(load_default=None, allow_none=True)
        channel = fields.String(required=True, validate=validate.OneOf([*CHANNELS, "kiosk"]))
        weight_grams = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=60_000))
        note = fields.String(load_default=None, allow_none=True)

    assert changes_from_release(Additive) == []


def test_a_version_still_read_in_the_last_release_may_not_leave_the_contracts():
    assert breaking_changes(released_as(ParcelSentV1), {}) == [
        "ParcelSent.v1 is gone, but orders read it in the last release; "
        "publish it beside the new version until a release lists no subscriber for it"
    ]


def test_a_version_the_last_release_listed_no_subscriber_for_may_leave():
    assert breaking_changes(released_as(ParcelSentV1, subscribers=()), {}) == []


def test_a_new_version_beside_the_old_passes():
    class ParcelSentV2(Schema):
        parcel_id = Id()
        weight_kilograms = fields.Float(required=True)

    v2 = EventContract("ParcelSent", 2, ParcelSentV2, "catalog", ("orders",), "")
    current = released_as(ParcelSentV1) | {v2.routing_key: json.loads(json.dumps(document(v2)))}
    assert breaking_changes(released_as(ParcelSentV1), current) == []


def test_a_release_keeps_todays_schemas_under_its_version(tmp_path):
    (tmp_path / "1.0.0").mkdir()

    written = release("1.1.0", releases_dir=tmp_path)

    assert written == tmp_path / "1.1.0"
    assert last_release(tmp_path) == written
    assert released_documents(written) == current_documents()


def test_a_version_already_released_or_lower_is_not_released_again(tmp_path):
    release("1.1.0", releases_dir=tmp_path)
    for version in ("1.1.0", "1.0.9"):
        with pytest.raises(ContractError, match="1.1.0 is released already"):
            release(version, releases_dir=tmp_path)


def test_releases_are_ordered_as_numbers_not_as_text(tmp_path):
    for version in ("1.9.0", "1.10.0", "1.2.0"):
        (tmp_path / version).mkdir()
    assert last_release(tmp_path).name == "1.10.0"


def test_a_release_is_refused_while_it_would_break_a_subscriber_of_the_last(tmp_path):
    last = tmp_path / "1.0.0"
    last.mkdir()
    # The last release promised OrderPlaced a field today's contracts do not carry.
    placed = current_documents()["OrderPlaced.v1"]
    placed["properties"]["data"]["properties"]["gift_wrap"] = {"type": "boolean"}
    (last / "OrderPlaced.v1.json").write_text(json.dumps(placed))

    with pytest.raises(ContractError, match=r"OrderPlaced.v1: data.gift_wrap is removed"):
        release("1.1.0", releases_dir=tmp_path)
    assert not (tmp_path / "1.1.0").exists()
