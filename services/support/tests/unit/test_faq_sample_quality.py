"""On the labelled sample of real-looking inquiries, automatic answers at the shipped threshold are
nearly always the right ones, and come for most questions an entry answers.
"""
import json
from pathlib import Path

from support.domain.faq_matching import AUTO_ANSWER_THRESHOLD, FaqMatcher, accuracy_on
from support.faq import matched_text
from support.models.faq import FaqEntry

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "faq_sample.json"


def load_sample():
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    matcher = FaqMatcher(
        matched_text(FaqEntry(id=entry["id"], question=entry["question"], keywords=entry["keywords"]))
        for entry in sample["faq"]
    )
    return sample, matcher, [(inquiry["text"], inquiry["expected"]) for inquiry in sample["inquiries"]]


def test_the_sample_has_enough_inquiries_in_both_languages_and_ones_no_entry_answers():
    sample, _, labelled = load_sample()
    ids = {entry["id"] for entry in sample["faq"]}
    korean = [text for text, _ in labelled if any("가" <= ch <= "힣" for ch in text)]

    assert len(labelled) >= 60
    assert 0.4 <= len(korean) / len(labelled) <= 0.6
    assert sum(expected is None for _, expected in labelled) >= 10
    assert {expected for _, expected in labelled} - {None} <= ids


def test_automatic_answers_on_the_sample_are_precise_and_cover_most_answerable_inquiries():
    _, matcher, labelled = load_sample()

    accuracy = accuracy_on(matcher, labelled, AUTO_ANSWER_THRESHOLD)

    assert accuracy.precision >= 0.95
    assert accuracy.recall >= 0.75
