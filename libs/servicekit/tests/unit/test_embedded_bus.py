"""The embedded bus of `make run` (kombu's filesystem transport under var/bus): a worker polling the folder while an
event is being written finds it only once it is whole, so the event is not lost."""
import builtins
import os

from kombu import Queue

from servicekit.bus.topology import Topology


class _LookedAtBeforeEachWrite:
    """A file being written, with `look` run before each write: a worker polling the folder meanwhile."""

    def __init__(self, file, look):
        self._file, self._look = file, look

    def write(self, data):
        self._look()
        return self._file.write(data)

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._file.__exit__(*exc)


def test_a_worker_polling_while_an_event_is_written_finds_it_only_once_it_is_whole(tmp_path, monkeypatch):
    folder = tmp_path / "bus"
    topology = Topology(f"filesystem:///{folder}", "embedded")
    queue = Queue("embedded.notifications", exchange=topology.events, routing_key="StockLow.v1")
    seen_while_written = []
    with topology.connection() as publisher, topology.connection() as worker:
        inbox = worker.SimpleQueue(queue)

        def look():
            try:
                seen_while_written.append(inbox.get(block=False).payload)
            except inbox.Empty:
                pass

        real_open = builtins.open

        def watched_open(file, mode="r", *args, **kwargs):
            opened = real_open(file, mode, *args, **kwargs)
            if "w" in mode and os.path.samefile(os.path.dirname(file), folder):
                return _LookedAtBeforeEachWrite(opened, look)
            return opened

        monkeypatch.setattr(builtins, "open", watched_open)
        publisher.Producer().publish({"product_id": "cup", "stock": 2}, exchange=topology.events,
                                     routing_key="StockLow.v1")
        monkeypatch.undo()

        assert seen_while_written == []
        message = inbox.get(block=False)
        assert message.payload == {"product_id": "cup", "stock": 2}
        message.ack()
        inbox.close()
