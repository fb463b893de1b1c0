"""The pooled HTTP client to the upstream services, and what its failures mean to a client."""
from __future__ import annotations

import json
import logging
import socket
import time
from dataclasses import dataclass
from typing import Any, Iterator

import urllib3
import urllib3.connection
from urllib3.exceptions import ConnectTimeoutError, HTTPError, NewConnectionError, ProtocolError, ReadTimeoutError
from urllib3.util.wait import wait_for_read

from gateway.settings import GatewaySettings
from servicekit.languages import _
from servicekit.problems import Problem

log = logging.getLogger(__name__)

POOL_SIZE = 50
# Sent again once when the service hung up before answering (hung_up_unanswered): a request for an answer only,
# which cannot do anything twice. Others (a PUT or DELETE that may have been carried out before the service went
# away) are a 502 instead.
RETRIED_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A kept-alive connection idle for longer is closed rather than used again. The services keep an idle connection open
# for 75 s (keepalive in deploy/gunicorn.conf.py), far longer: the gateway never sends a request on a connection the
# service is closing at that very moment, which for a change (a POST) would be a 502 it could not send again.
IDLE_REUSE_SECONDS = 30.0
# The most of an open answer passed on at once; less is passed on as soon as it arrives.
STREAM_READ_BYTES = 64 * 1024


@dataclass(frozen=True)
class UpstreamResponse:
    status_code: int
    headers: urllib3.HTTPHeaderDict
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)


class OpenUpstreamResponse:
    """An answer whose body is still coming: read whole, or passed on piece by piece as it arrives."""

    def __init__(self, service: str, response: urllib3.BaseHTTPResponse):
        self.service = service
        self.status_code = response.status
        self.headers = response.headers
        self._response = response

    @property
    def is_event_stream(self) -> bool:
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower() == "text/event-stream"

    def read(self) -> bytes:
        """The whole body; a failure while reading it is the problem a client should see."""
        try:
            return self._response.data
        except HTTPError as exc:
            raise failure_problem(self.service, exc) from None
        finally:
            self.close()

    def chunks(self) -> Iterator[bytes]:
        """The body as the service sends it, each piece as soon as it arrives.

        Ends when the service ends it, when the service stays silent past the stream's idle timeout, or when the
        connection breaks: the client has had the status already, so it sees the stream end and reconnects.
        Closed early (the client went away), it closes the connection to the service, which notices and stops.
        """
        try:
            while chunk := self._response.read1(STREAM_READ_BYTES):
                yield chunk
        except HTTPError as exc:
            log.info("stream from %s ended: %s", self.service, exc)
        finally:
            self.close()

    def close(self) -> None:
        # An answer not read to its end leaves its connection unusable: close() drops it rather than pool it.
        if not self._response.isclosed():
            self._response.close()
        self._response.release_conn()


