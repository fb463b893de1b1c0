"""Whatever a client sends through the gateway, the answer is one the merged OpenAPI document promises.

schemathesis generates requests from the merged OpenAPI document the gateway serves, for every
operation in it, valid ones and invalid ones (wrong types, missing fields, out of range), and each
request goes out three times: anonymously, as a signed-in customer and as a seller signed in with an
authenticator (the second factor a seller needs to sell). Every answer must be one the document
promises for that operation:
- no 5xx;
- a status code the operation documents (there is no catch-all `default`);
- the content type documented for that status, a body that validates against its schema (each event,
  for an event stream), and the headers documented for it;
- a refusal (4xx) of a request the document calls invalid;
- no success for a caller the operation's security requirements leave out: not signed in, or holding
  none of the roles it names.

Random ids name nothing, so before the fuzz the seller lists a product, the customer has it delivered,
reviews it, asks about it, opens an inquiry and asks to return it, and the seller writes an answer
template and is told of the order: about half of the valid requests name those in their path and query
instead. Operations that delete go last, so that what exists is there for the rest. Four integers in
ten come from a dictionary of numbers no database column holds: left to chance, so few examples would
seldom reach them. The gateway's 429 to repeated guessing is documented like any other answer, and each
request comes from an address of its own so the limits on guessing do not stop the fuzz before it
reaches the services.

Bounded to fit the suite's time: EXAMPLES_PER_OPERATION examples per operation, a fixed seed and no
shrinking; Hypothesis draws the cases in this thread while AT_ONCE of them are sent at a time.

Left out or limited, and why:
- DELETE /api/session and DELETE /api/session/devices sign the customer or the seller out (here or
  everywhere) halfway through the run; anonymously there is nothing to end.
- GET /api/notifications/stream is a live stream that stays open for minutes: each answer is read for
  STREAM_SECONDS (its status, headers and first events), not to its end.
- Not checked: that every request the document calls valid is accepted (schemathesis'
  positive_data_acceptance). Some rules are not in the schemas: text with a NUL character is refused
  everywhere (PostgreSQL cannot store it), a login or a mobile number has a spelling, a period's start
  comes before its end and spans at most a few years, a whole number may not be sent as 1.0.

schemathesis' own pytest loader fails under pytest 9.2 (it sets a node attribute pytest no longer
has), so each operation gets its own Hypothesis run here, from schemathesis' strategies. A failure
does not stop the run: every failing answer is collected and the test ends with one line for each
kind of failure of each operation and caller, with one request that shows it.
"""
from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import hypothesis
import schemathesis
from hypothesis import HealthCheck, Phase, strategies
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from e2e.journey import list_product
from e2e.test_reviews import delivered_order, posted_review, review
from e2e.test_support import opened_about
from servicekit.testing import wait_for

EXAMPLES_PER_OPERATION = 10
SEED = 13
# Requests in flight at once: the platform answers several at a time. (Hypothesis draws the cases in one
# thread: under Python 3.11 it fails now and then when it draws in several.)
AT_ONCE = 6
CHECKS = [
    not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
    response_headers_conformance, negative_data_rejection,
]
# A live event stream stays open for minutes: its answer is read for this long (schemathesis' requests transport
# reads an event stream until its timeout, or 20 events), enough for the status, the headers and the first events.
STREAM_SECONDS = 2
LEFT_OUT = {("DELETE", "/api/session"), ("DELETE", "/api/session/devices")}
# Just past a 32-bit column, past a 64-bit one, and a page whose row offset is past it.
HUGE_INTEGERS = [2**31, -(2**31) - 1, 2**63, -(2**63) - 1, 2**64 + 1, 10**18]
FUZZING = schemathesis.Config.from_dict({
    "dictionaries": {"huge-integers": {"values": HUGE_INTEGERS}},
    "generation": {
        "database": "none", "dictionaries": {"integer": {"dictionary": "huge-integers", "probability": 0.4}},
        # Each caller sends their own session cookie and CSRF token; made-up ones would only stand in for them.
        "with-security-parameters": False,
    },
})


class Findings:
    """Failing answers, one entry per operation, identity and kind of failure, with the first request that showed it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counts: Counter[tuple[str, str, str]] = Counter()
        self.examples: dict[tuple[str, str, str], str] = {}

    def add(self, operation: str, who: str, failure: str, example: str) -> None:
        key = (operation, who, failure)
        with self._lock:
            self.counts[key] += 1
            self.examples.setdefault(key, example)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def summary(self) -> str:
        lines = [f"{len(self.counts)} kinds of failing answers:"]
        for key in sorted(self.counts):
            operation, who, failure = key
            lines.append(f"- {operation} as {who} ({self.counts[key]}x): {failure}\n    {self.examples[key]}")
        return "\n".join(lines)


def described(failure: Failure) -> str:
    """The failure in one line: its kind and the first line of what it says."""
    first_line = next((line for line in failure.message.splitlines() if line.strip()), "")
    return f"{failure.title}: {first_line[:160]}" if first_line else failure.title


def refused_callers_answered(operation: schemathesis.APIOperation, roles: frozenset[str] | None, response) -> bool:
    """Whether `response` is a success for a caller (signed in with `roles`, None when not signed in) whom the
    document's security requirements leave out: an operation that needs a session, with none of the roles it names."""
    if not 200 <= response.status_code < 300:
        return False
    requirements = operation.definition.raw.get("security", operation.schema.raw_schema.get("security", []))
    if not requirements:
        return False
    return not any(
        "session" not in requirement
        or (roles is not None and (not requirement["session"] or roles & set(requirement["session"])))
        for requirement in requirements
    )


