"""A live stream's frames: Server-Sent Events with the notification's id, heartbeats when quiet, an end in time."""
import json
from datetime import datetime, timezone

from notifications.domain.live_streams import LiveNotification, LiveStream, lifetime

CREATED_AT = datetime(2026, 5, 1, 3, 0, tzinfo=timezone.utc)


def notification(notification_id: int) -> LiveNotification:
    return LiveNotification(notification_id, "a-1", "new_order", "새 주문", "주문 2605-0001", "/seller/orders/o-1",
                            CREATED_AT)


def stream(now: float = 0) -> LiveStream:
    return LiveStream(ends_at=now + 60, heartbeat_seconds=15, now=now)


def parsed(frames: bytes) -> list[dict[str, str]]:
    events = []
    for block in frames.decode().split("\n\n"):
        if block:
            events.append(dict(line.split(": ", 1) for line in block.split("\n")))
    return events


def test_a_notification_is_an_event_with_its_id_and_json_data_with_the_unread_count():
    frames = stream().frames([notification(7)], unread_count=3, now=1)

    (event,) = parsed(frames)
    assert (event["id"], event["event"]) == ("7", "notification")
    assert json.loads(event["data"]) == {
        "id": 7, "kind": "new_order", "title": "새 주문", "body": "주문 2605-0001", "link": "/seller/orders/o-1",
        "created_at": "2026-05-01T03:00:00+00:00", "unread": 3,
    }


def test_a_notification_both_missed_and_found_by_the_watcher_is_sent_once():
    live = stream()
    live.frames([notification(7)], unread_count=1, now=1)

    assert live.frames([notification(7), notification(8)], unread_count=2, now=2).count(b"event: notification") == 1


def test_the_opening_tells_the_browser_how_soon_to_reconnect():
    assert stream().opening().startswith(b"retry: ")


def test_a_heartbeat_comes_only_after_the_stream_was_quiet_for_the_interval():
    live = stream(now=0)

    assert live.heartbeat(now=14) == b""
    assert live.heartbeat(now=15) == b": heartbeat\n\n"
    live.frames([notification(1)], unread_count=1, now=20)
    assert live.heartbeat(now=30) == b""
    assert live.seconds_to_wait(now=30) == 5


def test_waiting_never_runs_past_the_end_of_the_stream():
    live = LiveStream(ends_at=10, heartbeat_seconds=15, now=0)

    assert live.seconds_to_wait(now=4) == 6
    assert not live.ended(now=9.9)
    assert live.ended(now=10)


def test_a_stream_ends_when_its_identity_token_expires_if_that_comes_first():
    assert lifetime(300, token_expires_at=1_000_060, now=1_000_000) == 60
    assert lifetime(30, token_expires_at=1_000_060, now=1_000_000) == 30
    assert lifetime(30, token_expires_at=None, now=1_000_000) == 30
    assert lifetime(30, token_expires_at=999_000, now=1_000_000) == 0
