"""The parcel carriers a seller may dispatch with (contracts.carriers, since OrderShipped names them), and
how orders checks a tracking number before a shipment leaves."""
from __future__ import annotations

import re

from contracts.carriers import CARRIERS
from servicekit.languages import Message, _

__all__ = ["CARRIERS", "normalized_tracking_number", "tracking_problem"]


def normalized_tracking_number(tracking_number: str) -> str:
    """Sellers paste numbers with dashes and spaces; carriers print and look them up without."""
    return re.sub(r"[\s-]", "", tracking_number)


def tracking_problem(carrier_code: str, tracking_number: str) -> Message | None:
    """Why a carrier and tracking number cannot be used, or None when they can."""
    carrier = CARRIERS.get(carrier_code)
    if carrier is None:
        return _(
            "Unknown carrier %(carrier)s; use one of %(carriers)s.",
            carrier=repr(carrier_code),
            carriers=", ".join(sorted(CARRIERS)),
        )
    if not carrier.tracking_pattern.match(tracking_number):
        return _(
            "%(carrier)s tracking numbers look like %(pattern)s.",
            carrier=carrier.name,
            pattern=carrier.tracking_pattern.pattern,
        )
    return None
