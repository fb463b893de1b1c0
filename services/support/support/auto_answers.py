"""Automatic answers: the worker answers a new inquiry at once from the FAQ entry that matches it
well (the shop's own entries first, for an inquiry about a shop's product or order), and the
customer may say it did not help, which sends the inquiry to a person with a first answer due anew.

Each automatic answer is kept in auto_answer_outcomes with whether it was rejected: how often an
entry's answers stand is how CS analytics judges the entry (and the threshold).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, delete, select

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support import cs_analytics, faq, inquiries, routing
from support.faq_learning import question_of
from support.domain.faq_matching import FaqMatcher
from support.domain.inquiry_states import ACTIVE, ASSIGNED, OPEN
from support.domain.response_targets import FIRST_RESPONSE
from support.domain.people import Viewer
from support.models import Inquiry
from support.models.faq import AutoAnswerOutcome, FaqEntry
from support.models.response_targets import TargetAlert
from support.targets import first_response_due_at

# A complaint wants a person to listen; an account problem needs a person to check who is asking.
NEEDS_A_PERSON = ("complaint", "account")
REJECTED = "the automatic answer did not help"


def _unchecked(now: datetime) -> Select:
    return (
        select(Inquiry)
        .where(
            Inquiry.auto_answer_checked_at.is_(None),
            Inquiry.status.in_((OPEN, ASSIGNED)),
            Inquiry.first_responded_at.is_(None),
        )
        .order_by(Inquiry.created_at, Inquiry.id)
    )


def answer_new_inquiries(runtime: Runtime, batch: int = 50) -> int:
    """The worker's job: check each new inquiry once, answering it from the FAQ when an entry matches
    it well enough; returns how many were answered. Workers running side by side skip each other's rows.

    The entries are read once a run for each shop asked about (and the platform), so an edit counts
    from the next run.
    """
    shelves: dict[str | None, tuple[dict[str, FaqEntry], FaqMatcher, frozenset[str]]] = {}
    answered = 0

    def check(uow: UnitOfWork, inquiry: Inquiry, now: datetime) -> None:
        nonlocal answered
        inquiry.auto_answer_checked_at = now
        if inquiry.inquiry_type in NEEDS_A_PERSON:
            return
        if inquiry.seller_id not in shelves:
            entries = faq.answering_entries(uow.session, inquiry.seller_id)
            shelves[inquiry.seller_id] = (
                entries, faq.matcher_of(uow.session, entries), faq.shop_entry_ids(entries, inquiry.seller_id))
        entries, matcher, shop_entries = shelves[inquiry.seller_id]
        match = matcher.answer_for(question_of(inquiry), preferred=shop_entries)
        if match is None:
            return
        entry = entries[match.entry_id]
        message = inquiries.answer(
            uow, inquiry, None, "system", entry.answer, [], now, automatic=True, faq_entry_id=entry.id
        )
        uow.session.add(
            AutoAnswerOutcome(
                inquiry_id=inquiry.id, faq_entry_id=entry.id, message_id=message.id, score=match.score, answered_at=now
            )
        )
        answered += 1

    change_each_due(runtime, _unchecked, check, batch)
    return answered


def reject_automatic_answer(runtime: Runtime, viewer: Viewer, inquiry_id: str) -> inquiries.SeenInquiry:
    """The customer says the automatic answer did not help: it is counted as rejected, the inquiry goes
    back to the open queue to be routed to a person, and its first-response clock starts again.
    """
    with runtime.unit_of_work() as uow:
        inquiry = inquiries.inquiry_for(uow, viewer, inquiry_id, for_update=True)
        if viewer.subject != inquiry.customer_id:
            raise Problem(403, "customers-only", "Forbidden",
                          _("Only the customer who asked rejects the automatic answer."))
        outcome = uow.session.get(AutoAnswerOutcome, inquiry.id, with_for_update=True)
        if outcome is None:
            raise Problem(409, "no-automatic-answer", _("No automatic answer"),
                          _("This inquiry was not answered automatically."))
        if outcome.rejected_at is not None:
            raise Problem(409, "already-rejected", _("Already rejected"),
                          _("You said so already; a person has the inquiry."))
        if inquiry.status not in ACTIVE:
            raise Problem(
                409,
                "inquiry-not-active",
                _("Inquiry not active"),
                _("This inquiry is resolved or closed; write a new message instead."),
            )
        now = clock.now()
        outcome.rejected_at = now
        cs_analytics.count_auto_answer_rejected(uow.session, inquiry, now)
        inquiries.note_change(uow, inquiry, "automatic_answer", outcome.faq_entry_id, "rejected", viewer.subject, now)
        routing.back_to_open_queue(uow, inquiry, viewer.subject, now, REJECTED)
        restart_first_response_clock(uow, inquiry, viewer.subject, now)
        uow.commit()
        return inquiries.seen_by(uow, viewer, inquiry)


def restart_first_response_clock(uow: UnitOfWork, inquiry: Inquiry, actor_id: str, at: datetime) -> None:
    """No person has answered yet: the inquiry is due a first answer by its type's target counted from
    `at`, watched (warned, breached) like a new one. Called after the inquiry left any wait on the
    customer, so the paused time does not move the new due time again.
    """
    due_at = first_response_due_at(uow.session, inquiry, at)
    inquiries.note_change(uow, inquiry, "first_response_due", inquiry.first_response_due_at.isoformat(),
                          due_at.isoformat(), actor_id, at, REJECTED)
    inquiry.first_responded_at = None
    inquiry.first_response_due_at = due_at
    uow.session.execute(
        delete(TargetAlert).where(TargetAlert.inquiry_id == inquiry.id, TargetAlert.target == FIRST_RESPONSE)
    )
