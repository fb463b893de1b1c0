"""Live notification streams through one gateway process (N4): how many it holds open, the memory each costs, and
how soon a committed notification reaches a stream, against a plain GET through the same gateway in the same run.

Every web runs one gunicorn worker (WEB_CONCURRENCY=1), the gateway and notifications webs under gevent as deployed.
One customer opens --streams streams (this process reads them all with one selector); another keeps one stream
open as the probe. A notification is committed straight into the notifications database and timed from its commit
to its frame on the probe (sequentially, --notifications times), before the crowd opens and while it is open; then
one to the crowd's account, timed on every one of its streams (fan-out). The anchor is GET /api/products through the
same gateway, alone and with the crowd open. Last, the gateway restarts under gthread with 4 threads, as every web
ran before: 4 open streams, and a plain GET waits for a thread.
Targets: every stream held through --hold seconds (past a heartbeat); delivery p95 under 1 s with the crowd open.
Run: .venv/bin/python -m bench.notification_streams [--streams 1000 --notifications 30 --hold 40]
"""
from __future__ import annotations

import argparse
import re
import resource
import selectors
import socket
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path

import requests
from sqlalchemy.orm import Session

from bench.common import local_infrastructure, percentile
from bench.marketplace import PASSWORD, bench_platform, list_products, signed_in
from notifications.models import Notification
from servicekit import clock
from servicekit.db import make_engine

STREAM = "/api/notifications/stream"
FRAME = re.compile(rb"\nid: (\d+)\nevent: notification\n")
KEPT = ("gateway-web", "notifications-web", "catalog-web")
GTHREAD_THREADS = 4


class Streams:
    """Open event streams read by one thread: when each opened and when each notification id reached it."""

    def __init__(self, host: str, port: int, cookie: str):
        self._address, self._cookie = (host, port), cookie
        self._selector = selectors.DefaultSelector()
        self.sockets: list[socket.socket] = []
        self.opened: set[int] = set()
        self.closed: set[int] = set()
        # Each stream's status line, as it answered.
        self.status: dict[int, str] = {}
        self.arrived: dict[tuple[int, int], float] = {}
        self._buffers: dict[int, bytes] = {}
        self._stop = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def open(self, count: int) -> None:
        request = (f"GET {STREAM} HTTP/1.1\r\nHost: {self._address[0]}\r\nAccept: text/event-stream\r\n"
                   f"Cookie: session={self._cookie}\r\n\r\n").encode()
        for _ in range(count):
            sock = socket.create_connection(self._address)
            sock.sendall(request)
            sock.setblocking(False)
            index = len(self.sockets)
            self._buffers[index] = b""
            self._selector.register(sock, selectors.EVENT_READ, index)
            self.sockets.append(sock)

    def _read(self) -> None:
        while not self._stop:
            now_ready = self._selector.select(timeout=0.1) if self.sockets else []
            if not now_ready:
                if not self.sockets:
                    time.sleep(0.01)
                continue
            now = time.monotonic()
            for key, _ in now_ready:
                index = key.data
                try:
                    data = key.fileobj.recv(65536)
                except (BlockingIOError, ConnectionError):
                    continue
                if not data:
                    self._selector.unregister(key.fileobj)
                    self.closed.add(index)
                    continue
                buffer = self._buffers[index] + data
                if index not in self.opened and index not in self.status:
                    self.status[index] = buffer.split(b"\r\n", 1)[0].decode(errors="replace")
                if b"retry: " in buffer and self.status.get(index, "").startswith("HTTP/1.1 200"):
                    self.opened.add(index)
                for found in FRAME.finditer(buffer):
                    self.arrived.setdefault((index, int(found.group(1))), now)
                # Keep the tail, where a frame may be cut in two.
                self._buffers[index] = buffer[-200:]

    def wait_open(self, count: int, timeout: float) -> float:
        started = time.monotonic()
        while len(self.opened) < count and time.monotonic() - started < timeout:
            time.sleep(0.05)
        return time.monotonic() - started

    def close(self) -> None:
        self._stop = True
        self._reader.join(5)
        for sock in self.sockets:
            sock.close()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def gunicorn_worker(master_pid: int) -> int:
    """The one worker process of a gunicorn master (WEB_CONCURRENCY=1)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn {master_pid} has no worker")


def notify(engine, account_id: str, title: str) -> tuple[int, float]:
    """Commit a notification to `account_id`'s inbox as the worker would; its id and when the commit returned."""
    with Session(engine) as session:
        notification = Notification(
            account_id=account_id, kind="order_paid", title=title, body="벤치마크", link="/orders/bench", params={},
            source_event_id=str(uuid.uuid4()), created_at=clock.now(),
        )
        session.add(notification)
        session.commit()
        return notification.id, time.monotonic()


