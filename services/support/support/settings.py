"""What support reads from the environment beyond ServiceConfig: where message attachments are kept."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class SupportSettings:
    attachment_dir: Path

    @classmethod
    def from_env(cls, var_dir: Path, env: Mapping[str, str] | None = None) -> "SupportSettings":
        env = os.environ if env is None else env
        return cls(attachment_dir=Path(env.get("SUPPORT_ATTACHMENT_DIR", var_dir / "attachments" / "support")))
