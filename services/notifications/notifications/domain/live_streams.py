"""One person's live stream of notifications as Server-Sent Events (the text/event-stream format of the WHATWG HTML
standard): the frames it sends, when it sends a heartbeat, and how long it lasts.

Each notification is a frame `id: <its id>`, `event: notification`, `data: <JSON>`. The browser sends the last id back
as Last-Event-ID when it reconnects, and the stream resumes after it: one inbox's ids commit in order (delivery.py
holds the inbox's lock until commit), so nothing of its own can still come below the last id a browser saw.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

EVENT = "notification"
# How long a browser waits before reconnecting when a stream ends (EventSource's `retry`).
RETRY_MILLISECONDS = 1000
# A resumed stream sends the notifications missed this many at a time, the oldest first, until it has sent them all
# (live.py): a frame of a newer one before an older one was sent would move the browser's Last-Event-ID past it.
MOST_RESENT = 100


@dataclass(frozen=True)
class LiveNotification:
    id: int
    account_id: str
    kind: str
    title: str
    body: str
    link: str | None
    created_at: datetime


def lifetime(max_seconds: float, token_expires_at: float | None, now: float) -> float:
    """Seconds a stream opened `now` (Unix time) lasts: its maximum, but never past the identity token it was opened
    with, so a session ended or signed out meanwhile stops receiving at the latest when that token expires (the
    reconnection goes through the gateway's session check again)."""
    if token_expires_at is None:
        return max_seconds
    return max(0.0, min(max_seconds, token_expires_at - now))


class LiveStream:
    """What one open stream has sent. Times are seconds on the caller's monotonic clock."""

    def __init__(self, *, ends_at: float, heartbeat_seconds: float, now: float):
        self.ends_at = ends_at
        self._heartbeat_seconds = heartbeat_seconds
        self._sent: set[int] = set()
        self._last_sent_at = now

    def opening(self) -> bytes:
        """Sent at once, so the browser knows it is connected and how soon to come back when the stream ends."""
        return f"retry: {RETRY_MILLISECONDS}\n: connected\n\n".encode()

    def frames(self, notifications: list[LiveNotification], unread_count: int, now: float) -> bytes:
        """The frames of the notifications this stream has not sent yet (what it missed and what the watcher found
        may overlap), in id order."""
        frames = []
        for notification in sorted(notifications, key=lambda n: n.id):
            if notification.id in self._sent:
                continue
            self._sent.add(notification.id)
            data = json.dumps(_shown(notification, unread_count), ensure_ascii=False, separators=(",", ":"))
            frames.append(f"id: {notification.id}\nevent: {EVENT}\ndata: {data}\n\n")
        if frames:
            self._last_sent_at = now
        return "".join(frames).encode()

    def heartbeat(self, now: float) -> bytes:
        """A comment line when the stream was quiet for the heartbeat interval: it keeps proxies from closing an idle
        connection, and a write is how a stream learns that its browser went away."""
        if now - self._last_sent_at < self._heartbeat_seconds:
            return b""
        self._last_sent_at = now
        return b": heartbeat\n\n"

    def seconds_to_wait(self, now: float) -> float:
        """Until the next heartbeat is due or the stream ends, whichever comes first."""
        return max(0.0, min(self._last_sent_at + self._heartbeat_seconds, self.ends_at) - now)

    def ended(self, now: float) -> bool:
        return now >= self.ends_at


def _shown(notification: LiveNotification, unread_count: int) -> dict:
    return {
        "id": notification.id,
        "kind": notification.kind,
        "title": notification.title,
        "body": notification.body,
        "link": notification.link,
        "created_at": notification.created_at.isoformat(),
        "unread": unread_count,
    }
