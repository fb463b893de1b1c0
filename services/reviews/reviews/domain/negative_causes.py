"""The likely cause of a negative review, read from keyword rules kept as data (Korean and English)."""
from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from contracts.events.reviews import NEGATIVE_CAUSES

OTHER = "other"
NEGATIVE_RATINGS = frozenset({1, 2})


def normalised(text: str) -> str:
    """NFKC folds full-width letters and compatibility jamo; Korean needs no word splitting after it."""
    return unicodedata.normalize("NFKC", text).lower()


@dataclass(frozen=True)
class CauseRules:
    """Keywords per cause, the order that breaks ties, and praise phrases that count against nothing."""

    keywords: Mapping[str, tuple[str, ...]]
    priority: tuple[str, ...]
    praise: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = (set(self.keywords) | set(self.priority)) - set(NEGATIVE_CAUSES)
        if unknown or OTHER in self.keywords:
            raise ValueError(f"rules name causes outside {NEGATIVE_CAUSES} or give 'other' keywords: {sorted(unknown)}")
        if set(self.priority) != set(self.keywords):
            raise ValueError("the priority must list every cause that has keywords, once")

    @classmethod
    def from_json(cls, document: str) -> "CauseRules":
        rules = json.loads(document)
        return cls(
            keywords={cause: _phrases(words) for cause, words in rules["causes"].items()},
            priority=tuple(rules["priority"]),
            praise=_phrases(rules.get("praise", ())),
        )


def _phrases(words: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(normalised(word) for word in words if word.strip()))


def packaged_rules() -> CauseRules:
    """The rules shipped with the service (reviews/data/negative_cause_rules.json)."""
    document = resources.files("reviews").joinpath("data/negative_cause_rules.json").read_text("utf-8")
    return CauseRules.from_json(document)


def scores(text: str, rules: CauseRules) -> dict[str, int]:
    """Hits per cause: every occurrence of each keyword counts one, after praise phrases are cut out."""
    folded = normalised(text)
    for phrase in rules.praise:
        folded = folded.replace(phrase, " ")
    return {cause: sum(folded.count(word) for word in rules.keywords[cause]) for cause in rules.priority}


def likely_cause(text: str, rules: CauseRules) -> str:
    """The cause with the most hits, the earlier in priority on a tie; 'other' when nothing matched."""
    hits = scores(text, rules)
    best = max(rules.priority, key=lambda cause: (hits[cause], -rules.priority.index(cause)))
    return best if hits[best] > 0 else OTHER
