"""Notices other services ask auth to send, since auth alone knows how to reach an account's owner:
a request to review what was delivered, and word that an inquiry has an answer.
"""
from __future__ import annotations

import logging

from auth.contacts import notify_owner
from auth.domain.accounts import ACTIVE
from auth.models import Account
from servicekit.db import UnitOfWork

log = logging.getLogger(__name__)


def _reachable(uow: UnitOfWork, account_id: str) -> Account | None:
    account = uow.session.get(Account, account_id)
    if account is None or account.status != ACTIVE:
        log.info("no notice for account %s: unknown or not active", account_id)
        return None
    return account


def ask_for_review(uow: UnitOfWork, request: dict) -> None:
    """ReviewRequested: ask the customer how the product was."""
    account = _reachable(uow, request["customer_id"])
    if account is not None:
        notify_owner(
            uow.session,
            account,
            "상품은 어떠셨나요? / How was your order?",
            f"{request['product_name']} 상품은 만족스러우셨나요? 리뷰를 남겨 주세요. "
            f"/ How was {request['product_name']}? Tell other shoppers in a review.",
        )


def tell_inquiry_answered(uow: UnitOfWork, answer: dict) -> None:
    """InquiryAnswered: tell the customer their inquiry has an answer (not the answer itself: it may hold details)."""
    account = _reachable(uow, answer["customer_id"])
    if account is not None:
        notify_owner(
            uow.session,
            account,
            "문의에 답변이 등록되었습니다 / Your inquiry has an answer",
            "고객센터 문의에 답변이 등록되었습니다. 마이페이지에서 확인해 주세요. "
            "/ There is an answer to your inquiry; read it in your account.",
        )
