"""The watcher's record of notification ids: new ones once each, and a skipped id still found when it commits late."""
from notifications.domain.arrivals import LATE_COMMIT_SECONDS, MOST_AWAITED, Arrivals


def test_ids_above_the_highest_seen_are_new_once_each():
    arrivals = Arrivals(seen_up_to=10)

    assert arrivals.take([11, 12], now=0) == [11, 12]
    assert arrivals.take([11, 12, 13], now=1) == [13]
    assert arrivals.highest == 13


def test_an_id_skipped_over_is_new_when_its_transaction_commits_later():
    arrivals = Arrivals(seen_up_to=10)

    assert arrivals.take([12], now=0) == [12]
    assert arrivals.awaited == [11]
    assert arrivals.take([11], now=1) == [11]
    assert arrivals.awaited == []
    assert arrivals.take([11], now=2) == []


def test_a_skipped_id_is_given_up_once_no_transaction_could_still_commit_it():
    arrivals = Arrivals(seen_up_to=10)
    arrivals.take([13], now=0)

    arrivals.take([], now=LATE_COMMIT_SECONDS)

    assert arrivals.awaited == []
    assert arrivals.take([11], now=LATE_COMMIT_SECONDS + 1) == []


def test_a_big_jump_awaits_only_the_nearest_skipped_ids():
    arrivals = Arrivals(seen_up_to=0)

    arrivals.take([5000], now=0)

    assert arrivals.awaited == list(range(5000 - MOST_AWAITED, 5000))


def test_a_watcher_starting_late_still_awaits_the_ids_missing_among_the_newest():
    arrivals = Arrivals.from_newest([20, 18, 17], now=0)

    assert (arrivals.highest, arrivals.awaited) == (20, [19])
    assert arrivals.take([19, 21], now=1) == [19, 21]


def test_a_watcher_of_an_empty_inbox_takes_every_id():
    assert Arrivals.from_newest([], now=0).take([1], now=0) == [1]
