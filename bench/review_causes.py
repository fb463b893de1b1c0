"""The cause of negative reviews on a labelled sample: agreement with the labels per language, for the keyword
rules alone, the trained model alone, and both as the service uses them (reviews.domain.negative_causes).

The sample (services/reviews/tests/data/negative_reviews_labelled.json, written by someone who saw neither the rules
nor the model, which was trained on other reviews, reviews/data/negative_reviews_training.json) is JSON of this
shape; bring your own with --sample:

    {"reviews": [{"id": "r001", "language": "ko", "text": "...", "cause": "delivery", "split": "tune" | "test"}]}

causes: product_quality, delivery, service, price_value, other. `split` says whether the rules or the model may be
adjusted on a review ("tune") or it is only measured ("test", the default part reported). Also the time to find
one review's cause with the analyser loaded. Target (issue 19): agreement >= 0.9.
Run: .venv/bin/python -m bench.review_causes [--part test|tune|all] [--sample PATH] [--misses]
"""
from __future__ import annotations

import time
from pathlib import Path

from bench.common import labelled_sample
from reviews.domain.negative_causes import likely_cause, packaged_model, packaged_rules, ruled_cause

SAMPLE = Path(__file__).resolve().parents[1] / "services" / "reviews" / "tests" / "data" / "negative_reviews_labelled.json"


def main() -> None:
    args, _, reviews = labelled_sample(__doc__, SAMPLE, "reviews", "review the service's choice got wrong")
    rules, model = packaged_rules(), packaged_model()
    alone = model.trusting_from(0.0)
    ways = {"rules alone": lambda text: ruled_cause(text, rules), "model alone": lambda text: likely_cause(text, rules, alone),
            f"both (model from {model.trust_from})": lambda text: likely_cause(text, rules, model)}
    print(f"{len(reviews)} reviews of the {args.part} part")
    for language in sorted({review["language"] for review in reviews}):
        mine = [review for review in reviews if review["language"] == language]
        for name, cause_of in ways.items():
            agreed = sum(cause_of(review["text"]) == review["cause"] for review in mine)
            print(f"  {language} {name:24}: agreement {agreed / len(mine):.3f} ({agreed} of {len(mine)})")
        if args.misses:
            for review in mine:
                found = likely_cause(review["text"], rules, model)
                if found != review["cause"]:
                    print(f"    {review['id']} {review['cause']} -> {found}: {review['text'][:90]}")
    started = time.perf_counter()
    for review in reviews:
        likely_cause(review["text"], rules, model)
    print(f"one review's cause: {(time.perf_counter() - started) / len(reviews) * 1000:.2f} ms (the analyser loaded)")


if __name__ == "__main__":
    main()
