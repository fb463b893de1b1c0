"""Who sees which orders and which of their lines: the customer and admins all, a seller their own."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence, TypeVar


class SoldLine(Protocol):
    seller_id: str | None


L = TypeVar("L", bound=SoldLine)


@dataclass(frozen=True)
class Viewer:
    subject: str
    seller_id: str | None = None
    is_admin: bool = False

    def sees_whole(self, customer_id: str) -> bool:
        return self.is_admin or self.subject == customer_id

    def shown_lines(self, customer_id: str, lines: Sequence[L]) -> list[L]:
        """Every line for the customer and admins; for a seller only the lines they sell.

        Which orders a seller sees at all (only paid ones) is the query's business, not this.
        """
        if self.sees_whole(customer_id):
            return list(lines)
        if self.seller_id is None:
            return []
        return [line for line in lines if line.seller_id == self.seller_id]
