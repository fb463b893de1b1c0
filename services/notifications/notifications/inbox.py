"""Each person's inbox: their notifications newest first, how many are unread, and marking them read.

Only the owner reaches a notification: another's id answers as one that does not exist.
"""
from __future__ import annotations

from sqlalchemy import func, select, update

from notifications.models import Notification
from servicekit import clock
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime


def notifications_page(runtime: Runtime, account_id: str, pagination_parameters, *, unread: bool | None = None,
                       kind: str | None = None) -> list[Notification]:
    """A page of the account's notifications, newest first; only unread (or only read) ones, of one kind."""
    query = select(Notification).where(Notification.account_id == account_id).order_by(Notification.id.desc())
    if unread is not None:
        query = query.where(Notification.read_at.is_(None) if unread else Notification.read_at.is_not(None))
    if kind is not None:
        query = query.where(Notification.kind == kind)
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, query, pagination_parameters)


def notifications_after(runtime: Runtime, account_id: str, after_id: int, limit: int = 100) -> list[Notification]:
    """The account's notifications newer than `after_id`, oldest first: what a client that saw `after_id` has
    not seen (the live stream's resume from Last-Event-ID). Ids of one inbox commit in order (delivery.py)."""
    with runtime.unit_of_work() as uow:
        return list(uow.session.scalars(
            select(Notification)
            .where(Notification.account_id == account_id, Notification.id > after_id)
            .order_by(Notification.id)
            .limit(limit)
        ))


def unread_count(runtime: Runtime, account_id: str) -> int:
    with runtime.unit_of_work() as uow:
        return uow.session.execute(
            select(func.count()).select_from(Notification)
            .where(Notification.account_id == account_id, Notification.read_at.is_(None))
        ).scalar_one()


def _own(uow, account_id: str, notification_id: int) -> Notification:
    notification = uow.session.get(Notification, notification_id)
    if notification is None or notification.account_id != account_id:
        raise Problem(404, "notification-not-found", "Not Found", _("You have no notification with this id."))
    return notification


def mark_read(runtime: Runtime, account_id: str, notification_id: int) -> Notification:
    """Mark one of the account's notifications read; one read already keeps the time it was first read."""
    with runtime.unit_of_work() as uow:
        notification = _own(uow, account_id, notification_id)
        if notification.read_at is None:
            notification.read_at = clock.now()
            uow.commit()
        return notification


def mark_all_read(runtime: Runtime, account_id: str) -> int:
    """Mark every unread notification of the account read; how many there were."""
    with runtime.unit_of_work() as uow:
        marked = uow.session.execute(
            update(Notification)
            .where(Notification.account_id == account_id, Notification.read_at.is_(None))
            .values(read_at=clock.now())
        ).rowcount
        uow.commit()
        return marked
