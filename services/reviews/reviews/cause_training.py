"""Train the negative-review cause model from labelled reviews and write it where the service reads it.

    python -m reviews.cause_training [--reviews PATH ...] [--out PATH]

The labelled reviews (JSON: {"reviews": [{"text": ..., "cause": ...}, ...]}) default to the ones shipped
(reviews/data/negative_reviews_training.json, written by someone who saw neither the rules nor the evaluation
sample). A multinomial logistic regression (scikit-learn) learns from the features reviews.domain.cause_model reads
(terms, terms after a contrast, character n-grams, each tf-idf weighted); its coefficients go to JSON, which the
service scores in plain Python, without scikit-learn. Five-fold cross-validation on the same reviews sets
`trust_from`: the probability below which the keyword rules decide instead, the one at which the two together
agree best with the labels. Needs scikit-learn: `pip install 'marketplace-reviews[training]'`.
"""
from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from contracts.events.reviews import NEGATIVE_CAUSES
from reviews.domain.cause_model import CHAR_NGRAMS, CauseModel, cause_features
from reviews.domain.negative_causes import likely_cause, packaged_rules

# The weaker the regularisation the more the few hundred examples speak: chosen by cross-validation here.
REGULARISATION = 10.0
FOLDS = 5
TRUST_CANDIDATES = (0.0, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
SHIPPED = Path(str(resources.files("reviews").joinpath("data")))


def trained(reviews: list[dict]) -> dict:
    """The model's JSON document, fitted on every review given."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    words, plain = zip(*(cause_features(review["text"]) for review in reviews))
    by_terms = TfidfVectorizer(analyzer=str.split, sublinear_tf=True)
    by_chars = TfidfVectorizer(analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, min_df=2)
    features = hstack([by_terms.fit_transform(words), by_chars.fit_transform(plain)]).tocsr()
    fitted = LogisticRegression(C=REGULARISATION, max_iter=5000).fit(features, [review["cause"] for review in reviews])
    return {
        "classes": [str(cause) for cause in fitted.classes_],
        "terms": {"vocabulary": {k: int(v) for k, v in by_terms.vocabulary_.items()}, "idf": by_terms.idf_.tolist()},
        "chars": {"vocabulary": {k: int(v) for k, v in by_chars.vocabulary_.items()}, "idf": by_chars.idf_.tolist()},
        "coef": fitted.coef_.tolist(),
        "intercept": fitted.intercept_.tolist(),
    }


def cross_validated_trust(reviews: list[dict]) -> tuple[float, dict[float, float]]:
    """The trust_from at which model and rules together agree best with the labels on held-out folds."""
    rules, agreed = packaged_rules(), dict.fromkeys(TRUST_CANDIDATES, 0)
    for fold in range(FOLDS):
        held_out = reviews[fold::FOLDS]
        model = CauseModel(trained([review for number, review in enumerate(reviews) if number % FOLDS != fold]))
        for trust in TRUST_CANDIDATES:
            model.trust_from = trust
            agreed[trust] += sum(likely_cause(review["text"], rules, model) == review["cause"] for review in held_out)
    agreement = {trust: count / len(reviews) for trust, count in agreed.items()}
    return max(TRUST_CANDIDATES, key=lambda trust: (agreement[trust], -trust)), agreement


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=Path, nargs="+", default=[SHIPPED / "negative_reviews_training.json"])
    parser.add_argument("--out", type=Path, default=SHIPPED / "negative_cause_model.json")
    args = parser.parse_args()
    reviews = [review for path in args.reviews for review in json.loads(path.read_text("utf-8"))["reviews"]]
    unknown = {review["cause"] for review in reviews} - set(NEGATIVE_CAUSES)
    if unknown:
        raise SystemExit(f"causes outside {NEGATIVE_CAUSES}: {sorted(unknown)}")
    trust, agreement = cross_validated_trust(reviews)
    document = {**trained(reviews), "trust_from": trust, "about": {
        "trained_on": [path.name for path in args.reviews], "reviews": len(reviews),
        "cross_validated_agreement": {str(key): round(value, 3) for key, value in agreement.items()}}}
    args.out.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"trained on {len(reviews)} reviews; {FOLDS}-fold agreement by trust_from: "
          + ", ".join(f"{key}: {value:.3f}" for key, value in agreement.items()) + f"; trust_from {trust}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
