"""`past-events resend`: a service that missed events published before it listened learns them from the
publisher's outbox, each exactly once however often it is resent, and nothing it did not ask for."""
import json
import os
import re
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import delete, update

from servicekit.bus.history import NothingToResend, resend_past_events, routing_keys_to_resend
from servicekit.bus.tables import outbox
from servicekit.testing import wait_for
from tests.conftest import pings_recorded, send_ping

PACKAGE = Path(__file__).parents[2]


def published_before_anyone_listened(sender, number: int, at: datetime | None = None) -> str:
    """A ping in the sender's outbox marked sent, as if published when no queue was bound to take it."""
    event_id = send_ping(sender, number)
    values = {"published_at": datetime.now(timezone.utc)}
    if at is not None:
        values["created_at"] = at
    with sender.engine.begin() as connection:
        connection.execute(update(outbox).where(outbox.c.event_id == event_id).values(**values))
    return event_id


@pytest.fixture
def past_events(kit_runtimes):
    sender, _ = kit_runtimes
    config = sender.config
    env = {
        **os.environ,
        "KIT-SENDER_DATABASE_URL": config.database_url,
        "BROKER_URL": config.broker_url,
        "BUS_NAMESPACE": config.bus_namespace,
    }

    def run(*argv: str) -> subprocess.CompletedProcess:
        # The command as installed, with the test's KitPinged contract registered first.
        command = "import sys, tests.conftest; from servicekit.bus.history import main; sys.exit(main(sys.argv[1:]))"
        return subprocess.run(
            [sys.executable, "-c", command, *argv],
            env=env, cwd=PACKAGE, capture_output=True, text=True, timeout=60,
        )

    return run


def test_missed_events_are_learnt_once_however_often_they_are_resent(kit_runtimes, switch, running_consumer,
                                                                     past_events):
    sender, receiver = kit_runtimes
    switch.fixed = True  # earlier tests' poison pings come again when everything is resent
    missed = [published_before_anyone_listened(sender, 9301) for _ in range(3)]
    long_ago = published_before_anyone_listened(sender, 9302, at=datetime.now(timezone.utc) - timedelta(days=40))
    unsent = send_ping(sender, 9303)  # the relay's to send, to every subscriber: not resent
    try:
        since = (datetime.now(timezone.utc) - timedelta(days=30)).date().isoformat()
        run = past_events("resend", "kit-sender", "--to", "kit", "--since", since)
        assert run.returncode == 0, run.stderr
        # With the three, whatever pings earlier tests of the run published (the inbox knows those).
        resent = int(re.search(r"^KitPinged\.v1: (\d+)$", run.stdout, re.MULTILINE).group(1))
        assert resent >= 3 and f"resent {resent} event(s) from kit-sender's outbox to kit" in run.stdout
        wait_for(lambda: pings_recorded(receiver, 9301) == 3, what="the three missed pings learnt")
        # The one recorded before `--since` was not sent (the three came after it, so it would have come first).
        assert pings_recorded(receiver, 9302) == 0

        # Again, and then everything since the beginning: the inbox knows the three; only the old one is new.
        assert past_events("resend", "kit-sender", "--to", "kit", "--since", since).returncode == 0
        everything = resend_past_events(sender.engine, sender.topology, "kit", ["KitPinged.v1"])
        assert everything.by_routing_key["KitPinged.v1"] >= 4
        wait_for(lambda: pings_recorded(receiver, 9302) == 1, what="the older ping learnt")
        assert pings_recorded(receiver, 9301) == 3
        assert pings_recorded(receiver, 9303) == 0
        assert len(missed) == 3 and long_ago
    finally:
        with sender.engine.begin() as connection:
            connection.execute(delete(outbox).where(outbox.c.event_id == unsent))


def test_resending_what_the_receiver_does_not_subscribe_to_is_refused_with_what_it_does(past_events):
    assert routing_keys_to_resend("kit-sender", "kit") == ["KitPinged.v1"]
    with pytest.raises(NothingToResend, match="kit does not subscribe to OrderPaid from kit-sender"):
        routing_keys_to_resend("kit-sender", "kit", {"OrderPaid"})
    with pytest.raises(NothingToResend, match="subscribes to no event orders publishes"):
        routing_keys_to_resend("orders", "kit")

    refused = past_events("resend", "kit-sender", "--to", "kit", "--event", "KitPonged")
    assert refused.returncode == 2
    assert "it subscribes to: KitPinged" in refused.stderr
    no_offset = past_events("resend", "kit-sender", "--to", "kit", "--since", "2026-01-01T00:00:00")
    assert no_offset.returncode == 2 and "has no offset" in no_offset.stderr


def test_a_batch_waits_while_the_receivers_queue_is_full(kit_runtimes, own_namespace):
    """No consumer here: each pause takes what waits off the queue, as the receiver's workers would."""
    sender, _ = kit_runtimes
    topology = own_namespace()
    since = datetime.now(timezone.utc)
    for number in range(5):
        published_before_anyone_listened(sender, 9310 + number)
    taken: list[int] = []
    pauses = []

    def workers_catch_up():
        pauses.append(len(taken))
        with topology.connection() as connection:
            channel = connection.channel()
            while (message := channel.basic_get(topology.queue_for("kit").name, no_ack=True)) is not None:
                taken.append(json.loads(message.body)["data"]["number"])

    resent = resend_past_events(sender.engine, topology, "kit", ["KitPinged.v1"], since=since, batch_size=2,
                                max_waiting=2, pause=workers_catch_up)
    workers_catch_up()

    assert resent.total == 5
    assert taken == [9310, 9311, 9312, 9313, 9314]  # in the order they were published, none twice
    # It waited after each full batch until the queue emptied: never more than two waited.
    assert pauses[:2] == [0, 2]


def test_an_event_id_resent_reaches_the_receiver_with_its_envelope_unchanged(kit_runtimes, own_namespace):
    sender, _ = kit_runtimes
    event_id = published_before_anyone_listened(sender, 9304)
    topology = own_namespace()
    resend_past_events(sender.engine, topology, "kit", ["KitPinged.v1"],
                       since=datetime.now(timezone.utc) - timedelta(minutes=5))
    with topology.connection() as connection:
        channel = connection.channel()
        found = []
        while (message := channel.basic_get(topology.queue_for("kit").name, no_ack=True)) is not None:
            found.append(message)
    ours = [m for m in found if m.properties["message_id"] == event_id]
    assert len(ours) == 1
    assert ours[0].headers["x-original-routing-key"] == "KitPinged.v1"
    assert f'"id": "{event_id}"' in ours[0].body or f'"id":"{event_id}"' in ours[0].body
    assert uuid.UUID(event_id)
