"""What the reviews service recorded for the other services: its outbox, read as they would receive it."""
from sqlalchemy import select

from servicekit.bus.tables import outbox


def recorded(runtime, name, **matching):
    """The data of each `name` event recorded so far, oldest first, whose fields equal `matching`."""
    with runtime.engine.connect() as connection:
        payloads = [row.payload for row in connection.execute(select(outbox.c.payload).order_by(outbox.c.id))]
    return [
        p["data"]
        for p in payloads
        if p["type"] == name and all(p["data"][field] == value for field, value in matching.items())
    ]
