"""pytest fixtures every service's tests share (registered as a pytest11 entry point), and service_fixtures,
which makes the fixtures of one service named after it."""
from __future__ import annotations

import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Callable

import pytest
from flask import Flask

from servicekit import clock
from servicekit.bus.consumer import EventConsumer
from servicekit.bus.handlers import EventHandlers
from servicekit.config import ServiceConfig
from servicekit.migrations import upgrade
from servicekit.runtime import Runtime
from servicekit.identity import Identity, TokenSigner, generate_keypair
from servicekit.testing.infrastructure import Infrastructure, InfrastructureMissing
from servicekit.testing.mailbox import SmsInbox, SmtpMailbox


@pytest.fixture(scope="session")
def infrastructure():
    try:
        infra = Infrastructure.start()
    except InfrastructureMissing as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs real PostgreSQL and RabbitMQ: {exc}", pytrace=False)
        pytest.skip(f"no PostgreSQL/RabbitMQ: {exc}")
    yield infra
    infra.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def each_database_url(request, tmp_path) -> str:
    """An empty database of this test's own, once a SQLite file and once a PostgreSQL database: a test that takes
    it (a migration's, say) runs on both kinds the services are deployed with."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'each.db'}"
    return request.getfixturevalue("infrastructure").database(f"each_{uuid.uuid4().hex[:12]}")


@pytest.fixture
def clock_at(monkeypatch) -> Callable[[datetime], None]:
    """Sets the instant servicekit.clock.now() answers, until the test ends: `clock_at(datetime(2026, 3, 1, 15,
    tzinfo=timezone.utc))` makes what the test does next happen then, as far as the platform's clock is concerned."""

    def set_to(instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("the clock tells timezone-aware instants")
        monkeypatch.setattr(clock, "now", lambda: instant)

    return set_to


@pytest.fixture(scope="session")
def identity_keys(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("keys")
    generate_keypair(directory / "identity-private.pem", directory / "identity-public.pem")
    return directory


@pytest.fixture(scope="session")
def sign_identity(identity_keys):
    """Make a gateway token for an identity, as the gateway would for a signed-in user."""
    signer = TokenSigner((identity_keys / "identity-private.pem").read_bytes())

    def sign(subject=None, roles=(), seller_id=None, second_factor_at=None, name=None) -> dict[str, str]:
        identity = Identity(
            subject=subject, roles=frozenset(roles), seller_id=seller_id, second_factor_at=second_factor_at,
            name=name,
        )
        token = signer.sign(identity)
        return {"X-Identity-Token": token}

    return sign


@pytest.fixture(scope="session")
def service_config(infrastructure, identity_keys, tmp_path_factory):
    """A ServiceConfig on this run's own database and bus namespace on the real servers."""
    made: dict[str, ServiceConfig] = {}

    def make(service: str, **overrides) -> ServiceConfig:
        if service not in made:
            var_dir = tmp_path_factory.mktemp(f"var-{service}")
            env = {
                f"{service.upper()}_DATABASE_URL": infrastructure.database(service),
                "BROKER_URL": infrastructure.rabbitmq_url,
                "BUS_NAMESPACE": infrastructure.bus_namespace,
                "MARKETPLACE_VAR_DIR": str(var_dir),
                "IDENTITY_KEY_DIR": str(identity_keys),
                "LOG_FORMAT": "text",
                "RETRY_BACKOFF_SECONDS": "0.1",
            }
            made[service] = ServiceConfig.from_env(service, env)
        config = made[service]
        if overrides:
            from dataclasses import replace

            config = replace(config, **overrides)
        return config

    return make


@pytest.fixture(scope="session")
def migrated_runtime(service_config):
    """The Runtime of a service on this run's own database, migrated to its newest revision."""
    made: list[Runtime] = []

    def make(service: str, service_dir: Path) -> Runtime:
        config = service_config(service)
        upgrade(service_dir, config.database_url)
        made.append(Runtime(config))
        return made[-1]

    yield make
    for runtime in made:
        runtime.dispose()


@pytest.fixture(scope="session")
def smtp_mailbox():
    """A real SMTP server for the run; point NOTIFY_EMAIL_URL at `.url`.

    Give each test its own addresses: the mailbox is shared by the whole run.
    """
    with SmtpMailbox() as mailbox:
        yield mailbox


@pytest.fixture(scope="session")
def sms_inbox():
    """A stand-in SMS provider for the run that takes any token; point NOTIFY_SMS_URL at `.url`.

    Give each test its own phone numbers: the inbox is shared by the whole run.
    """
    with SmsInbox() as inbox:
        yield inbox


def service_fixtures(
    service: str, service_dir: Path, create_app: Callable[[ServiceConfig], Flask], handlers: EventHandlers
) -> tuple:
    """The session fixtures of one service's tests, named after it: `<service>_runtime` (the service on this
    run's own database, migrated to its newest revision), `<service>_app` (its app on that database),
    `<service>_client` (a test client of the app) and `<service>_consumer` (its event consumer, to hand it events
    with servicekit.testing.events.deliver). A service's conftest takes them under those names:

        orders_runtime, orders_app, orders_client, orders_consumer = service_fixtures(
            "orders", SERVICE_DIR, create_app, handlers
        )
    """

    @pytest.fixture(scope="session", name=f"{service}_runtime")
    def runtime(migrated_runtime) -> Runtime:
        return migrated_runtime(service, service_dir)

    @pytest.fixture(scope="session", name=f"{service}_app")
    def app(request) -> Flask:
        return create_app(request.getfixturevalue(f"{service}_runtime").config)

    @pytest.fixture(scope="session", name=f"{service}_client")
    def client(request):
        return request.getfixturevalue(f"{service}_app").test_client()

    @pytest.fixture(scope="session", name=f"{service}_consumer")
    def consumer(request) -> EventConsumer:
        service_runtime = request.getfixturevalue(f"{service}_runtime")
        return EventConsumer(
            service=service,
            topology=service_runtime.topology,
            handlers=handlers,
            unit_of_work=service_runtime.unit_of_work,
        )

    return runtime, app, client, consumer
