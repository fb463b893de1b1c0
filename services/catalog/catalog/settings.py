"""What the catalog reads from the environment beyond ServiceConfig: where product images are kept."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class CatalogSettings:
    image_dir: Path

    @classmethod
    def from_env(cls, var_dir: Path, env: Mapping[str, str] | None = None) -> "CatalogSettings":
        env = os.environ if env is None else env
        return cls(image_dir=Path(env.get("CATALOG_IMAGE_DIR", var_dir / "images" / "catalog")))
