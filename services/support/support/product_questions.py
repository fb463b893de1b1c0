"""Public product Q&A: customers ask on a product page, the product's seller answers once and may edit it;
a secret question is read only by its asker and the seller."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from servicekit import clock
from servicekit.ids import canonical_id
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.people import Viewer
from support.models.answers import ProductQuestion
from support.models.order_view import KnownProduct

# What everyone else reads in place of a secret question and its answer.
HIDDEN_TEXT = "비밀글입니다"


@dataclass(frozen=True)
class ShownQuestion:
    id: str
    product_id: str
    question: str
    secret: bool
    hidden: bool
    answered: bool
    answer: str | None
    answered_at: datetime | None
    created_at: datetime


def questions_page(runtime: Runtime, reader: Viewer, product_id: str, paging) -> list[ShownQuestion]:
    """A product's questions, newest first, as this reader reads them."""
    statement = (
        select(ProductQuestion)
        .where(ProductQuestion.product_id == product_id)
        .order_by(ProductQuestion.created_at.desc(), ProductQuestion.id)
    )
    with runtime.unit_of_work() as uow:
        return [shown_to(reader, question) for question in page_of(uow.session, statement, paging)]


def ask(runtime: Runtime, viewer: Viewer, product_id: str, question: str, secret: bool) -> ShownQuestion:
    """A customer asks about a product support knows, publicly or secretly."""
    with runtime.unit_of_work() as uow:
        product = uow.session.get(KnownProduct, product_id)
        if product is None:
            raise Problem(
                422, "unknown-product", _("Unknown product"), _("No product with this id is known."),
                errors={"product_id": [_("No such product.")]},
            )
        asked = ProductQuestion(
            id=str(uuid.uuid4()), product_id=product.product_id, seller_id=product.seller_id,
            customer_id=viewer.subject, question=question, secret=secret, created_at=clock.now(),
        )
        uow.session.add(asked)
        uow.commit()
        return shown_to(viewer, asked)


def shown_to(viewer: Viewer, question: ProductQuestion) -> ShownQuestion:
    """The question as this person reads it: a secret one is hidden text to all but its asker and seller."""
    hidden = question.secret and not viewer.reads_secret_question(question.customer_id, question.seller_id)
    return ShownQuestion(
        id=question.id,
        product_id=question.product_id,
        question=HIDDEN_TEXT if hidden else question.question,
        secret=question.secret,
        hidden=hidden,
        answered=question.answer is not None,
        answer=None if hidden else question.answer,
        answered_at=question.answered_at,
        created_at=question.created_at,
    )


def answer(runtime: Runtime, viewer: Viewer, question_id: str, text: str) -> ShownQuestion:
    """The seller's one answer to a question about their product."""
    return _answered(runtime, viewer, question_id, text, editing=False)


def edit_answer(runtime: Runtime, viewer: Viewer, question_id: str, text: str) -> ShownQuestion:
    """The seller changes their answer."""
    return _answered(runtime, viewer, question_id, text, editing=True)


def _answered(runtime: Runtime, viewer: Viewer, question_id: str, text: str, *, editing: bool) -> ShownQuestion:
    with runtime.unit_of_work() as uow:
        canonical = canonical_id(question_id)
        question = None if canonical is None else uow.session.get(ProductQuestion, canonical, with_for_update=True)
        if question is None:
            raise Problem(404, "question-not-found", "Not Found", _("No product question with this id."))
        if not viewer.sells_for(question.seller_id):
            raise Problem(403, "not-your-product", "Forbidden", _("Only the product's seller answers its questions."))
        if editing and question.answer is None:
            raise Problem(409, "not-answered", _("Not answered"), _("This question has no answer to edit yet."))
        if not editing and question.answer is not None:
            raise Problem(409, "already-answered", _("Already answered"),
                          _("This question has its answer; edit it instead."))
        question.answer = text
        question.answered_by = viewer.subject
        question.answered_at = clock.now()
        uow.commit()
        return shown_to(viewer, question)
