"""What support reads from the environment beyond ServiceConfig: where message attachments are kept, how
long a claim sent to orders waits for orders to take it up, and how long before a response target is due its
owner is warned."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Mapping

from servicekit.batch_jobs import deadline_from_env
from servicekit.files import LocalFileStore
from servicekit.config import ServiceConfig
from support.domain.response_targets import WARNING_LEAD


@dataclass(frozen=True)
class SupportSettings:
    attachment_dir: Path
    # A refund, return or exchange sent to orders waits this long for orders to open its claim (or
    # refuse it); past it the request or the receipt was lost (dead-lettered, say): the claim times
    # out and a person takes the inquiry back. The seller's decision after that may take days.
    claim_timeout: timedelta = timedelta(minutes=15)
    # A target's owner is warned (ResponseTargetNear, and a note on the inquiry) once it is due within this.
    target_warning_lead: timedelta = WARNING_LEAD

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "SupportSettings":
        env = os.environ if env is None else env
        return cls(
            attachment_dir=Path(env.get("SUPPORT_ATTACHMENT_DIR", config.var_dir / "attachments" / "support")),
            claim_timeout=deadline_from_env(env, "SUPPORT_CLAIM_TIMEOUT_MINUTES", 15),
            target_warning_lead=deadline_from_env(
                env, "SUPPORT_TARGET_WARNING_MINUTES", WARNING_LEAD.total_seconds() / 60
            ),
        )

    def attachment_store(self) -> LocalFileStore:
        return LocalFileStore(self.attachment_dir)
