"""Whatever a client sends through the gateway, no service answers with a 5xx.

schemathesis generates requests from the merged OpenAPI document the gateway serves, for every
operation in it, valid ones and invalid ones (wrong types, missing fields, out of range),
anonymously and as a signed-in customer. Four integers in ten come from a dictionary of numbers no
database column holds: left to chance, so few examples would seldom reach them. Bounded to run in
a few minutes: a few examples per operation, a fixed seed and no shrinking. The gateway's 429 to
repeated guessing is an answer like any other, but each request comes from an address of its own
so the limits on guessing do not stop the fuzz before it reaches the services.

schemathesis' own pytest loader fails under pytest 9.2 (it sets a node attribute pytest no longer
has), so each operation gets its own Hypothesis test here, from schemathesis' strategies.
"""
from typing import Callable

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, strategies
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup

EXAMPLES_PER_OPERATION = 5
SEED = 13
# Signing out, here or everywhere, would end the customer's session halfway through the run; anonymously
# there is nothing to end.
LEFT_OUT = {("DELETE", "/api/session"), ("DELETE", "/api/session/devices")}
# Just past a 32-bit column, past a 64-bit one, and a page whose row offset is past it.
HUGE_INTEGERS = [2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 2**64 + 1, 10**18]
FUZZING = schemathesis.Config.from_dict({
    "dictionaries": {"huge-integers": {"values": HUGE_INTEGERS}},
    "generation": {"database": "none", "dictionaries": {"integer": {"dictionary": "huge-integers", "probability": 0.4}}},
})


def fuzz(operation: schemathesis.APIOperation, send: Callable[[Case], None]) -> None:
    """Send EXAMPLES_PER_OPERATION cases of `operation`, valid and invalid; raises on the first failing one."""

    @hypothesis.seed(SEED)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION, phases=[Phase.explicit, Phase.generate], database=None, deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(strategies.one_of(*(operation.as_strategy(mode) for mode in GenerationMode)))
    def run(case: Case) -> None:
        send(case)

    run()


@pytest.mark.parametrize("who", ["anonymous", "customer"])
def test_no_request_makes_a_service_answer_5xx(platform, who, new_client, new_customer, new_address):
    caller = new_client() if who == "anonymous" else new_customer()

    def send(case: Case) -> None:
        headers = {"X-Forwarded-For": new_address()}
        if caller.csrf_token:
            headers["X-CSRF-Token"] = caller.csrf_token
        case.call_and_validate(
            base_url=platform.gateway_url, session=caller.http, headers=headers, checks=[not_a_server_error],
            timeout=caller.timeout,
        )

    api = schemathesis.openapi.from_url(f"{platform.gateway_url}/api/openapi.json", config=FUZZING)
    failures = []
    for operation in (result.ok() for result in api.get_all_operations()):
        if (operation.method.upper(), operation.path) in LEFT_OUT:
            continue
        try:
            fuzz(operation, send)
        except (FailureGroup, Exception) as failure:
            failures.append(f"{operation.label}: {failure}")
    assert not failures, "\n\n".join(failures)
