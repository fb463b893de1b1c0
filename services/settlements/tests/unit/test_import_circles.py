"""Settlements' modules import one another without a circle."""
from servicekit.testing.import_circles import import_circles


def test_settlements_modules_import_one_another_without_a_circle():
    assert import_circles("settlements") == []
