"""Recovery cases: a locked or deactivated account opens an account inquiry the platform's agents own,
so someone helps its owner back in; one active case per account and cause.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select, update

from servicekit import clock
from servicekit.db import UnitOfWork
from support import inquiries
from support.domain.inquiry_states import ACTIVE
from support.models import Inquiry
from support.models.claims import RecoveryCase

log = logging.getLogger(__name__)

LOCKED, DEACTIVATED = "locked", "deactivated"
SUBJECTS = {LOCKED: "계정 잠김 / Account locked", DEACTIVATED: "계정 비활성화 / Account deactivated"}
LOCK_REASONS = {
    "repeated_login_failures": ("로그인 실패가 반복되어", "after repeated failed sign-ins"),
    "repeated_second_factor_failures": ("2단계 인증 실패가 반복되어", "after repeated failed second-factor checks"),
}


def _shown_time(at: datetime) -> str:
    return at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def lock_message(reason: str, failed_attempts: int, locked_until: datetime) -> str:
    korean, english = LOCK_REASONS[reason]
    return (
        f"{korean} 계정이 {_shown_time(locked_until)}까지 잠겼습니다 (실패 {failed_attempts}회). "
        "본인이 아니라면 이 문의에 답해 주세요. / "
        f"Your account was locked until {_shown_time(locked_until)} {english} ({failed_attempts} attempts). "
        "If this was not you, reply to this inquiry."
    )


DEACTIVATION_MESSAGE = (
    "계정이 비활성화되었습니다. 다시 사용하시려면 계정 복구를 진행하거나 이 문의에 답해 주세요. / "
    "Your account was deactivated. To use it again, recover it or reply to this inquiry."
)


def _settle_finished_cases(uow: UnitOfWork, account_id: str, cause: str) -> None:
    """A case whose inquiry was resolved or closed is no longer the one a new event adds to."""
    finished = select(Inquiry.id).where(Inquiry.status.not_in(ACTIVE))
    uow.session.execute(
        update(RecoveryCase)
        .where(RecoveryCase.account_id == account_id, RecoveryCase.cause == cause, RecoveryCase.active.is_(True),
               RecoveryCase.inquiry_id.in_(finished))
        .values(active=False)
    )


def open_lock_case(uow: UnitOfWork, locked: dict[str, Any]) -> Inquiry | None:
    """AccountLocked: the owner is told why and until when, and asked to reply if it was not them."""
    message = lock_message(locked["reason"], locked["failed_attempts"], locked["locked_until"])
    return _open_recovery_case(uow, locked["account_id"], LOCKED, message)


def open_deactivation_case(uow: UnitOfWork, deactivated: dict[str, Any]) -> Inquiry | None:
    """AccountDeactivated: the owner is told how to use the account again."""
    return _open_recovery_case(uow, deactivated["account_id"], DEACTIVATED, DEACTIVATION_MESSAGE)


def _open_recovery_case(uow: UnitOfWork, account_id: str, cause: str, message: str) -> Inquiry | None:
    """An account inquiry for the account's owner, opened by the system and routed to the agents;
    nothing when a case for the same account and cause is still active.

    Two workers handling two locks of one account at once both find no active case; the unique index
    on the active case lets one of them open it, and the other, waiting for it to commit, finds the
    case already open and leaves it at that.
    """
    _settle_finished_cases(uow, account_id, cause)
    active = select(RecoveryCase).where(
        RecoveryCase.account_id == account_id, RecoveryCase.cause == cause, RecoveryCase.active.is_(True)
    )
    if uow.session.scalars(active).first() is not None:
        return None
    now = clock.now()
    with uow.session.begin_nested() as opening:
        inquiry = inquiries.start_inquiry(
            uow,
            account_id,
            "",
            None,
            {"inquiry_type": "account", "subject": SUBJECTS[cause], "body": message},
            None,
            "system",
            now,
        )
        if not uow.add_once(RecoveryCase(inquiry_id=inquiry.id, account_id=account_id, cause=cause, opened_at=now)):
            # The inquiry, its routing and its InquiryOpened go with it.
            opening.rollback()
            log.info("a %s case for account %s was opened at the same moment by another worker", cause, account_id)
            return None
    return inquiry
