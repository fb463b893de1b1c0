"""What the bus counts in a worker process: events handled, failed, retried, dead-lettered and published,
handler time and consumer reconnects. The worker's /metrics serves them (servicekit.worker_http).

`event` is a routing key the service knows (`OrderPaid.v1`); a message that names no event the
service handles counts as `unknown`, so a stranger's routing keys cannot grow the label set.
"""
from prometheus_client import Counter, Histogram

HANDLER, UNREADABLE = "handler", "unreadable"
UNKNOWN_EVENT = "unknown"

EVENTS_HANDLED = Counter(
    "bus_events_handled_total", "Events whose handler took effect (a redelivery already in the inbox is not counted)",
    ["service", "event"],
)
EVENT_FAILURES = Counter(
    "bus_event_failures_total",
    "Failed messages, one per failure log line; reason: handler (it raised, retried later) or unreadable",
    ["service", "event", "reason"],
)
EVENT_RETRIES = Counter(
    "bus_event_retries_total", "Failed events taken from the retry ledger and handled again", ["service", "event"]
)
EVENTS_DEAD_LETTERED = Counter(
    "bus_events_dead_lettered_total", "Messages this consumer sent to the service's dead-letter queue",
    ["service", "event", "reason"],
)
HANDLER_SECONDS = Histogram(
    "bus_handler_seconds", "Time to handle one event: its handler and the transaction that records it",
    ["service", "event"],
)
CONSUMER_RECONNECTS = Counter(
    "bus_consumer_reconnects_total", "Times the consumer lost its broker or database connection and tried again",
    ["service"],
)
EVENTS_PUBLISHED = Counter(
    "bus_events_published_total", "Outbox events the relay published and the broker confirmed", ["service", "event"]
)
