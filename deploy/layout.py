"""Which processes make up the platform, and on which local ports their web processes listen."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Component:
    name: str
    package: str
    directory: Path
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


GATEWAY = Component("gateway", "gateway", ROOT / "gateway", 8000)
SERVICES = (
    Component("auth", "auth", ROOT / "services" / "auth", 8001),
    Component("catalog", "catalog", ROOT / "services" / "catalog", 8002),
    Component("orders", "orders", ROOT / "services" / "orders", 8003),
    Component("support", "support", ROOT / "services" / "support", 8004),
    Component("reviews", "reviews", ROOT / "services" / "reviews", 8005),
)
COMPONENTS = (GATEWAY, *SERVICES)


def upstream_env(ports: dict[str, int]) -> dict[str, str]:
    """The gateway's upstream URLs for the given web ports."""
    return {f"{c.name.upper()}_URL": f"http://127.0.0.1:{ports[c.name]}" for c in SERVICES}
