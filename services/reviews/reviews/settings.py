"""What reviews reads from the environment beyond ServiceConfig: where review photos are kept."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class ReviewsSettings:
    photo_dir: Path

    @classmethod
    def from_env(cls, var_dir: Path, env: Mapping[str, str] | None = None) -> "ReviewsSettings":
        env = os.environ if env is None else env
        return cls(photo_dir=Path(env.get("REVIEWS_PHOTO_DIR", var_dir / "images" / "reviews")))
