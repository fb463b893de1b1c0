"""Notices delivered: into each recipient's inbox at once, and by mail and SMS through servicekit's outgoing
queue in the same transaction (its worker job retries a failed send with back-off; the inbox row never waits
for it).

Each notice is delivered once per event, person and kind: the unique key of a notification is (event id,
account, kind), on top of the inbox that skips a redelivered event. A notice to a seller whose account is not
known here yet waits (SellerNoticeWaiting) and is delivered when it becomes known (contacts.py). A notice to
an account whose contacts have not arrived goes into its inbox in Korean, and what it was to be mailed or
texted is owed (email_owed, sms_owed) and sent, while still news, when the contacts arrive.
"""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from prometheus_client import Counter
from sqlalchemy import bindparam, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from contracts import Envelope
from notifications import preferences
from notifications.domain import messages
from notifications.domain.channels import still_owed
from notifications.domain.kinds import EMAIL, IN_APP, SMS
from notifications.domain.notices import Notice, ToAccount, ToAgents, ToSeller
from notifications.models import Notification, Recipient, SellerAccount, SellerNoticeWaiting
from notifications.settings import process_settings
from servicekit import clock
from servicekit.db import UnitOfWork, is_postgres
from servicekit.notifications import queue_notification

log = logging.getLogger(__name__)

# A notice for the agents while no active agent is known here (no agent's contacts arrived yet): nobody is told.
AGENT_NOTICES_UNADDRESSED = Counter(
    "notifications_agent_notices_unaddressed", "Notices for agents dropped while no active agent was known", ["kind"]
)


def _active_agents(session: Session) -> list[str]:
    return list(session.scalars(
        select(Recipient.account_id).where(Recipient.is_agent.is_(True), Recipient.active.is_(True))
        .order_by(Recipient.account_id)
    ))


def seller_account(session: Session, seller_id: str) -> str | None:
    """The account acting for the seller, read under the seller's lock (lock_seller), which the caller holds: a
    notice parked for a seller not known yet is committed before, or seen by, whoever learns the seller's account."""
    account = session.get(SellerAccount, seller_id)
    return account.account_id if account is not None else None


_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(hashtext(:key))")


def _advisory_lock(session: Session, key: str) -> None:
    """A lock on `key` until the transaction ends (PostgreSQL; SQLite writes one transaction at a time anyway)."""
    connection = session.connection()
    if is_postgres(connection):
        connection.execute(_ADVISORY_LOCK, {"key": key})


def lock_seller(session: Session, seller_id: str) -> None:
    """Take the seller's lock until commit: whoever parks a notice for a seller not known yet and whoever learns
    the seller's account take it before reading, so the learner never misses a waiting notice still uncommitted."""
    _advisory_lock(session, f"seller:{seller_id}")


def lock_inboxes(session: Session, account_ids: list[str]) -> None:
    """Take each inbox's lock until commit, in one order so two events never wait on each other.

    A notification's id comes from a sequence when it is inserted, and transactions commit in any order:
    without this, a reader of one inbox (the live stream, resuming after the last id it saw) could see id 11
    committed before id 10 and never look back for 10. Under the lock one inbox's ids commit in order.
    SQLite writes one transaction at a time anyway.
    """
    for account_id in sorted(set(account_ids)):
        _advisory_lock(session, f"inbox:{account_id}")


def _send(session: Session, recipient: Recipient, channels: set[str], kind: str, params: dict[str, Any],
          link: str | None) -> None:
    """Queue the mail and SMS of a notification to a recipient whose contacts are known, in their language."""
    if not recipient.active:
        return
    web_url = process_settings().web_url
    message = messages.write(kind, params, recipient.language)
    if EMAIL in channels and recipient.email:
        body = messages.mail_body(message, link, recipient.language, web_url)
        queue_notification(session, EMAIL, recipient.email, message.title, body)
    if SMS in channels and recipient.phone:
        queue_notification(session, SMS, recipient.phone, message.title,
                           messages.sms_text(message, link, recipient.language, web_url))


def _post_once(insert_into):
    """The insert of a notification that does nothing when this event already notified this person of this kind
    (uq_notifications_once): one statement instead of a flush and a savepoint's three."""
    columns = Notification.__table__.c
    return insert_into(Notification.__table__).values(
        {name: bindparam(name, type_=columns[name].type) for name in _POSTED}
    ).on_conflict_do_nothing(index_elements=["source_event_id", "account_id", "kind"]).returning(columns.id)


_POSTED = ("account_id", "kind", "title", "body", "link", "params", "source_event_id", "created_at", "read_at",
           "email_owed", "sms_owed")
_POST_ONCE = {"postgresql": _post_once(postgresql.insert), "sqlite": _post_once(sqlite.insert)}


