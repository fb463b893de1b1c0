"""The likely cause of a negative review: a trained model (reviews.domain.cause_model) when it is sure enough, else
keyword rules kept as data (Korean and English), read through the review's terms.

The rules match stems, not spellings: each keyword is reduced to its terms (wordkit) and found as a run of the
review's terms, so "고장났어요", "고장 나서" and "고장남" all meet the keyword "고장"; a keyword with no terms of its
own ("안 돼") is found in the text as written. A review turns at a contrast ("빨랐는데", "but"): hits after the last
one count twice, since that is what the customer means. Praise phrases are cut out of each clause first.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

from contracts.events.reviews import NEGATIVE_CAUSES
from reviews.domain.cause_model import CauseModel, clauses
from wordkit import normalised, terms

OTHER = "other"
NEGATIVE_RATINGS = frozenset({1, 2})
# Hits in the clause after the last contrast weigh this much more than hits before it.
AFTER_CONTRAST_WEIGHT = 2


@dataclass(frozen=True)
class Keyword:
    """A keyword as the rules find it: its terms, or its normalised text when it has none."""

    terms: tuple[str, ...]
    text: str

    @classmethod
    def of(cls, word: str) -> "Keyword":
        return cls(tuple(terms(word)), normalised(word))

    def count_in(self, clause_terms: list[str], clause_text: str) -> int:
        if not self.terms:
            return clause_text.count(self.text)
        size = len(self.terms)
        return sum(tuple(clause_terms[start:start + size]) == self.terms
                   for start in range(len(clause_terms) - size + 1))


@dataclass(frozen=True)
class CauseRules:
    """Keywords per cause, the order that breaks ties, and praise phrases that count against nothing."""

    keywords: Mapping[str, tuple[str, ...]]
    priority: tuple[str, ...]
    praise: tuple[str, ...] = ()
    _found: Mapping[str, tuple[Keyword, ...]] = field(init=False, repr=False, compare=False)
    _praise: tuple[Keyword, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unknown = (set(self.keywords) | set(self.priority)) - set(NEGATIVE_CAUSES)
        if unknown or OTHER in self.keywords:
            raise ValueError(f"rules name causes outside {NEGATIVE_CAUSES} or give 'other' keywords: {sorted(unknown)}")
        if set(self.priority) != set(self.keywords):
            raise ValueError("the priority must list every cause that has keywords, once")
        object.__setattr__(self, "_found", {cause: _keywords(words) for cause, words in self.keywords.items()})
        object.__setattr__(self, "_praise", _keywords(self.praise))

    @classmethod
    def from_json(cls, document: str) -> "CauseRules":
        rules = json.loads(document)
        return cls(keywords={cause: tuple(words) for cause, words in rules["causes"].items()},
                   priority=tuple(rules["priority"]), praise=tuple(rules.get("praise", ())))

    def scores(self, text: str) -> dict[str, int]:
        """Hits per cause over the review's clauses, those after the last contrast weighing double."""
        parts = clauses(text)
        hits = dict.fromkeys(self.priority, 0)
        for number, clause in enumerate(parts):
            clause_terms, clause_text = _without_praise(terms(clause), clause, self._praise)
            weight = AFTER_CONTRAST_WEIGHT if len(parts) > 1 and number == len(parts) - 1 else 1
            for cause in self.priority:
                hits[cause] += weight * sum(keyword.count_in(clause_terms, clause_text) for keyword in self._found[cause])
        return hits


def _keywords(words: Sequence[str]) -> tuple[Keyword, ...]:
    return tuple(dict.fromkeys(Keyword.of(word) for word in words if word.strip()))


def _without_praise(clause_terms: list[str], clause: str, praise: tuple[Keyword, ...]) -> tuple[list[str], str]:
    for phrase in praise:
        if phrase.terms:
            size, kept, start = len(phrase.terms), [], 0
            while start < len(clause_terms):
                if tuple(clause_terms[start:start + size]) == phrase.terms:
                    start += size
                else:
                    kept.append(clause_terms[start])
                    start += 1
            clause_terms = kept
        else:
            clause = clause.replace(phrase.text, " ")
    return clause_terms, clause


def packaged_rules() -> CauseRules:
    """The rules shipped with the service (reviews/data/negative_cause_rules.json)."""
    document = resources.files("reviews").joinpath("data/negative_cause_rules.json").read_text("utf-8")
    return CauseRules.from_json(document)


def packaged_model() -> CauseModel:
    """The model shipped with the service (reviews/data/negative_cause_model.json, made by reviews.cause_training)."""
    return CauseModel.from_json(resources.files("reviews").joinpath("data/negative_cause_model.json").read_text("utf-8"))


def scores(text: str, rules: CauseRules) -> dict[str, int]:
    return rules.scores(text)


def ruled_cause(text: str, rules: CauseRules) -> str:
    """The cause with the most hits, the earlier in priority on a tie; 'other' when nothing matched."""
    hits = rules.scores(text)
    best = max(rules.priority, key=lambda cause: (hits[cause], -rules.priority.index(cause)))
    return best if hits[best] > 0 else OTHER


def likely_cause(text: str, rules: CauseRules, model: CauseModel | None = None) -> str:
    """The model's cause when it is at least as sure as its training found worth trusting (`trust_from`); else
    the rules' when they find one; else the model's best guess (or 'other' without a model)."""
    if model is None:
        return ruled_cause(text, rules)
    probabilities = model.probabilities(text)
    best = max(probabilities, key=probabilities.get)
    if probabilities[best] >= model.trust_from:
        return best
    ruled = ruled_cause(text, rules)
    return ruled if ruled != OTHER else best