class UpstreamClient:
    """One kept-alive urllib3 connection pool per service, shared by all threads of a process.

    urllib3 rather than requests: the proxy is on every request's path, and requests' session
    machinery (cookies, environment, hooks) costs more than the forwarding itself while adding
    nothing a proxy wants. A pool per service rather than a PoolManager: the manager would parse each
    URL and look its pool up under a lock on every request, to find what the service's name says already.
    """

    def __init__(self, settings: GatewaySettings):
        self.urls = dict(settings.upstreams)
        self.timeout = urllib3.Timeout(connect=settings.connect_timeout_seconds, read=settings.upstream_timeout_seconds)
        self.stream_timeout = urllib3.Timeout(
            connect=settings.connect_timeout_seconds, read=settings.stream_idle_timeout_seconds
        )
        self.composition_timeout = urllib3.Timeout(
            connect=min(settings.connect_timeout_seconds, settings.composition_timeout_seconds),
            read=settings.composition_timeout_seconds,
        )
        # Per service URL, made on first use (whoever changes `urls` gets a pool for the new one).
        self._pools: dict[str, tuple[urllib3.HTTPConnectionPool, str]] = {}

    def request(self, service: str, method: str, path: str, *, headers: dict[str, str] | None = None,
                data: bytes | None = None, json: Any = None,
                timeout: urllib3.Timeout | None = None) -> UpstreamResponse:
        """Call `service`; a failure to get a response becomes the problem a client should see. `timeout` replaces
        the usual one (composition_timeout, for a part of a composed answer)."""
        response = self._send(service, method, path, headers=headers, data=data, json=json,
                              timeout=timeout or self.timeout, preload_content=True)
        return UpstreamResponse(response.status, response.headers, response.data)

    def open(self, service: str, method: str, path: str, *, headers: dict[str, str] | None = None,
             data: bytes | None = None) -> OpenUpstreamResponse:
        """Call `service` for an answer that may last (an event stream): its status and headers, the body to come.

        The service may stay silent for the stream's idle timeout between two pieces of it, not the usual one.
        """
        response = self._send(service, method, path, headers=headers, data=data, json=None,
                              timeout=self.stream_timeout, preload_content=False)
        return OpenUpstreamResponse(service, response)

    def _send(self, service: str, method: str, path: str, *, headers: dict[str, str] | None, data: bytes | None,
              json: Any, timeout: urllib3.Timeout, preload_content: bool) -> urllib3.BaseHTTPResponse:
        url = self.urls[service]

        def send():
            pool, prefix = self._pools.get(url) or self._new_pool(url)
            options = dict(timeout=timeout, retries=False, redirect=False, preload_content=preload_content)
            if json is not None:
                return pool.request(method, prefix + path, json=json, headers=headers or {}, **options)
            # What request() adds to urlopen is encoding fields and JSON bodies, which a forwarded request has not.
            return pool.urlopen(method, prefix + path, body=data, headers=headers or {}, **options)

        try:
            try:
                return send()
            except ProtocolError as exc:
                if method not in RETRIED_METHODS or not hung_up_unanswered(exc):
                    raise
                # The service closed the connection without a byte of answer: a kept-alive connection it dropped
                # just as this request went out on it. It answered nothing, and a GET or HEAD changes nothing
                # anyway: send it once more. urllib3 gives it another connection, checking first that the service
                # has not closed that one too (as it has all of them when it restarted), or a new one.
                log.info("%s hung up before answering %s %s; sending it again", service, method, path.split("?")[0])
                return send()
        except HTTPError as exc:
            raise failure_problem(service, exc) from None

    def _new_pool(self, url: str) -> tuple[urllib3.HTTPConnectionPool, str]:
        """The pool for `url`, made on its first use, and the path of the URL, which each request's path follows (a
        service may be reached behind a proxy that routes by path)."""
        # block=False: past POOL_SIZE requests at once, a connection is opened for the request and closed after it.
        pool = urllib3.connection_from_url(url, maxsize=POOL_SIZE, block=False)
        if type(pool) is urllib3.HTTPConnectionPool:  # not TLS, whose sockets cannot peek
            pool.ConnectionCls = PeekingConnection
        made = (pool, urllib3.util.parse_url(url).path or "")
        # Two requests may make one at once: both use the one kept.
        return self._pools.setdefault(url, made)

    def close(self) -> None:
        for pool, _prefix in self._pools.values():
            pool.close()


class PeekingConnection(urllib3.connection.HTTPConnection):
    """urllib3's plain HTTP connection, checked more cheaply before each reuse for a close by the service.

    urllib3 polls the socket for readability; under gevent (the gateway's web) that poll makes watchers and goes round
    the event loop, on every request the proxy forwards. A peek at the OS socket that does not wait tells the same:
    nothing to read is alive; the service's close, a reset or anything it sent unasked is dropped, as with the poll.
    One idle for over IDLE_REUSE_SECONDS counts as closed too, before the service closes it.
    """

    idle_reuse_seconds = IDLE_REUSE_SECONDS
    _last_sent = 0.0

    def request(self, *args, **kwargs):
        self._last_sent = time.monotonic()
        return super().request(*args, **kwargs)

    @property
    def is_connected(self) -> bool:
        if self.sock is None or time.monotonic() - self._last_sent > self.idle_reuse_seconds:
            return False
        # gevent's socket wraps the OS socket (non-blocking underneath); the standard library's is one.
        os_socket = getattr(self.sock, "_sock", self.sock)
        if os_socket.gettimeout() != 0.0:
            # A socket with a timeout (threads, not gevent): Python would wait that long for data before its recv, and
            # then call the connection dropped. urllib3's own poll answers at once.
            return not wait_for_read(self.sock, timeout=0.0)
        try:
            os_socket.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False


def hung_up_unanswered(exc: ProtocolError) -> bool:
    """Whether the service closed (or reset) the connection before a byte of its answer came back.

    urllib3 words a failure before the answer's status line "Connection aborted." (one while reading the body is
    "Connection broken"). Of those, a close with nothing read (http.client's RemoteDisconnected, a
    ConnectionResetError), a reset or a broken pipe are a hang-up; a garbled status line came back in part.
    """
    if len(exc.args) < 2 or exc.args[0] != "Connection aborted.":
        return False
    return isinstance(exc.args[1], (ConnectionResetError, ConnectionAbortedError, BrokenPipeError))


def failure_problem(service: str, exc: HTTPError) -> Problem:
    if isinstance(exc, (NewConnectionError, ConnectTimeoutError)):
        return Problem(
            503,
            "upstream-unavailable",
            "Service Unavailable",
            _("The %(service)s service cannot be reached; try again soon.", service=service),
        )
    if isinstance(exc, ReadTimeoutError):
        return Problem(504, "upstream-timeout", "Gateway Timeout", _("The %(service)s service did not answer in time.", service=service))
    return Problem(502, "bad-gateway", "Bad Gateway", _("The %(service)s service gave an invalid answer.", service=service))
