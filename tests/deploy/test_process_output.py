"""How `make run` shows each process's output: every line under its process's name, whole."""
from deploy.process_output import labelled_lines


def test_a_line_split_across_two_pieces_of_output_is_shown_once_and_whole():
    pending: dict[str, str] = {}

    first = labelled_lines(pending, "orders-worker", "paid order 1\npaid ord", width=14)
    between = labelled_lines(pending, "auth-web", "Booting worker\n", width=14)
    second = labelled_lines(pending, "orders-worker", "er 2\n", width=14)

    assert first == ["orders-worker  | paid order 1"]
    assert between == ["auth-web       | Booting worker"]
    assert second == ["orders-worker  | paid order 2"]
