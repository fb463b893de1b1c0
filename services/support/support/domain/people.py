"""Who acts on an inquiry (its customer, the seller it is about, or the platform's agents and admins),
and what each of them sees of it."""
from __future__ import annotations

from dataclasses import dataclass

# Roles that read customers' cases: a shop's seller, the platform's agents and admins.
STAFF_ROLES = ("seller", "agent", "admin")


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

    def sells_for(self, seller_id: str | None) -> bool:
        """A member of the seller `seller_id`'s staff."""
        return self.is_seller and self.seller_id == seller_id

    def role_in(self, seller_id: str | None, customer_id: str) -> str | None:
        """How this person takes part in an inquiry: customer, seller, agent, or None (a stranger)."""
        if self.subject == customer_id:
            return "customer"
        if self.is_agent:
            return "agent"
        if self.sells_for(seller_id):
            return "seller"
        return None

    def reads_staff_side(self, customer_id: str) -> bool:
        """Internal notes and an inquiry's history are for its seller and the agents; its customer never
        reads them (an agent who once asked as a customer still does)."""
        return self.is_agent or self.subject != customer_id

    def part_seen(self, seller_id: str | None, customer_id: str) -> str | None:
        """Whose part of an inquiry's order this person sees: a seller only their own lines and shipment
        of an order several sellers share (their seller id); the customer and the agents all of it (None)."""
        return self.seller_id if self.role_in(seller_id, customer_id) == "seller" else None

    def reads_secret_question(self, asker_id: str, seller_id: str) -> bool:
        """A secret product question and its answer are read by its asker and the product's seller only."""
        return self.subject == asker_id or self.sells_for(seller_id)
