"""Train the automatic-answer model from labelled questions, and set its threshold for a chosen precision.

    python -m support.faq_training [--precision 0.9] [--store | --out PATH] [--sample-entries PATH]
        [--sample PATH ...] [--split tune]

The shipped model: `python -m support.faq_training --sample support/data/faq_training_inquiries.json
tests/data/faq_inquiries.json --split tune` (from services/support): the training questions and the tune part of
the labelled sample, never its test part.

With --store (what an operator runs in a deployment), the labelled questions are the ones use has made
(support.faq_learning: automatic answers customers kept or rejected, questions agents answered with an entry or
without one) on top of the repository's sample, and the model is stored in the database, where every web and worker
picks it up; without it, the model is written to a file (by default the shipped support/data/faq_model.json,
trained on the repository's sample alone).

How: the labelled questions are cut into folds. For each fold, the matcher is built from the entries with the other
folds' questions as the past questions it knows, and measures
each of the fold's questions against its best few entries; a logistic regression (scikit-learn) learns from those
rows whether the entry is the one. The threshold and margin come from the same rows: a second cross-validation
predicts each question's probabilities from a model that never saw it, and the pair kept is the one that answers
most questions while precision stays at the chosen level in each language. The model stored keeps the questions
it was trained on, so the matcher measures new questions against them. Needs scikit-learn:
`pip install 'marketplace-support[training]'`.
"""
from __future__ import annotations

import argparse
import json
import re
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

from sqlalchemy import select

from servicekit import clock
from servicekit.config import ServiceConfig
from servicekit.runtime import Runtime
from support.domain.faq_matching import FEATURES, FaqMatcher, FaqText, PastQuestions, language_of
from support.domain.faq_model import FaqModel
from support.domain.faq_synonyms import Synonyms
from support.faq_learning import (DATA, Labelled, default_entries, examples_from_use, sample_entries,
                                  sample_questions, shipped_synonyms, synonyms_of)
from support.models.faq import FaqEntry, FaqModelVersion

FOLDS = 5
REGULARISATION = 1.0
THRESHOLDS = tuple(round(0.3 + step * 0.025, 3) for step in range(27))
MARGINS = (0.1, 0.2, 0.3, 0.5)
# The past questions a model keeps for matching, at most: enough to find the likest, few enough to index in a second.
PAST_KEPT = 5_000
_DIGITS = re.compile(r"\d")
SHIPPED_MODEL = DATA / "faq_model.json"
SHIPPED_EXAMPLES = DATA / "faq_training_inquiries.json"


def _rows(entries: Sequence[FaqText], known: Sequence[Labelled], asked: Sequence[Labelled], synonyms: Synonyms
          ) -> list[tuple[int, str, list[float], bool]]:
    """(question number, entry id, features, whether it is the entry) for each question's candidates."""
    matcher = FaqMatcher(entries, untrained(), synonyms, PastQuestions(past_of(known)))
    return [(number, entry_id, features, entry_id == question.expected)
            for number, question in enumerate(asked) for entry_id, features in matcher.candidates(question.text)]


def past_of(labelled: Sequence[Labelled]) -> list[tuple[str, bool]]:
    """The questions as past questions the matcher knows: (text, whether a person had to answer)."""
    return [(question.text, question.expected is None) for question in labelled]


def untrained() -> FaqModel:
    """A model that ranks by the plain scores alone, to measure candidates before there is a trained one."""
    return FaqModel(FEATURES, [0.0] * len(FEATURES), 0.0, 1.0, 0.0, {})


def cross_fitted_rows(entries: Sequence[FaqText], labelled: Sequence[Labelled], synonyms: Synonyms
                      ) -> list[tuple[int, int, str, list[float], bool]]:
    """Every labelled question's candidate rows, each measured by a matcher that did not know the question:
    (fold, question number overall, entry id, features, is the entry)."""
    rows = []
    for fold in range(FOLDS):
        asked = [(number, question) for number, question in enumerate(labelled) if number % FOLDS == fold]
        known = [question for number, question in enumerate(labelled) if number % FOLDS != fold]
        for local, entry_id, features, right in _rows(entries, known, [q for _, q in asked], synonyms):
            rows.append((fold, asked[local][0], entry_id, features, right))
    return rows


