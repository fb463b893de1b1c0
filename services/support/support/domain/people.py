"""Who acts on an inquiry: its customer, the seller it is about, or the platform's agents (and admins)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    subject: str
    roles: tuple[str, ...] = ()
    seller_id: str | None = None
    name: str = ""

    @property
    def is_agent(self) -> bool:
        """Platform staff: support agents, and admins who may do what agents do."""
        return "agent" in self.roles or "admin" in self.roles

    @property
    def is_seller(self) -> bool:
        return "seller" in self.roles and self.seller_id is not None

    @property
    def is_customer(self) -> bool:
        return "customer" in self.roles

    def role_in(self, owner: str, seller_id: str | None, customer_id: str) -> str | None:
        """How this person takes part in an inquiry: customer, seller, agent, or None (a stranger)."""
        if self.subject == customer_id:
            return "customer"
        if self.is_agent:
            return "agent"
        if self.is_seller and seller_id == self.seller_id:
            return "seller"
        return None
