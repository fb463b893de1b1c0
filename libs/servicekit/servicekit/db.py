"""Database engines and the unit of work that commits a domain change with its outgoing events."""
from __future__ import annotations

import select
import time
import uuid
from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import create_engine, event, sql
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from contracts import REGISTRY, Envelope
from servicekit import context
from servicekit.bus.tables import outbox

OUTBOX_CHANNEL = "outbox"


def sqlalchemy_url(url: str) -> str:
    """Accept plain `postgresql://` URLs and use the psycopg 3 driver for them."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def is_unique_violation(error: IntegrityError) -> bool:
    """Whether a unique index or a primary key refused the statement, not a NOT NULL, check or foreign key."""
    driver_error = error.orig
    # psycopg tells PostgreSQL's SQLSTATE, sqlite3 SQLite's extended result code.
    return getattr(driver_error, "sqlstate", None) == "23505" or getattr(driver_error, "sqlite_errorname", None) in (
        "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY",
    )


def make_engine(url: str, *, max_overflow: int = 20, **kwargs: Any) -> Engine:
    """An engine for `url`; on PostgreSQL a pool of 10 connections (or `pool_size`), and up to `max_overflow` more
    at a burst."""
    url = sqlalchemy_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            # WAL lets the web and worker processes read while the other writes.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "savepoint")
        def _begin_before_savepoint(connection, _name):
            # pysqlite begins a transaction only before a write, so a SAVEPOINT that comes first would open a
            # transaction of its own, which its RELEASE commits: the outer rollback would not undo it.
            if not connection.connection.dbapi_connection.in_transaction:
                connection.exec_driver_sql("BEGIN")

        return engine
    kwargs.setdefault("pool_size", 10)
    engine = create_engine(url, max_overflow=max_overflow, **kwargs)
    _ping_connections_that_may_be_dead(engine)
    return engine


# A pooled connection idle longer than this is asked whether it lives before it is handed out: the server, or
# something on the way, may have dropped it without a word.
IDLE_PING_SECONDS = 5.0


def _ping_connections_that_may_be_dead(engine: Engine) -> None:
    """Hand out a pooled connection only alive: after a PostgreSQL restart the next requests get new connections.

    SQLAlchemy's pool_pre_ping asks the server on every checkout, a round trip more for every request. Instead a
    connection is asked only when it may be dead: PostgreSQL said something on it while it sat in the pool (a
    restart, or a terminated backend, sends FATAL and closes the socket: it reads as ready), or it sat there longer
    than IDLE_PING_SECONDS. One found dead is replaced by a new connection before it is handed out.
    """

    @event.listens_for(engine, "checkin")
    def _note_idle_since(_dbapi_connection, record):
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _replace_if_dead(dbapi_connection, record, _proxy):
        # A new connection has no idle_since: SQLAlchemy clears `info` when it replaces one.
        idle_since = record.info.get("idle_since")
        if idle_since is None:
            return
        if time.monotonic() - idle_since < IDLE_PING_SECONDS and not _spoken_to_while_idle(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:
            # The pool drops this connection and checks out a new one in its place.
            raise DisconnectionError(f"pooled connection found dead: {error}") from error


def _spoken_to_while_idle(dbapi_connection) -> bool:
    """Whether the server sent anything (or closed) on a connection no one was using: nothing is due on it."""
    try:
        poller = select.poll()
        poller.register(dbapi_connection.fileno(), select.POLLIN)
    except Exception:  # noqa: BLE001 - a connection whose socket cannot be asked is asked by a ping
        return True
    return bool(poller.poll(0))


_OUTBOX_COLUMNS = ("event_id", "routing_key", "payload", "created_at")


def _outbox_insert(on_postgres: bool):
    """The insert of an outbox row, built once, its values the parameters of each call. On PostgreSQL it queues,
    in the same round trip, the NOTIFY that wakes the relays: PostgreSQL sends it only if the transaction
    commits, and once however many rows queued it."""
    if not on_postgres:
        return outbox.insert()
    return outbox.insert().from_select(
        list(_OUTBOX_COLUMNS),
        sql.select(*(sql.bindparam(name, type_=outbox.c[name].type) for name in _OUTBOX_COLUMNS))
        .select_from(sql.func.pg_notify(OUTBOX_CHANNEL, "")),
    )


_OUTBOX_INSERT = {True: _outbox_insert(on_postgres=True), False: _outbox_insert(on_postgres=False)}


class UnitOfWork:
    """One transaction: the domain change and the events it records commit or fail together.

    Events go to the outbox table in the same transaction (transactional outbox); the relay
    publishes them after commit. On PostgreSQL a NOTIFY, delivered only at commit, wakes it.
    """

    def __init__(self, session_factory: sessionmaker[Session], producer: str, on_commit: Callable[[], None]):
        self._session_factory = session_factory
        self._producer = producer
        self._on_commit = on_commit
        self.session: Session
        self._recorded = 0

    def __enter__(self) -> "UnitOfWork":
        self.session = self._session_factory()
        self._recorded = 0
        return self

    def __exit__(self, *exc_info) -> None:
        # close() rolls back whatever was not committed, and leaves loaded objects readable.
        self.session.close()

    def record(self, name: str, data: dict[str, Any], version: int | None = None) -> Envelope:
        """Record an outgoing event; it is published only if this unit of work commits.

        Without a version, `data` is in the event's latest version, and the event is recorded in it and
        in each older version a service still subscribes to (Registry.editions). The editions share one
        event id, so a service whose queue gets two of them takes the event once (its inbox). Returns the
        envelope of the first edition recorded.
        """
        editions = [(REGISTRY.get(name, version), data)] if version else REGISTRY.editions(name, data)
        event_id, occurred_at = str(uuid.uuid4()), datetime.now(timezone.utc)
        envelopes: list[Envelope] = []
        for contract, edition_data in editions:
            if contract.producer != self._producer:
                raise ValueError(f"{self._producer} is not the producer of {contract.routing_key}")
            envelope = Envelope(
                type=contract.name,
                version=contract.version,
                producer=self._producer,
                data=contract.dump(edition_data),
                id=event_id,
                occurred_at=occurred_at,
                correlation_id=context.correlation_id(),
                causation_id=context.causation_id(),
            )
            # One outbox row per edition: the first is keyed by the event id, each older one by an id of its own.
            row_id = str(uuid.uuid5(uuid.UUID(event_id), envelope.routing_key)) if envelopes else event_id
            self.session.execute(_OUTBOX_INSERT[is_postgres(self.session.get_bind())], {
                "event_id": row_id, "routing_key": envelope.routing_key, "payload": envelope.to_wire(),
                "created_at": occurred_at,
            })
            self._recorded += 1
            envelopes.append(envelope)
        return envelopes[0]

    def add_once(self, *rows: object) -> bool:
        """Insert `rows` in a savepoint of this transaction; False, with the transaction still usable and the
        rows left out, when a unique constraint refused them: an equal row is there already.

        Any other integrity error (NOT NULL, a foreign key, a check) is raised. On PostgreSQL an equal row that
        another transaction inserted and has not committed yet makes this wait for that one to end.
        """
        # What was added before goes in first, outside the savepoint: its refusal is not this one's.
        self.session.flush()
        try:
            with self.session.begin_nested():
                self.session.add_all(rows)
        except IntegrityError as refused:
            if not is_unique_violation(refused):
                raise
            return False
        return True

    def commit(self) -> None:
        self.session.commit()
        if self._recorded:
            self._recorded = 0
            self._on_commit()
