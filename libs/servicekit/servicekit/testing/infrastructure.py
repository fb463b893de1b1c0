"""Where a test run's PostgreSQL, RabbitMQ and Redis come from.

testcontainers when a Docker engine answers; otherwise the servers already running on this
machine. Under CI=true a missing server fails the run instead of skipping tests.
"""
from __future__ import annotations

import os
import socket
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field

from kombu import Connection
from sqlalchemy import create_engine, text

LOCAL_POSTGRES = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
LOCAL_RABBITMQ = os.environ.get("TEST_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672//")
LOCAL_REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
# RabbitMQ's management API (the rabbitmq_management plugin; .ci/run enables it).
LOCAL_RABBITMQ_MANAGEMENT = os.environ.get("TEST_RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:15672")


class InfrastructureMissing(RuntimeError):
    pass


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no permission: all mean "no"
        return False


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@dataclass
class Infrastructure:
    postgres_admin_url: str
    rabbitmq_url: str
    # The gateway keeps its rate-limit counters here, shared by all its processes.
    redis_url: str
    rabbitmq_management_url: str = LOCAL_RABBITMQ_MANAGEMENT
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    _stack: ExitStack = field(default_factory=ExitStack)
    _databases: list[str] = field(default_factory=list)

    @classmethod
    def start(cls) -> "Infrastructure":
        if os.environ.get("TEST_USE_TESTCONTAINERS", "auto") != "never" and _docker_answers():
            from testcontainers.postgres import PostgresContainer
            from testcontainers.rabbitmq import RabbitMqContainer
            from testcontainers.redis import RedisContainer

            stack = ExitStack()
            postgres = stack.enter_context(PostgresContainer("postgres:16", driver="psycopg"))
            rabbit = stack.enter_context(RabbitMqContainer("rabbitmq:3.13-management").with_exposed_ports(15672))
            redis = stack.enter_context(RedisContainer("redis:7"))
            url = f"amqp://guest:guest@{rabbit.get_container_host_ip()}:{rabbit.get_exposed_port(5672)}//"
            redis_url = f"redis://{redis.get_container_host_ip()}:{redis.get_exposed_port(6379)}/0"
            management = f"http://{rabbit.get_container_host_ip()}:{rabbit.get_exposed_port(15672)}"
            return cls(postgres.get_connection_url(), url, redis_url, management, _stack=stack)
        missing = [
            name
            for name, (host, port) in {
                "PostgreSQL": ("127.0.0.1", 5432), "RabbitMQ": ("127.0.0.1", 5672), "Redis": ("127.0.0.1", 6379),
            }.items()
            if not _reachable(host, port)
        ]
        if missing:
            raise InfrastructureMissing(
                f"{', '.join(missing)} not reachable on 127.0.0.1 and no Docker engine answers"
            )
        with Connection(LOCAL_RABBITMQ, connect_timeout=5) as connection:
            connection.ensure_connection(max_retries=2)
        return cls(LOCAL_POSTGRES, LOCAL_RABBITMQ, LOCAL_REDIS)

    def database(self, name: str) -> str:
        """A fresh database for this run; dropped when the run ends."""
        database = f"t_{self.run_id}_{name}"
        admin = create_engine(self.postgres_admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
            connection.execute(text(f'CREATE DATABASE "{database}"'))
        admin.dispose()
        self._databases.append(database)
        return str(admin.url.set(database=database).render_as_string(hide_password=False))

    @property
    def bus_namespace(self) -> str:
        return f"t{self.run_id}"

    def close(self) -> None:
        from servicekit.bus.topology import Topology

        topology = Topology(self.rabbitmq_url, self.bus_namespace)
        try:
            with topology.connection() as connection:
                topology.delete(connection.channel())
        except Exception:  # noqa: BLE001 - cleanup is best effort
            pass
        admin = create_engine(self.postgres_admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for database in self._databases:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        admin.dispose()
        self._stack.close()
