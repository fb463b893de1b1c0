"""The authenticator app as a second factor: enrolling it with a secret its first code confirms, proving it at
sign-in, removing it. A code once accepted is never accepted again, nor any older one: no replay."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from auth.accounts import find_account
from auth.audit import Origin
from auth.domain.viewers import Viewer
from auth.models import TotpFactor
from auth.second_factors import totp
from auth.second_factors.enrolment import (
    TOTP,
    Enrolment,
    already_enrolled,
    complete_enrolment,
    enrolled_methods,
    not_enrolled,
    record_removal,
    refuse_without_step_up,
    wrong_code,
)
from auth.second_factors.secret_box import SecretBox
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import _
from servicekit.problems import Problem


@dataclass(frozen=True)
class TotpEnrolment:
    """What an authenticator app needs to enrol: the secret, and the otpauth:// URI (the QR code) that carries it."""

    secret: str
    otpauth_uri: str


def start_enrolment(viewer: Viewer) -> TotpEnrolment:
    """A new secret for an authenticator app, active once a first code confirms it; it replaces an unconfirmed one.

    The secret is stored sealed by the settings' secret box; only this answer ever shows it in the clear.
    A step-up comes first when the account has another factor.
    """
    box = settings().secret_box
    with unit_of_work() as uow:
        refuse_without_step_up(uow.session, viewer)
        account = find_account(uow, viewer.account_id, for_update=True)
        factor = uow.session.get(TotpFactor, account.id)
        if factor is not None and factor.confirmed_at is not None:
            raise already_enrolled(TOTP)
        secret = totp.new_secret()
        if factor is None:
            uow.session.add(TotpFactor(account_id=account.id, secret=box.seal(secret), created_at=clock.now()))
        else:
            factor.secret, factor.created_at, factor.last_used_step = box.seal(secret), clock.now(), None
        uow.commit()
        return TotpEnrolment(secret, totp.provisioning_uri(secret, account.email or account.phone))


def _take_code_without_replay(factor: TotpFactor, code: str, box: SecretBox) -> bool:
    """Whether `code` is good now; if so its step is used up, so that neither it nor an older code passes again."""
    step = totp.accepted_step(box.open(factor.secret), code, clock.now(), factor.last_used_step)
    if step is None:
        return False
    factor.last_used_step = step
    return True


def confirm_enrolment(account_id: str, code: str, origin: Origin) -> Enrolment:
    """The app's first code makes it a second factor; 422 invalid-code when it is not the code it shows now."""
    with unit_of_work() as uow:
        account = find_account(uow, account_id, for_update=True)
        factor = uow.session.get(TotpFactor, account_id, with_for_update=True)
        if factor is None:
            raise Problem(409, "totp-enrolment-not-started", _("No enrolment in progress"),
                          _("Start enrolling the authenticator app first (POST /api/second-factors/totp)."))
        if factor.confirmed_at is not None:
            raise already_enrolled(TOTP)
        if not _take_code_without_replay(factor, code, settings().secret_box):
            raise wrong_code(_("This is not the code the authenticator app shows now. Check that the phone's clock "
                               "is right, then enter the current code."))
        first = not enrolled_methods(uow.session, account_id)
        factor.confirmed_at = clock.now()
        return complete_enrolment(uow, account, TOTP, factor.confirmed_at, first=first, origin=origin)


def proves(session: Session, account_id: str, code: str) -> bool:
    """A sign-in code from the account's authenticator app. The row lock makes two uses of one code pass once."""
    factor = session.scalars(
        select(TotpFactor)
        .where(TotpFactor.account_id == account_id, TotpFactor.confirmed_at.is_not(None))
        .with_for_update()
    ).first()
    return factor is not None and _take_code_without_replay(factor, code, settings().secret_box)


def remove(account_id: str, origin: Origin) -> None:
    """Remove the authenticator app, or drop an enrolment still in progress."""
    with unit_of_work() as uow:
        account = find_account(uow, account_id, for_update=True)
        factor = uow.session.get(TotpFactor, account_id)
        if factor is None:
            raise not_enrolled(TOTP)
        uow.session.delete(factor)
        if factor.confirmed_at is not None:
            record_removal(uow, account, TOTP, origin)
        uow.commit()
