"""Live notifications (N4): one watcher per web process finds new notifications a few times a second and wakes the
open streams of their recipients; a stream sends what its browser missed first, then each new one as it comes.

The streams never ask the database themselves while they wait: however many are open, the process asks once per
poll (`id` above the highest seen, see domain.arrivals), and only while at least one stream is open. Notifications
are written by the worker, another process, so a commit cannot wake the web process directly; a poll every quarter
second keeps a new one under a second from its commit to the browser, for one cheap primary-key range query.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from typing import Callable, Iterator

from prometheus_client import Gauge
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from notifications import inbox
from notifications.domain.arrivals import MOST_AWAITED, Arrivals
from notifications.domain.live_streams import MOST_RESENT, LiveNotification, LiveStream, lifetime
from notifications.models import Notification
from servicekit.runtime import Runtime

log = logging.getLogger(__name__)

# New notifications taken per poll; a fuller poll is followed by the next at once.
BATCH = 500
# After a failed poll (the database away), before the next try.
RETRY_SECONDS = 2.0

STREAMS_OPEN = Gauge("notifications_live_streams_open", "Live notification streams open", multiprocess_mode="livesum")


class Subscription:
    """One open stream's mailbox: the watcher leaves its recipient's new notifications here and wakes it."""

    def __init__(self, account_id: str):
        self.account_id = account_id
        self._lock = threading.Lock()
        self._arrived: list[LiveNotification] = []
        self._unread_count = 0
        self._woken = threading.Event()

    def leave(self, notifications: list[LiveNotification], unread_count: int) -> None:
        with self._lock:
            self._arrived.extend(notifications)
            self._unread_count = unread_count
        self._woken.set()

    def wait(self, seconds: float) -> tuple[list[LiveNotification], int]:
        """What arrived since the last call, waiting up to `seconds` for something; and the unread count then."""
        self._woken.wait(seconds)
        with self._lock:
            self._woken.clear()
            arrived, self._arrived = self._arrived, []
            return arrived, self._unread_count


class LiveNotifications:
    """The process's watcher and the streams waiting on it, by recipient."""

    def __init__(self, session_factory: sessionmaker[Session], poll_seconds: float):
        self._session_factory = session_factory
        self._poll_seconds = poll_seconds
        self._lock = threading.Lock()
        self._waiting: dict[str, set[Subscription]] = defaultdict(set)
        # None while no stream is open: the watcher then rests and asks nothing.
        self._arrivals: Arrivals | None = None
        self._someone_waits = threading.Event()
        self._watcher: threading.Thread | None = None

    def subscribe(self, account_id: str) -> Subscription:
        """Wake the returned subscription with `account_id`'s notifications committed from now on.

        The first stream of a quiet process fixes where the watcher starts before it returns, so whatever commits
        after this call reaches the stream; what came before, it reads itself (open_stream).
        """
        subscription = Subscription(account_id)
        with self._lock:
            if self._arrivals is None:
                self._arrivals = Arrivals.from_newest(self._newest_ids(), time.monotonic())
                self._someone_waits.set()
            self._waiting[account_id].add(subscription)
            STREAMS_OPEN.inc()
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._watch, name="live-notifications", daemon=True)
                self._watcher.start()
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with self._lock:
            waiting = self._waiting.get(subscription.account_id)
            if waiting is None or subscription not in waiting:
                return
            waiting.discard(subscription)
            STREAMS_OPEN.dec()
            if not waiting:
                del self._waiting[subscription.account_id]
            if not self._waiting:
                self._arrivals = None
                self._someone_waits.clear()

    def _watch(self) -> None:
        while True:
            self._someone_waits.wait()
            try:
                full = self._deliver_new()
            except Exception:  # noqa: BLE001 - the database away: the streams wait, and heartbeats go on
                log.exception("live notifications: could not look for new notifications")
                time.sleep(RETRY_SECONDS)
                continue
            if not full:
                time.sleep(self._poll_seconds)

    def _deliver_new(self) -> bool:
        """Hand each waiting stream its recipient's new notifications; True if there may be more to take at once."""
        with self._lock:
            arrivals = self._arrivals
            if arrivals is None:
                return False
            highest, awaited = arrivals.highest, arrivals.awaited
        query = select(Notification).order_by(Notification.id).limit(BATCH)
        query = query.where(or_(Notification.id > highest, Notification.id.in_(awaited)) if awaited else (
            Notification.id > highest))
        with self._session_factory() as session:
            found = [_live(notification) for notification in session.scalars(query)]
        with self._lock:
            if self._arrivals is not arrivals:
                # Every stream closed meanwhile; the next one starts from where the database is then.
                return False
            new = set(arrivals.take((notification.id for notification in found), time.monotonic()))
            watched = {n.account_id for n in found if n.id in new and n.account_id in self._waiting}
        if watched:
            unread = unread_counts(self._session_factory, watched)
            with self._lock:
                for account_id in watched:
                    theirs = [n for n in found if n.id in new and n.account_id == account_id]
                    for subscription in self._waiting.get(account_id, ()):
                        subscription.leave(theirs, unread.get(account_id, 0))
        return len(found) == BATCH

    def _newest_ids(self) -> list[int]:
        query = select(Notification.id).order_by(Notification.id.desc()).limit(MOST_AWAITED)
        with self._session_factory() as session:
            return list(session.scalars(query))


