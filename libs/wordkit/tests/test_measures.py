"""The figures benches and tests report on labelled examples."""
import pytest

from wordkit.measures import ranking_figures, recall_at, reciprocal_rank


def test_recall_counts_the_relevant_among_the_first_k_out_of_as_many_as_fit():
    assert recall_at(["a", "x", "b"], {"a", "b"}, k=2) == 0.5
    assert recall_at(["a", "b"], {"a", "b", "c"}, k=2) == 1.0
    with pytest.raises(ValueError):
        recall_at(["a"], set())


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(["x", "a"], {"a"}) == 0.5
    assert reciprocal_rank(["x"], {"a"}) == 0.0


def test_queries_nothing_should_answer_are_counted_apart():
    figures = ranking_figures([(["a"], {"a"}), (["x", "b"], {"b"}), ([], set()), (["x"], set())])
    assert (figures.queries, figures.recall, figures.mrr) == (2, 1.0, 0.75)
    assert (figures.unanswerable, figures.unanswerable_found_nothing) == (2, 1)
