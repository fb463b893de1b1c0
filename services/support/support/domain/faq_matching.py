"""Which FAQ entry answers a customer's question, in Korean or English, and how sure that is.

A question and each entry (its question and answer, and any keywords its keeper added) are reduced to terms by
wordkit: content-word stems, whatever the spacing, particles, endings or plurals, less stop words. The synonym and
short-form dictionary (support.domain.faq_synonyms) maps each variant to one word on both sides. Entries are ranked
for the question by BM25 (bm25s) over their question and over their question and answer, and by the cosine of
character n-grams (2 and 3, spaces removed) for typos and spacing the analyser does not mend. Past questions
(labelled examples: the repository's sample, and what use taught: automatic answers customers kept or rejected,
questions agents answered with an entry or without one) tell how like a question is to those a person had to answer,
and to those an entry answered; the grammar of a question (support.domain.faq_cues) tells whether it tells a story
of what went wrong or asks for something to be done.

A trained model (support.domain.faq_model) turns those figures, for each of the best few entries, into the
probability that the entry answers the question. An answer is sent without a person only when the best entry's
probability reaches the model's threshold (set from data for a chosen precision) and beats the second entry's by
the model's margin.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Collection, Iterable, Sequence

import bm25s

from support.domain.faq_cues import cues_of
from support.domain.faq_model import FaqModel
from support.domain.faq_synonyms import Synonyms
from wordkit import compact, terms

# bm25s says at DEBUG each time it indexes: each time a matcher is built.
logging.getLogger("bm25s").setLevel(logging.WARNING)
# The entries the model weighs for a question: the best few by the plain scores.
CANDIDATES = 5
# Suggestions while a customer writes may be looser than an answer sent in our name.
SUGGESTION_FLOOR = 0.1
SUGGESTIONS = 3
# A search finds an entry by its spelling alone (no shared term) from this likeness of character n-grams up.
SEARCH_LIKENESS = 0.15
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_DIGITS = re.compile(r"\d{4,}")
# What the model reads for one entry and one question, in this order (faq_model.json names them too).
FEATURES = (
    "question_bm25", "question_bm25_share", "full_bm25", "full_bm25_share", "asked_terms_found",
    "entry_terms_asked", "question_ngrams", "full_ngrams", "answered_likeness", "person_likeness", "rank", "lead",
    "asked_terms", "long_number", "neighbours_for_person", "full_ngrams_lead", "past", "request", "negation",
    "persistence", "one_term",
)
# The past questions most like a new one that vote on who answers it.
NEIGHBOURS = 7


def language_of(text: str) -> str:
    """Korean when the text has any Hangul (syllables or letters, "ㅁㄴㅇㄹ"), else English: a Korean customer mixes in English words,
    an English one writes no Hangul."""
    return "ko" if _HANGUL.search(text) else "en"


def ngrams(text: str) -> Counter[str]:
    """Character bigrams and trigrams of the text with every space and punctuation mark removed."""
    joined = compact(text)
    return Counter(joined[start:start + size] for size in (2, 3) for start in range(len(joined) - size + 1))


@dataclass(frozen=True)
class FaqText:
    """What of an entry a question is compared with."""

    entry_id: str
    question: str
    answer: str = ""
    language: str = "ko"
    keywords: Sequence[str] = ()


@dataclass(frozen=True)
class Match:
    entry_id: str
    score: float


class _Weights:
    """Inverse document frequency of n-grams over a set of texts, and their weighted, unit-length vectors."""

    def __init__(self, texts: list[Counter[str]]):
        documents = Counter(gram for grams in texts for gram in grams)
        self.total = max(len(texts), 1)
        self.idf = {gram: math.log(1 + self.total / count) for gram, count in documents.items()}

    def vector(self, grams: Counter[str]) -> dict[str, float]:
        unknown = math.log(1 + self.total)
        weighted = {gram: count * self.idf.get(gram, unknown) for gram, count in grams.items()}
        length = math.sqrt(sum(value * value for value in weighted.values()))
        return {gram: value / length for gram, value in weighted.items()} if length else {}


def _cosine(one: dict[str, float], other: dict[str, float]) -> float:
    if len(one) > len(other):
        one, other = other, one
    return sum(value * other.get(gram, 0.0) for gram, value in one.items())


@dataclass
class _Shelf:
    """The entries of one language, indexed."""

    texts: list[FaqText]
    question_terms: list[list[str]]
    full_terms: list[list[str]]
    question_index: bm25s.BM25 | None = None
    full_index: bm25s.BM25 | None = None
    weights: _Weights | None = None
    question_vectors: list[dict[str, float]] = field(default_factory=list)
    full_vectors: list[dict[str, float]] = field(default_factory=list)


class PastQuestions:
    """Questions asked before, each with whether a person had to answer it (True) or an entry did (False), whichever
    entry, indexed by n-gram for each language once: every matcher of the same model shares them."""

    def __init__(self, past: Iterable[tuple[str, bool]]):
        grams: dict[str, list[tuple[Counter[str], bool]]] = {}
        for text, by_a_person in past:
            grams.setdefault(language_of(text), []).append((ngrams(text), by_a_person))
        self._weights = {language: _Weights([found for found, _ in questions]) for language, questions in grams.items()}
        # By n-gram: (the question's number, whether a person answered it, its weight).
        self._postings: dict[str, dict[str, list[tuple[int, bool, float]]]] = {}
        for language, questions in grams.items():
            postings = self._postings[language] = {}
            for number, (found, by_a_person) in enumerate(questions):
                for gram, weight in self._weights[language].vector(found).items():
                    postings.setdefault(gram, []).append((number, by_a_person, weight))

    def likeness(self, question: str, language: str) -> tuple[float, float, float]:
        """How like the question is to the likest question an entry answered, and to the likest a person had to;
        and the share of the votes of the nearest questions, weighed by likeness, that went to a person."""
        postings = self._postings.get(language)
        if not postings:
            return 0.0, 0.0, 0.0
        likeness: dict[int, float] = {}
        by_a_person: dict[int, bool] = {}
        for gram, weight in self._weights[language].vector(ngrams(question)).items():
            for number, person, other in postings.get(gram, ()):
                likeness[number] = likeness.get(number, 0.0) + weight * other
                by_a_person[number] = person
        answered = max((score for number, score in likeness.items() if not by_a_person[number]), default=0.0)
        person = max((score for number, score in likeness.items() if by_a_person[number]), default=0.0)
        nearest = sorted(likeness, key=lambda number: -likeness[number])[:NEIGHBOURS]
        votes = sum(likeness[number] for number in nearest) or 1.0
        return answered, person, sum(likeness[number] for number in nearest if by_a_person[number]) / votes


def _index(documents: list[list[str]]) -> bm25s.BM25:
    index = bm25s.BM25(k1=1.2, b=0.75)
    # An entry with no terms at all still has its place, so scores stay in entry order.
    index.index([document or [""] for document in documents], show_progress=False)
    return index


def _bm25(index: bm25s.BM25, asked: list[str], size: int) -> list[float]:
    known = [term for term in asked if term in index.vocab_dict]
    if not known:
        return [0.0] * size
    return [float(score) for score in index.get_scores(known)]


class FaqMatcher:
    """The published entries, analysed and indexed once, ready to weigh questions against them.

    `model`: the trained model; `synonyms`: the dictionary applied to entries and questions alike; `past`: questions
    asked before (PastQuestions): how like them a new question is tells whether it wants a person, for any FAQ, a
    new one included.
    """

    def __init__(self, entries: Iterable[FaqText], model: FaqModel, synonyms: Synonyms,
                 past: PastQuestions | None = None):
        self.model = model
        self.synonyms = synonyms
        self.past = past or PastQuestions(())
        self._shelves: dict[str, _Shelf] = {}
        for text in entries:
            shelf = self._shelves.setdefault(text.language, _Shelf([], [], []))
            shelf.texts.append(text)
            question = self.terms_of(" ".join([text.question, *text.keywords]))
            shelf.question_terms.append(question)
            shelf.full_terms.append(question + self.terms_of(text.answer))
        for shelf in self._shelves.values():
            shelf.question_index = _index(shelf.question_terms)
            shelf.full_index = _index(shelf.full_terms)
            question_grams = [ngrams(" ".join([text.question, *text.keywords])) for text in shelf.texts]
            full_grams = [grams + ngrams(text.answer) for grams, text in zip(question_grams, shelf.texts)]
            shelf.weights = _Weights(full_grams)
            shelf.question_vectors = [shelf.weights.vector(grams) for grams in question_grams]
            shelf.full_vectors = [shelf.weights.vector(grams) for grams in full_grams]

    def terms_of(self, text: str) -> list[str]:
        return self.synonyms.applied(terms(text), language_of(text))

    def candidates(self, question: str) -> list[tuple[str, list[float]]]:
        """The best few entries of the question's language for the question, each with what the model reads."""
        language = language_of(question)
        shelf = self._shelves.get(language)
        asked = self.terms_of(question)
        asked_grams = ngrams(question)
        # No content word, no answer: n-grams mend a word's spelling, not the lack of one ("어떻게 해요?").
        if shelf is None or not asked:
            return []
        size = len(shelf.texts)
        question_scores = _bm25(shelf.question_index, asked, size)
        full_scores = _bm25(shelf.full_index, asked, size)
        asked_vector = shelf.weights.vector(asked_grams)
        question_likeness = [_cosine(asked_vector, vector) for vector in shelf.question_vectors]
        full_likeness = [_cosine(asked_vector, vector) for vector in shelf.full_vectors]
        answered_likeness, person_likeness, person_votes = self.past.likeness(question, language)
        best_question, best_full = max(question_scores) or 1.0, max(full_scores) or 1.0
        plain = [question_scores[i] / best_question + full_scores[i] / best_full + question_likeness[i]
                 + full_likeness[i] for i in range(size)]
        order = sorted(range(size), key=lambda i: (-plain[i], shelf.texts[i].entry_id))
        distinct = set(asked)
        long_number = 1.0 if _DIGITS.search(question) else 0.0
        question_cues = cues_of(question).as_features() + [1.0 if len(distinct) <= 1 else 0.0]
        found = []

        def lead(scores: list[float], i: int) -> float:
            return scores[i] - max((scores[j] for j in order[:CANDIDATES] if j != i), default=0.0)

        for rank, i in enumerate(order[:CANDIDATES]):
            others = max((plain[j] for j in order[:2] if j != i), default=0.0)
            entry_terms = set(shelf.question_terms[i])
            full_terms = set(shelf.full_terms[i])
            found.append((shelf.texts[i].entry_id, [
                math.log1p(question_scores[i]),
                question_scores[i] / best_question,
                math.log1p(full_scores[i]),
                full_scores[i] / best_full,
                len(distinct & full_terms) / len(distinct) if distinct else 0.0,
                len(entry_terms & distinct) / len(entry_terms) if entry_terms else 0.0,
                question_likeness[i],
                full_likeness[i],
                answered_likeness,
                person_likeness,
                1.0 / (1 + rank),
                plain[i] - others,
                math.log1p(len(distinct)),
                long_number,
                person_votes,
                lead(full_likeness, i),
                *question_cues,
            ]))
        return found

    def ranked(self, question: str, *, floor: float = 0.0, limit: int | None = None,
               preferred: Collection[str] = ()) -> list[Match]:
        """The entries whose probability of answering the question is above `floor`, most likely first (ties by
        id, to be stable); the `preferred` ones (a shop's own entries, for a question about the shop) first."""
        matches = [Match(entry_id, round(probability, 4)) for entry_id, probability in self._scored(question)
                   if probability > floor]
        matches.sort(key=lambda match: (match.entry_id not in preferred, -match.score, match.entry_id))
        return matches if limit is None else matches[:limit]

    def _scored(self, question: str) -> list[tuple[str, float]]:
        return [(entry_id, self.model.probability(features)) for entry_id, features in self.candidates(question)]

    def answer_for(self, question: str, *, preferred: Collection[str] = ()) -> Match | None:
        """The entry that answers the question surely enough to be sent without a person, if one does: the model
        gives it at least the threshold, and a margin more than the next entry. The likeliest of the `preferred`
        entries first (a shop knows its own products and ways best), when no other entry comes within the margin of
        it and no other entry is likelier by more than the margin; then the likeliest of all."""
        scored = sorted(self._scored(question), key=lambda pair: (-pair[1], pair[0]))
        shop = [pair for pair in scored if pair[0] in preferred]
        for pool in (shop, scored):
            if not pool:
                continue
            best_id, best = pool[0]
            second = pool[1][1] if len(pool) > 1 else 0.0
            others = max((probability for entry_id, probability in scored if entry_id not in dict(pool)), default=0.0)
            if self.model.answers(best, second) and best >= others - self.model.margin:
                return Match(best_id, round(best, 4))
        return None

    def searched(self, words: str) -> list[str]:
        """The entries of either language sharing a term or enough of their spelling with the words searched for,
        most relevant first: a FAQ page's search box, where a word or two is typed rather than a question."""
        asked, asked_grams = self.terms_of(words), ngrams(words)
        found = []
        for shelf in self._shelves.values():
            scores = _bm25(shelf.full_index, asked, len(shelf.texts))
            best = max(scores, default=0.0) or 1.0
            vector = shelf.weights.vector(asked_grams)
            for i, text in enumerate(shelf.texts):
                likeness = _cosine(vector, shelf.full_vectors[i])
                if scores[i] > 0 or likeness >= SEARCH_LIKENESS:
                    found.append((-(scores[i] / best + likeness), text.entry_id))
        return [entry_id for _, entry_id in sorted(found)]


@dataclass(frozen=True)
class Accuracy:
    """How automatic answers fare on labelled questions: answered right among those answered (precision), and
    among those an entry should answer (recall); wrong: answered with the wrong entry, or answered when a person
    should have, among all questions."""

    answered: int
    right: int
    answerable: int
    asked: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.answered if self.answered else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.answerable if self.answerable else 1.0

    @property
    def wrongly_answered(self) -> float:
        return (self.answered - self.right) / self.asked if self.asked else 0.0


def accuracy_on(matcher: FaqMatcher, labelled: Iterable[tuple[str, str | None]]) -> Accuracy:
    """Answer each labelled question as the worker would; `labelled` pairs a question with the id of the entry
    that should answer it, or None when a person should."""
    answered = right = answerable = asked = 0
    for question, expected in labelled:
        match = matcher.answer_for(question)
        asked += 1
        answerable += expected is not None
        answered += match is not None
        right += match is not None and match.entry_id == expected
    return Accuracy(answered, right, answerable, asked)
