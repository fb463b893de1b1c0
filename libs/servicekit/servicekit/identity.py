"""The gateway's signed internal identity token: signing (gateway) and verification (services)."""
from __future__ import annotations

import functools
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import Flask, g, request

from servicekit.languages import _
from servicekit.problems import Problem

HEADER = "X-Identity-Token"
ISSUER = "marketplace-gateway"
AUDIENCE = "marketplace-services"
ALGORITHM = "EdDSA"
TOKEN_TTL_SECONDS = 60
ROLES = ("customer", "seller", "agent", "admin", "gateway")


@dataclass(frozen=True)
class Identity:
    subject: str | None
    roles: frozenset[str] = field(default_factory=frozenset)
    seller_id: str | None = None
    # When this session last proved a second factor (Unix seconds); None if it never did.
    second_factor_at: int | None = None
    session_id: str | None = None
    # The account's name as auth last told the gateway; None from a gateway that did not send it.
    name: str | None = None
    # When the token that carried this identity expires (Unix seconds), for what may last only as long (a live
    # stream); None for an identity not read from a token. Not part of who the caller is: equal identities may differ.
    expires_at: int | None = field(default=None, compare=False)

    @property
    def is_anonymous(self) -> bool:
        return self.subject is None

    @property
    def mfa(self) -> bool:
        """Whether the caller signed in with a second factor."""
        return self.second_factor_at is not None

    def second_factor_within(self, seconds: int, now: float | None = None) -> bool:
        """Whether the caller proved a second factor in the last `seconds` (a step-up)."""
        now = time.time() if now is None else now
        return self.second_factor_at is not None and now - self.second_factor_at <= seconds

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))


ANONYMOUS = Identity(subject=None)


def generate_keypair(private_path: Path, public_path: Path) -> None:
    """Write a new Ed25519 key pair (used by `make run` set-up and by tests)."""
    key = Ed25519PrivateKey.generate()
    private_path.parent.mkdir(parents=True, exist_ok=True)
    private_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    private_path.chmod(0o600)
    public_path.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )


class TokenSigner:
    def __init__(self, private_key_pem: bytes, ttl_seconds: int = TOKEN_TTL_SECONDS):
        self._key = serialization.load_pem_private_key(private_key_pem, password=None)
        self.ttl_seconds = ttl_seconds

    def sign(self, identity: Identity) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "iat": now,
            "exp": now + self.ttl_seconds,
            "jti": uuid.uuid4().hex,
            "roles": sorted(identity.roles),
            "seller_id": identity.seller_id,
            "mfa_at": identity.second_factor_at,
            "sid": identity.session_id,
            "name": identity.name,
        }
        if identity.subject is not None:
            claims["sub"] = identity.subject
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)


# Clocks of the gateway and a service may differ this much.
LEEWAY_SECONDS = 5


class TokenVerifier:
    """Verifies the gateway's tokens, and remembers those it verified until they expire.

    The gateway sends the same token with every anonymous request for most of a minute (the storefront's
    shoppers): checking its signature once is enough, since the same string cannot carry other claims. Only
    those are remembered: a signed-in caller's token is new with every request, and would only fill memory.
    At most `remembered` of them, so a flood of new tokens costs bounded memory.
    """

    def __init__(self, public_key_pem: bytes, *, clock: Callable[[], float] = time.time, remembered: int = 1_000):
        self._key = serialization.load_pem_public_key(public_key_pem)
        self._clock = clock
        self._remembered = remembered
        self._verified: dict[str, Identity] = {}
        self._lock = threading.Lock()

    def verify(self, token: str) -> Identity:
        identity = self._verified.get(token)
        if identity is None:
            identity = self._decoded(token)
            if identity.subject is None:
                self._remember(token, identity)
        elif not self._lasts(identity):
            raise jwt.ExpiredSignatureError("Signature has expired")
        return identity

    def _lasts(self, identity: Identity) -> bool:
        # As jwt.decode judges `exp`, with the same leeway.
        return self._clock() - LEEWAY_SECONDS < identity.expires_at

    def _remember(self, token: str, identity: Identity) -> None:
        with self._lock:
            if len(self._verified) >= self._remembered:
                self._verified = {kept: known for kept, known in self._verified.items() if self._lasts(known)}
                if len(self._verified) >= self._remembered:
                    self._verified.clear()
            self._verified[token] = identity

    def _decoded(self, token: str) -> Identity:
        claims = jwt.decode(
            token,
            self._key,
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            issuer=ISSUER,
            options={"require": ["exp", "iat", "iss", "aud"]},
            leeway=LEEWAY_SECONDS,
        )
        return Identity(
            subject=claims.get("sub"),
            roles=frozenset(claims.get("roles") or ()),
            seller_id=claims.get("seller_id"),
            second_factor_at=_optional_int(claims.get("mfa_at")),
            session_id=claims.get("sid"),
            name=_optional_text(claims.get("name")),
            expires_at=int(claims["exp"]),
        )


