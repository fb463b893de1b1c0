"""supervisord event listener that prints every process's output under `make run`, each line under its process's name.

supervisord hands output over as PROCESS_LOG events, in pieces that need not end at a line's end; a
piece's unfinished last line waits for the rest. Lines go to stderr, which supervisord passes on to
the launcher's stdout; stdout is the listener's channel to supervisord.
"""
from __future__ import annotations

import io
import sys

from supervisor import childutils


# An unfinished line is shown in pieces this long: a process writing without end of line (a binary
# stream, one endless line) would otherwise hold this listener's memory without bound.
MAX_LINE_CHARACTERS = 16 * 1024


def labelled_lines(pending: dict[str, str], process: str, text: str, width: int) -> list[str]:
    """The complete lines in `text` after what `process` left unfinished, each under its name."""
    *lines, unfinished = (pending.get(process, "") + text).split("\n")
    while len(unfinished) > MAX_LINE_CHARACTERS:
        lines.append(unfinished[:MAX_LINE_CHARACTERS])
        unfinished = unfinished[MAX_LINE_CHARACTERS:]
    pending[process] = unfinished
    return [f"{process:<{width}} | {line.rstrip()}" for line in lines]


def main(width: int) -> None:
    # The event's announced length counts characters, so read text, decoded the way supervisord encoded it.
    events = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace", newline="")
    pending: dict[str, str] = {}
    while True:
        _, payload = childutils.listener.wait(events, sys.stdout)
        headers, text = childutils.eventdata(payload)
        for line in labelled_lines(pending, headers["processname"], text, width):
            print(line, file=sys.stderr)
        sys.stderr.flush()
        childutils.listener.ok(sys.stdout)


if __name__ == "__main__":
    main(int(sys.argv[1]))
