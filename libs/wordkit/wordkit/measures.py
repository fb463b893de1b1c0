"""How well a search or a matcher does on labelled examples: the figures its benches and tests report."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass


def recall_at(found: Sequence[str], relevant: Collection[str], k: int = 10) -> float:
    """The share of the relevant items among the first k found, out of as many as k can hold."""
    if not relevant:
        raise ValueError("recall needs at least one relevant item")
    return len(set(found[:k]) & set(relevant)) / min(len(relevant), k)


def reciprocal_rank(found: Sequence[str], relevant: Collection[str]) -> float:
    """1 / the rank of the first relevant item found; 0 when none is."""
    for rank, item in enumerate(found, start=1):
        if item in relevant:
            return 1 / rank
    return 0.0


@dataclass(frozen=True)
class RankingFigures:
    """Mean recall@k and mean reciprocal rank over the queries that have relevant items, and how many of the
    queries that have none found nothing (as they should)."""

    queries: int
    recall: float
    mrr: float
    unanswerable: int
    unanswerable_found_nothing: int


def ranking_figures(results: Iterable[tuple[Sequence[str], Collection[str]]], k: int = 10) -> RankingFigures:
    """Figures of (found, relevant) pairs, one per query."""
    recalls, ranks, unanswerable, empty = [], [], 0, 0
    for found, relevant in results:
        if not relevant:
            unanswerable += 1
            empty += not found
            continue
        recalls.append(recall_at(found, relevant, k))
        ranks.append(reciprocal_rank(found, relevant))
    count = len(recalls)
    return RankingFigures(count, sum(recalls) / count if count else 0.0, sum(ranks) / count if count else 0.0,
                          unanswerable, empty)