def delivery(streams: Streams, index: int, engine, account_id: str, count: int) -> list[float]:
    """Seconds from each of `count` commits to its frame on stream `index`, one notification at a time."""
    latencies = []
    for sequence in range(count):
        notification_id, committed_at = notify(engine, account_id, f"bench {sequence}")
        deadline = committed_at + 10
        while (index, notification_id) not in streams.arrived and time.monotonic() < deadline:
            time.sleep(0.001)
        latencies.append(streams.arrived.get((index, notification_id), float("inf")) - committed_at)
        # Not in step with the watcher's polls: commits land anywhere between two.
        time.sleep(0.05 + 0.2 * (sequence % 5) / 5)
    return latencies


def plain_get(url: str, count: int, timeout: float = 5.0) -> list[float]:
    """Seconds each of `count` GETs of `url` took (inf for one that did not answer within `timeout`)."""
    latencies = []
    with requests.Session() as http:
        for _ in range(count):
            started = time.monotonic()
            try:
                answered = http.get(url, timeout=timeout).status_code == 200
            except requests.RequestException:
                answered = False
            latencies.append(time.monotonic() - started if answered else float("inf"))
    return latencies


def ms(values: list[float]) -> str:
    return f"p50 {percentile(values, 0.5) * 1000:.1f} ms, p95 {percentile(values, 0.95) * 1000:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--streams", type=int, default=1000)
    parser.add_argument("--notifications", type=int, default=30)
    parser.add_argument("--hold", type=float, default=40.0,
                        help="seconds the crowd stays open: past a heartbeat (15 s), within a stream's life (60 s)")
    parser.add_argument("--gets", type=int, default=100, help="plain GETs timed for the anchor, each time")
    args = parser.parse_args()
    # Each stream is a socket here, two in the gateway and one in the notifications web.
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if hard < 2 * args.streams + 200:
        raise SystemExit(f"{args.streams} streams need more open files than the limit {hard}")
    with local_infrastructure() as infrastructure, tempfile.TemporaryDirectory() as workdir:
        platform = bench_platform(infrastructure, Path(workdir), extra_env={
            "WEB_CONCURRENCY": "1", "WEB_WORKER_CONNECTIONS": str(args.streams + 200)})
        crowd = probe = None
        try:
            platform.start()
            list_products(platform, 1)
            people = [signed_in(platform, "/api/accounts", {"email": f"{who}@example.com", "name": who.title(),
                                                           "password": PASSWORD}) for who in ("crowd", "probe")]
            for key in set(platform.processes) - set(KEPT):
                platform.kill(key)
            engine = make_engine(platform.database_url("notifications"))
            gateway = gunicorn_worker(platform.processes["gateway-web"].pid)
            notifications = gunicorn_worker(platform.processes["notifications-web"].pid)
            host, port = "127.0.0.1", platform.ports["gateway"]
            products_url = f"{platform.gateway_url}/api/products"
            crowd_id, probe_id = (person.account["account_id"] for person in people)

            plain_get(products_url, 50)  # warm up
            get_alone = plain_get(products_url, args.gets)
            probe = Streams(host, port, people[1].http.cookies["session"])
            probe.open(1)
            probe.wait_open(1, 10)
            alone = delivery(probe, 0, engine, probe_id, args.notifications)
            probe.close()

            # A stream lasts as long as the identity token it was opened with (a minute): all that follows is
            # measured within that, the crowd's hold included.
            rss_before = rss_kib(gateway), rss_kib(notifications)
            crowd = Streams(host, port, people[0].http.cookies["session"])
            opened_at = time.monotonic()
            crowd.open(args.streams)
            opening = crowd.wait_open(args.streams, 30)
            opened = len(crowd.opened)
            rss_open = rss_kib(gateway), rss_kib(notifications)
            probe = Streams(host, port, people[1].http.cookies["session"])
            probe.open(1)
            probe.wait_open(1, 10)
            get_crowded = plain_get(products_url, args.gets)
            crowded = delivery(probe, 0, engine, probe_id, args.notifications)
            fanned_id, fanned_at = notify(engine, crowd_id, "everyone")
            deadline = fanned_at + 10
            while sum((i, fanned_id) in crowd.arrived for i in crowd.opened) < opened and time.monotonic() < deadline:
                time.sleep(0.01)
            fan_out = [crowd.arrived.get((i, fanned_id), float("inf")) - fanned_at for i in crowd.opened]
            time.sleep(max(0.0, args.hold - (time.monotonic() - opened_at)))
            held = len(crowd.opened - crowd.closed)
            held_for = time.monotonic() - opened_at
            refusals = {i: crowd.status.get(i, "no answer") for i in range(args.streams) if i not in crowd.opened}
            crowd.close()
            probe.close()
            crowd = probe = None

            platform.kill("gateway-web")
            platform.start_web("gateway", WEB_WORKER_CLASS="gthread", WEB_THREADS=str(GTHREAD_THREADS))
            platform.wait_until_ready(names=("gateway",))
            threaded = Streams(host, port, people[0].http.cookies["session"])
            threaded.open(GTHREAD_THREADS)
            threaded.wait_open(GTHREAD_THREADS, 10)
            get_threaded = plain_get(products_url, 3, timeout=2.0)
            threaded_open = len(threaded.opened - threaded.closed)
            threaded.close()
        finally:
            for streams in (crowd, probe):
                if streams is not None:
                    streams.close()
            platform.stop()

    per_stream = [(after - before) / max(opened, 1) for before, after in zip(rss_before, rss_open)]
    refused = Counter(refusals.values())
    print(f"gateway (1 gevent worker): {opened}/{args.streams} streams opened in {opening:.1f} s, "
          f"{held} still open {held_for:.0f} s after (target: all); not opened: {dict(refused) or 'none'}")
    print(f"memory per open stream: gateway {per_stream[0]:.1f} KiB, notifications web {per_stream[1]:.1f} KiB "
          f"(worker RSS {rss_before[0] / 1024:.0f} -> {rss_open[0] / 1024:.0f} MiB, "
          f"{rss_before[1] / 1024:.0f} -> {rss_open[1] / 1024:.0f} MiB)")
    print(f"delivery, commit -> frame through the gateway, alone: {ms(alone)}")
    print(f"delivery with {opened} other streams open: {ms(crowded)} (target p95 < 1000 ms)")
    print(f"fan-out of one notification to all {opened} streams of one account: {ms(fan_out)}, "
          f"last {max(fan_out) * 1000:.0f} ms")
    print(f"anchor GET /api/products through the gateway, alone: {ms(get_alone)}; with the streams open: "
          f"{ms(get_crowded)}")
    answered = sum(latency != float("inf") for latency in get_threaded)
    print(f"the gateway under gthread ({GTHREAD_THREADS} threads) with {threaded_open} streams open: "
          f"{answered}/{len(get_threaded)} GETs answered within 2 s")


if __name__ == "__main__":
    main()
