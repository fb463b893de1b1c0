"""The registry of event contracts: each event's schema, producer and subscribers."""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable

from marshmallow import EXCLUDE, Schema, ValidationError, fields


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
    # For a version that replaces an older one still read by someone: this version's data as the
    # version before it carries it, so producers can publish both (Registry.editions).
    to_previous: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    @property
    def routing_key(self) -> str:
        return f"{self.name}.v{self.version}"

    def load(self, data: dict[str, Any]) -> dict[str, Any]:
        """Parse an event's data as a subscriber would; raises ContractError when it does not fit.

        Fields the contract does not name are left out, not refused (a tolerant reader): a producer of a
        later release may send optional fields added to this version since (contracts.compatibility).
        """
        try:
            return self._reader.load(data)
        except ValidationError as exc:
            raise ContractError(f"{self.routing_key}: {exc.messages}") from exc

    def dump(self, data: dict[str, Any]) -> dict[str, Any]:
        """Serialize a producer's data; validates it first so nothing malformed is recorded."""
        schema = self._writer
        dumped = schema.dump(data)
        errors = schema.validate(dumped)
        if errors:
            raise ContractError(f"{self.routing_key}: {errors}")
        return dumped

    # Each schema is made once: making one copies its fields and makes its nested schemas, which cost more than
    # loading an event with it, and a marshmallow 4 schema keeps nothing of one load or dump for the next.
    @cached_property
    def _reader(self) -> Schema:
        return _tolerant(self.schema())

    @cached_property
    def _writer(self) -> Schema:
        return self.schema()


def _tolerant(schema: Schema) -> Schema:
    """The schema, and every schema nested in it, set to leave unknown fields out."""
    schema.unknown = EXCLUDE
    for field in schema.fields.values():
        inner = field.inner if isinstance(field, fields.List) else field
        if isinstance(inner, fields.Nested):
            _tolerant(inner.schema)
    return schema


class Registry:
    def __init__(self) -> None:
        self._contracts: dict[tuple[str, int], EventContract] = {}

    def add(self, contract: EventContract) -> EventContract:
        key = (contract.name, contract.version)
        if key in self._contracts:
            raise ContractError(f"{contract.routing_key} is registered twice")
        self._contracts[key] = contract
        try:
            self._check_editions(contract.name)
        except ContractError:
            del self._contracts[key]
            raise
        return contract

    def _versions(self, name: str) -> list[EventContract]:
        """Every version of an event, the latest first."""
        return sorted((c for (n, _), c in self._contracts.items() if n == name), key=lambda c: -c.version)

    def _check_editions(self, name: str) -> None:
        versions = self._versions(name)
        for position, newer in enumerate(versions[:-1]):
            still_read = [c.routing_key for c in versions[position + 1:] if c.subscribers]
            if still_read and newer.to_previous is None:
                raise ContractError(
                    f"{newer.routing_key} must say how the version before it carries its data (to_previous): "
                    f"{', '.join(still_read)} still has subscribers"
                )

    def editions(self, name: str, data: dict[str, Any]) -> list[tuple[EventContract, dict[str, Any]]]:
        """What a producer publishes for one occurrence of an event, given its data in the latest version:
        the latest version, and each older one some service still subscribes to, its data derived version
        by version through `to_previous`. A breaking change is a new version, and the old one is published
        beside it until its subscribers have moved."""
        versions = self._versions(name)
        if not versions:
            raise ContractError(f"no contract for {name}")
        published = [(versions[0], data)]
        for position, older in enumerate(versions[1:], start=1):
            if not any(c.subscribers for c in versions[position:]):
                break
            data = versions[position - 1].to_previous(data)
            if older.subscribers:
                published.append((older, data))
        return published

    def get(self, name: str, version: int) -> EventContract:
        try:
            return self._contracts[(name, version)]
        except KeyError:
            raise ContractError(f"no contract for {name} v{version}") from None

    def latest(self, name: str) -> EventContract:
        versions = self._versions(name)
        if not versions:
            raise ContractError(f"no contract for {name}")
        return versions[0]

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


def event(
    name: str,
    version: int,
    producer: str,
    subscribers: tuple[str, ...] = (),
    to_previous: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
):
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
                to_previous=to_previous,
            )
        )
        return schema

    return register
