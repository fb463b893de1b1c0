"""How `make run` shows each process's output: every line under its process's name, whole."""
from deploy.process_output import MAX_LINE_CHARACTERS, labelled_lines


def test_a_line_split_across_two_pieces_of_output_is_shown_once_and_whole():
    pending: dict[str, str] = {}

    first = labelled_lines(pending, "orders-worker", "paid order 1\npaid ord", width=14)
    between = labelled_lines(pending, "auth-web", "Booting worker\n", width=14)
    second = labelled_lines(pending, "orders-worker", "er 2\n", width=14)

    assert first == ["orders-worker  | paid order 1"]
    assert between == ["auth-web       | Booting worker"]
    assert second == ["orders-worker  | paid order 2"]


def test_output_that_never_ends_its_line_is_shown_in_pieces_and_not_held():
    pending: dict[str, str] = {}
    # A process writing a binary stream or one endless line: supervisord hands it over piece by piece.
    shown = [line for _ in range(100) for line in labelled_lines(pending, "catalog-worker", "x" * 65_536, width=14)]

    assert len(pending["catalog-worker"]) <= MAX_LINE_CHARACTERS
    assert all(len(line) <= len("catalog-worker | ") + MAX_LINE_CHARACTERS for line in shown)
    assert sum(len(line) - len("catalog-worker | ") for line in shown) + len(pending["catalog-worker"]) == 100 * 65_536
