"""Security keys and passkeys (WebAuthn) as a second factor: registering one, proving it at sign-in, removing it.

Each ceremony's challenge is kept until its answer arrives: it lives five minutes and is answered
once, rightly or not. A newer challenge for the same ceremony retires the older one.
"""
from __future__ import annotations

import json
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session
from webauthn import (
    base64url_to_bytes,
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import bytes_to_base64url, generate_challenge
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from auth.accounts import find_account
from auth.audit import Origin
from auth.domain.viewers import Viewer
from auth.models import WebAuthnChallenge, WebAuthnCredential
from auth.second_factors.enrolment import (
    WEBAUTHN,
    Enrolment,
    complete_enrolment,
    enrolled_methods,
    record_removal,
    refuse_without_step_up,
    webauthn_credentials,
)
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import _
from servicekit.problems import Problem

REGISTRATION, AUTHENTICATION = "registration", "authentication"
CEREMONY_LIFETIME = timedelta(minutes=5)
# A key is a second factor: having it is the proof, so it is not asked to verify its user (PIN, biometrics).
USER_VERIFICATION = UserVerificationRequirement.DISCOURAGED
KNOWN_TRANSPORTS = frozenset(transport.value for transport in AuthenticatorTransport)
# What a malformed or forged answer makes the library raise: its own errors, and bad base64 or types.
REFUSED_ANSWER = (WebAuthnException, ValueError, TypeError)


def _issue_challenge(session: Session, account_id: str, purpose: str) -> bytes:
    now = clock.now()
    session.execute(
        update(WebAuthnChallenge)
        .where(WebAuthnChallenge.account_id == account_id, WebAuthnChallenge.purpose == purpose,
               WebAuthnChallenge.used_at.is_(None))
        .values(used_at=now)
    )
    challenge = generate_challenge()
    session.add(
        WebAuthnChallenge(id=str(uuid.uuid4()), account_id=account_id, purpose=purpose,
                          challenge=bytes_to_base64url(challenge), expires_at=now + CEREMONY_LIFETIME)
    )
    return challenge


def _take_challenge(session: Session, account_id: str, purpose: str) -> bytes | None:
    """The live challenge of this ceremony, used up by taking it; None when there is none."""
    now = clock.now()
    challenge = session.scalars(
        select(WebAuthnChallenge)
        .where(WebAuthnChallenge.account_id == account_id, WebAuthnChallenge.purpose == purpose,
               WebAuthnChallenge.used_at.is_(None), WebAuthnChallenge.expires_at > now)
        .order_by(WebAuthnChallenge.expires_at.desc())
        .with_for_update()
    ).first()
    if challenge is None:
        return None
    challenge.used_at = now
    return base64url_to_bytes(challenge.challenge)


def _descriptors(credentials: list[WebAuthnCredential]) -> list[PublicKeyCredentialDescriptor]:
    return [
        PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(credential.credential_id),
            transports=[AuthenticatorTransport(transport) for transport in credential.transports],
        )
        for credential in credentials
    ]


def _as_json(options) -> dict[str, Any]:
    """Options as the browser's JSON forms take them (PublicKeyCredential*OptionsJSON): bytes in base64url."""
    return json.loads(options_to_json(options))


def _expected_party() -> dict[str, str]:
    """Whom a key's answer must be for: this relying party, asked from this origin."""
    return {"expected_rp_id": settings().webauthn_rp_id, "expected_origin": settings().webauthn_origin}


def _timeout_ms() -> int:
    return int(CEREMONY_LIFETIME.total_seconds() * 1000)


def keys_of(account_id: str) -> list[WebAuthnCredential]:
    """The account's security keys, oldest first."""
    with unit_of_work() as uow:
        return webauthn_credentials(uow.session, account_id)


def registration_options(viewer: Viewer) -> dict[str, Any]:
    """Options for navigator.credentials.create(); the account's keys are excluded, so none registers twice.

    A step-up comes first when the account has another factor.
    """
    with unit_of_work() as uow:
        refuse_without_step_up(uow.session, viewer)
        account = find_account(uow, viewer.account_id, for_update=True)
        options = generate_registration_options(
            rp_id=settings().webauthn_rp_id,
            rp_name=settings().webauthn_rp_name,
            user_id=account.id.encode(),
            user_name=account.email or account.phone,
            user_display_name=account.name,
            challenge=_issue_challenge(uow.session, account.id, REGISTRATION),
            timeout=_timeout_ms(),
            exclude_credentials=_descriptors(webauthn_credentials(uow.session, account.id)),
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.DISCOURAGED, user_verification=USER_VERIFICATION
            ),
        )
        uow.commit()
        return _as_json(options)


