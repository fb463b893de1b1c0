"""What the auth service reads from the environment beyond ServiceConfig: security timings, WebAuthn, documents."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Mapping

from auth.second_factors.secret_box import SecretBox, keys_from
from servicekit.config import ServiceConfig
from servicekit.files import LocalFileStore


@dataclass(frozen=True)
class AuthSettings:
    # Consecutive failures (password or second factor) that lock an account.
    lock_threshold: int = 5
    # The first lock lasts this long; each further lock in a row twice as long, up to a day.
    lock_base_seconds: int = 15 * 60
    lock_max_seconds: int = 24 * 60 * 60
    # Codes sent by SMS or email: how long they live and how many wrong tries each allows.
    code_lifetime_seconds: int = 5 * 60
    reset_code_lifetime_seconds: int = 15 * 60
    # A sign-up code may wait in a mailbox a while: the person may have to find the message first.
    sign_up_code_lifetime_seconds: int = 30 * 60
    code_max_attempts: int = 5
    # After this many days a password is old and its owner is reminded to change it (A6).
    password_max_age_days: int = 90
    webauthn_rp_id: str = "localhost"
    webauthn_rp_name: str = "Marketplace"
    webauthn_origin: str = "http://localhost:8000"
    document_dir: Path = Path("var/documents")
    document_max_bytes: int = 10 * 1024 * 1024
    # Keys that encrypt authenticator secrets at rest (auth.second_factors.secret_box); one is made when none is given.
    secret_keys: tuple[str, ...] = field(default=(), repr=False)

    @classmethod
    def from_env(cls, config: ServiceConfig, env: Mapping[str, str] | None = None) -> "AuthSettings":
        env = os.environ if env is None else env
        var_dir = config.var_dir
        return cls(
            lock_threshold=int(env.get("AUTH_LOCK_THRESHOLD", cls.lock_threshold)),
            lock_base_seconds=int(env.get("AUTH_LOCK_SECONDS", cls.lock_base_seconds)),
            lock_max_seconds=int(env.get("AUTH_LOCK_MAX_SECONDS", cls.lock_max_seconds)),
            code_lifetime_seconds=int(env.get("AUTH_CODE_LIFETIME_SECONDS", cls.code_lifetime_seconds)),
            reset_code_lifetime_seconds=int(
                env.get("AUTH_RESET_CODE_LIFETIME_SECONDS", cls.reset_code_lifetime_seconds)
            ),
            sign_up_code_lifetime_seconds=int(
                env.get("AUTH_SIGN_UP_CODE_LIFETIME_SECONDS", cls.sign_up_code_lifetime_seconds)
            ),
            code_max_attempts=int(env.get("AUTH_CODE_MAX_ATTEMPTS", cls.code_max_attempts)),
            password_max_age_days=int(env.get("AUTH_PASSWORD_MAX_AGE_DAYS", cls.password_max_age_days)),
            webauthn_rp_id=env.get("AUTH_WEBAUTHN_RP_ID", cls.webauthn_rp_id),
            webauthn_rp_name=env.get("AUTH_WEBAUTHN_RP_NAME", cls.webauthn_rp_name),
            webauthn_origin=env.get("AUTH_WEBAUTHN_ORIGIN", cls.webauthn_origin),
            document_dir=Path(env.get("AUTH_DOCUMENT_DIR", var_dir / "documents" / "auth")),
            document_max_bytes=int(env.get("AUTH_DOCUMENT_MAX_BYTES", cls.document_max_bytes)),
            secret_keys=keys_from(
                env.get("AUTH_SECRET_KEYS"), Path(env.get("AUTH_SECRET_KEY_FILE", var_dir / "keys" / "auth-secrets.key"))
            ),
        )

    def document_store(self) -> LocalFileStore:
        """Where seller documents' bytes are kept; the database keeps only what they are and where."""
        return LocalFileStore(self.document_dir)

    @cached_property
    def secret_box(self) -> SecretBox:
        return SecretBox(self.secret_keys)