class OpenStream:
    """The frames of one open stream, for the web server to send as they come. The server closes it when the stream
    ends or its browser goes away (a write fails: at the latest at the next heartbeat), and the watcher forgets it."""

    def __init__(self, live: LiveNotifications, subscription: Subscription, stream: LiveStream,
                 first_missed: tuple[list[LiveNotification], int],
                 missed_after: Callable[[int], tuple[list[LiveNotification], int]]):
        self._live = live
        self._subscription = subscription
        self._stream = stream
        self._first_missed = first_missed
        self._missed_after = missed_after

    def __iter__(self) -> Iterator[bytes]:
        stream = self._stream
        yield stream.opening()
        yield from self._catch_up()
        while not stream.ended(now := time.monotonic()):
            arrived, unread_count = self._subscription.wait(stream.seconds_to_wait(now))
            now = time.monotonic()
            frames = stream.frames(arrived, unread_count, now) if arrived else stream.heartbeat(now)
            if frames:
                yield frames

    def _catch_up(self) -> Iterator[bytes]:
        """What the browser missed, a batch of MOST_RESENT at a time, oldest first, until a batch is not full: every
        frame the watcher hands on later has a higher id, so the browser's Last-Event-ID never skips a missed one."""
        missed, unread = self._first_missed
        while missed:
            yield self._stream.frames(missed, unread, time.monotonic())
            if len(missed) < MOST_RESENT or self._stream.ended(time.monotonic()):
                return
            missed, unread = self._missed_after(missed[-1].id)

    def close(self) -> None:
        self._live.unsubscribe(self._subscription)


def open_stream(runtime: Runtime, live: LiveNotifications, account_id: str, *, resumed_after: int | None,
                token_expires_at: float | None, max_seconds: float, heartbeat_seconds: float) -> OpenStream:
    """`account_id`'s live stream: after `resumed_after` (the Last-Event-ID of a reconnecting browser), first all it
    missed (MOST_RESENT at a time, the oldest first), then each new notification; it ends after `max_seconds`, or
    earlier when the identity token it was opened with expires, and the browser reconnects."""

    def missed(after: int) -> tuple[list[LiveNotification], int]:
        notifications = [_live(n) for n in inbox.notifications_after(runtime, account_id, after, MOST_RESENT)]
        return notifications, inbox.unread_count(runtime, account_id) if notifications else 0

    subscription = live.subscribe(account_id)
    try:
        first_missed = ([], 0) if resumed_after is None else missed(resumed_after)
    except Exception:
        live.unsubscribe(subscription)
        raise
    now = time.monotonic()
    stream = LiveStream(
        ends_at=now + lifetime(max_seconds, token_expires_at, time.time()), heartbeat_seconds=heartbeat_seconds, now=now
    )
    return OpenStream(live, subscription, stream, first_missed, missed)


def unread_counts(session_factory: sessionmaker[Session], account_ids: set[str]) -> dict[str, int]:
    """The unread count of each of `account_ids` that has unread notifications, in one query."""
    query = (
        select(Notification.account_id, func.count())
        .where(Notification.account_id.in_(account_ids), Notification.read_at.is_(None))
        .group_by(Notification.account_id)
    )
    with session_factory() as session:
        return dict(session.execute(query).all())


def _live(notification: Notification) -> LiveNotification:
    return LiveNotification(
        notification.id, notification.account_id, notification.kind, notification.title, notification.body,
        notification.link, notification.created_at,
    )
