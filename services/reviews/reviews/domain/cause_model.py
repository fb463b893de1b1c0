"""A trained model of the cause of a negative review: a linear model over the review's terms and character n-grams,
scored in plain Python from its coefficients (reviews/data/negative_cause_model.json, made by reviews.cause_training).

What it reads of a review (cause_features): the review's terms (wordkit: stems, Korean particles and endings gone),
each term of the clause after the last contrast ("빨랐는데 ... 불량", "fast, but ...") once more with a mark of its
own, so the model can weigh what comes after a contrast apart; and the review's normalised text, whose character
n-grams (2 to 4, inside words, as scikit-learn's char_wb makes them) catch misspellings and compounds the analyser
splits otherwise. Each kind of feature is weighed by tf-idf (sublinear tf, l2-normalised per kind) as training did.
"""
from __future__ import annotations

import copy
import json
import math
import re
from collections import Counter
from dataclasses import dataclass

from wordkit import normalised, terms

# Where a review turns: what follows is what the customer means ("배송은 빨랐는데 제품이 불량", "fast, but broken").
CONTRAST = re.compile(
    r"(?:는데|은데|한데|인데|던데|지만|으나|근데|그런데|하지만|그래도"
    r"|\bbut\b|\bhowever\b|\balthough\b|\bthough\b|\byet\b|\bexcept\b)"
)
AFTER_CONTRAST = "after:"
CHAR_NGRAMS = (2, 4)
_SPACES = re.compile(r"\s\s+")


def clauses(text: str) -> list[str]:
    """The review's normalised text cut where it turns; one clause when it does not."""
    return [clause for clause in CONTRAST.split(normalised(text)) if clause.strip()] or [""]


def cause_features(text: str) -> tuple[str, str]:
    """What the model reads of a review: its terms, those after the last contrast marked again, as one
    space-separated string; and its normalised text, for character n-grams."""
    parts = clauses(text)
    words = [term for part in parts for term in terms(part)]
    if len(parts) > 1:
        words += [AFTER_CONTRAST + term for term in terms(parts[-1])]
    return " ".join(words), normalised(text)


def char_ngrams(text: str) -> list[str]:
    """Character n-grams inside words, each word padded with a space: scikit-learn's char_wb analyser."""
    low, high = CHAR_NGRAMS
    grams = []
    for word in _SPACES.sub(" ", text).split():
        padded = f" {word} "
        for size in range(low, high + 1):
            offset = 0
            grams.append(padded[offset:offset + size])
            while offset + size < len(padded):
                offset += 1
                grams.append(padded[offset:offset + size])
            if offset == 0:  # the word is shorter than the n-gram
                break
    return grams


@dataclass(frozen=True)
class _Block:
    """One kind of feature: its vocabulary (feature to column) and idf, columns offset into the coefficients."""

    vocabulary: dict[str, int]
    idf: list[float]
    offset: int

    def weighted(self, features: list[str]) -> dict[int, float]:
        counts = Counter(feature for feature in features if feature in self.vocabulary)
        vector = {self.vocabulary[feature]: (1 + math.log(count)) * self.idf[self.vocabulary[feature]]
                  for feature, count in counts.items()}
        length = math.sqrt(sum(value * value for value in vector.values()))
        return {self.offset + column: value / length for column, value in vector.items()} if length else {}


class CauseModel:
    """The trained model: the probability of each cause for a review."""

    def __init__(self, document: dict):
        self.causes: tuple[str, ...] = tuple(document["classes"])
        self._terms = _Block(document["terms"]["vocabulary"], document["terms"]["idf"], 0)
        self._chars = _Block(document["chars"]["vocabulary"], document["chars"]["idf"], len(document["terms"]["idf"]))
        self._coef: list[list[float]] = document["coef"]
        self._intercept: list[float] = document["intercept"]
        self.about: dict = document.get("about", {})
        # Below this probability the rules decide when they find a cause (reviews.domain.negative_causes).
        self.trust_from: float = document.get("trust_from", 0.0)

    @classmethod
    def from_json(cls, text: str) -> "CauseModel":
        return cls(json.loads(text))

    def trusting_from(self, probability: float) -> "CauseModel":
        """The same model, trusted from another probability (0: always its own best guess)."""
        other = copy.copy(self)
        other.trust_from = probability
        return other

    def probabilities(self, text: str) -> dict[str, float]:
        words, plain = cause_features(text)
        vector = {**self._terms.weighted(words.split()), **self._chars.weighted(char_ngrams(plain))}
        scores = [intercept + sum(value * coefficients[column] for column, value in vector.items())
                  for coefficients, intercept in zip(self._coef, self._intercept)]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        total = sum(exps)
        return {cause: value / total for cause, value in zip(self.causes, exps)}
