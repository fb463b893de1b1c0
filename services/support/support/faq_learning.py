"""What the FAQ matcher learns from use, and the dictionary and model it matches with.

Labelled examples come from what happened to inquiries (examples_from_use):
- an agent's or seller's answer that cites an FAQ entry: the entry answers the customer's question;
- an automatic answer the customer kept (not rejected for KEPT_AFTER): the entry answers it;
- an automatic answer the customer rejected, and no entry cited after: a person had to answer;
- an inquiry a person answered first without citing an entry: a person had to answer.
`python -m support.faq_training --store` trains a model on them and the repository's sample, and stores it; the
newest stored model is the one matching uses (current_model), the shipped one until there is any.
"""
from __future__ import annotations

import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from servicekit import clock
from support.domain.faq_matching import FEATURES, FaqMatcher, FaqText, PastQuestions
from support.domain.faq_model import FaqModel, shipped_document
from support.domain.faq_synonyms import SynonymGroup, Synonyms
from support.models import Inquiry, Message
from support.models.faq import AutoAnswerOutcome, FaqEntry, FaqModelVersion, FaqSynonymGroup

log = logging.getLogger(__name__)
# An automatic answer not rejected in this long counts as kept.
KEPT_AFTER = timedelta(days=3)
# The newest examples training reads, at most.
EXAMPLES_READ = 20_000
PEOPLE = ("agent", "seller")
DATA = Path(str(resources.files("support").joinpath("data")))


def question_of(inquiry: Inquiry) -> str:
    """What the customer asked: the subject and the first message."""
    first = next((message.body for message in inquiry.messages if message.author_role == "customer"), "")
    return f"{inquiry.subject}\n{first}"


@dataclass(frozen=True)
class UseExample:
    """What one answered inquiry teaches: its question, the entry that answered it (None: a person had to), and the
    shop it was about (its entries were the ones that could answer)."""

    text: str
    expected: str | None
    seller_id: str | None


def examples_from_use(session: Session) -> list[UseExample]:
    """What the newest answered inquiries teach, where their outcome says; entries since unpublished are left out
    (their examples teach nothing about today's FAQ)."""
    entries = {entry.id: entry.seller_id for entry in session.scalars(select(FaqEntry).where(FaqEntry.published.is_(True)))}
    kept_before = clock.now() - KEPT_AFTER
    answered = list(session.scalars(select(Inquiry).where(Inquiry.first_responded_at.is_not(None)).order_by(
        Inquiry.created_at.desc()).limit(EXAMPLES_READ)))
    outcomes = {outcome.inquiry_id: outcome for outcome in session.scalars(
        select(AutoAnswerOutcome).where(AutoAnswerOutcome.inquiry_id.in_([inquiry.id for inquiry in answered])))}
    found = []
    for inquiry in answered:
        label = _label(inquiry.messages, outcomes.get(inquiry.id), kept_before)
        if label is None or (label is not False and label in entries):
            found.append(UseExample(question_of(inquiry), label, inquiry.seller_id))
    return found


def _label(messages: Sequence[Message], outcome: AutoAnswerOutcome | None, kept_before) -> str | None | bool:
    """The entry that answered the customer's question, None when a person had to, False when it is not known.

    The first answer a person gave says which: the entry it cites, or none (a seller's citation counts for their
    shop's entries and the platform's alike, as an agent's does). An automatic answer the customer kept, and did not
    write after, answered; one they rejected did not, and the person's answer after it says what did.
    """
    by_people = [message for message in messages if message.author_role in PEOPLE and not message.internal]
    if outcome is None or outcome.rejected_at is not None:
        return (by_people[0].faq_entry_id or None) if by_people else False
    automatic = next((number for number, message in enumerate(messages) if message.automatic), len(messages))
    wrote_again = any(message.author_role == "customer" for message in messages[automatic + 1:])
    return outcome.faq_entry_id if outcome.answered_at <= kept_before and not wrote_again and not by_people else False


def synonym_groups(rows) -> list[SynonymGroup]:
    """The dictionary's rows as groups, each word a string: a row edited by hand into something else is left out
    rather than stop every match."""
    groups = []
    for row in rows:
        words = row.words if isinstance(row.words, list) else []
        groups.append(SynonymGroup(row.language, [word for word in words if isinstance(word, str)]))
    return groups


def synonyms_of(session: Session) -> Synonyms:
    return Synonyms(synonym_groups(session.scalars(select(FaqSynonymGroup))))


def shipped_synonyms() -> Synonyms:
    """The dictionary as shipped (the one migration 0022 copies into the database), which the shipped model is
    trained with."""
    shipped = json.loads((DATA / "faq_synonyms.json").read_text("utf-8"))
    return Synonyms(SynonymGroup(language, words) for language, groups in shipped["groups"].items() for words in groups)


@dataclass(frozen=True)
class KnownModel:
    """A model read once a process: its id ("shipped" for the one shipped), and the past questions it knows."""

    id: str
    model: FaqModel
    past: PastQuestions


