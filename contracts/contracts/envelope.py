"""The envelope every event travels in, whatever its type."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from marshmallow import Schema, fields, validate


@dataclass(frozen=True)
class Envelope:
    type: str
    version: int
    producer: str
    data: dict[str, Any]
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    correlation_id: str | None = None
    causation_id: str | None = None

    @property
    def routing_key(self) -> str:
        """Topic routing key: `<type>.v<version>`, so a queue binds to the versions it reads."""
        return f"{self.type}.v{self.version}"

    def to_wire(self) -> dict[str, Any]:
        return _ENVELOPE_SCHEMA.dump(self)

    @classmethod
    def from_wire(cls, payload: dict[str, Any]) -> "Envelope":
        return cls(**_ENVELOPE_SCHEMA.load(payload))


class EnvelopeSchema(Schema):
    id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Regexp(r"^[A-Z][A-Za-z]+$"))
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True, default_timezone=timezone.utc)
    producer = fields.String(required=True)
    correlation_id = fields.String(load_default=None, allow_none=True)
    causation_id = fields.String(load_default=None, allow_none=True)
    data = fields.Dict(required=True)

    class Meta:
        ordered = True

    def load(self, *args, **kwargs):
        loaded = super().load(*args, **kwargs)
        loaded["id"] = str(loaded["id"])
        return loaded


# One schema for every envelope: making one per event cost more than reading the event with it, and it keeps
# nothing of one envelope for the next.
_ENVELOPE_SCHEMA = EnvelopeSchema()
