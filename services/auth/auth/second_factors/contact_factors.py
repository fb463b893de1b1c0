"""Codes by SMS or email as a second factor: sending one to the account's registered phone or email, enabling
the factor once a first code proves the contact reaches its owner, and removing it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from auth.accounts import find_account
from auth.audit import Origin
from auth.contacts import mask_email, mask_phone, queue_notice
from auth.domain.viewers import Viewer
from auth.models import Account, ContactFactor
from auth.one_time_codes import CONTACT_CHECK, issue_code, lifetime_in_words, redeem_code
from auth.second_factors.enrolment import (
    SMS,
    Enrolment,
    already_enrolled,
    complete_enrolment,
    enrolled_methods,
    not_enrolled,
    record_removal,
    refuse_without_step_up,
    wrong_code,
)
from servicekit import clock
from servicekit.app import settings, unit_of_work
from servicekit.languages import Message, _
from servicekit.problems import Problem


@dataclass(frozen=True)
class CodeSent:
    method: str
    sent_to: str
    expires_at: datetime


def send_code(session: Session, account: Account, method: str, purpose: str, *, subject: Message,
              use: Message) -> CodeSent:
    """Issue a code for `purpose` and queue it to the account's phone (sms) or email; 409 when it has none."""
    contact = account.phone if method == SMS else account.email
    if not contact:
        missing = (_("This account has no mobile number to send a code to; add one to the account first.")
                   if method == SMS else
                   _("This account has no email address to send a code to; add one to the account first."))
        raise Problem(409, "no-contact", _("No such contact"), missing)
    lifetime = settings().code_lifetime_seconds
    code = issue_code(session, account.id, purpose, method, timedelta(seconds=lifetime))
    queue_notice(
        session, channel=method, to=contact, subject=subject, language=account.language,
        body=_("Your Marketplace %(use)s code is %(code)s. It expires in %(lifetime)s. Never share it: we will never "
               "ask you for it.", use=use, code=code, lifetime=lifetime_in_words(lifetime)),
    )
    sent_to = mask_phone(contact) if method == SMS else mask_email(contact)
    return CodeSent(method, sent_to, clock.now() + timedelta(seconds=lifetime))


def send_check(viewer: Viewer, method: str) -> CodeSent:
    """Start enabling codes by SMS or email: a code to the registered contact proves it reaches its owner.

    A step-up comes first when the account has another factor.
    """
    with unit_of_work() as uow:
        refuse_without_step_up(uow.session, viewer)
        account = find_account(uow, viewer.account_id, for_update=True)
        if uow.session.get(ContactFactor, (account.id, method)) is not None:
            raise already_enrolled(method)
        sent = send_code(uow.session, account, method, CONTACT_CHECK, subject=_("Confirm your second factor"),
                         use=_("confirmation"))
        uow.commit()
        return sent


def confirm(account_id: str, method: str, code: str, origin: Origin) -> Enrolment:
    """Enable the factor with the code just sent; 422 invalid-code when it is wrong or expired."""
    with unit_of_work() as uow:
        account = find_account(uow, account_id, for_update=True)
        if uow.session.get(ContactFactor, (account_id, method)) is not None:
            raise already_enrolled(method)
        if not redeem_code(uow.session, account_id, CONTACT_CHECK, code, settings().code_max_attempts,
                           channel=method):
            # The wrong try counts even though this request fails.
            uow.commit()
            raise wrong_code(_("The code is wrong or has expired. After a few wrong tries, ask for a new code."))
        first = not enrolled_methods(uow.session, account_id)
        factor = ContactFactor(account_id=account_id, method=method, enabled_at=clock.now())
        uow.session.add(factor)
        return complete_enrolment(uow, account, method, factor.enabled_at, first=first, origin=origin)


def remove(account_id: str, method: str, origin: Origin) -> None:
    with unit_of_work() as uow:
        account = find_account(uow, account_id, for_update=True)
        factor = uow.session.get(ContactFactor, (account_id, method))
        if factor is None:
            raise not_enrolled(method)
        uow.session.delete(factor)
        record_removal(uow, account, method, origin)
        uow.commit()
