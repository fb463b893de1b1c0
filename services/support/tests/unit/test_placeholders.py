"""Filling answer templates: known placeholders only, values inserted as plain text, missing ones reported."""
from support.domain.placeholders import fill, unknown_placeholders


def test_every_known_placeholder_is_filled_with_its_value():
    filled = fill("{customer_name}, order {order_number} left with {carrier} ({tracking_number}).",
                  {"customer_name": "Kim", "order_number": "20261125-000001", "carrier": "CJ", "tracking_number": "123"})

    assert filled.body == "Kim, order 20261125-000001 left with CJ (123)."
    assert filled.missing == []


def test_a_placeholder_without_a_value_stays_as_written_and_is_reported_once():
    filled = fill("{carrier} / {tracking_number} / {carrier}", {"carrier": None, "tracking_number": ""})

    assert filled.body == "{carrier} / {tracking_number} / {carrier}"
    assert filled.missing == ["carrier", "tracking_number"]


def test_a_value_is_inserted_as_text_never_read_as_a_template_or_format_string():
    filled = fill("Dear {customer_name}, about {inquiry_subject}",
                  {"customer_name": r"{inquiry_subject} \1 {0.__class__}", "inquiry_subject": "refund"})

    assert filled.body == r"Dear {inquiry_subject} \1 {0.__class__}, about refund"


def test_braces_that_are_no_placeholder_are_left_alone():
    assert fill("Smile { } and {not a name}", {}).body == "Smile { } and {not a name}"


def test_unknown_placeholders_are_named_once_each():
    assert unknown_placeholders("{customer_name} {coupon} {Coupon} {coupon}") == ["coupon", "Coupon"]
    assert unknown_placeholders("{customer_name} {product_name}") == []
