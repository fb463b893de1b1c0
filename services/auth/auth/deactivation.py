"""Deactivation by the owner, and recovery of a deactivated or locked account with a code and a new password (A7)."""
from __future__ import annotations

from datetime import timedelta

from auth import audit
from auth.accounts import find_account
from auth.audit import Origin
from auth.contact_codes import CodeNotice, redeem_for_new_password, send_code
from auth.contacts import announce_contacts
from auth.credentials import confirm_current_password, set_password, tell_owner_of
from auth.domain.accounts import ACTIVE, DEACTIVATED
from auth.domain.viewers import Viewer
from auth.locks import is_locked, unlock
from auth.models import Account
from auth.one_time_codes import RECOVERY
from auth.second_factors.enrolment import refuse_without_step_up
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import _
from servicekit.problems import Problem

LOCKED = "locked"
RECOVERY_NOTICE = CodeNotice(
    purpose=RECOVERY,
    audit_kind=audit.RECOVERY_REQUESTED,
    subject=_("Your account recovery code"),
    body=_(
        "Your Marketplace account recovery code is %(code)s. It expires in %(minutes)s minutes. "
        "Enter it with a new password to use your account again. If you did not ask for it, ignore this message."
    ),
)


def deactivate_account(viewer: Viewer, password: str, origin: Origin) -> None:
    """The owner closes their account (A7); it signs in again only through recovery. The caller ends every session.

    It needs the password, and a step-up first when the account has a second factor.
    """
    with unit_of_work() as uow:
        refuse_without_step_up(uow.session, viewer)
        account = find_account(uow, viewer.account_id, for_update=True)
        confirm_current_password(uow, account, password, origin, action="deactivation")
        if account.status != ACTIVE:
            raise Problem(409, "account-not-active", _("Not active"), _("This account is already deactivated."))
        account.status = DEACTIVATED
        account.deactivated_at = clock.now()
        uow.record("AccountDeactivated", {"account_id": account.id, "deactivated_at": account.deactivated_at})
        announce_contacts(uow, account)
        tell_owner_of(
            uow, account, audit.ACCOUNT_DEACTIVATED, origin,
            subject=_("Your account was deactivated"),
            body=_("Your account was deactivated and signed out everywhere. To use it again, recover it with a code "
                   "sent to this contact. If this was not you, recover it now and choose a new password."),
        )
        uow.commit()


def needs_recovery(account: Account) -> bool:
    return account.status == DEACTIVATED or is_locked(account)


def request_recovery(login: str, origin: Origin) -> None:
    """Send a recovery code to the contact typed, when it is a deactivated or locked account's.

    It lives as long as a reset code: recovery ends in a password reset too.
    """
    lifetime = timedelta(seconds=settings().reset_code_lifetime_seconds)
    with unit_of_work() as uow:
        send_code(uow, login, RECOVERY_NOTICE, lifetime, origin, eligible=needs_recovery)


def confirm_recovery(login: str, code: str, new_password: str, origin: Origin) -> str:
    """Reactivate and unlock the account with its code and a forced new password; returns the id whose sessions end."""
    with unit_of_work() as uow:
        account = redeem_for_new_password(uow, login, RECOVERY, code, new_password, "recovery-code-invalid")
        previous_status = DEACTIVATED if account.status == DEACTIVATED else LOCKED
        now = clock.now()
        set_password(uow, account, new_password, via="recovery")
        account.status = ACTIVE
        account.deactivated_at = None
        unlock(account)
        uow.record(
            "AccountReactivated",
            {"account_id": account.id, "previous_status": previous_status, "reactivated_at": now},
        )
        if previous_status == DEACTIVATED:
            # A locked account was active all along: nothing others keep of it changed.
            announce_contacts(uow, account)
        tell_owner_of(
            uow, account, audit.ACCOUNT_REACTIVATED, origin,
            subject=_("Your account was recovered"),
            body=_("Your account is active again with the new password you chose, and every earlier session was "
                   "signed out. If this was not you, contact support at once."),
            previous_status=previous_status,
        )
        uow.commit()
        return account.id
