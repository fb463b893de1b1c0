"""Event contracts: what crosses the wire between the marketplace services."""
from contracts.envelope import Envelope, EnvelopeSchema
from contracts.registry import REGISTRY, ContractError, EventContract
from contracts import events  # noqa: F401  (registers every contract)

__all__ = ["Envelope", "EnvelopeSchema", "EventContract", "REGISTRY", "ContractError"]
