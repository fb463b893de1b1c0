"""What a customer may order at once, what it costs, and when two requests are the same request."""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Iterable

MAX_LINES = 50
MAX_QUANTITY = 999
# The catalog's highest price; it also keeps every total well inside a 64-bit integer.
MAX_UNIT_PRICE = 100_000_000


@dataclass(frozen=True)
class RequestedLine:
    product_id: str
    quantity: int
    unit_price: int


def total_amount(lines: Iterable[RequestedLine]) -> int:
    """The server's own total: the customer's prices times quantities, never a total the client sent."""
    return sum(line.quantity * line.unit_price for line in lines)


def request_fingerprint(lines: Iterable[RequestedLine]) -> str:
    """SHA-256 of the canonical JSON of the request body, so key order and spacing do not matter."""
    body = {"items": [asdict(line) for line in lines]}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()
