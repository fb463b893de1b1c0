"""The outbox relay of `make run`: SQLite and the embedded bus (kombu's filesystem transport), no publisher confirms."""
import json
from datetime import datetime, timezone

from sqlalchemy import create_engine, select

from contracts import Envelope
from servicekit.bus.relay import OutboxRelay
from servicekit.bus.tables import create_bus_tables, outbox
from servicekit.bus.topology import Topology


def test_the_embedded_relay_publishes_the_stored_event_as_consumers_read_it_and_marks_it_sent(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'kit-sender.db'}")
    create_bus_tables(engine)
    envelope = Envelope(type="KitPinged", version=1, producer="kit-sender", data={"number": 7, "note": "é"})
    with engine.begin() as connection:
        connection.execute(outbox.insert().values(event_id=envelope.id, routing_key=envelope.routing_key,
                                                  payload=envelope.to_wire(), created_at=datetime.now(timezone.utc)))
    topology = Topology(f"filesystem:///{tmp_path / 'bus'}", "embedded")
    relay = OutboxRelay(engine, topology, "kit-sender")
    try:
        assert relay.publish_pending() == 1
    finally:
        relay.close()

    with topology.connection() as connection:
        inbox = connection.SimpleQueue(topology.queue_for("kit"))
        message = inbox.get(block=False)
        message.ack()
        inbox.close()
    assert (message.content_type, message.content_encoding) == ("application/json", "utf-8")
    assert json.loads(message.body) == envelope.to_wire()
    assert message.properties["message_id"] == envelope.id
    assert message.properties["delivery_mode"] == 2
    assert message.headers["producer"] == "kit-sender"
    with engine.connect() as connection:
        assert connection.execute(select(outbox.c.published_at)).scalar_one() is not None
