"""A claim over several shipments is settled once orders answered for each of them."""
import pytest

from support.domain.claim_progress import (
    APPROVED, COMPLETED, REJECTED, REQUESTED, TIMED_OUT, claim_status,
)


@pytest.mark.parametrize(
    "shipments, reached",
    [
        ([REQUESTED, REQUESTED], REQUESTED),
        ([COMPLETED, REQUESTED], APPROVED),
        ([APPROVED, REJECTED], APPROVED),
        ([REJECTED, REQUESTED], REQUESTED),
        ([COMPLETED, COMPLETED], COMPLETED),
        ([COMPLETED, REJECTED], COMPLETED),
        ([REJECTED, REJECTED], REJECTED),
    ],
)
def test_a_claim_is_settled_only_when_every_shipments_answer_is_in(shipments, reached):
    assert claim_status(REQUESTED, shipments) == reached


def test_a_timed_out_claim_still_moves_on_a_late_answer_and_a_settled_claim_never_moves_back():
    assert claim_status(TIMED_OUT, [REQUESTED]) == TIMED_OUT
    assert claim_status(TIMED_OUT, [APPROVED]) == APPROVED
    assert claim_status(COMPLETED, [COMPLETED, REQUESTED]) == COMPLETED
    assert claim_status(APPROVED, [REQUESTED, REJECTED]) == APPROVED
