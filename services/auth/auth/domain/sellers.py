"""Who may register as a seller, and how an admin's decision moves a registration along."""
from __future__ import annotations

import re
from datetime import date
from servicekit.languages import Message, _

INDIVIDUAL, SOLE_PROPRIETOR, CORPORATION = "individual", "sole_proprietor", "corporation"
SELLER_TYPES = (INDIVIDUAL, SOLE_PROPRIETOR, CORPORATION)
BUSINESS_TYPES = (SOLE_PROPRIETOR, CORPORATION)

PENDING, APPROVED, REJECTED, DOCUMENTS_REQUESTED = "pending", "approved", "rejected", "documents_requested"
STATUSES = (PENDING, APPROVED, REJECTED, DOCUMENTS_REQUESTED)
UNDECIDED = (PENDING, DOCUMENTS_REQUESTED)

APPROVE, REJECT, REQUEST_DOCUMENTS = "approve", "reject", "request_documents"
DECISIONS = {APPROVE: APPROVED, REJECT: REJECTED, REQUEST_DOCUMENTS: DOCUMENTS_REQUESTED}
DECISIONS_NEEDING_REASON = (REJECT, REQUEST_DOCUMENTS)

CERTIFICATE = "business_registration_certificate"
DOCUMENT_KINDS = (CERTIFICATE,)

MINIMUM_AGE = 19
_BRN_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_BRN_SEPARATORS = re.compile(r"[\s-]")


def normalize_business_registration_number(text: str) -> str | None:
    """The 10 digits of a business registration number (dashes allowed), if its check digit holds."""
    digits = _BRN_SEPARATORS.sub("", text)
    if not (len(digits) == 10 and digits.isascii() and digits.isdigit()):
        return None
    return digits if business_registration_check_digit(digits[:9]) == int(digits[9]) else None


def business_registration_check_digit(first_nine: str) -> int:
    """The National Tax Service's check digit: weighted sum, plus the carry of the ninth digit times 5."""
    numbers = [int(d) for d in first_nine]
    total = sum(n * w for n, w in zip(numbers, _BRN_WEIGHTS))
    total += (numbers[8] * 5) // 10
    return (10 - total % 10) % 10


def age_on(birth_date: date, today: date) -> int:
    """Full years lived. Someone born on 29 February turns a year older on 1 March in other years,
    as the Civil Code counts it (a period ends on the last day of the month with no matching day)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def is_old_enough(birth_date: date, today: date) -> bool:
    return age_on(birth_date, today) >= MINIMUM_AGE


def status_after_decision(status: str, decision: str) -> str | None:
    """The status a decision leads to, or None when the registration was already decided."""
    if status not in UNDECIDED:
        return None
    return DECISIONS[decision]


def needs_certificate(seller_type: str) -> bool:
    """Whether approval waits for the business registration certificate: businesses only."""
    return seller_type in BUSINESS_TYPES


def status_after_upload(status: str) -> str:
    """A seller asked for documents goes back to the review queue once they upload one."""
    return PENDING if status == DOCUMENTS_REQUESTED else status


def application_errors(
    seller_type: str,
    birth_date: date,
    business_name: str | None,
    business_registration_number: str | None,
    today: date,
) -> dict[str, list[Message]]:
    """What is wrong with a seller registration, by field; empty when it may be submitted."""
    errors: dict[str, list[Message]] = {}
    if not is_old_enough(birth_date, today):
        errors["birth_date"] = [_("Sellers must be %(age)s or older.", age=MINIMUM_AGE)]
    if seller_type in BUSINESS_TYPES:
        if not business_name:
            errors["business_name"] = [_("A business registers under its business name.")]
        if not business_registration_number:
            errors["business_registration_number"] = [_("A business gives its 10-digit business registration number.")]
        elif normalize_business_registration_number(business_registration_number) is None:
            errors["business_registration_number"] = [
                _("This is not a valid business registration number: check its 10 digits.")
            ]
    elif business_registration_number:
        errors["business_registration_number"] = [_("Individuals register without a business registration number.")]
    return errors
