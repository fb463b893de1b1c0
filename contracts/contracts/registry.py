"""The registry of event contracts: each event's schema, producer and subscribers."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from marshmallow import Schema, ValidationError


class ContractError(Exception):
    """An event does not match its contract, or no contract exists for it."""


@dataclass(frozen=True)
class EventContract:
    name: str
    version: int
    schema: type[Schema]
    producer: str
    subscribers: tuple[str, ...]
    description: str

    @property
    def routing_key(self) -> str:
        return f"{self.name}.v{self.version}"

    def load(self, data: dict[str, Any]) -> dict[str, Any]:
        """Parse an event's data as a subscriber would; raises ContractError when it does not fit."""
        try:
            return self.schema().load(data)
        except ValidationError as exc:
            raise ContractError(f"{self.routing_key}: {exc.messages}") from exc

    def dump(self, data: dict[str, Any]) -> dict[str, Any]:
        """Serialize a producer's data; validates it first so nothing malformed is recorded."""
        schema = self.schema()
        dumped = schema.dump(data)
        errors = schema.validate(dumped)
        if errors:
            raise ContractError(f"{self.routing_key}: {errors}")
        return dumped


class Registry:
    def __init__(self) -> None:
        self._contracts: dict[tuple[str, int], EventContract] = {}

    def add(self, contract: EventContract) -> EventContract:
        key = (contract.name, contract.version)
        if key in self._contracts:
            raise ContractError(f"{contract.routing_key} is registered twice")
        self._contracts[key] = contract
        return contract

    def get(self, name: str, version: int) -> EventContract:
        try:
            return self._contracts[(name, version)]
        except KeyError:
            raise ContractError(f"no contract for {name} v{version}") from None

    def latest(self, name: str) -> EventContract:
        versions = [c for (n, _), c in self._contracts.items() if n == name]
        if not versions:
            raise ContractError(f"no contract for {name}")
        return max(versions, key=lambda c: c.version)

    def all(self) -> list[EventContract]:
        return sorted(self._contracts.values(), key=lambda c: (c.name, c.version))

    def published_by(self, service: str) -> list[EventContract]:
        return [c for c in self.all() if c.producer == service]

    def subscribed_by(self, service: str) -> list[EventContract]:
        return [c for c in self.all() if service in c.subscribers]

    def services(self) -> set[str]:
        names = {c.producer for c in self.all()}
        for contract in self.all():
            names.update(contract.subscribers)
        return names


REGISTRY = Registry()


def event(name: str, version: int, producer: str, subscribers: tuple[str, ...] = ()):
    """Class decorator that registers a marshmallow schema as an event contract."""

    def register(schema: type[Schema]) -> type[Schema]:
        REGISTRY.add(
            EventContract(
                name=name,
                version=version,
                schema=schema,
                producer=producer,
                subscribers=subscribers,
                description=inspect.cleandoc(schema.__doc__ or ""),
            )
        )
        return schema

    return register
