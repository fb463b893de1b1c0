"""kombu's filesystem transport, the bus `make run` embeds under var/bus, with each message written whole before a
worker can take it.

kombu's own creates a message's file and then writes it. A worker polling the folder in between moves the empty file
away, cannot read JSON from it, drops its connection ("lost its connection (JSONDecodeError ...)") and the event is
gone. Here the message is written under a name no queue reads, then renamed to its own: within one folder a rename
is atomic, so a worker sees no file or the whole of it.
"""
from __future__ import annotations

import os
import uuid
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps

# Written under its name plus this, which makes it nobody's queue (kombu reads `<time>_<uuid>.<queue>.msg` only).
PARTIAL = ".partial"


class Channel(filesystem.Channel):
    def _put(self, queue, payload, **kwargs):
        """Put the message onto `queue`, visible only once written whole."""
        # Named as kombu names it: workers take the files in the order of their names.
        filename = os.path.join(self.data_folder_out, f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg")
        try:
            with open(filename + PARTIAL, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))
            os.replace(filename + PARTIAL, filename)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {filename!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
