"""servicekit.testing's reader of Server-Sent Events: frames as EventSource parses them, however the bytes are cut."""
import queue

import pytest

from servicekit.testing.event_streams import EventStreamReader


def reader_of(*chunks: bytes) -> EventStreamReader:
    return EventStreamReader(iter(chunks), close=lambda: None)


def test_a_frame_is_read_whole_however_its_bytes_are_cut():
    reader = reader_of(b'id: 7\nevent: notif', b'ication\ndata: {"id"', b': 7}\n', b"\n")

    frame = reader.next_frame(1)

    assert (frame.id, frame.event, frame.data) == ("7", "notification", {"id": 7})


def test_comments_make_frames_of_their_own_that_next_event_skips():
    reader = reader_of(b": heartbeat\n\n", b"retry: 1000\r\n\r\n", b"data: 1\n\n")

    assert reader.next_frame(1).comments == ["heartbeat"]
    assert reader.next_event(1).data == 1


def test_data_lines_join_and_the_end_of_the_stream_is_seen():
    reader = reader_of(b"data: [1,\ndata: 2]\n\n")

    assert reader.next_event(1).data == [1, 2]
    assert reader.ended_within(1)


def test_waiting_for_a_frame_that_never_comes_fails_at_the_deadline():
    silence: queue.Queue[bytes] = queue.Queue()
    reader = EventStreamReader(iter(silence.get, None), close=lambda: silence.put(None))

    with pytest.raises(AssertionError, match="no frame"):
        reader.next_frame(0.1)
    assert not reader.ended_within(0.1)
    reader.close()
    assert reader.ended_within(1)
