"""Server-Sent Events through the proxy: each frame reaches the browser as the service sends it, not when it ends."""
import queue
import socket
import threading

import pytest
import requests
from werkzeug.serving import make_server

from servicekit.testing import EventStreamReader, wait_for
from tests.conftest import CUSTOMER

STREAM = "/api/notifications/stream"
# A frame that is still on its way after this long was held back somewhere.
FRAME_DEADLINE_SECONDS = 2


@pytest.fixture
def notifications(upstreams):
    """The fake notifications service with frames and a closing signal of this test's own."""
    fake = upstreams["notifications"]
    fake.frames, fake.streams_closed = queue.Queue(), threading.Event()
    yield fake
    fake.frames.put(None)


def serve(app) -> str:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="module")
def gateway_url(gateway_app):
    """The gateway behind a real HTTP server: a test client would read the whole body before returning."""
    return serve(gateway_app)


@pytest.fixture
def browser(gateway_url):
    """A signed-in browser: its session cookie, as EventSource sends it."""
    session = requests.Session()
    signed_in = session.post(f"{gateway_url}/api/session", json={"login": "ada@example.com", "password": "correct horse"})
    assert signed_in.status_code == 201
    return session


def read(response) -> EventStreamReader:
    return EventStreamReader(response.iter_content(chunk_size=None), response.close)


def test_a_frame_reaches_the_browser_while_the_service_is_still_streaming(gateway_url, browser, notifications):
    with browser.get(f"{gateway_url}{STREAM}", stream=True, timeout=FRAME_DEADLINE_SECONDS) as response:
        stream = read(response)
        assert stream.next_frame(FRAME_DEADLINE_SECONDS).comments == ["opened"]

        notifications.frames.put(b'id: 7\nevent: notification\ndata: {"id": 7}\n\n')

        event = stream.next_event(FRAME_DEADLINE_SECONDS)
        assert (event.id, event.event, event.data) == ("7", "notification", {"id": 7})
        assert not notifications.streams_closed.is_set()


def test_a_stream_is_sent_uncached_unbuffered_and_without_a_length(gateway_url, browser, notifications):
    with browser.get(f"{gateway_url}{STREAM}", stream=True, timeout=FRAME_DEADLINE_SECONDS) as response:
        assert response.status_code == 200
        assert response.headers["Content-Type"].startswith("text/event-stream")
        assert response.headers["Cache-Control"] == "no-cache"
        assert response.headers["X-Accel-Buffering"] == "no"
        assert "Content-Length" not in response.headers


def test_the_service_sees_the_signed_in_browser_and_no_csrf_token_is_asked(
    gateway_url, browser, notifications, verifier
):
    with browser.get(f"{gateway_url}{STREAM}", stream=True, timeout=FRAME_DEADLINE_SECONDS) as response:
        assert response.status_code == 200

    identity = verifier.verify(notifications.last()["headers"]["X-Identity-Token"])
    assert identity.subject == CUSTOMER["account_id"]


def test_the_stream_ends_for_the_browser_when_the_service_ends_it(gateway_url, browser, notifications):
    notifications.frames.put(b"data: last\n\n")
    notifications.frames.put(None)

    response = browser.get(f"{gateway_url}{STREAM}", timeout=FRAME_DEADLINE_SECONDS)

    assert response.text == ": opened\n\ndata: last\n\n"


def test_a_browser_that_leaves_closes_the_services_stream(gateway_url, browser, notifications):
    host, port = gateway_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=FRAME_DEADLINE_SECONDS) as tab:
        tab.sendall(
            f"GET {STREAM} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n"
            f"Cookie: session={browser.cookies['session']}\r\n\r\n".encode()
        )
        received = b""
        while b": opened" not in received:
            chunk = tab.recv(65536)
            assert chunk, received
            received += chunk
    # The tab is gone. The service's heartbeats meet the closed connection, and the gateway gives its upstream up.

    wait_for(notifications.streams_closed.is_set, timeout=5, what="the gateway to close the upstream stream")


def test_a_service_silent_past_the_idle_timeout_ends_the_stream(make_gateway, notifications):
    gateway_url = serve(make_gateway(stream_idle_timeout_seconds=0.5))
    session = requests.Session()
    session.post(f"{gateway_url}/api/session", json={"login": "ada@example.com", "password": "correct horse"})

    response = session.get(f"{gateway_url}{STREAM}?heartbeat=0", timeout=FRAME_DEADLINE_SECONDS)

    assert response.status_code == 200
    assert response.text == ": opened\n\n"


def test_an_answer_that_is_not_an_event_stream_comes_back_whole(gateway_url, browser, notifications):
    response = browser.get(f"{gateway_url}{STREAM}?answer=json", timeout=FRAME_DEADLINE_SECONDS)

    assert response.status_code == 200
    assert response.json()["service"] == "notifications"
    assert response.headers["Content-Length"] == str(len(response.content))