def _transports(credential: dict[str, Any]) -> list[str]:
    """The ways the browser says it reached the key, kept to hint at them when signing in."""
    response = credential.get("response")
    transports = response.get("transports") if isinstance(response, dict) else None
    if not isinstance(transports, list):
        return []
    return [transport for transport in transports if transport in KNOWN_TRANSPORTS]


def register(account_id: str, name: str, credential: dict[str, Any], origin: Origin) -> Enrolment:
    """Verify the browser's answer to the registration options and keep the new key."""
    with unit_of_work() as uow:
        account = find_account(uow, account_id, for_update=True)
        challenge = _take_challenge(uow.session, account.id, REGISTRATION)
        if challenge is None:
            raise Problem(409, "webauthn-ceremony-expired", _("No registration in progress"),
                          _("The registration options expired or were already answered: ask for new ones."))
        try:
            verified = verify_registration_response(
                credential=credential, expected_challenge=challenge, **_expected_party()
            )
        except REFUSED_ANSWER:
            # The challenge is spent even so.
            uow.commit()
            raise Problem(422, "webauthn-registration-invalid", _("Security key not accepted"),
                          _("The security key's answer could not be verified. Ask for new registration options and "
                            "try again.")) from None
        credential_id = bytes_to_base64url(verified.credential_id)
        if uow.session.scalar(select(exists().where(WebAuthnCredential.credential_id == credential_id))):
            uow.commit()
            raise Problem(409, "webauthn-credential-registered", _("Already registered"),
                          _("This security key is already registered."))
        first = not enrolled_methods(uow.session, account.id)
        stored = WebAuthnCredential(
            id=str(uuid.uuid4()),
            account_id=account.id,
            credential_id=credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            name=name,
            transports=_transports(credential),
            created_at=clock.now(),
        )
        uow.session.add(stored)
        return complete_enrolment(uow, account, WEBAUTHN, stored.created_at, first=first, origin=origin,
                                  credential=stored)


def remove(account_id: str, credential_id: str, origin: Origin) -> None:
    with unit_of_work() as uow:
        account = find_account(uow, account_id, for_update=True)
        stored = uow.session.scalars(
            select(WebAuthnCredential).where(WebAuthnCredential.id == credential_id,
                                             WebAuthnCredential.account_id == account_id)
        ).first()
        if stored is None:
            raise Problem(404, "webauthn-credential-not-found", "Not Found",
                          _("This account has no security key with this id."))
        uow.session.delete(stored)
        record_removal(uow, account, WEBAUTHN, origin, credential_id=stored.id, name=stored.name)
        uow.commit()


def authentication_options(session: Session, account_id: str) -> dict[str, Any]:
    """Options for navigator.credentials.get(), allowing the account's own keys; the caller commits."""
    options = generate_authentication_options(
        rp_id=settings().webauthn_rp_id,
        challenge=_issue_challenge(session, account_id, AUTHENTICATION),
        timeout=_timeout_ms(),
        allow_credentials=_descriptors(webauthn_credentials(session, account_id)),
        user_verification=USER_VERIFICATION,
    )
    return _as_json(options)


def _stored_credential(session: Session, account_id: str, credential: dict[str, Any]) -> WebAuthnCredential | None:
    raw_id = credential.get("rawId")
    if not isinstance(raw_id, str):
        return None
    try:
        credential_id = bytes_to_base64url(base64url_to_bytes(raw_id))
    except ValueError:
        return None
    return session.scalars(
        select(WebAuthnCredential)
        .where(WebAuthnCredential.account_id == account_id, WebAuthnCredential.credential_id == credential_id)
        .with_for_update()
    ).first()


def proves(session: Session, account_id: str, credential: dict[str, Any]) -> bool:
    """Whether the browser's answer proves one of the account's keys against the live challenge.

    The key's signature counter must go up (once it has counted at all): a copy of a key answers
    with a count its original already passed.
    """
    challenge = _take_challenge(session, account_id, AUTHENTICATION)
    stored = _stored_credential(session, account_id, credential)
    if challenge is None or stored is None:
        return False
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            credential_public_key=stored.public_key,
            credential_current_sign_count=stored.sign_count,
            **_expected_party(),
        )
    except REFUSED_ANSWER:
        return False
    stored.sign_count = verified.new_sign_count
    stored.last_used_at = clock.now()
    return True
