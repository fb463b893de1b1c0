"""The operator's `dead-letters` command lists every letter, however broken, replays exactly what it
says, refuses to replay what no service can read, and discards on purpose with a record."""
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from servicekit.bus.deadletter import list_dead_letters, replay_dead_letters
from servicekit.bus.tables import discarded_letters
from servicekit.testing import wait_for
from tests.conftest import pings_recorded, send_ping
from tests.integration.test_unreadable_messages import as_json, envelope, publish_raw

PACKAGE = Path(__file__).parents[2]


@pytest.fixture
def dead_letters(kit_runtimes):
    _, receiver = kit_runtimes
    config = receiver.config
    env = {
        **os.environ,
        "KIT_DATABASE_URL": config.database_url,
        "BROKER_URL": config.broker_url,
        "BUS_NAMESPACE": config.bus_namespace,
    }

    def run(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "servicekit.bus.deadletter", *argv],
            env=env, cwd=PACKAGE, capture_output=True, text=True, timeout=60,
        )

    return run


def listed(receiver, predicate):
    return [letter for letter in list_dead_letters(receiver.topology, "kit") if predicate(letter)]


def ready_letters(receiver) -> int:
    """How many letters the broker counts as ready to take; those a listing just put back may take a moment."""
    with receiver.topology.connection() as connection:
        queue = receiver.topology.dead_letter_queue_for("kit")(connection.channel())
        return queue.queue_declare(passive=True).message_count


def test_an_unreadable_letter_is_listed_refused_for_replay_and_discarded_with_a_record(
    kit_runtimes, relay, running_consumer, switch, dead_letters
):
    sender, receiver = kit_runtimes
    junk = f"this is {{not json {uuid.uuid4()}".encode()
    publish_raw(receiver.topology, junk)
    unreadable = wait_for(lambda: listed(receiver, lambda l: l.body == junk), what="the junk dead-lettered")[0]
    # Behind it, an event whose handler failed until a fix.
    poison_id = send_ping(sender, 9104, poison=True)
    relay.publish_pending()
    wait_for(lambda: listed(receiver, lambda l: l.event_id == poison_id), what="the poison ping dead-lettered")

    shown = dead_letters("list", "kit")
    assert shown.returncode == 0, shown.stderr
    entries = {entry["letter"]: entry for entry in map(json.loads, shown.stdout.splitlines())}
    assert entries[unreadable.name]["body"] == junk.decode()
    assert entries[unreadable.name]["reason"].startswith("unreadable: not JSON")
    assert entries[unreadable.name]["replayable"] is False
    assert entries[poison_id]["routing_key"] == "KitPinged.v1"
    assert "cannot digest poison" in entries[poison_id]["reason"]

    refused = dead_letters("replay", "kit", "--letter", unreadable.name)
    assert refused.returncode == 1
    assert f"refused {unreadable.name}" in refused.stdout and "replayed 0 letter(s)" in refused.stdout
    assert listed(receiver, lambda l: l.name == unreadable.name)

    # The readable letter behind the broken one replays, and the command says exactly that.
    switch.fixed = True
    replayed = dead_letters("replay", "kit", "--event-id", poison_id)
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert replayed.stdout.splitlines() == [f"replayed {poison_id} KitPinged.v1", "replayed 1 letter(s)"]
    wait_for(lambda: pings_recorded(receiver, 9104) == 1, what="the replayed ping handled")

    thrown = dead_letters("discard", "kit", "--letter", unreadable.name, "--reason", "junk from a test publisher",
                          "--by", "ops-kim")
    assert thrown.returncode == 0, thrown.stdout + thrown.stderr
    assert f"discarded {unreadable.name}" in thrown.stdout
    assert not listed(receiver, lambda l: l.name == unreadable.name)
    with receiver.engine.connect() as connection:
        record = connection.execute(
            select(discarded_letters).where(discarded_letters.c.letter == unreadable.name)
        ).one()
    assert (record.body, record.discard_reason, record.discarded_by) == (junk, "junk from a test publisher", "ops-kim")
    assert "not JSON" in record.dead_letter_reason
    history = [json.loads(line) for line in dead_letters("discarded", "kit").stdout.splitlines()]
    assert any(entry["letter"] == unreadable.name for entry in history)


def test_a_replay_of_everything_keeps_unreadable_letters_and_names_them(
    kit_runtimes, running_consumer, dead_letters
):
    _, receiver = kit_runtimes
    junk = f"<xml>{uuid.uuid4()}</xml>".encode()
    publish_raw(receiver.topology, junk, content_type="application/xml")
    letter = wait_for(lambda: listed(receiver, lambda l: l.body == junk), what="the xml dead-lettered")[0]

    everything = dead_letters("replay", "kit")
    assert everything.returncode == 0, everything.stdout + everything.stderr
    assert "kept" in everything.stdout and letter.name in everything.stdout
    assert listed(receiver, lambda l: l.name == letter.name)


def test_a_replay_of_everything_replays_each_letter_once_though_the_worker_sends_it_straight_back(
    kit_runtimes, running_consumer
):
    _, receiver = kit_runtimes
    # Letters with data the contract refuses: a replay may help after a fix, but now the worker
    # dead-letters each again at once, behind the letters the replay has still to read.
    bodies = [as_json(envelope(data={"number": "many"})) for _ in range(30)]
    for body in bodies:
        publish_raw(receiver.topology, body)
    wait_for(lambda: len(listed(receiver, lambda l: l.body in bodies)) == len(bodies),
             what="the refused letters dead-lettered")
    names = {letter.name for letter in listed(receiver, lambda l: l.body in bodies)}
    # A replay takes the letters ready when it starts; the listing's are back in the queue first.
    wait_for(lambda: ready_letters(receiver) >= len(bodies), what="the listed letters back in the queue")
    said = []

    def say(line: str) -> None:
        said.append(line)
        if len(said) > 10 * len(bodies):
            raise RuntimeError("the replay keeps replaying letters that came back")

    outcome = replay_dead_letters(receiver.topology, "kit", None, say)

    replayed = [line.split()[1] for line in said if line.startswith("replayed ")]
    assert sorted(name for name in replayed if name in names) == sorted(names)
    assert len(outcome.done) == len(replayed)
    # Back in the dead-letter queue, for the next replay after a fix.
    wait_for(lambda: {l.name for l in listed(receiver, lambda l: l.body in bodies)} == names,
             what="the refused letters back in the dead-letter queue")


def test_discarding_a_letter_that_is_not_there_says_so(dead_letters):
    missing = dead_letters("discard", "kit", "--letter", "sha256:0000000000000000", "--reason", "gone")
    assert missing.returncode == 1
    assert "not in the dead-letter queue: sha256:0000000000000000" in missing.stdout
    assert dead_letters("discard", "kit", "--letter", "x", "--reason", "  ").returncode == 2
