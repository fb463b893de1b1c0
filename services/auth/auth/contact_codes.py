"""Codes sent to the contact a person types, proving they own it: password reset (A5) and recovery (A7).

Asking answers the same, after the same hashing work, whether or not an account has that contact;
redeeming fails the same way for a wrong, used, expired or unknown code, and every wrong try counts.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from auth import audit
from auth.accounts import find_account_by_login, refuse_weak_password
from auth.audit import Origin
from auth.contacts import queue_notice
from auth.domain.accounts import parse_login
from auth.models import Account
from auth.one_time_codes import issue_code, redeem_code, spend_issuing_time
from servicekit.app import settings
from servicekit.db import UnitOfWork
from servicekit.languages import Message, _
from servicekit.problems import Problem


@dataclass(frozen=True)
class CodeNotice:
    """What a code is for, and the message that carries it; `body` has %(code)s and %(minutes)s to fill in."""

    purpose: str
    audit_kind: str
    subject: Message
    body: Message


def send_code(
    uow: UnitOfWork,
    login: str,
    notice: CodeNotice,
    lifetime: timedelta,
    origin: Origin,
    eligible: Callable[[Account], bool] = lambda account: True,
) -> None:
    """Send a code to the email or phone typed, if it is an eligible account's; otherwise only spend the time."""
    parsed = parse_login(login)
    account = find_account_by_login(uow.session, parsed, for_update=True)
    if account is None or not eligible(account):
        spend_issuing_time()
        return
    channel, to = ("email", parsed.email) if parsed.email else ("sms", parsed.phone)
    code = issue_code(uow.session, account.id, notice.purpose, channel, lifetime)
    minutes = max(1, int(lifetime.total_seconds()) // 60)
    queue_notice(uow.session, channel=channel, to=to, subject=notice.subject, language=account.language,
                 body=Message(notice.body.msgid, {"code": code, "minutes": minutes}))
    audit.record_audit(uow.session, notice.audit_kind, account_id=account.id, origin=origin, channel=channel)
    uow.commit()


def invalid_code(slug: str) -> Problem:
    """One answer for a wrong, used, expired or unknown code, so none tells which it was."""
    return Problem(400, slug, _("Invalid code"),
                   _("This code is wrong, used or expired. Ask for a new one if you need to."))


def redeem_for_new_password(
    uow: UnitOfWork, login: str, purpose: str, code: str, new_password: str, invalid_slug: str
) -> Account:
    """The account proved by `code`, once `new_password` passes the policy (checked first, so no code is spent)."""
    parsed = parse_login(login)
    # Only the email typed is checked against: the account's own would tell whether it exists.
    refuse_weak_password(new_password, parsed.email, field="new_password")
    account = find_account_by_login(uow.session, parsed, for_update=True)
    if not redeem_code(uow.session, account.id if account else None, purpose, code, settings().code_max_attempts):
        # The spent try is committed, though the answer is an error: tries are limited.
        uow.commit()
        raise invalid_code(invalid_slug)
    return account
