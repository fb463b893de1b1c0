"""Reading a text/event-stream answer (Server-Sent Events) in a test: frame by frame as a browser's EventSource
parses them, each waited for with a deadline, while a thread of the reader's own takes the bytes as they come."""
from __future__ import annotations

import json
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable


@dataclass
class Frame:
    """One block of the stream, up to its blank line: its fields, its comments, and when it arrived (monotonic)."""

    received_at: float
    fields: dict[str, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return self.fields.get("id")

    @property
    def event(self) -> str | None:
        return self.fields.get("event")

    @property
    def data(self) -> Any:
        """The data lines, read as JSON."""
        return json.loads(self.fields["data"])


class EventStreamReader:
    """Reads `chunks` (the body of a text/event-stream answer) in a thread; `close` is called to stop it."""

    def __init__(self, chunks: Iterable[bytes], close: Callable[[], None]):
        self._close = close
        self._frames: queue.Queue[Frame | None] = queue.Queue()
        threading.Thread(target=self._read, args=(chunks,), daemon=True).start()

    def _read(self, chunks: Iterable[bytes]) -> None:
        frame, pending = None, ""
        try:
            for chunk in chunks:
                *lines, pending = (pending + chunk.decode()).replace("\r\n", "\n").split("\n")
                for line in lines:
                    frame = frame or Frame(received_at=time.monotonic())
                    if not line:
                        self._frames.put(frame)
                        frame = None
                    elif line.startswith(":"):
                        frame.comments.append(line[1:].strip())
                    else:
                        name, _, value = line.partition(":")
                        value = value.removeprefix(" ")
                        frame.fields[name] = f"{frame.fields[name]}\n{value}" if name in frame.fields else value
        except Exception:  # noqa: BLE001 - the test closed the stream under the reader: it ended
            pass
        self._frames.put(None)

    def next_frame(self, timeout: float) -> Frame | None:
        """The next frame, comments alone included; None when the stream ended. Fails if none comes in `timeout`."""
        try:
            return self._frames.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no frame within {timeout}s") from None

    def next_event(self, timeout: float) -> Frame:
        """The next frame that carries data (heartbeats and other comments skipped)."""
        deadline = time.monotonic() + timeout
        while True:
            frame = self.next_frame(max(0.0, deadline - time.monotonic()))
            if frame is None:
                raise AssertionError("the stream ended before an event came")
            if "data" in frame.fields:
                return frame

    def ended_within(self, timeout: float) -> bool:
        """Whether the stream ends within `timeout`, whatever frames come before."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                if self._frames.get(timeout=remaining) is None:
                    return True
            except queue.Empty:
                return False
        return False

    def close(self) -> None:
        self._close()