def _optional_int(value) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _optional_text(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def init_identity(app: Flask, verifier: TokenVerifier, open_paths: tuple[str, ...]) -> None:
    """Refuse every request without a valid gateway token, except the operational endpoints."""

    @app.before_request
    def _verify_identity():
        if request.path in open_paths:
            g.identity = ANONYMOUS
            return None
        token = request.headers.get(HEADER)
        if not token:
            raise Problem(401, "unauthenticated", _("Unauthorized"), _("This service is reached only through the gateway."))
        try:
            g.identity = verifier.verify(token)
        except jwt.PyJWTError:
            raise Problem(401, "unauthenticated", _("Unauthorized"), _("The identity token is invalid or expired.")) from None
        return None


def current_identity() -> Identity:
    return g.get("identity", ANONYMOUS)


@dataclass(frozen=True)
class CallerRequirement:
    """What an operation asks of its caller, as its OpenAPI document tells clients: to be signed in, holding one
    of `roles` (any role when empty), and with a second factor proved at sign-in or recently (a step-up)."""

    roles: tuple[str, ...] = ()
    second_factor: str | None = None

    def and_(self, other: CallerRequirement) -> CallerRequirement:
        roles = self.roles or other.roles
        if self.roles and other.roles:
            roles = tuple(role for role in self.roles if role in other.roles)
        second_factor = "recent" if "recent" in (self.second_factor, other.second_factor) else (
            self.second_factor or other.second_factor)
        return CallerRequirement(roles, second_factor)

    @property
    def refuses_some_signed_in_callers(self) -> bool:
        return bool(self.roles or self.second_factor)

    def documented(self) -> dict:
        documented: dict = {"roles": list(self.roles)}
        if self.second_factor:
            documented["second-factor"] = self.second_factor
        return documented


_CALLER = "_servicekit_caller"


def caller_requirement(view: Callable) -> CallerRequirement | None:
    """What `view` asks of its caller; None for a view anyone may call, signed in or not."""
    return getattr(view, _CALLER, None)


def documents_caller(view: Callable, requirement: CallerRequirement) -> Callable:
    """Record `requirement` on `view` for its OpenAPI document, with those of decorators below it.

    The decorators of flask-smorest and these keep it through functools.wraps, which copies the attribute.
    """
    earlier = caller_requirement(view)
    setattr(view, _CALLER, earlier.and_(requirement) if earlier else requirement)
    return view


def requires(*roles: str) -> Callable:
    """Allow the view only to signed-in callers holding one of `roles` (any signed-in caller if none)."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            identity = current_identity()
            if identity.is_anonymous:
                raise Problem(401, "unauthenticated", _("Unauthorized"), _("Sign in first."))
            if roles and not identity.has_role(*roles):
                raise Problem(403, "forbidden", _("Forbidden"), _("This needs the role %(roles)s.", roles=" or ".join(roles)))
            return view(*args, **kwargs)

        return documents_caller(wrapper, CallerRequirement(roles))

    return decorator


# Step-ups count for five minutes: long enough to finish the sensitive action, short enough that
# a session left open on a shared computer cannot be used for one.
STEP_UP_SECONDS = 300


def ensure_second_factor(identity: Identity) -> None:
    """Refuse a caller who did not sign in with a second factor (sellers managing their shop, A4)."""
    if identity.is_anonymous:
        raise Problem(401, "unauthenticated", _("Unauthorized"), _("Sign in first."))
    if not identity.mfa:
        raise Problem(
            403,
            "second-factor-required",
            _("Two-factor authentication required"),
            _("Enrol two-factor authentication (an authenticator app, SMS, email or a security key) and sign in "
              "with it before doing this."),
        )


def requires_second_factor(view: Callable) -> Callable:
    """Allow the view only to callers who signed in with a second factor."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        ensure_second_factor(current_identity())
        return view(*args, **kwargs)

    return documents_caller(wrapper, CallerRequirement(second_factor="at-sign-in"))


def step_up_required() -> Problem:
    """The refusal of an action that needs a second factor proved in the last few minutes (a step-up).

    A service that asks for a step-up only in some cases (an account with a second factor) raises it itself.
    """
    return Problem(
        403,
        "step-up-required",
        _("Confirm it is you"),
        _("This action needs a second factor proved in the last %(minutes)s minutes: "
          "POST /api/session/2fa again, then retry.", minutes=STEP_UP_SECONDS // 60),
        max_age_seconds=STEP_UP_SECONDS,
    )


def requires_recent_second_factor(view: Callable) -> Callable:
    """Allow the view only after a second factor proved in the last few minutes (a step-up)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        identity = current_identity()
        if identity.is_anonymous:
            raise Problem(401, "unauthenticated", _("Unauthorized"), _("Sign in first."))
        if not identity.second_factor_within(STEP_UP_SECONDS):
            raise step_up_required()
        return view(*args, **kwargs)

    return documents_caller(wrapper, CallerRequirement(second_factor="recent"))
