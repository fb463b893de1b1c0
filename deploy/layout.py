"""Which processes make up the platform, and on which local ports their web processes listen."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

ROOT = Path(__file__).resolve().parents[1]
PROCFILE = ROOT / "Procfile"
# `make run` listens on 8000 (the gateway) to 8008 (the pages); MARKETPLACE_BASE_PORT moves all nine together.
DEFAULT_BASE_PORT = 8000


@dataclass(frozen=True)
class Component:
    name: str
    package: str
    directory: Path
    # The gunicorn worker its web runs under (WEB_WORKER_CLASS, deploy/gunicorn.conf.py): gevent where answers stay
    # open (live notification streams), so each open one costs a greenlet rather than one of a few threads.
    web_worker_class: str = "gthread"
    # The pages (web/) keep no database and consume no events: a web process alone, nothing to migrate.
    has_database: bool = True
    has_worker: bool = True


GATEWAY = Component("gateway", "gateway", ROOT / "gateway", web_worker_class="gevent")
SERVICES = (
    Component("auth", "auth", ROOT / "services" / "auth"),
    Component("catalog", "catalog", ROOT / "services" / "catalog"),
    Component("orders", "orders", ROOT / "services" / "orders"),
    Component("support", "support", ROOT / "services" / "support"),
    Component("reviews", "reviews", ROOT / "services" / "reviews"),
    Component("notifications", "notifications", ROOT / "services" / "notifications", web_worker_class="gevent"),
    Component("settlements", "settlements", ROOT / "services" / "settlements"),
)
# The pages: every path outside /api reaches them through the gateway (WEB_URL), and they call the public API back
# through it (WEB_API_URL).
WEB = Component("web", "web", ROOT / "web", has_database=False, has_worker=False)
COMPONENTS = (GATEWAY, *SERVICES, WEB)
WITH_DATABASE = tuple(c for c in COMPONENTS if c.has_database)
WITH_WORKER = tuple(c for c in COMPONENTS if c.has_worker)


def local_ports(env: Mapping[str, str]) -> dict[str, int]:
    """Each component's web port on one machine: the gateway on the base port, the services on the ports after it."""
    base = int(env.get("MARKETPLACE_BASE_PORT") or DEFAULT_BASE_PORT)
    return {component.name: base + offset for offset, component in enumerate(COMPONENTS)}


def upstream_env(ports: dict[str, int]) -> dict[str, str]:
    """The gateway's upstream URLs for the given web ports (WEB_URL: the pages), and the pages' way back to the API."""
    return {
        **{f"{c.name.upper()}_URL": f"http://127.0.0.1:{ports[c.name]}" for c in (*SERVICES, WEB)},
        "WEB_API_URL": f"http://127.0.0.1:{ports[GATEWAY.name]}",
    }
