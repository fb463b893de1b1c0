"""Business registration numbers, the age rule, and how decisions move a registration."""
from datetime import date

import pytest

from auth.domain.sellers import (
    age_on,
    application_errors,
    business_registration_check_digit,
    is_old_enough,
    needs_certificate,
    normalize_business_registration_number,
    status_after_decision,
    status_after_upload,
)


@pytest.mark.parametrize(
    ("first_nine", "check_digit"),
    [
        # 2+6+0+8+3+42+2+15+5 = 83, carry (1*5)//10 = 0 -> (10 - 3) % 10 = 7
        ("220816251", 7),
        # 1+6+21+4+15+42+7+24+45 = 165, carry (9*5)//10 = 4 -> (10 - 9) % 10 = 1
        ("123456789", 1),
        # 9 * 31 = 279, carry 4 -> 283 -> 7
        ("999999999", 7),
        # 1+0+7+8+3+21+2+3+20 = 65, carry (4*5)//10 = 2 -> 67 -> (10 - 7) % 10 = 3
        ("101813214", 3),
    ],
)
def test_check_digit_follows_the_weighted_sum(first_nine, check_digit):
    assert business_registration_check_digit(first_nine) == check_digit


def test_a_valid_number_is_kept_as_digits_only():
    assert normalize_business_registration_number("220-81-62517") == "2208162517"
    assert normalize_business_registration_number("2208162517") == "2208162517"


@pytest.mark.parametrize("text", ["2208162518", "220816251", "22081625170", "22O8162517", "２２０８１６２５１７", ""])
def test_a_wrong_check_digit_or_shape_is_refused(text):
    assert normalize_business_registration_number(text) is None


def test_age_counts_full_years_only():
    assert age_on(date(2000, 6, 15), date(2019, 6, 14)) == 18
    assert age_on(date(2000, 6, 15), date(2019, 6, 15)) == 19


def test_someone_born_on_29_february_turns_older_on_1_march_in_common_years():
    assert age_on(date(2004, 2, 29), date(2023, 2, 28)) == 18
    assert age_on(date(2004, 2, 29), date(2023, 3, 1)) == 19
    assert age_on(date(2004, 2, 29), date(2024, 2, 29)) == 20


def test_nineteen_is_old_enough_and_eighteen_is_not():
    assert is_old_enough(date(2005, 1, 10), date(2024, 1, 10))
    assert not is_old_enough(date(2005, 1, 10), date(2024, 1, 9))


def test_a_future_birth_date_is_not_old_enough():
    assert not is_old_enough(date(2030, 1, 1), date(2024, 1, 1))


def test_a_business_needs_a_name_and_a_valid_number():
    today = date(2024, 1, 1)
    errors = application_errors("corporation", date(1980, 1, 1), None, None, today)
    assert set(errors) == {"business_name", "business_registration_number"}
    assert set(application_errors("sole_proprietor", date(1980, 1, 1), "Shop", "2208162518", today)) == {
        "business_registration_number"
    }
    assert application_errors("sole_proprietor", date(1980, 1, 1), "Shop", "220-81-62517", today) == {}


def test_an_individual_registers_without_a_business_number():
    today = date(2024, 1, 1)
    assert application_errors("individual", date(1980, 1, 1), None, None, today) == {}
    assert set(application_errors("individual", date(1980, 1, 1), None, "2208162517", today)) == {
        "business_registration_number"
    }


@pytest.mark.parametrize(
    ("status", "decision", "after"),
    [
        ("pending", "approve", "approved"),
        ("pending", "reject", "rejected"),
        ("pending", "request_documents", "documents_requested"),
        ("documents_requested", "approve", "approved"),
    ],
)
def test_undecided_registrations_take_the_decision(status, decision, after):
    assert status_after_decision(status, decision) == after


@pytest.mark.parametrize("status", ["approved", "rejected"])
def test_decided_registrations_cannot_be_decided_again(status):
    assert status_after_decision(status, "approve") is None


def test_only_businesses_need_a_certificate_before_approval():
    assert needs_certificate("sole_proprietor") and needs_certificate("corporation")
    assert not needs_certificate("individual")


@pytest.mark.parametrize(
    ("status", "after"),
    [("documents_requested", "pending"), ("pending", "pending"), ("approved", "approved"), ("rejected", "rejected")],
)
def test_an_upload_returns_only_a_registration_waiting_for_documents_to_review(status, after):
    assert status_after_upload(status) == after
