"""Automatic answers from the FAQ on the labelled sample: precision and recall at the shipped
threshold and around it, and how long matching one inquiry against the entries takes.

It measures support's matching rules (support.domain.faq_matching, plain Python) on their own. The sample
(services/support/tests/data/faq_sample.json) holds the seed FAQ in Korean and English and
customer inquiries, each labelled with the entry that should answer it or null when a person should.
Precision: answers sent that were the right entry, among answers sent. Recall: right answers among
inquiries an entry should answer. Target: precision >= 0.95 with recall >= 0.75 at the threshold.
Run: .venv/bin/python -m bench.faq_matching
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from support.domain.faq_matching import AUTO_ANSWER_THRESHOLD, FaqMatcher, FaqText, accuracy_on

SAMPLE = Path(__file__).resolve().parents[1] / "services" / "support" / "tests" / "data" / "faq_sample.json"
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def main() -> None:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    # What support compares a question with (FaqText): each entry's question and its keywords.
    entries = [FaqText(e["id"], " ".join([e["question"], *e["keywords"]])) for e in sample["faq"]]
    matcher = FaqMatcher(entries)
    labelled = [(inquiry["text"], inquiry["expected"]) for inquiry in sample["inquiries"]]
    print(f"{len(labelled)} inquiries ({sum(e is None for _, e in labelled)} for a person), {len(entries)} entries")
    for threshold in sorted({*THRESHOLDS, AUTO_ANSWER_THRESHOLD}):
        accuracy = accuracy_on(matcher, labelled, threshold)
        shipped = "  <- shipped" if threshold == AUTO_ANSWER_THRESHOLD else ""
        print(f"threshold {threshold:.2f}: precision {accuracy.precision:.3f}, recall {accuracy.recall:.3f} "
              f"({accuracy.right} right of {accuracy.answered} answered, {accuracy.answerable} answerable){shipped}")
    started = time.perf_counter()
    for text, _ in labelled:
        FaqMatcher(entries).answer_for(text)
    per_inquiry = (time.perf_counter() - started) / len(labelled)
    print(f"building the matcher and matching one inquiry: {per_inquiry * 1000:.2f} ms")


if __name__ == "__main__":
    main()
