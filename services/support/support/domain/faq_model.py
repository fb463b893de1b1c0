"""The trained model of automatic answers: a logistic regression over what the matcher measures of one entry for
one question (faq_matching.FEATURES), scored in plain Python from its coefficients, with the threshold and margin
that training set for the precision asked of it (support.faq_training makes it; support/data/faq_model.json is
the one shipped, trained on the repository's labelled inquiries).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Any, Sequence


@dataclass(frozen=True)
class FaqModel:
    features: Sequence[str]
    coefficients: Sequence[float]
    intercept: float
    # The least probability of the best entry for an answer to be sent without a person.
    threshold: float
    # How much more likely than the second entry the best one must be.
    margin: float
    # What training measured and on what (examples, precision and recall from cross-validation).
    trained: dict[str, Any]

    def __post_init__(self) -> None:
        object.__setattr__(self, "features", tuple(self.features))
        object.__setattr__(self, "coefficients", tuple(float(value) for value in self.coefficients))

    def probability(self, values: Sequence[float]) -> float:
        total = self.intercept + sum(weight * value for weight, value in zip(self.coefficients, values))
        return 1 / (1 + math.exp(-total)) if total > -700 else 0.0

    def answers(self, best: float, second: float) -> bool:
        return best >= self.threshold and best - second >= self.margin

    def to_json(self) -> dict[str, Any]:
        return {"features": list(self.features), "coefficients": list(self.coefficients), "intercept": self.intercept,
                "threshold": self.threshold, "margin": self.margin, "trained": self.trained}

    @classmethod
    def from_json(cls, document: dict[str, Any], expected_features: Sequence[str]) -> "FaqModel":
        """The model a document describes; a ValueError when it was trained on other features than this code
        measures (an older model after an upgrade), so the caller falls back to the shipped one."""
        if list(document["features"]) != list(expected_features):
            raise ValueError("the model was trained on other features")
        if len(document["coefficients"]) != len(expected_features):
            raise ValueError("the model has not one coefficient a feature")
        return cls(document["features"], document["coefficients"],
                   float(document["intercept"]), float(document["threshold"]), float(document["margin"]),
                   dict(document.get("trained", {})))


def shipped_document() -> dict[str, Any]:
    return json.loads(resources.files("support").joinpath("data/faq_model.json").read_text(encoding="utf-8"))