def _fit(rows) -> Any:
    """A logistic regression on standardised features (so one regularisation suits features of every scale)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=REGULARISATION, max_iter=5000)).fit(
        [row[3] for row in rows], [row[4] for row in rows])


def _as_model(fitted, threshold: float, margin: float, trained: dict[str, Any]) -> FaqModel:
    """The fitted pipeline as one linear model over the raw features: the scaling folded into the coefficients."""
    scaler, regression = fitted[0], fitted[-1]
    coefficients = [float(weight / scale) for weight, scale in zip(regression.coef_[0], scaler.scale_)]
    intercept = float(regression.intercept_[0]) - sum(
        weight * mean for weight, mean in zip(coefficients, scaler.mean_))
    return FaqModel(FEATURES, coefficients, intercept, threshold, margin, trained)


def choose_threshold(rows, labelled: Sequence[Labelled], precision: float) -> tuple[float, float, dict[str, Any]]:
    """The threshold and margin that answer most questions while the held-out precision of each language stays at
    `precision` or above; the figures they give, by language."""
    by_question: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for fold in range(FOLDS):
        fitted = _fit([row for row in rows if row[0] != fold])
        held_out = [row for row in rows if row[0] == fold]
        if held_out:
            for row, probability in zip(held_out, fitted.predict_proba([row[3] for row in held_out])[:, 1]):
                by_question[row[1]].append((float(probability), row[2]))
    best: tuple[float, float, dict[str, Any]] | None = None
    for threshold in THRESHOLDS:
        for margin in MARGINS:
            figures = _figures(by_question, labelled, threshold, margin)
            if all(figure["precision"] >= precision for figure in figures.values()):
                answered_right = sum(figure["right"] for figure in figures.values())
                if best is None or answered_right > best[2]["right"]:
                    best = (threshold, margin, {"right": answered_right, "by_language": figures})
    if best is None:
        threshold, margin = THRESHOLDS[-1], MARGINS[-1]
        return threshold, margin, {"by_language": _figures(by_question, labelled, threshold, margin)}
    return best


def _figures(by_question, labelled: Sequence[Labelled], threshold: float, margin: float) -> dict[str, dict]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"answered": 0, "right": 0, "answerable": 0})
    for number, question in enumerate(labelled):
        scored = sorted(by_question.get(number, []), reverse=True)
        count = counts[language_of(question.text)]
        count["answerable"] += question.expected is not None
        if scored and scored[0][0] >= threshold and scored[0][0] - (scored[1][0] if len(scored) > 1 else 0) >= margin:
            count["answered"] += 1
            count["right"] += scored[0][1] == question.expected
    return {language: {**count,
                       "precision": round(count["right"] / count["answered"], 3) if count["answered"] else 1.0,
                       "recall": round(count["right"] / count["answerable"], 3) if count["answerable"] else 1.0}
            for language, count in counts.items()}


def train(parts: Sequence[tuple[Sequence[FaqText], Sequence[Labelled]]], synonyms: Synonyms, precision: float) -> dict:
    """The model's document from labelled questions, each part's against the entries its labels name: coefficients
    fitted on every question, the threshold and margin for `precision`, and the past questions it knows (and whether
    a person had to answer each)."""
    rows, labelled = [], []
    for entries, questions in parts:
        rows += [(fold, len(labelled) + number, entry_id, features, right)
                 for fold, number, entry_id, features, right in cross_fitted_rows(entries, questions, synonyms)]
        labelled += questions
    threshold, margin, measured = choose_threshold(rows, labelled, precision)
    fitted = _fit(rows)
    trained = {"questions": len(labelled), "entries": sum(len(entries) for entries, _ in parts),
               "precision_asked": precision, "cross_validated": measured.get("by_language", {})}
    # The newest questions, their numbers masked: an order or phone number tells nothing of who must answer.
    past = [[_DIGITS.sub("0", text), by_a_person] for text, by_a_person in past_of(labelled)[-PAST_KEPT:]]
    return {**_as_model(fitted, threshold, margin, trained).to_json(), "past": past}


def train_from_use(runtime: Runtime, precision: float, samples: Sequence[Path]) -> dict:
    """Train on the repository's sample and on what use has labelled, with the database's dictionary, and store
    the model: every web and worker uses it from their next match. Each question from use is measured against the
    entries that could answer it: the platform's and those of the shop it was about."""
    with runtime.unit_of_work() as uow:
        synonyms = synonyms_of(uow.session)
        published = list(uow.session.scalars(select(FaqEntry).where(FaqEntry.published.is_(True))))
        from_use = examples_from_use(uow.session)
    shelves: dict[str | None, list[Labelled]] = defaultdict(list)
    for example in from_use:
        shelves[example.seller_id].append(Labelled(example.text, example.expected))
    parts = [(default_entries(), [question for path in samples for question in sample_questions(path)])]
    for seller_id, questions in shelves.items():
        parts.append(([FaqText(entry.id, entry.question, entry.answer, entry.language, tuple(entry.keywords))
                       for entry in published if entry.seller_id in (None, seller_id)], questions))
    document = train(parts, synonyms, precision)
    document["trained"]["from_use"] = len(from_use)
    with runtime.unit_of_work() as uow:
        uow.session.add(FaqModelVersion(id=str(uuid.uuid4()), trained_at=clock.now(), document=document))
        uow.commit()
    return document


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--precision", type=float, default=0.9, help="the precision asked in each language")
    parser.add_argument("--out", type=Path, default=SHIPPED_MODEL)
    parser.add_argument("--store", action="store_true",
                        help="learn from use too, and store the model in the database (DATABASE_URL)")
    parser.add_argument("--sample-entries", type=Path, help="the entries the sample's questions are labelled with")
    parser.add_argument("--sample", type=Path, nargs="*", default=[SHIPPED_EXAMPLES])
    parser.add_argument("--split", help="only the sample's questions of this split (and those of none)")
    args = parser.parse_args(argv)
    if args.store:
        runtime = Runtime(ServiceConfig.from_env("support"))
        try:
            document = train_from_use(runtime, args.precision, args.sample)
        finally:
            runtime.dispose()
        print(f"stored model in support's database ({document['trained']['from_use']} questions from use): every "
              f"web and worker matches with it from their next question")
    else:
        entries = sample_entries(args.sample_entries) if args.sample_entries else default_entries()
        labelled = [question for path in args.sample for question in sample_questions(path, args.split)]
        document = train([(entries, labelled)], shipped_synonyms(), args.precision)
        args.out.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    trained = document["trained"]
    print(f"trained on {trained['questions']} questions against {trained['entries']} entries; threshold "
          f"{document['threshold']}, margin {document['margin']}; held out: {json.dumps(trained['cross_validated'])}")


if __name__ == "__main__":
    main()
