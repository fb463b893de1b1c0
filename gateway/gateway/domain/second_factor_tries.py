"""How many wrong second factors a session may send.

A pending session (password passed, second factor not yet) has MAX_SECOND_FACTOR_FAILURES tries: the last one
ends it and the password is asked again, so a stolen password cannot be followed by endless code guesses on one
sign-in. A signed-in session proving its factor again (a step-up) is bounded by the rate limits alone: ending it
for a mistyped code would sign its owner out.
"""
from __future__ import annotations

MAX_SECOND_FACTOR_FAILURES = 5


def attempts_left(second_factor_pending: bool, failures: int) -> int | None:
    """The tries a session has left after its `failures`-th wrong second factor: 0 ends it. None for a signed-in
    session, which has no count of tries."""
    if not second_factor_pending:
        return None
    return max(MAX_SECOND_FACTOR_FAILURES - failures, 0)
