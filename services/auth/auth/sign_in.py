"""Sign-in for the gateway (A3): checking an id and password, counting failures towards a lock (A7), and
telling the owner when a browser they never used signs in."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from auth import audit
from auth.accounts import find_account_by_login
from auth.audit import Origin
from auth.contacts import notify_owner
from auth.domain.accounts import ACTIVE, parse_login
from auth.domain.passwords import hash_password, verify_against_nothing, verify_password
from auth.locks import PASSWORD_FAILURES, clear_failed_attempts, is_locked, record_failed_attempt
from auth.models import Account, KnownDevice, Seller
from auth.profiles import profile_of
from servicekit import clock
from servicekit.app import unit_of_work
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem

INVALID_CREDENTIALS = _("The id or password is wrong.")


@dataclass(frozen=True)
class Authentication:
    """Who the gateway may open a session for, and what it should ask of them next."""

    account_id: str
    name: str
    roles: list[str]
    seller_id: str | None
    seller_status: str | None
    second_factors: list[str]
    password_change_recommended: bool


def _refuse_sign_in(uow: UnitOfWork, origin: Origin, login: str, account_id: str | None, reason: str) -> NoReturn:
    """Commit the failure's traces (audit, failure count), then answer as for any other failure."""
    audit.record_audit(uow.session, audit.LOGIN_FAILED, account_id=account_id, origin=origin, login=login,
                       reason=reason)
    uow.commit()
    raise Problem(401, "invalid-credentials", "Unauthorized", INVALID_CREDENTIALS)


def _recognise_device(session: Session, account: Account, device_id: str, origin: Origin) -> None:
    """Remember the browser; tell the owner when one it never used signs in, unless it is the account's first."""
    now = clock.now()
    user_agent = (origin.user_agent or "")[:500] or None
    device = session.get(KnownDevice, (account.id, device_id))
    if device is not None:
        device.last_seen_at, device.ip, device.user_agent = now, origin.ip, user_agent
        return
    first_device = session.scalars(
        select(KnownDevice.device_id).where(KnownDevice.account_id == account.id).limit(1)
    ).first() is None
    session.add(KnownDevice(account_id=account.id, device_id=device_id, user_agent=user_agent, ip=origin.ip,
                            first_seen_at=now, last_seen_at=now))
    if first_device:
        return
    audit.record_audit(session, audit.NEW_DEVICE, account_id=account.id, origin=origin, device_id=device_id)
    notify_owner(
        session,
        account,
        subject=_("New sign-in to your account"),
        body=_(
            "New sign-in to your account from %(browser)s at %(address)s. If this was not you, change your password "
            "now.",
            browser=user_agent or _("an unknown browser"), address=origin.ip or _("an unknown address"),
        ),
    )


def authenticate(login: str, password: str, origin: Origin = Origin(), device_id: str | None = None) -> Authentication:
    """Check an id and password for the gateway; every refusal looks the same, in answer and in time taken.

    A locked or deactivated account costs the same verification as any other, and says nothing more.
    The account row stays locked while it is checked, so parallel guesses are all counted.
    """
    with unit_of_work() as uow:
        account = find_account_by_login(uow.session, parse_login(login), for_update=True)
        if account is None:
            verify_against_nothing(password)
            _refuse_sign_in(uow, origin, login, None, "unknown_login")
        verification = verify_password(account.password_hash, password)
        if is_locked(account):
            _refuse_sign_in(uow, origin, login, account.id, "locked")
        if account.status != ACTIVE:
            _refuse_sign_in(uow, origin, login, account.id, "deactivated")
        if not verification.matches:
            record_failed_attempt(uow, account, PASSWORD_FAILURES, origin)
            _refuse_sign_in(uow, origin, login, account.id, "wrong_password")
        if verification.needs_rehash:
            account.password_hash = hash_password(password)
        profile = profile_of(uow.session, account)
        # With a second factor still to prove, the sign-in has not succeeded yet: typing the password again
        # must not wipe out wrong second factors, or whoever holds the password could guess on for ever.
        if not profile.second_factors:
            clear_failed_attempts(account)
        audit.record_audit(uow.session, audit.LOGIN_SUCCEEDED, account_id=account.id, origin=origin)
        if device_id:
            _recognise_device(uow.session, account, device_id, origin)
        seller = uow.session.scalars(select(Seller).where(Seller.account_id == account.id)).first()
        authentication = Authentication(
            account_id=account.id,
            name=account.name,
            roles=list(account.roles),
            seller_id=seller.id if seller else None,
            seller_status=seller.status if seller else None,
            second_factors=profile.second_factors,
            password_change_recommended=profile.password_change_recommended,
        )
        uow.commit()
        return authentication
