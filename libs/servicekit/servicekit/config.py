"""Configuration of a service process, read from the environment in one place."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit, urlunsplit

DEFAULT_NOTIFY_SENDER = "Marketplace <no-reply@marketplace.local>"
DEFAULT_BUS_NAMESPACE = "marketplace"


def _var_dir(env: Mapping[str, str]) -> Path:
    return Path(env.get("MARKETPLACE_VAR_DIR", "var")).absolute()


def _broker_url(env: Mapping[str, str], var_dir: Path) -> str:
    return env.get("BROKER_URL", f"filesystem:///{var_dir / 'bus'}")


def _optional_port(env: Mapping[str, str], name: str) -> int | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > 65535:
        raise ValueError(f"{name} must be a port number (0 to 65535), not {value!r}")
    return int(value)


def _at_least_one(env: Mapping[str, str], name: str, default: int) -> int:
    value = env.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
    return int(value)


def _database_url(service: str, env: Mapping[str, str], var_dir: Path) -> str:
    explicit = env.get(f"{service.upper()}_DATABASE_URL")
    if explicit:
        return explicit
    shared_server = env.get("DATABASE_URL")
    if shared_server:
        # One server, one database per service: <name>_<service>.
        parts = urlsplit(shared_server)
        base = parts.path.lstrip("/") or "marketplace"
        return urlunsplit(parts._replace(path=f"/{base}_{service}"))
    return f"sqlite:///{var_dir / f'{service}.db'}"


@dataclass(frozen=True)
class ServiceConfig:
    service: str
    database_url: str
    broker_url: str
    bus_namespace: str
    var_dir: Path
    identity_public_key_file: Path
    identity_private_key_file: Path
    log_level: str = "INFO"
    log_json: bool = True
    broker_heartbeat_seconds: float = 30.0
    max_event_bytes: int = 1024 * 1024
    handler_max_attempts: int = 5
    retry_backoff_seconds: float = 2.0
    scheduler_interval_seconds: float = 1.0
    # The worker serves /healthz, /readyz and /metrics on this port (all interfaces); None: no server.
    worker_http_port: int | None = None
    # An outbox event unsent for longer than this makes the worker not ready: its relay is stuck.
    outbox_stuck_seconds: float = 60.0
    # Consumer processes `python -m <service>.worker` runs on the service's queue (servicekit.worker_processes),
    # and the events the broker hands each consumer before it has acknowledged them.
    worker_processes: int = 1
    worker_prefetch: int = 20
    max_request_bytes: int = 1024 * 1024
    # Connections a process keeps open to PostgreSQL (DATABASE_POOL_SIZE), and opens beyond them at a burst.
    # deploy/gunicorn.conf.py makes the overflow 0 under the gevent worker, where no thread count bounds the
    # requests asking at once; the cross-service tests make both small, so a whole platform and a package's
    # tests beside it stay within PostgreSQL's 100 connections.
    database_pool_size: int = 10
    database_max_overflow: int = 20
    # Without a server URL a channel writes to notify_file, where `make run` users read their codes.
    notify_email_url: str | None = None
    notify_email_from: str = DEFAULT_NOTIFY_SENDER
    notify_sms_url: str | None = None
    notify_sms_token: str | None = None
    notify_file: Path | None = None

    def __post_init__(self) -> None:
        # Filled here rather than in from_env, so configs built directly still have a file to write.
        if self.notify_file is None:
            object.__setattr__(self, "notify_file", self.var_dir / "notifications" / f"{self.service}.jsonl")

    @classmethod
    def from_env(cls, service: str, env: Mapping[str, str] | None = None) -> "ServiceConfig":
        env = os.environ if env is None else env
        var_dir = _var_dir(env)
        keys = Path(env.get("IDENTITY_KEY_DIR", var_dir / "keys"))
        return cls(
            service=service,
            database_url=_database_url(service, env, var_dir),
            broker_url=_broker_url(env, var_dir),
            bus_namespace=env.get("BUS_NAMESPACE", DEFAULT_BUS_NAMESPACE),
            var_dir=var_dir,
            identity_public_key_file=keys / "identity-public.pem",
            identity_private_key_file=keys / "identity-private.pem",
            log_level=env.get("LOG_LEVEL", "INFO"),
            log_json=env.get("LOG_FORMAT", "json") == "json",
            broker_heartbeat_seconds=float(env.get("BROKER_HEARTBEAT_SECONDS", 30)),
            max_event_bytes=int(env.get("EVENT_MAX_BYTES", 1024 * 1024)),
            handler_max_attempts=int(env.get("HANDLER_MAX_ATTEMPTS", 5)),
            retry_backoff_seconds=float(env.get("RETRY_BACKOFF_SECONDS", 2.0)),
            scheduler_interval_seconds=float(env.get("SCHEDULER_INTERVAL_SECONDS", 1.0)),
            worker_http_port=_optional_port(env, "WORKER_HTTP_PORT"),
            outbox_stuck_seconds=float(env.get("OUTBOX_STUCK_SECONDS", 60.0)),
            worker_processes=_at_least_one(env, "WORKER_PROCESSES", 1),
            worker_prefetch=_at_least_one(env, "WORKER_PREFETCH", 20),
            database_pool_size=int(env.get("DATABASE_POOL_SIZE", 10)),
            database_max_overflow=int(env.get("DATABASE_MAX_OVERFLOW", 20)),
            notify_email_url=env.get("NOTIFY_EMAIL_URL") or None,
            notify_email_from=env.get("NOTIFY_EMAIL_FROM") or DEFAULT_NOTIFY_SENDER,
            notify_sms_url=env.get("NOTIFY_SMS_URL") or None,
            notify_sms_token=env.get("NOTIFY_SMS_TOKEN") or None,
            notify_file=Path(env["NOTIFY_FILE"]) if env.get("NOTIFY_FILE") else None,
        )


@dataclass(frozen=True)
class OpsConfig:
    """What the ops command reads: a deployment's bus, and RabbitMQ's management API when it has one."""

    broker_url: str
    bus_namespace: str
    management_url: str | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "OpsConfig":
        env = os.environ if env is None else env
        return cls(
            broker_url=_broker_url(env, _var_dir(env)),
            bus_namespace=env.get("BUS_NAMESPACE", DEFAULT_BUS_NAMESPACE),
            management_url=env.get("RABBITMQ_MANAGEMENT_URL") or None,
        )
