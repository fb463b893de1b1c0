"""Accounts as kept: finding one by its id or by the contact typed, adding one, the refusals account use cases
share, and what operators do: make staff accounts (admins, support agents), announce every account again."""
from __future__ import annotations

import uuid

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auth.contacts import announce_contacts
from auth.domain.accounts import ACTIVE, KOREAN, Login
from auth.domain.passwords import check_password, hash_password
from auth.models import Account
from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import Message, _
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def account_exists() -> Problem:
    return Problem(409, "account-exists", _("Account exists"), _("An account with this email or phone already exists."))


def account_not_found() -> Problem:
    return Problem(404, "account-not-found", "Not Found", _("This account no longer exists."))


def one_after_another(messages) -> Message:
    """Messages written one after another, each in the reader's language."""
    messages = iter(messages)
    words = next(messages)
    for message in messages:
        words = _("%(earlier)s %(later)s", earlier=words, later=message)
    return words


def refuse_weak_password(password: str, email: str | None, field: str = "password") -> None:
    """Raise a 422 naming every rule of the policy that `password` breaks (A1)."""
    failures = check_password(password, email)
    if failures:
        raise Problem(
            422,
            "weak-password",
            _("Weak password"),
            _("The password does not meet the policy: %(rules)s", rules=one_after_another(f.message for f in failures)),
            errors={field: [f.message for f in failures]},
            rules=[f.code for f in failures],
        )


def find_account(uow: UnitOfWork, account_id: str, *, for_update: bool = False) -> Account:
    """The account, locked for the transaction `for_update` (so its changes go one request at a time); 404 if gone."""
    account = uow.session.get(Account, account_id, with_for_update=for_update)
    if account is None:
        raise account_not_found()
    return account


def find_account_by_login(session: Session, login: Login, *, for_update: bool = False) -> Account | None:
    """The account whose email or phone is the one typed; None when there is none (or nothing usable was typed)."""
    if login.email:
        column, value = Account.email, login.email
    elif login.phone:
        column, value = Account.phone, login.phone
    else:
        return None
    statement = select(Account).where(column == value)
    return session.scalars(statement.with_for_update() if for_update else statement).first()


def taken_contacts(session: Session, email: str | None, phone: str | None) -> list[str]:
    """Which of `email` and `phone` ("email", "phone") an account already has."""
    taken = []
    if email and session.scalar(select(exists().where(Account.email == email))):
        taken.append("email")
    if phone and session.scalar(select(exists().where(Account.phone == phone))):
        taken.append("phone")
    return taken


def add_account(session: Session, *, email: str | None, phone: str | None, name: str, password_hash: str,
                roles: list[str], language: str = KOREAN) -> Account:
    """Add an active account to the caller's transaction; its contacts were checked to be free. The caller
    announces it (contacts.announce_contacts) once it is whole: a seller's, with its registration."""
    now = clock.now()
    account = Account(
        id=str(uuid.uuid4()),
        email=email,
        phone=phone,
        name=name,
        password_hash=password_hash,
        roles=roles,
        language=language,
        status=ACTIVE,
        password_changed_at=now,
        created_at=now,
    )
    session.add(account)
    return account


def create_staff_account(runtime: Runtime, email: str, password: str, name: str, role: str,
                         language: str = KOREAN) -> Account:
    """An admin or support agent account, made at once: only operators make one, from the command line."""
    refuse_weak_password(password, email)
    with runtime.unit_of_work() as uow:
        if taken_contacts(uow.session, email, None):
            raise account_exists()
        account = add_account(uow.session, email=email, phone=None, name=name, password_hash=hash_password(password),
                              roles=[role], language=language)
        try:
            announce_contacts(uow, account)
            uow.commit()
        except IntegrityError:
            # Another account took the email between the check and the commit; the unique index decided.
            raise account_exists() from None
        return account


def announce_every_account(runtime: Runtime, batch: int = 500) -> int:
    """Record AccountContactsChanged for every account, each under its next revision, `batch` accounts a
    transaction; returns how many were announced.

    An operator fills a new subscriber with it, or one that lost its copy (publish-contacts). Running it again
    announces the same pictures under higher revisions, which a subscriber keeping the highest takes harmlessly;
    a change made meanwhile is announced under a revision of its own, in the order of the commits.
    """
    announced, after = 0, ""
    while True:
        with runtime.unit_of_work() as uow:
            accounts = list(uow.session.scalars(
                select(Account).where(Account.id > after).order_by(Account.id).limit(batch)
            ))
            for account in accounts:
                announce_contacts(uow, account)
            uow.commit()
        announced += len(accounts)
        if len(accounts) < batch:
            return announced
        after = accounts[-1].id
