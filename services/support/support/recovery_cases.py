"""Recovery cases: a locked or deactivated account opens an account inquiry the platform's agents own,
so someone helps its owner back in; one active case per account and cause.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from servicekit import clock
from servicekit.db import UnitOfWork
from support import inquiries
from support.domain.inquiry_states import ACTIVE
from support.models import Inquiry
from support.models.claims import RecoveryCase

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


def _active_case(uow: UnitOfWork, account_id: str, cause: str) -> RecoveryCase | None:
    return uow.session.scalars(
        select(RecoveryCase)
        .join(Inquiry, Inquiry.id == RecoveryCase.inquiry_id)
        .where(RecoveryCase.account_id == account_id, RecoveryCase.cause == cause, Inquiry.status.in_(ACTIVE))
    ).first()


def open_recovery_case(uow: UnitOfWork, account_id: str, cause: str, message: str) -> Inquiry | None:
    """An account inquiry for the account's owner, opened by the system and routed to the agents;
    nothing when a case for the same account and cause is still active.
    """
    if _active_case(uow, account_id, cause) is not None:
        return None
    now = clock.now()
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
    uow.session.add(RecoveryCase(inquiry_id=inquiry.id, account_id=account_id, cause=cause, opened_at=now))
    return inquiry
