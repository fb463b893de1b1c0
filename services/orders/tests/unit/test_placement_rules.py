"""The server computes the total, and recognises a repeated request by its content alone."""
from orders.domain.placement import RequestedLine, request_fingerprint, total_amount

TEA, CUP = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"


def test_the_total_is_the_sum_of_quantity_times_unit_price():
    assert total_amount([RequestedLine(TEA, 2, 12000), RequestedLine(CUP, 3, 500)]) == 25500


def test_the_same_lines_give_the_same_fingerprint_and_other_lines_another():
    lines = [RequestedLine(TEA, 2, 12000), RequestedLine(CUP, 1, 500)]

    assert request_fingerprint(lines) == request_fingerprint(list(lines))
    assert request_fingerprint(lines) != request_fingerprint([RequestedLine(TEA, 3, 12000), lines[1]])
    assert request_fingerprint(lines) != request_fingerprint(list(reversed(lines)))

