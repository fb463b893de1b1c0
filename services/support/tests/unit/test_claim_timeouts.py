"""How long a claim sent to orders waits, what the customer reads when it times out, and which answers
still move it after that."""
from datetime import timedelta

import pytest

from servicekit.config import ServiceConfig
from support.settings import SupportSettings
from support.domain.claim_progress import APPROVED, COMPLETED, MOVES, REJECTED, TIMED_OUT
from support.support_claims import answer_text

CONFIG = ServiceConfig.from_env("support", {})


def test_a_claim_waits_fifteen_minutes_for_orders_unless_told_otherwise():
    assert SupportSettings.from_env(CONFIG, {}).claim_timeout == timedelta(minutes=15)
    short = SupportSettings.from_env(CONFIG, {"SUPPORT_CLAIM_TIMEOUT_MINUTES": "0.5"})
    assert short.claim_timeout == timedelta(seconds=30)


def test_a_wait_that_is_not_a_positive_number_of_minutes_stops_support_at_start():
    with pytest.raises(ValueError, match="SUPPORT_CLAIM_TIMEOUT_MINUTES"):
        SupportSettings.from_env(CONFIG, {"SUPPORT_CLAIM_TIMEOUT_MINUTES": "-1"})


@pytest.mark.parametrize("kind, korean, english", [("refund", "환불", "refund"), ("return", "반품", "return"),
                                                   ("exchange", "교환", "exchange")])
def test_a_timed_out_claim_tells_the_customer_in_korean_and_english_that_a_person_takes_over(kind, korean, english):
    told = answer_text(kind, TIMED_OUT)

    assert told.startswith(f"{korean} 요청에 대한 답을 제때 받지 못했습니다.")
    assert f"Your {english} request got no answer in time; a person will take it from here" in told


def test_orders_answer_still_moves_a_claim_that_timed_out_and_nothing_moves_a_settled_claim():
    assert set(MOVES[TIMED_OUT]) == {APPROVED, REJECTED, COMPLETED}
    assert REJECTED not in MOVES and COMPLETED not in MOVES
