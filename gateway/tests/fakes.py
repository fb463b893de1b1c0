"""Fake upstream services: real HTTP servers on loopback that echo what reached them."""
from __future__ import annotations

import json
import queue
import socket
import socketserver
import threading
from datetime import datetime, timezone

from flask import Flask, Response, jsonify, request
from werkzeug.serving import make_server

from gateway.routes import ROUTES
from servicekit.identity import TokenVerifier

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
SLOW_SECONDS = 5
# The proofs the fake auth accepts, whatever the account: a test sends anything else to be refused.
RIGHT_CODES = {"totp": "123456", "sms": "654321", "email": "654321", "recovery_code": "abcd-efgh"}
RIGHT_CREDENTIAL = {"id": "key-1", "response": {"signature": "c2lnbmVk"}}
# A request carrying this header gets its JSON object back as response headers: how a test makes a
# service send the gateway instructions.
ANSWER_HEADERS = "X-Fake-Answer-Headers"


class FakeUpstream:
    """Answers every path with what it received. A path ending in /slow hangs until released
    (or SLOW_SECONDS pass); one ending in /broken answers a 500 problem; one ending in /stream answers
    a text/event-stream of the frames a test puts in `frames` (see event_stream).

    Given accounts, it is auth too: its internal endpoints check passwords and second factors
    and record in `internal` what the gateway sent them."""

    def __init__(self, name: str, verifier: TokenVerifier, accounts: dict[tuple[str, str], dict] | None = None):
        self.name = name
        self.received: list[dict] = []
        self.internal: list[dict] = []
        # When the last internal request reached it: what auth decides there, it decides as of then.
        self.last_checked_at: datetime | None = None
        self.released = threading.Event()
        self.frames: queue.Queue[bytes | None] = queue.Queue()
        self.streams_closed = threading.Event()
        app = Flask(f"fake-{name}")
        enrolled = {account["account_id"]: account["second_factors"] for account in (accounts or {}).values()}

        def internal_request() -> dict:
            identity = verifier.verify(request.headers["X-Identity-Token"])
            assert identity.subject == "gateway" and identity.has_role("gateway")
            body = request.get_json()
            self.internal.append({"path": request.path, "body": body})
            self.last_checked_at = datetime.now(timezone.utc)
            return body

        @app.post("/internal/authentications")
        def authentications():
            body = internal_request()
            account = (accounts or {}).get((body["login"], body["password"]))
            if account is None:
                return _problem(401, "Wrong credentials.")
            return jsonify(account)

        @app.post("/internal/second-factor-challenges")
        def second_factor_challenges():
            body = internal_request()
            if body["method"] not in enrolled.get(body["account_id"], ()):
                return _problem(409, f"No {body['method']} second factor is enrolled.")
            if body["method"] == "webauthn":
                return jsonify(method="webauthn", options={"challenge": "Y2hhbGxlbmdl", "allowCredentials": []})
            return jsonify(method=body["method"], sent_to="l**@example.com", expires_at="2030-01-01T00:05:00+00:00")

        @app.post("/internal/second-factor-verifications")
        def second_factor_verifications():
            body = internal_request()
            method = body["method"]
            if method not in enrolled.get(body["account_id"], ()):
                return _problem(409, f"No {method} second factor is enrolled.")
            right = body.get("credential") == RIGHT_CREDENTIAL if method == "webauthn" else (
                body.get("code") == RIGHT_CODES[method]
            )
            if not right:
                return _problem(401, "The code is wrong, expired or already used.")
            return jsonify(account_id=body["account_id"], method=method, verified_at="2030-01-01T00:00:00+00:00")

        @app.get("/openapi.json")
        def openapi():
            public_path = next(prefix for prefix, service in ROUTES if service == name) + "/{id}"
            return jsonify(
                openapi="3.1.0",
                info={"title": name, "version": "1.0.0"},
                paths={public_path: {"get": {"summary": name, "tags": [name]}},
                       "/internal/secrets": {"get": {"tags": ["internal"]}}},
                tags=[{"name": name}, {"name": "internal"}],
                components={
                    "schemas": {"Thing": {"title": f"{name} thing"}},
                    "securitySchemes": {"gatewayIdentity": {"type": "apiKey", "in": "header", "name": "X-Identity-Token"}},
                },
            )

        @app.route("/", defaults={"path": ""}, methods=METHODS)
        @app.route("/<path:path>", methods=METHODS)
        def echo(path):
            seen = {
                "service": name,
                "method": request.method,
                "raw_uri": request.environ.get("RAW_URI"),
                "headers": dict(request.headers),
                "body": request.get_data(as_text=True),
            }
            self.received.append(seen)
            if path.endswith("/stream") and "answer" not in request.args:
                return Response(self.event_stream(float(request.args.get("heartbeat", 0.05))),
                                mimetype="text/event-stream")
            if path.endswith("/slow"):
                self.released.wait(SLOW_SECONDS)
            if path.endswith("/broken"):
                return _problem(500, "It broke.")
            headers = {
                "Location": f"/api/{name}/1",
                "X-Pagination": '{"total": 1}',
                "Retry-After": "3",
                "Set-Cookie": "upstream=secret; Path=/",
                **json.loads(request.headers.get(ANSWER_HEADERS, "{}")),
            }
            return jsonify(seen), 201 if request.method == "POST" else 200, headers

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def last(self) -> dict:
        return self.received[-1]

    def event_stream(self, heartbeat_seconds: float):
        """A comment at once, then each frame put in `frames` as it comes, with a comment whenever
        `heartbeat_seconds` pass without one (0: silence); None ends the stream. `streams_closed` is set
        when it ends, the gateway having gone away or not. Both are the ones of the moment it opened: a
        test that replaces them is not disturbed by an earlier test's stream."""
        frames, closed = self.frames, self.streams_closed
        try:
            yield b": opened\n\n"
            while True:
                try:
                    frame = frames.get(timeout=heartbeat_seconds or SLOW_SECONDS)
                except queue.Empty:
                    if heartbeat_seconds:
                        yield b": heartbeat\n\n"
                    continue
                if frame is None:
                    return
                yield frame
        finally:
            closed.set()

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()