def answers_a_stream(operation: schemathesis.APIOperation) -> bool:
    """Whether the operation's success is a live event stream, which stays open for minutes."""
    return any(
        "text/event-stream" in (response.get("content") or {})
        for status, response in operation.definition.raw.get("responses", {}).items() if status.startswith("2")
    )


def reproduction(case: Case, response) -> str:
    """The request (as curl, cut short) and the start of the answer."""
    curl = case.as_curl_command()
    body = response.text if response is not None else ""
    status = response.status_code if response is not None else "no answer"
    return f"{curl[:300]}\n    -> {status} {body[:200]}"


def naming_what_exists(case: Case, existing: dict[str, str]) -> None:
    """Make the ids a valid case names in its path and query name things that exist (`existing`, by parameter)."""
    for parameters in (case.path_parameters, case.query):
        for name in set(parameters or ()) & set(existing):
            parameters[name] = existing[name]


def fuzz(operation: schemathesis.APIOperation, existing: dict[str, str], send: Callable[[Case], None]) -> None:
    """Send EXAMPLES_PER_OPERATION cases of `operation`, valid and invalid; about half the valid ones name what
    exists, as random ids seldom do."""

    @hypothesis.seed(SEED)
    @hypothesis.settings(
        max_examples=EXAMPLES_PER_OPERATION, phases=[Phase.explicit, Phase.generate], database=None, deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @hypothesis.given(
        strategies.one_of(*(operation.as_strategy(mode) for mode in GenerationMode)), strategies.booleans()
    )
    def run(case: Case, names_what_exists: bool) -> None:
        if names_what_exists and case.meta.generation.mode.is_positive:
            naming_what_exists(case, existing)
        send(case)

    run()


def a_shop_with_a_delivered_order(seller, customer) -> dict[str, str]:
    """A product of the seller's, delivered to the customer, who reviewed it, asked about it, opened an inquiry
    and asked to return it; the seller wrote an answer template and was told of the order. Their ids, by the
    name of the parameters that take them."""
    product = list_product(seller)
    order = delivered_order(seller, customer, product)
    shipment_id = order["shipments"][0]["id"]
    return_claim = {"shipment_id": shipment_id, "kind": "return", "reason_code": "changed_mind",
                    "lines": [{"line_no": 1, "quantity": 1}]}
    question = created(customer.post("/api/product-questions", json={"product_id": product["id"],
                                                                     "question": "어떤 찻잎인가요?"}))
    template = created(seller.post("/api/answer-templates", json={"title": "배송 안내", "body": "오늘 발송합니다."}))
    notified = wait_for(lambda: seller.get("/api/notifications").json(), what="the seller to be told of the order")
    return {
        "seller_id": seller.seller_id, "product_id": product["id"], "order_id": order["id"],
        "shipment_id": shipment_id, "review_id": posted_review(customer, review(order))["id"],
        "inquiry_id": opened_about(customer, order)["id"], "question_id": question["id"],
        "claim_id": created(customer.post("/api/claims", json=return_claim))["id"], "template_id": template["id"],
        "notification_id": str(notified[0]["id"]),
    }


def created(response) -> dict:
    assert response.status_code == 201, response.text
    return response.json()


def test_every_answer_is_one_the_document_promises(platform, new_client, new_customer, new_seller, new_address):
    callers = {"anonymous": new_client(), "customer": new_customer(), "seller": new_seller()}
    roles = {who: frozenset(caller.account["roles"]) if caller.account else None for who, caller in callers.items()}
    existing = a_shop_with_a_delivered_order(callers["seller"], callers["customer"])
    findings = Findings()

    def send(case: Case) -> None:
        streams = answers_a_stream(case.operation)
        for who, caller in callers.items():
            headers = {"X-Forwarded-For": new_address()}
            if caller.csrf_token:
                headers["X-CSRF-Token"] = caller.csrf_token
            response = None
            try:
                response = case.call(base_url=platform.gateway_url, session=caller.http, headers=headers,
                                     timeout=STREAM_SECONDS if streams else caller.timeout)
                case.validate_response(response, checks=CHECKS, headers=headers)
                if refused_callers_answered(case.operation, roles[who], response):
                    findings.add(case.operation.label, who, "Answered a caller its security requirements leave out",
                                 reproduction(case, response))
            except FailureGroup as failures:
                for failure in failures.exceptions:
                    findings.add(case.operation.label, who, described(failure), reproduction(case, response))
            except Failure as failure:
                findings.add(case.operation.label, who, described(failure), reproduction(case, response))
            except Exception as error:
                findings.add(case.operation.label, who, f"{type(error).__name__}: {error}"[:200],
                             reproduction(case, response))

    api = schemathesis.openapi.from_url(f"{platform.gateway_url}/api/openapi.json", config=FUZZING)
    operations = sorted(
        (operation for operation in (result.ok() for result in api.get_all_operations())
         if (operation.method.upper(), operation.path) not in LEFT_OUT),
        # What deletes comes last, so that what exists is there for the rest.
        key=lambda operation: operation.method.upper() == "DELETE",
    )
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        sent = []
        for operation in operations:
            fuzz(operation, existing, lambda case: sent.append(pool.submit(send, case)))
        for each in sent:
            each.result()

    for who in ("customer", "seller"):
        assert callers[who].get("/api/session").status_code == 200, f"the fuzz signed the {who} out"
    assert not findings, findings.summary()