def known_model(model_id: str, document: dict) -> KnownModel:
    """The model a document holds; a ValueError when it is not one this code can use (trained by an older release
    on other features, or malformed)."""
    try:
        return KnownModel(model_id, FaqModel.from_json(document, FEATURES), PastQuestions(past_questions(document)))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"model {model_id} cannot be used: {error}") from error


def _newest_model(session: Session) -> KnownModel:
    """The newest stored model this code can use, else the shipped one; each read once a process."""
    ids = session.scalars(select(FaqModelVersion.id).order_by(FaqModelVersion.trained_at.desc()).limit(5)).all()
    for model_id in [*ids, SHIPPED]:
        if model_id not in _MODELS:
            with _BUILDING:
                if model_id not in _MODELS:
                    document = shipped_document() if model_id == SHIPPED else session.get(FaqModelVersion, model_id).document
                    try:
                        _MODELS[model_id] = known_model(model_id, document)
                    except ValueError:
                        log.warning("FAQ model %s cannot be used; an older one answers", model_id, exc_info=True)
                        _MODELS[model_id] = None
        if _MODELS[model_id] is not None:
            return _MODELS[model_id]
    raise RuntimeError("the shipped FAQ model cannot be used")  # a broken release: its tests would have failed


SHIPPED = "shipped"
_MODELS: dict[str, KnownModel | None] = {}
# Matchers built lately, by what they were built from: building one analyses every entry (tens of milliseconds),
# and suggestions ask for one as a customer types. A few shelves (the platform's, shops asked about) at a time, built
# one at a time (two threads missing the same shelf build it once).
_MATCHERS: OrderedDict[tuple, FaqMatcher] = OrderedDict()
_MATCHERS_KEPT = 16
_SYNONYMS: dict[tuple, Synonyms] = {}
_LOCK = threading.Lock()
_BUILDING = threading.Lock()


def matcher_for(session: Session, entries: Sequence[FaqEntry]) -> FaqMatcher:
    """The matcher of these entries with the current dictionary and model, built again when any of them changed."""
    known = _newest_model(session)
    rows = session.scalars(select(FaqSynonymGroup).order_by(FaqSynonymGroup.id)).all()
    synonyms_key = tuple((row.id, row.updated_at) for row in rows)
    key = (known.id, synonyms_key, tuple(sorted((entry.id, entry.updated_at) for entry in entries)))
    with _LOCK:
        if key in _MATCHERS:
            _MATCHERS.move_to_end(key)
            return _MATCHERS[key]
    with _BUILDING:
        with _LOCK:
            if key in _MATCHERS:
                return _MATCHERS[key]
        synonyms = _SYNONYMS.get(synonyms_key)
        if synonyms is None:
            synonyms = Synonyms(synonym_groups(rows))
            _SYNONYMS.clear()
            _SYNONYMS[synonyms_key] = synonyms
        matcher = FaqMatcher([FaqText(entry.id, entry.question, entry.answer, entry.language, tuple(entry.keywords))
                              for entry in entries], known.model, synonyms, known.past)
        with _LOCK:
            _MATCHERS[key] = matcher
            while len(_MATCHERS) > _MATCHERS_KEPT:
                _MATCHERS.popitem(last=False)
    return matcher


def past_questions(document: dict) -> list[tuple[str, bool]]:
    """The past questions a model document knows: (text, whether a person had to answer)."""
    return [(str(text), bool(by_a_person)) for text, by_a_person in document.get("past", ())]


def warm_up() -> None:
    """Load the analyser and the shipped model now, not on the first question."""
    known = known_model(SHIPPED, shipped_document())
    _MODELS.setdefault(SHIPPED, known)
    FaqMatcher([FaqText("warm-up", "배송 조회는 어디서 하나요?", "주문 내역에서 합니다.")], known.model, shipped_synonyms(),
               known.past).answer_for("배송 조회")


def default_entries() -> list[FaqText]:
    """The repository's sample entries, which its labelled questions name."""
    return sample_entries(DATA / "faq_entries.json")


@dataclass(frozen=True)
class Labelled:
    """A question and the entry that answers it, or None when a person had to."""

    text: str
    expected: str | None


def sample_entries(path: Path) -> list[FaqText]:
    """The FAQ entries of a sample file ({"faq": [{"id", "language", "question", "answer", "keywords"?}]})."""
    return [FaqText(entry["id"], entry["question"], entry["answer"], entry["language"], tuple(entry.get("keywords", ())))
            for entry in json.loads(path.read_text("utf-8"))["faq"]]


def sample_questions(path: Path, split: str | None = None) -> list[Labelled]:
    """The labelled questions of a sample file ({"inquiries": [{"text", "expected", "split"?}]}), of one split."""
    return [Labelled(item["text"], item["expected"]) for item in json.loads(path.read_text("utf-8"))["inquiries"]
            if split is None or item.get("split", split) == split]
