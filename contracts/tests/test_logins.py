"""Every way of writing one login comes to the one spelling auth and the gateway both read."""
import pytest

from contracts.logins import login_spelling, normalize_phone


@pytest.mark.parametrize("written", ["010-1234-5678", "010 1234 5678", " 01012345678", "0-1-0-1-2-3-4-5-6-7-8"])
def test_a_mobile_number_is_read_alike_however_it_is_written(written):
    assert login_spelling(written) == "01012345678"
    assert normalize_phone(written) == "01012345678"


def test_an_email_is_read_alike_whatever_its_case_and_spaces():
    assert login_spelling("  Kim.Minji@Example.COM ") == "kim.minji@example.com"


@pytest.mark.parametrize("written", ["02-123-4567", "010-12", "phone"])
def test_what_is_not_a_korean_mobile_number_is_no_phone_but_still_has_one_spelling(written):
    assert normalize_phone(written) is None
    assert login_spelling(written) == login_spelling(written.replace("-", " "))
