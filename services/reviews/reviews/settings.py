"""What reviews reads from the environment beyond ServiceConfig: where review photos are kept."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from servicekit.config import ServiceConfig
from servicekit.files import LocalFileStore


@dataclass(frozen=True)
class ReviewsSettings:
    photo_dir: Path

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "ReviewsSettings":
        env = os.environ if env is None else env
        return cls(photo_dir=Path(env.get("REVIEWS_PHOTO_DIR", config.var_dir / "images" / "reviews")))

    def photo_store(self) -> LocalFileStore:
        return LocalFileStore(self.photo_dir)
