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
from support.domain.faq_matching import FEATURES, FaqMatcher, FaqText
from support.domain.faq_model import FaqModel, shipped_document
from support.domain.faq_synonyms import SynonymGroup, Synonyms
from support.models import Inquiry, Message
from support.models.faq import AutoAnswerOutcome, FaqEntry, FaqModelVersion, FaqSynonymGroup

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


def examples_from_use(session: Session) -> list[tuple[str, str | None]]:
    """(question, the entry that answered it or None when a person had to) for the newest inquiries whose outcome
    says so; entries since unpublished are left out (their examples teach nothing about today's FAQ)."""
    published = set(session.scalars(select(FaqEntry.id).where(FaqEntry.published.is_(True))))
    outcomes = {outcome.inquiry_id: outcome for outcome in session.scalars(select(AutoAnswerOutcome))}
    kept_before = clock.now() - KEPT_AFTER
    found: list[tuple[str, str | None]] = []
    answered = select(Inquiry).where(Inquiry.first_responded_at.is_not(None)).order_by(
        Inquiry.created_at.desc()).limit(EXAMPLES_READ)
    for inquiry in session.scalars(answered):
        label = _label(inquiry.messages, outcomes.get(inquiry.id), kept_before)
        if label is not False and (label is None or label in published):
            found.append((question_of(inquiry), label))
    return found


def _label(messages: Sequence[Message], outcome: AutoAnswerOutcome | None, kept_before) -> str | None | bool:
    """The entry that answered, None when a person had to, False when it is not known yet."""
    cited = next((message.faq_entry_id for message in messages
                  if message.author_role in PEOPLE and message.faq_entry_id and not message.internal), None)
    if cited is not None:
        return cited
    if outcome is not None:
        if outcome.rejected_at is not None:
            return None if any(message.author_role in PEOPLE and not message.internal for message in messages) \
                else False
        return outcome.faq_entry_id if outcome.answered_at <= kept_before else False
    return None if any(message.author_role in PEOPLE and not message.internal for message in messages) else False


def synonyms_of(session: Session) -> Synonyms:
    return Synonyms(SynonymGroup(group.language, group.words) for group in session.scalars(select(FaqSynonymGroup)))


def shipped_synonyms() -> Synonyms:
    """The dictionary as shipped (the one migration 0022 copies into the database), which the shipped model is
    trained with."""
    shipped = json.loads((DATA / "faq_synonyms.json").read_text("utf-8"))
    return Synonyms(SynonymGroup(language, words) for language, groups in shipped["groups"].items() for words in groups)


def _newest_model(session: Session) -> tuple[str, FaqModel, dict]:
    """(its id, the model, its document) of the newest stored model whose features this code measures, else the
    shipped one ("shipped"); each read once a process."""
    ids = session.scalars(select(FaqModelVersion.id).order_by(FaqModelVersion.trained_at.desc()).limit(5)).all()
    for model_id in ids:
        if model_id not in _MODELS:
            document = session.get(FaqModelVersion, model_id).document
            try:
                _MODELS[model_id] = (model_id, FaqModel.from_json(document, FEATURES), document)
            except (KeyError, TypeError, ValueError):
                _MODELS[model_id] = None  # trained by an older release on other features
        if _MODELS[model_id] is not None:
            return _MODELS[model_id]
    if "shipped" not in _MODELS:
        document = shipped_document()
        _MODELS["shipped"] = ("shipped", FaqModel.from_json(document, FEATURES), document)
    return _MODELS["shipped"]


_MODELS: dict[str, tuple[str, FaqModel, dict] | None] = {}
# Matchers built lately, by what they were built from: building one analyses every entry (tens of milliseconds),
# and suggestions ask for one as a customer types. A few shelves (the platform's, shops asked about) at a time.
_MATCHERS: OrderedDict[tuple, FaqMatcher] = OrderedDict()
_MATCHERS_KEPT = 8
_SYNONYMS: dict[tuple, Synonyms] = {}
_LOCK = threading.Lock()


def matcher_for(session: Session, entries: Sequence[FaqEntry]) -> FaqMatcher:
    """The matcher of these entries with the current dictionary and model, built again when any of them changed."""
    model_id, model, document = _newest_model(session)
    groups = session.scalars(select(FaqSynonymGroup).order_by(FaqSynonymGroup.id)).all()
    synonyms_key = tuple((group.id, group.updated_at) for group in groups)
    key = (model_id, synonyms_key, tuple(sorted((entry.id, entry.updated_at) for entry in entries)))
    with _LOCK:
        if key in _MATCHERS:
            _MATCHERS.move_to_end(key)
            return _MATCHERS[key]
    synonyms = _SYNONYMS.get(synonyms_key)
    if synonyms is None:
        synonyms = Synonyms(SynonymGroup(group.language, group.words) for group in groups)
        _SYNONYMS.clear()
        _SYNONYMS[synonyms_key] = synonyms
    matcher = FaqMatcher([FaqText(entry.id, entry.question, entry.answer, entry.language, tuple(entry.keywords))
                          for entry in entries], model, synonyms, past_questions(document))
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
    model = FaqModel.from_json(shipped_document(), FEATURES)
    FaqMatcher([FaqText("warm-up", "배송 조회는 어디서 하나요?", "주문 내역에서 합니다.")], model, shipped_synonyms(),
               past_questions(shipped_document())) \
        .answer_for("배송 조회")


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
