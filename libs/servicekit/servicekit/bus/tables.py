"""Tables every service keeps for the bus: the outbox, the inbox, the retry ledger and the record of
dead letters discarded on purpose."""
from sqlalchemy import JSON, BigInteger, Column, Index, Integer, LargeBinary, MetaData, String, Table, Text

from servicekit.types import UtcDateTime

bus_metadata = MetaData()

outbox = Table(
    "outbox",
    bus_metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("routing_key", String(120), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("published_at", UtcDateTime()),
    Index(
        "ix_outbox_unpublished",
        "id",
        postgresql_where=Column("published_at").is_(None),
        sqlite_where=Column("published_at").is_(None),
    ),
)

# An event id here has taken effect in this service; a redelivery of it is skipped.
inbox = Table(
    "inbox",
    bus_metadata,
    Column("event_id", String(36), primary_key=True),
    Column("routing_key", String(120), nullable=False),
    Column("handled_at", UtcDateTime(), nullable=False),
)

# Events whose handler failed: retried with back-off until they succeed or go dead.
failed_events = Table(
    "failed_events",
    bus_metadata,
    Column("event_id", String(36), primary_key=True),
    Column("routing_key", String(120), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("next_attempt_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Index("ix_failed_events_due", "status", "next_attempt_at"),
)

# Dead letters an operator threw away on purpose (`dead-letters discard`): what was lost, why, by whom.
discarded_letters = Table(
    "discarded_letters",
    bus_metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("letter", String(64), nullable=False, index=True),
    Column("event_id", String(36)),
    Column("routing_key", String(120), nullable=False),
    Column("dead_letter_reason", Text, nullable=False),
    Column("discard_reason", Text, nullable=False),
    Column("body", LargeBinary, nullable=False),
    Column("content_type", String(255)),
    Column("discarded_by", String(120), nullable=False),
    Column("discarded_at", UtcDateTime(), nullable=False),
)


def create_bus_tables(bind) -> None:
    """Used by each service's migrations, so every service has the same bus tables: tables that exist
    already are left as they are, so a later migration calls it again for the tables added since."""
    bus_metadata.create_all(bind, checkfirst=True)


def drop_bus_tables(bind) -> None:
    bus_metadata.drop_all(bind)
