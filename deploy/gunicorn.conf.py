"""gunicorn settings shared by every service's web process, tuned from the environment."""
import importlib
import importlib.util
import os
from pathlib import Path

from prometheus_client import multiprocess

# Containers publish on all interfaces; `make run` sets BIND to stay on loopback.
bind = os.environ.get("BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
# gthread: threads let a worker keep serving while a request waits on PostgreSQL or RabbitMQ; each request holds
# one of them until its answer is sent. gevent (WEB_WORKER_CLASS=gevent) for the processes that keep answers open,
# the gateway and the notifications web: an event stream that waits for minutes then costs a greenlet of a few
# kilobytes, not one of WEB_THREADS threads, so a handful of open pages cannot starve everyone else.
# Needs the gevent package (in those two packages' dependencies).
worker_class = os.environ.get("WEB_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
# gevent: how many requests (open streams included) one worker process serves at once.
worker_connections = int(os.environ.get("WEB_WORKER_CONNECTIONS", "1000"))
if worker_class == "gevent":
    # No thread count bounds the requests that ask the database at once any more: a burst (a thousand streams
    # reconnecting) waits for the pool's 10 connections, cheaply, instead of opening up to 20 more per process.
    os.environ.setdefault("DATABASE_MAX_OVERFLOW", "0")
timeout = 30
# A kept-alive connection stays open for 75 s idle (gunicorn's default is 2 s), longer than the gateway keeps one
# (gateway.upstreams.IDLE_REUSE_SECONDS): the gateway gives a connection up before the service closes it, never as
# the service closes it, when a POST sent on it could be neither answered nor safely sent again. gthread and gevent
# keep idle connections in their event loop, not in a thread.
keepalive = 75
graceful_timeout = 20
# One line per request on stdout; `make run` turns it off (WEB_ACCESS_LOG=false) to keep its terminal readable.
accesslog = None if os.environ.get("WEB_ACCESS_LOG", "true") == "false" else "-"
# gunicorn's control socket defaults to one path per user, which the services of `make run` would
# take from each other; processes are scaled by the orchestrator, not through that socket.
control_socket_disable = True

_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    """Start with an empty metrics folder: files left by an earlier run's workers would be summed in. Load what the
    web's package asks to have loaded before the workers fork."""
    _load_before_fork(server)
    if not _metrics_dir:
        return
    folder = Path(_metrics_dir)
    folder.mkdir(parents=True, exist_ok=True)
    # Empty it rather than remove it: it may be a mounted volume that cannot be removed.
    for entry in folder.iterdir():
        entry.unlink()


def child_exit(server, worker):
    """Drop a dead worker's live gauges, so /metrics reports only the workers that run."""
    if not _metrics_dir:
        return
    multiprocess.mark_process_dead(worker.pid)


def _load_before_fork(server):
    """A web whose package has a `preload` module (catalog's loads the Korean analyser, about 300 MiB) imports it
    here, in the master: the workers it forks then share those pages instead of each loading its own copy."""
    if server.cfg.workers < 2:
        # One worker shares with no one: it loads what it needs on first use, and the master starts at once (`make
        # run` starts sixteen processes together; a master loading 300 MiB first held its service back for 20 s).
        return
    package = (server.app.app_uri or "").split(".", 1)[0]
    if package and importlib.util.find_spec(f"{package}.preload") is not None:
        importlib.import_module(f"{package}.preload")