def trickled(answer: object, released: threading.Event) -> Response:
    """`answer` as JSON after a blank every tenth of a second until `released` (or SLOW_SECONDS pass): a service
    whose every read is quick and whose whole answer is late."""

    def body():
        for _ in range(int(SLOW_SECONDS * 10)):
            if released.wait(0.1):
                break
            yield b" "
        yield json.dumps(answer).encode()

    return Response(body(), mimetype="application/json")


def _problem(status: int, detail: str):
    body = {"type": "urn:marketplace:problem:fake", "title": "Fake", "status": status, "detail": detail}
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


class LoopbackTcpServer:
    """A TCP server on loopback, whose `handler` (a socketserver handler class) serves each connection in a thread."""

    def __init__(self, handler: type[socketserver.BaseRequestHandler]):
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class GarbageServer(LoopbackTcpServer):
    """Accepts connections and answers bytes that are not HTTP."""

    def __init__(self):
        class Handler(socketserver.BaseRequestHandler):
            def handle(self):
                self.request.recv(65536)
                self.request.sendall(b"THIS IS NOT HTTP\r\n\r\n")

        super().__init__(Handler)


class HangingUpServer(LoopbackTcpServer):
    """A service that answers {} with keep-alive, except that it hangs up on the next `hang_ups` requests it reads:
    with nothing sent back ("before"), as a service does on a kept-alive connection it is dropping just then, or
    halfway through the status line ("midway"). `requests` counts the requests that reached it (it reads no bodies,
    so only a request without one is answered), `connections` the connections it took. With `closes_idle`, it closes each connection once it has answered
    on it, as a service does with a kept-alive connection left idle too long, and counts it in `closed_idle`."""

    def __init__(self):
        self.hang_ups: list[str] = []
        self.requests = 0
        self.connections = 0
        self.closes_idle = False
        self.closed_idle = 0
        server = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                server.connections += 1
                while self.rfile.readline() not in (b"", b"\r\n"):  # a request line, then its headers
                    while self.rfile.readline() not in (b"", b"\r\n"):
                        pass
                    server.requests += 1
                    if server.hang_ups:
                        if server.hang_ups.pop(0) == "midway":
                            self.wfile.write(b"HTTP/1.1 2")
                        return
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                    if server.closes_idle:
                        self.wfile.flush()
                        self.connection.shutdown(socket.SHUT_RDWR)  # the close is on its way before it is counted
                        server.closed_idle += 1
                        return

        super().__init__(Handler)


def refused_url() -> str:
    """A loopback address where nothing listens, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class CannedService:
    """A service answering its canned JSON at each of its paths, or as a test sets `behaviour`: 'slow' (until
    released, or SLOW_SECONDS), 'trickles' (a byte at a time until then: every read comes quickly, the whole answer
    late), 'broken' (a 500 problem), 'garbage' (not JSON) or 'answers' with `answers` changed. Keeps the identity token of each request; given `together` (a barrier), it answers only once every
    service sharing it was asked, so a gateway asking them one after another gets no answer in time."""

    def __init__(self, name: str, answers: dict[str, object]):
        self.name = name
        self._canned = dict(answers)
        self.answers = dict(answers)
        self.tokens: list[str] = []
        self.behaviour = "answers"
        self.together: threading.Barrier | None = None
        self.released = threading.Event()
        app = Flask(f"fake-{name}-canned")

        @app.get("/<path:path>")
        def answer(path):
            self.tokens.append(request.headers.get("X-Identity-Token", ""))
            if self.together is not None:
                self.together.wait(timeout=2)
            if self.behaviour == "slow":
                self.released.wait(SLOW_SECONDS)
            if self.behaviour == "broken":
                return _problem(500, "It broke.")
            if self.behaviour == "garbage":
                return "<html>not json</html>", 200
            if f"/{path}" not in self.answers:
                return _problem(404, "No such path.")
            if self.behaviour == "trickles":
                return trickled(self.answers[f"/{path}"], self.released)
            return jsonify(self.answers[f"/{path}"])

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def reset(self) -> None:
        self.answers = dict(self._canned)
        self.tokens.clear()
        self.behaviour = "answers"
        self.together = None
        self.released.clear()

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
