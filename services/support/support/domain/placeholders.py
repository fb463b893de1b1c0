"""Placeholders of answer templates: which exist, and filling them in as plain text.

A template body names values as `{customer_name}`; filling replaces each by its value in one pass
of a regular expression, so a value is never read as a template or a format string.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

CUSTOMER_NAME = "customer_name"
ORDER_NUMBER = "order_number"
CARRIER = "carrier"
TRACKING_NUMBER = "tracking_number"
PRODUCT_NAME = "product_name"
INQUIRY_SUBJECT = "inquiry_subject"
PLACEHOLDERS = (CUSTOMER_NAME, ORDER_NUMBER, CARRIER, TRACKING_NUMBER, PRODUCT_NAME, INQUIRY_SUBJECT)

# Braces around anything else (a space, a quote, nothing) are ordinary text, not a placeholder.
_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")


@dataclass(frozen=True)
class Filled:
    body: str
    # Placeholders that had no value: left as written, for the person answering to complete.
    missing: list[str]


def unknown_placeholders(body: str) -> list[str]:
    """The placeholders of a body that are not among PLACEHOLDERS, each once, in order of appearance."""
    names = dict.fromkeys(match.group(1) for match in _PLACEHOLDER.finditer(body))
    return [name for name in names if name not in PLACEHOLDERS]


def fill(body: str, values: Mapping[str, str | None]) -> Filled:
    """The body with every placeholder that has a non-empty value replaced by it, and the ones without."""
    missing: list[str] = []

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value:
            return value
        if name not in missing:
            missing.append(name)
        return match.group(0)

    return Filled(_PLACEHOLDER.sub(value_of, body), missing)
