"""What the catalog reads from the environment beyond ServiceConfig: where product images are kept."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from servicekit.config import ServiceConfig
from servicekit.files import LocalFileStore


@dataclass(frozen=True)
class CatalogSettings:
    image_dir: Path

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "CatalogSettings":
        env = os.environ if env is None else env
        return cls(image_dir=Path(env.get("CATALOG_IMAGE_DIR", config.var_dir / "images" / "catalog")))

    def image_store(self) -> LocalFileStore:
        return LocalFileStore(self.image_dir)
