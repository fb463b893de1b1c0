"""GET /api/notifications/stream: a person's new notifications reach their open stream within a second, a reconnect
resumes after the last event it saw, and nobody sees anyone else's."""
from __future__ import annotations

import threading
import time
import uuid

import pytest
import requests
from jsonschema import Draft202012Validator
from prometheus_client import REGISTRY
from werkzeug.serving import make_server

from notifications.app import create_app
from notifications.models import Notification
from notifications.settings import NotificationsSettings
from servicekit import clock
from servicekit.identity import Identity, TokenSigner
from servicekit.testing import EventStreamReader, wait_for
from servicekit.testing.identities import as_customer

STREAM = "/api/notifications/stream"
HEARTBEAT_SECONDS = 0.3
# N4: a new notification is on the page within a second of its commit.
DELIVERY_SECONDS = 1.0


@pytest.fixture(scope="module")
def live_app(notifications_runtime):
    app = create_app(
        notifications_runtime.config,
        NotificationsSettings(stream_heartbeat_seconds=HEARTBEAT_SECONDS, stream_max_seconds=30),
    )
    yield app
    app.extensions["runtime"].dispose()


@pytest.fixture(scope="module")
def live_url(live_app):
    """The app behind a real HTTP server, as gunicorn serves it: a stream ends on the server's side when the client
    goes away (its next heartbeat fails), in the thread that serves it."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def open_stream(live_url):
    """Open a stream as `headers` say (a signed-in person's identity); a reader of its frames. Every stream the test
    opened is closed, and gone from the server, when it ends."""
    before = streams_open()
    opened = []

    def open_(headers: dict, path: str = STREAM) -> EventStreamReader:
        response = requests.get(f"{live_url}{path}", headers=headers, stream=True, timeout=10)
        assert response.status_code == 200, response.text
        assert response.headers["Content-Type"].startswith("text/event-stream")
        opened.append(EventStreamReader(response.iter_content(chunk_size=None), response.close))
        return opened[-1]

    yield open_
    for reader in opened:
        reader.close()
    wait_for(lambda: streams_open() == before, timeout=5, what="the server to close the streams")


def streams_open() -> float:
    return REGISTRY.get_sample_value("notifications_live_streams_open") or 0.0


def notify(runtime, account_id: str, title: str = "새 주문이 들어왔어요") -> int:
    """A notification committed to `account_id`'s inbox, as the worker writes one; its id."""
    with runtime.unit_of_work() as uow:
        notification = _notification(account_id, title)
        uow.session.add(notification)
        uow.session.flush()
        uow.commit()
        return notification.id


def _notification(account_id: str, title: str) -> Notification:
    return Notification(
        account_id=account_id, kind="new_order", title=title, body="주문 2605-0001 · 15,000원",
        link="/seller/orders/o-1", params={}, source_event_id=str(uuid.uuid4()), created_at=clock.now(),
    )


def new_person(sign_identity) -> tuple[str, dict]:
    account_id = str(uuid.uuid4())
    return account_id, as_customer(sign_identity, account_id)


def test_a_notification_committed_after_the_stream_opened_arrives_within_a_second(
    open_stream, notifications_runtime, sign_identity
):
    account_id, headers = new_person(sign_identity)
    stream = open_stream(headers)
    assert stream.next_frame(DELIVERY_SECONDS).fields["retry"]

    notification_id = notify(notifications_runtime, account_id, title="주문이 결제되었어요")
    committed_at = time.monotonic()
    event = stream.next_event(DELIVERY_SECONDS)

    assert time.monotonic() - committed_at < DELIVERY_SECONDS
    assert (event.id, event.event) == (str(notification_id), "notification")
    assert event.data["title"] == "주문이 결제되었어요"
    assert event.data["unread"] == 1
    assert {"id", "kind", "title", "body", "link", "created_at", "unread"} == set(event.data)


@pytest.mark.parametrize("resume_with", ["header", "query"])
def test_a_reconnect_first_sends_what_was_missed_then_goes_on_without_repeats(
    open_stream, notifications_runtime, sign_identity, resume_with
):
    account_id, headers = new_person(sign_identity)
    first = open_stream(headers)
    seen = notify(notifications_runtime, account_id, "하나")
    assert first.next_event(DELIVERY_SECONDS).data["title"] == "하나"
    first.close()
    missed = [notify(notifications_runtime, account_id, title) for title in ("둘", "셋")]

    if resume_with == "header":
        again = open_stream({**headers, "Last-Event-ID": str(seen)})
    else:
        again = open_stream(headers, f"{STREAM}?last_event_id={seen}")
    resent = [again.next_event(DELIVERY_SECONDS), again.next_event(DELIVERY_SECONDS)]
    later = notify(notifications_runtime, account_id, "넷")

    assert [int(event.id) for event in resent] == missed
    assert [event.data["title"] for event in resent] == ["둘", "셋"]
    assert resent[-1].data["unread"] == 3
    assert again.next_event(DELIVERY_SECONDS).id == str(later)


def test_a_reconnect_after_more_missed_than_one_batch_sends_them_all_in_order_once(
    open_stream, notifications_runtime, sign_identity
):
    account_id, headers = new_person(sign_identity)
    seen = notify(notifications_runtime, account_id, "본 것")
    missed = notify_many(notifications_runtime, account_id, 250)

    again = open_stream({**headers, "Last-Event-ID": str(seen)})
    resent = [int(again.next_event(DELIVERY_SECONDS).id) for _ in missed]
    later = notify(notifications_runtime, account_id, "새 것")

    assert resent == missed
    assert again.next_event(DELIVERY_SECONDS).id == str(later)


def notify_many(runtime, account_id: str, how_many: int) -> list[int]:
    """`how_many` notifications committed to `account_id`'s inbox at once; their ids, oldest first."""
    with runtime.unit_of_work() as uow:
        notifications = [_notification(account_id, f"{number}번째") for number in range(how_many)]
        uow.session.add_all(notifications)
        uow.session.flush()
        uow.commit()
        return sorted(notification.id for notification in notifications)


def test_the_header_wins_over_the_query_of_the_first_url(open_stream, notifications_runtime, sign_identity):
    account_id, headers = new_person(sign_identity)
    first, second = notify(notifications_runtime, account_id, "하나"), notify(notifications_runtime, account_id, "둘")

    stream = open_stream({**headers, "Last-Event-ID": str(first)}, f"{STREAM}?last_event_id=0")

    assert stream.next_event(DELIVERY_SECONDS).id == str(second)


def test_a_quiet_stream_sends_heartbeats(open_stream, sign_identity):
    _, headers = new_person(sign_identity)
    stream = open_stream(headers)
    stream.next_frame(DELIVERY_SECONDS)

    frame = stream.next_frame(HEARTBEAT_SECONDS + DELIVERY_SECONDS)

    assert (frame.comments, frame.fields) == (["heartbeat"], {})


def test_a_stream_shows_only_its_own_recipients_notifications(open_stream, notifications_runtime, sign_identity):
    account_id, headers = new_person(sign_identity)
    someone_else, _ = new_person(sign_identity)
    stream = open_stream(headers)
    stream.next_frame(DELIVERY_SECONDS)

    notify(notifications_runtime, someone_else, "남의 알림")
    own = notify(notifications_runtime, account_id, "내 알림")

    event = stream.next_event(DELIVERY_SECONDS)
    assert (event.id, event.data["title"]) == (str(own), "내 알림")


def test_a_notification_committed_after_one_with_a_higher_id_still_arrives(
    open_stream, notifications_runtime, sign_identity
):
    account_id, headers = new_person(sign_identity)
    someone_else, theirs = new_person(sign_identity)
    stream, other_stream = open_stream(headers), open_stream(theirs)
    with notifications_runtime.unit_of_work() as slow:
        # Ids come from a sequence at insert and transactions commit in any order: this one takes its id first.
        early = _notification(account_id, "번호를 먼저 받은 알림")
        slow.session.add(early)
        slow.session.flush()
        later = notify(notifications_runtime, someone_else, "먼저 커밋된 알림")
        assert other_stream.next_event(DELIVERY_SECONDS).data["id"] == later > early.id

        slow.commit()

    assert stream.next_event(DELIVERY_SECONDS).data["id"] == early.id


def test_a_notification_committing_as_the_first_stream_opens_still_arrives(
    open_stream, notifications_runtime, sign_identity
):
    account_id, headers = new_person(sign_identity)
    someone_else, _ = new_person(sign_identity)
    with notifications_runtime.unit_of_work() as slow:
        early = _notification(account_id, "번호를 먼저 받은 알림")
        slow.session.add(early)
        slow.session.flush()
        notify(notifications_runtime, someone_else, "먼저 커밋된 알림")
        stream = open_stream(headers)
        stream.next_frame(DELIVERY_SECONDS)

        slow.commit()

    assert stream.next_event(DELIVERY_SECONDS).data["id"] == early.id


def test_each_event_of_the_stream_is_one_its_openapi_document_describes(
    live_app, open_stream, notifications_runtime, sign_identity
):
    account_id, headers = new_person(sign_identity)
    stream = open_stream(headers)
    notify(notifications_runtime, account_id)
    event = stream.next_event(DELIVERY_SECONDS)

    content = live_app.test_client().get("/openapi.json").json["paths"][STREAM]["get"]["responses"]["200"]["content"]
    # OpenAPI 3.1: the schema of a text/event-stream is that of one event, its data JSON as `contentSchema` says.
    described = content["text/event-stream"]["schema"]
    Draft202012Validator(described).validate(event.fields)
    Draft202012Validator(described["properties"]["data"]["contentSchema"]).validate(event.data)
    assert set(described["properties"]["data"]["contentSchema"]["properties"]) == set(event.data)


def test_anonymous_callers_are_refused(live_app, sign_identity):
    response = live_app.test_client().get(STREAM, headers=sign_identity())

    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_a_last_event_id_that_is_no_notification_id_is_refused(live_app, sign_identity):
    _, headers = new_person(sign_identity)

    response = live_app.test_client().get(STREAM, headers={**headers, "Last-Event-ID": "yesterday"})

    assert response.status_code == 422


@pytest.mark.parametrize("where", ["header", "query"])
def test_a_last_event_id_beyond_any_notification_id_is_refused(live_app, sign_identity, where):
    _, headers = new_person(sign_identity)
    beyond_64_bits = str(2**63)

    if where == "header":
        response = live_app.test_client().get(STREAM, headers={**headers, "Last-Event-ID": beyond_64_bits})
    else:
        response = live_app.test_client().get(f"{STREAM}?last_event_id={beyond_64_bits}", headers=headers)

    assert response.status_code == 422
    assert list(response.json["errors"]) == ["Last-Event-ID" if where == "header" else "last_event_id"]


def test_the_stream_ends_when_the_identity_token_it_was_opened_with_expires(open_stream, identity_keys):
    signer = TokenSigner((identity_keys / "identity-private.pem").read_bytes(), ttl_seconds=1)
    token = signer.sign(Identity(subject=str(uuid.uuid4()), roles=frozenset({"customer"})))

    stream = open_stream({"X-Identity-Token": token})

    assert stream.ended_within(1 + DELIVERY_SECONDS)


def test_a_stream_whose_browser_left_is_closed_at_its_next_heartbeat(open_stream, sign_identity):
    _, headers = new_person(sign_identity)
    before = streams_open()
    stream = open_stream(headers)
    stream.next_frame(DELIVERY_SECONDS)
    assert streams_open() == before + 1

    stream.close()

    wait_for(lambda: streams_open() == before, timeout=HEARTBEAT_SECONDS * 2 + DELIVERY_SECONDS,
             what="the stream to be closed")
