"""An account as its owner sees it (their profile): its fields, its second factors and the reminder of an old
password (A6); and their changes to its name, language, email or phone, each announced to the other services."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth import audit
from auth.accounts import account_exists, find_account
from auth.audit import Origin
from auth.contacts import announce_contacts, mask_email, mask_phone, queue_notice
from auth.credentials import confirm_current_password
from auth.domain.passwords import is_password_old
from auth.domain.viewers import Viewer
from auth.models import Account
from auth.second_factors.enrolment import enrolled_methods, refuse_without_step_up
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem

CONTACT_FIELDS = ("email", "phone")
# How a notice of changed contacts names each.
CONTACT_NAMES = {"email": _("email"), "phone": _("phone")}
# What the owner changes freely, without their password.
FREE_FIELDS = ("name", "language")


@dataclass(frozen=True)
class Profile:
    """An account as its owner reads it: its own fields, its second factors and the password reminder (A6)."""

    account: Account
    second_factors: list[str]
    password_change_recommended: bool

    def __getattr__(self, name: str) -> Any:
        # Reached only for what the dataclass itself lacks: the account's columns.
        return getattr(self.account, name)


def profile_of(session: Session, account: Account) -> Profile:
    return Profile(
        account=account,
        second_factors=enrolled_methods(session, account.id),
        password_change_recommended=is_password_old(
            account.password_changed_at, clock.now(), settings().password_max_age_days
        ),
    )


def profile(account_id: str) -> Profile:
    with unit_of_work() as uow:
        return profile_of(uow.session, find_account(uow, account_id))


def contacts_changing(account: Account, fields: dict[str, Any]) -> list[str]:
    """Which of the email and phone `fields` would replace with another value."""
    return [field for field in CONTACT_FIELDS if fields.get(field) and fields[field] != getattr(account, field)]


def update_profile(viewer: Viewer, fields: dict[str, Any], origin: Origin) -> Profile:
    """Rename the account, choose its language, or change its email or phone, which needs the current password
    and, when the account has a second factor, a step-up.

    The replaced contacts are told, so a hijacker cannot quietly move the account to their own. Any change is
    announced (AccountContactsChanged); a request that changes nothing is not.
    """
    with unit_of_work() as uow:
        account = find_account(uow, viewer.account_id, for_update=True)
        changed = contacts_changing(account, fields)
        if changed:
            refuse_without_step_up(uow.session, viewer)
            if not fields.get("current_password"):
                message = _("Give your current password to change your email or phone.")
                raise Problem(422, "validation-failed", "Unprocessable Entity", message,
                              errors={"current_password": [message]})
            # Before anything changes: a wrong password commits its failed attempt, and nothing else may go with it.
            confirm_current_password(uow, account, fields["current_password"], origin, action="contact_change")
            _change_contacts(uow, account, changed, fields, origin)
        changed_freely = [field for field in FREE_FIELDS if field in fields and fields[field] != getattr(account, field)]
        for field in changed_freely:
            setattr(account, field, fields[field])
        try:
            if changed or changed_freely:
                announce_contacts(uow, account)
            uow.commit()
        except IntegrityError:
            # Another account took the contact between the check and the commit; the unique index decided.
            raise account_exists() from None
        return profile_of(uow.session, account)


def _masked(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    return mask_email(value) if field == "email" else mask_phone(value)


def _change_contacts(uow: UnitOfWork, account: Account, changed: list[str], fields: dict[str, Any],
                     origin: Origin) -> None:
    taken = or_(*(getattr(Account, field) == fields[field] for field in changed))
    if uow.session.scalars(select(Account.id).where(taken, Account.id != account.id).limit(1)).first() is not None:
        raise account_exists()
    before = {field: getattr(account, field) for field in CONTACT_FIELDS}
    for field in changed:
        setattr(account, field, fields[field])
    after = {field: getattr(account, field) for field in CONTACT_FIELDS}
    audit.record_audit(
        uow.session, audit.CONTACT_CHANGED, account_id=account.id, origin=origin, changed=changed,
        **{field: {"from": _masked(field, before[field]), "to": _masked(field, after[field])} for field in changed},
    )
    _tell_previous_contacts(uow, account, before, changed, after)


def _tell_previous_contacts(uow: UnitOfWork, account: Account, before: dict[str, str | None], changed: list[str],
                            after: dict[str, str | None]) -> None:
    """Warn the contacts the account had: the replaced ones, or when a contact was only added, the one it had."""
    told = [field for field in changed if before[field]] or [field for field in CONTACT_FIELDS if before[field]]
    summary = None
    for field in changed:
        change = _("%(field)s %(before)s -> %(after)s", field=CONTACT_NAMES[field],
                   before=_masked(field, before[field]) or _("(none)"), after=_masked(field, after[field]))
        summary = _("%(earlier)s; %(later)s", earlier=summary, later=change) if summary else change
    body = _("The contact details of your account were changed (%(summary)s). If this was not you, contact support.",
             summary=summary)
    for field in told:
        channel = "email" if field == "email" else "sms"
        queue_notice(uow.session, channel=channel, to=before[field], subject=_("Your contact details were changed"),
                     body=body, language=account.language, named=True)
