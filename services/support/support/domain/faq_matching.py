"""Which FAQ entries answer a question, in Korean or English, scored from 0 to 1.

Korean words carry particles and endings ("배송 조회" against "배송 조회는 어떻게 하나요?") and
people space them as they like, so Korean text is compared by character bigrams and trigrams
with the spaces removed. English is compared by its words, less the words every question has, and
by the trigrams inside each word so "refund" meets "refunded". Each feature weighs by how few
entries have it (a word every entry has tells nothing), and a question scores against an entry by
the cosine of their weighted features. Features no entry has still count in the question's length:
a long, specific question that only touches an entry scores low, which is what keeps automatic
answers off questions a person has to read.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Collection, Iterable

# Tuned on tests/data/faq_sample.json (see bench/faq_matching.py for the figures at other thresholds).
AUTO_ANSWER_THRESHOLD = 0.25
# Suggestions while a customer writes may be looser than an answer sent in our name.
SUGGESTION_FLOOR = 0.12
SUGGESTIONS = 3
# A search shows whatever shares something real with the words searched for.
SEARCH_FLOOR = 0.05

_NOT_WORD = re.compile(r"[\W_]+")
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_LATIN = re.compile(r"[a-z0-9\s]+")
ENGLISH_STOP_WORDS = frozenset(
    "a an and are am be been but by can could did do does for from had has have how i i'm if in is it its "
    "me my of on or our please so that the there this to was we what when where which who why will with "
    "would you your yet not no any get got still".split()
)


def normalised(text: str) -> str:
    """NFKC (full-width letters and digits become plain ones), lower case, punctuation as spaces."""
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", text).lower()).split())


def _ngrams(compact: str) -> Iterable[str]:
    for size in (2, 3):
        for start in range(len(compact) - size + 1):
            yield compact[start:start + size]


def features(text: str) -> Counter[str]:
    """The features of a text: n-grams of its non-Latin runs without spaces, and its English words."""
    plain = normalised(text)
    found: Counter[str] = Counter()
    for word in _LATIN_WORD.findall(plain):
        if word in ENGLISH_STOP_WORDS:
            continue
        found["w:" + word] += 1
        if len(word) > 3 and not word.isdigit():
            found.update("t:" + gram for gram in _ngrams(f"<{word}>") if len(gram) == 3)
    for run in _LATIN.split(plain):
        found.update(_ngrams(run.replace(" ", "")))
    return found


@dataclass(frozen=True)
class FaqText:
    """What of an entry a question is compared with: its question and its keywords."""

    entry_id: str
    text: str


@dataclass(frozen=True)
class Match:
    entry_id: str
    score: float


class FaqMatcher:
    """The published entries, weighed against each other once, ready to score questions."""

    def __init__(self, entries: Iterable[FaqText]):
        counted = [(entry.entry_id, features(entry.text)) for entry in entries]
        documents = Counter(feature for _, found in counted for feature in found)
        total = len(counted)
        self._weight = {feature: math.log(1 + total / count) for feature, count in documents.items()}
        # A feature no entry has weighs as much as the rarest one.
        self._unknown = math.log(1 + total) if total else 1.0
        self._entries = [(entry_id, self._vector(found)) for entry_id, found in counted]

    def _vector(self, found: Counter[str]) -> tuple[dict[str, float], float]:
        vector = {feature: count * self._weight.get(feature, self._unknown) for feature, count in found.items()}
        return vector, math.sqrt(sum(value * value for value in vector.values()))

    def ranked(
        self, question: str, *, floor: float = 0.0, limit: int | None = None, preferred: Collection[str] = ()
    ) -> list[Match]:
        """The entries scoring above `floor` for the question, best first (ties by id, to be stable);
        the `preferred` ones (a shop's own entries, for a question about the shop) before the others.
        """
        asked, asked_length = self._vector(features(question))
        if asked_length == 0:
            return []
        matches = []
        for entry_id, (vector, length) in self._entries:
            shared = sum(value * vector[feature] for feature, value in asked.items() if feature in vector)
            score = shared / (asked_length * length) if shared else 0.0
            if score > floor:
                matches.append(Match(entry_id, round(score, 4)))
        matches.sort(key=lambda match: (match.entry_id not in preferred, -match.score, match.entry_id))
        return matches if limit is None else matches[:limit]

    def answer_for(
        self, question: str, threshold: float = AUTO_ANSWER_THRESHOLD, *, preferred: Collection[str] = ()
    ) -> Match | None:
        """The entry that answers the question well enough to be sent without a person, if one does: one
        of the `preferred` entries if any does, since a shop knows its own products and ways best.
        """
        best = self.ranked(question, floor=threshold, limit=1, preferred=preferred)
        return best[0] if best else None


@dataclass(frozen=True)
class Accuracy:
    """How automatic answers fare on labelled questions: answered right among those answered
    (precision), and among those an entry should answer (recall).
    """

    answered: int
    right: int
    answerable: int

    @property
    def precision(self) -> float:
        return self.right / self.answered if self.answered else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.answerable if self.answerable else 1.0


def accuracy_on(matcher: FaqMatcher, labelled: Iterable[tuple[str, str | None]], threshold: float) -> Accuracy:
    """Answer each labelled question as the worker would; `labelled` pairs a question with the id of
    the entry that should answer it, or None when a person should.
    """
    answered = right = answerable = 0
    for question, expected in labelled:
        match = matcher.answer_for(question, threshold)
        answerable += expected is not None
        answered += match is not None
        right += match is not None and match.entry_id == expected
    return Accuracy(answered, right, answerable)