def post(uow: UnitOfWork, account_id: str, kind: str, link: str | None, params: dict[str, Any], event_id: str,
         news: bool = True) -> None:
    """Put one notice in one inbox and send it on the channels its recipient wants (the inbox alone when it is
    news no longer); nothing when this event already notified them of this kind. The caller holds the inbox's
    lock (lock_inboxes)."""
    recipient = uow.session.get(Recipient, account_id)
    language = recipient.language if recipient is not None else None
    message = messages.write(kind, params, language)
    channels = preferences.channels_for(uow.session, account_id, kind) if news else {IN_APP}
    connection = uow.session.connection()
    posted = connection.execute(_POST_ONCE[connection.dialect.name], {
        "account_id": account_id, "kind": kind, "title": message.title, "body": message.body, "link": link,
        "params": params, "source_event_id": event_id, "created_at": clock.now(), "read_at": None,
        "email_owed": recipient is None and EMAIL in channels, "sms_owed": recipient is None and SMS in channels,
    }).first() is not None
    if posted and recipient is not None:
        _send(uow.session, recipient, channels, kind, params, link)


def _wait_for_seller(uow: UnitOfWork, seller_id: str, notice: Notice, event_id: str, since: datetime) -> None:
    uow.add_once(SellerNoticeWaiting(seller_id=seller_id, kind=notice.kind, params=notice.params,
                                     link=notice.link, source_event_id=event_id, created_at=since))


def deliver_event(uow: UnitOfWork, envelope: Envelope, notices: list[Notice]) -> None:
    """Deliver an event's notices. One that happened longer ago than OWED_MESSAGES_KEPT (a backlog worked off
    late, or the past resent to this service with `past-events resend`) is news no longer: it goes into the
    inboxes, never out by mail or SMS."""
    deliver(uow, envelope.id, notices, occurred_at=envelope.occurred_at)


def deliver(uow: UnitOfWork, event_id: str, notices: list[Notice], occurred_at: datetime | None = None) -> None:
    """Deliver what an event's notices say, each to whoever its addressee is now; mailed and texted only while
    still news (domain.channels.still_owed from `occurred_at`, default now)."""
    now = clock.now()
    since = min(occurred_at, now) if occurred_at is not None else now
    news = still_owed(since, now)
    posts: list[tuple[str, Notice]] = []
    # Sellers' locks before inboxes', each in one order, as contacts.py takes them: no two events wait on each other.
    for seller_id in sorted({notice.to.seller_id for notice in notices if isinstance(notice.to, ToSeller)}):
        lock_seller(uow.session, seller_id)
    for notice in notices:
        to = notice.to
        if isinstance(to, ToAccount):
            posts.append((to.account_id, notice))
        elif isinstance(to, ToSeller):
            account_id = seller_account(uow.session, to.seller_id)
            if account_id is None:
                _wait_for_seller(uow, to.seller_id, notice, event_id, since)
            else:
                posts.append((account_id, notice))
        elif isinstance(to, ToAgents):
            agents = [to.assignee_id] if to.assignee_id else _active_agents(uow.session)
            if not agents:
                log.warning("no active agent is known: the %s notice of event %s reaches nobody", notice.kind, event_id)
                AGENT_NOTICES_UNADDRESSED.labels(notice.kind).inc()
            posts.extend((agent_id, notice) for agent_id in agents)
    lock_inboxes(uow.session, [account_id for account_id, _ in posts])
    for account_id, notice in posts:
        post(uow, account_id, notice.kind, notice.link, notice.params, event_id, news)


def deliver_waiting(uow: UnitOfWork, seller_id: str, account_id: str) -> None:
    """The notices that waited for this seller's account go into its inbox, oldest first."""
    waiting = list(uow.session.scalars(
        select(SellerNoticeWaiting).where(SellerNoticeWaiting.seller_id == seller_id).order_by(SellerNoticeWaiting.id)
    ))
    if not waiting:
        return
    lock_inboxes(uow.session, [account_id])
    now = clock.now()
    for notice in waiting:
        post(uow, account_id, notice.kind, notice.link, notice.params, notice.source_event_id,
             still_owed(notice.created_at, now))
        uow.session.delete(notice)


def send_owed(uow: UnitOfWork, recipient: Recipient) -> None:
    """Mail and text what was owed to this recipient while their contacts were unknown, if still news."""
    owed = list(uow.session.scalars(
        select(Notification)
        .where(Notification.account_id == recipient.account_id)
        .where(Notification.email_owed.is_(True) | Notification.sms_owed.is_(True))
        .order_by(Notification.id)
        .with_for_update()
    ))
    now = clock.now()
    for notification in owed:
        if still_owed(notification.created_at, now):
            channels = {channel for channel, is_owed in ((EMAIL, notification.email_owed), (SMS, notification.sms_owed))
                        if is_owed}
            _send(uow.session, recipient, channels, notification.kind, notification.params, notification.link)
        notification.email_owed = notification.sms_owed = False
