"""Which notifications a watcher has seen, by id, and which skipped ids it still looks out for.

Ids only grow, but not in the order their rows become visible: a transaction takes its id when it inserts and shows
the row when it commits, so a handler that took id 10 may commit after another that took id 11. A watcher that only
asked for rows above the highest id it saw would miss 10 for good. So an id jumped over is awaited for a while
(LATE_COMMIT_SECONDS) and asked for again with the new rows; one that never shows (its transaction rolled back, which
leaves a hole in the sequence for ever) is given up after that.
"""
from __future__ import annotations

from typing import Iterable

# Longer than any transaction of the notifications worker between its insert and its commit.
LATE_COMMIT_SECONDS = 10.0
# Skipped ids looked out for at once; a bigger jump (PostgreSQL skips 32 after a crash) awaits only the nearest.
MOST_AWAITED = 100


class Arrivals:
    def __init__(self, seen_up_to: int, late_commit_seconds: float = LATE_COMMIT_SECONDS):
        self.highest = seen_up_to
        self._late_commit_seconds = late_commit_seconds
        # Skipped id -> until when (the watcher's clock, in seconds) it is looked out for.
        self._awaited: dict[int, float] = {}

    @classmethod
    def from_newest(cls, newest_ids: list[int], now: float,
                    late_commit_seconds: float = LATE_COMMIT_SECONDS) -> Arrivals:
        """A watcher starting now, from the newest ids already committed: those missing among them may still be."""
        arrivals = cls(min(newest_ids) - 1 if newest_ids else 0, late_commit_seconds)
        arrivals.take(newest_ids, now)
        return arrivals

    @property
    def awaited(self) -> list[int]:
        """The skipped ids to ask for again, besides every id above `highest`."""
        return sorted(self._awaited)

    def take(self, found: Iterable[int], now: float) -> list[int]:
        """Of the ids `found` above `highest` or among the awaited, those seen for the first time, in order."""
        new = []
        for notification_id in sorted(set(found)):
            if notification_id > self.highest:
                for skipped in range(max(self.highest + 1, notification_id - MOST_AWAITED), notification_id):
                    self._awaited[skipped] = now + self._late_commit_seconds
                self.highest = notification_id
                new.append(notification_id)
            elif self._awaited.pop(notification_id, None) is not None:
                new.append(notification_id)
        for skipped, until in list(self._awaited.items()):
            if until <= now:
                del self._awaited[skipped]
        if len(self._awaited) > MOST_AWAITED:
            for skipped in self.awaited[:-MOST_AWAITED]:
                del self._awaited[skipped]
        return new
