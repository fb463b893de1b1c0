"""Declarative registration of a service's event handlers, one decorated function per event."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from contracts import REGISTRY, ContractError, Envelope, EventContract

Handler = Callable[[Any, dict[str, Any], Envelope], None]


@dataclass(frozen=True)
class Registration:
    contract: EventContract
    handler: Handler


class EventHandlers:
    """The events a service handles. Usage:

        handlers = EventHandlers("catalog")

        @handlers.on("OrderPlaced")
        def reserve_stock(uow, event, envelope): ...

    Each handler gets the unit of work (commit is the consumer's job, together with the inbox
    record), the event data parsed by its contract, and the envelope.
    """

    def __init__(self, service: str):
        self.service = service
        self._registrations: dict[str, Registration] = {}

    def on(self, name: str, version: int = 1) -> Callable[[Handler], Handler]:
        contract = REGISTRY.get(name, version)
        if self.service not in contract.subscribers:
            raise ValueError(f"{self.service} is not a subscriber of {contract.routing_key} in contracts")

        def register(handler: Handler) -> Handler:
            self._registrations[contract.routing_key] = Registration(contract, handler)
            return handler

        return register

    def for_routing_key(self, routing_key: str) -> Registration | None:
        return self._registrations.get(routing_key)

    def reads_in_another_version(self, name: str, version: int) -> bool:
        """Whether this version of an event, one the contracts know, is not handled here while another
        version of it is: an edition its producer publishes beside the one this service reads."""
        try:
            contract = REGISTRY.get(name, version)
        except ContractError:
            return False
        return contract.routing_key not in self._registrations and any(
            registration.contract.name == name for registration in self._registrations.values()
        )

    def check_complete(self) -> None:
        """Every event the contracts say this service subscribes to must have a handler."""
        missing = [
            contract.routing_key
            for contract in REGISTRY.subscribed_by(self.service)
            if contract.routing_key not in self._registrations
        ]
        if missing:
            raise RuntimeError(f"{self.service} subscribes to {missing} but has no handler for them")
