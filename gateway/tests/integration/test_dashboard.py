"""/api/dashboard: the gateway asks every service for its part of the dashboard in parallel, as the signed-in seller
or admin, and answers them together; a part whose service is down, slow or failing is marked unavailable and the
rest is still answered."""
import threading
import time

import pytest

from tests.conftest import CUSTOMER, TWO_FACTOR_SELLER
from tests.fakes import RIGHT_CODES, CannedService, FakeUpstream, refused_url

ADMIN = {"account_id": "77777777-7777-7777-7777-777777777777", "name": "Hopper", "roles": ["admin"],
         "seller_id": None, "seller_status": None, "second_factors": ["totp"], "password_change_recommended": False}
ACCOUNTS = {("lin@example.com", "two factors"): TWO_FACTOR_SELLER, ("ada@example.com", "correct horse"): CUSTOMER,
            ("hopper@example.com", "admin"): ADMIN}
COMPOSITION_TIMEOUT = 0.5


def days(first, last, **figures):
    return {"first": first, "last": last, **figures}


def compared(first, last, previous_first, previous_last, **figures):
    now, before = ({name: value[0] for name, value in figures.items()},
                   {name: value[1] for name, value in figures.items()})
    return {**days(first, last, **now), "previous": days(previous_first, previous_last, **before)}


ORDERS = {
    "scope": "seller",
    "today": compared("2026-03-17", "2026-03-17", "2026-03-16", "2026-03-16", orders=(3, 2), revenue=(45000, 30000)),
    "this_week": compared("2026-03-16", "2026-03-17", "2026-03-09", "2026-03-10", orders=(12, 9),
                          revenue=(180000, 120000)),
    "this_month": compared("2026-03-01", "2026-03-17", "2026-02-01", "2026-02-17", orders=(40, 38),
                           revenue=(600000, 570000)),
    "statuses": {"new": 2, "preparing": 1, "shipping": 4, "delivered": 3, "claims_open": 1},
}
PRODUCTS = {
    "scope": "seller",
    "visits": {
        "today": compared("2026-03-17", "2026-03-17", "2026-03-16", "2026-03-16", visitors=(60, 50), views=(90, 70)),
        "this_week": compared("2026-03-16", "2026-03-17", "2026-03-09", "2026-03-10", visitors=(400, 0),
                              views=(700, 0)),
    },
    "low_stock": {"count": 1, "products": [{"id": "0b7a4f4e-8a1c-4d5e-9f00-1234567890ab", "name": "Celadon tea cup",
                                            "stock": 2, "threshold": 3}]},
}
INQUIRIES = {
    "scope": "seller", "open": 2, "statuses": {"open": 1, "assigned": 0, "answered": 1, "waiting_on_customer": 0},
    "overdue": 1,
    "due_soonest": [{"id": "1b7a4f4e-8a1c-4d5e-9f00-1234567890ab", "subject": "배송 언제 오나요", "inquiry_type": "shipping",
                     "status": "open", "target": "first_response", "due_at": "2026-03-17T01:00:00+00:00",
                     "overdue": True}],
    "breaches_this_month": days("2026-03-01", "2026-03-17", inquiries=1),
}
REVIEWS = {
    "scope": "seller",
    "rating": {"count": 2, "average": 3.0, "distribution": {"1": 1, "2": 0, "3": 0, "4": 0, "5": 1}},
    "recent": [{"id": "2b7a4f4e-8a1c-4d5e-9f00-1234567890ab", "product_id": "p-1", "product_name": "Jeju green tea",
                "rating": 1, "text": "열흘 만에 왔어요", "display_name": "김*지", "created_at": "2026-03-17T00:00:00+00:00",
                "replied": False, "negative_cause": "delivery"}],
    "negative_causes": days("2026-02-16", "2026-03-17", total=1, by_cause={
        "product_quality": 0, "delivery": 1, "service": 0, "price_value": 0, "other": 0}),
}
APPROVALS = {"pending": 1, "oldest": [{"id": "3b7a4f4e-8a1c-4d5e-9f00-1234567890ab", "display_name": "Jeju Tea House",
                                       "seller_type": "sole_proprietor",
                                       "registered_at": "2026-03-15T02:00:00+00:00"}]}
SETTLEMENTS = {"scope": "seller", "next_payout": {"payout_day": "2026-03-18", "amount": 86200, "entry_count": 9},
               "not_payable_yet": -3000, "held": 1}
PARTS = {
    "orders": ("orders", "/api/dashboard/orders", ORDERS),
    "products": ("catalog", "/api/dashboard/products", PRODUCTS),
    "inquiries": ("support", "/api/dashboard/inquiries", INQUIRIES),
    "reviews": ("reviews", "/api/dashboard/reviews", REVIEWS),
    "notifications": ("notifications", "/api/notifications/unread-count", {"unread": 4}),
    "settlements": ("settlements", "/api/dashboard/settlements", SETTLEMENTS),
}
SELLER_PARTS = list(PARTS)


@pytest.fixture(scope="module")
def services(verifier):
    fakes = {service: CannedService(service, {path: answer}) for service, path, answer in PARTS.values()}
    fakes["auth"] = FakeUpstream("auth", verifier, ACCOUNTS)
    # The fake auth's own endpoints sign in; its part of the dashboard comes from a canned service beside it.
    approvals = CannedService("auth", {"/api/dashboard/seller-approvals": APPROVALS})
    yield fakes, approvals
    for fake in (*fakes.values(), approvals):
        fake.stop()


@pytest.fixture
def parts(services):
    fakes, approvals = services
    canned = {name: fake for name, fake in fakes.items() if isinstance(fake, CannedService)}
    for fake in (*canned.values(), approvals):
        fake.reset()
    yield canned
    for fake in (*canned.values(), approvals):
        fake.released.set()


@pytest.fixture(scope="module")
def dashboard_gateway(make_gateway, services):
    fakes, _ = services
    return make_gateway({name: fake.url for name, fake in fakes.items()}, composition_timeout_seconds=COMPOSITION_TIMEOUT)


def signed_in(client, login, password, second_factor=True):
    response = client.post("/api/session", json={"login": login, "password": password})
    assert response.status_code == 201, response.get_json()
    if second_factor:
        proved = client.post("/api/session/2fa", json={"method": "totp", "code": RIGHT_CODES["totp"]},
                             headers={"X-CSRF-Token": response.get_json()["csrf_token"]})
        assert proved.status_code == 200, proved.get_json()
    return client


@pytest.fixture
def seller(dashboard_gateway):
    return signed_in(dashboard_gateway.test_client(), "lin@example.com", "two factors")


def board_of(response) -> dict:
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_a_sellers_dashboard_holds_every_part_as_its_service_answered_it(seller, parts):
    response = seller.get("/api/dashboard")

    board = board_of(response)
    assert (board["scope"], board["parts"]) == ("seller", dict.fromkeys(SELLER_PARTS, "ok"))
    assert (board["orders"], board["products"], board["inquiries"], board["reviews"]) == (
        ORDERS, PRODUCTS, INQUIRIES, REVIEWS)
    assert board["notifications"] == {"unread": 4}
    assert board["settlements"] == SETTLEMENTS
    assert "seller_approvals" not in board
    assert board["unavailable_because"] == {}
    assert board["conversion"] == {"today": 0.05, "this_week": 0.03}
    timings = dict(metric.split(";dur=") for metric in response.headers["Server-Timing"].split(", "))
    assert set(timings) == set(SELLER_PARTS) and all(float(ms) >= 0 for ms in timings.values())


def test_each_service_is_asked_once_as_the_seller(seller, parts, verifier):
    seller.get("/api/dashboard")

    for fake in parts.values():
        assert len(fake.tokens) == 1
        identity = verifier.verify(fake.tokens[0])
        assert (identity.subject, identity.seller_id, identity.mfa) == (
            TWO_FACTOR_SELLER["account_id"], TWO_FACTOR_SELLER["seller_id"], True)


def test_the_services_are_asked_at_the_same_time(seller, parts):
    # Each answers only once all are asking: asked one after another, none would answer in time.
    together = threading.Barrier(len(parts))
    for fake in parts.values():
        fake.together = together

    assert set(board_of(seller.get("/api/dashboard"))["parts"].values()) == {"ok"}


def test_a_slow_service_leaves_its_part_unavailable_and_the_rest_comes_in_time(seller, parts):
    parts["reviews"].behaviour = "slow"

    started = time.monotonic()
    board = board_of(seller.get("/api/dashboard"))
    took = time.monotonic() - started

    assert board["parts"] == {**dict.fromkeys(SELLER_PARTS, "ok"), "reviews": "unavailable"}
    assert board["reviews"] is None and "reviews" in board["unavailable_because"]
    assert board["orders"] == ORDERS
    assert took < COMPOSITION_TIMEOUT + 1


def server_timing(response) -> dict[str, float]:
    return {name: float(ms) / 1000 for name, ms in
            (metric.split(";dur=") for metric in response.headers["Server-Timing"].split(", "))}


def test_a_service_answering_bit_by_bit_is_cut_off_at_the_deadline(seller, parts):
    # Each read comes well within the timeout; the whole answer would take seconds.
    parts["reviews"].behaviour = "trickles"

    started = time.monotonic()
    response = seller.get("/api/dashboard")
    took = time.monotonic() - started

    board = board_of(response)
    assert board["parts"] == {**dict.fromkeys(SELLER_PARTS, "ok"), "reviews": "unavailable"}
    assert "in time" in board["unavailable_because"]["reviews"]
    assert took < COMPOSITION_TIMEOUT + 1
    assert COMPOSITION_TIMEOUT <= server_timing(response)["reviews"] < COMPOSITION_TIMEOUT + 0.5


def test_in_a_burst_of_dashboards_with_every_service_slow_each_comes_within_the_deadline(dashboard_gateway, parts):
    # More parts at once than any shared set of workers the gateway could keep: none may wait for another's turn.
    for fake in parts.values():
        fake.behaviour = "trickles"
    sellers = [signed_in(dashboard_gateway.test_client(), "lin@example.com", "two factors") for _ in range(8)]
    answers, took = {}, {}

    def open_dashboard(index, client):
        started = time.monotonic()
        answers[index] = client.get("/api/dashboard")
        took[index] = time.monotonic() - started

    burst = [threading.Thread(target=open_dashboard, args=pair) for pair in enumerate(sellers)]
    for thread in burst:
        thread.start()
    for thread in burst:
        thread.join(timeout=15)

    assert len(answers) == len(sellers)
    assert all(set(board_of(answer)["parts"].values()) == {"unavailable"} for answer in answers.values())
    assert max(took.values()) < COMPOSITION_TIMEOUT + 1.5, took


@pytest.mark.parametrize(
    ("service", "part", "how"),
    [("catalog", "products", "broken"), ("support", "inquiries", "garbage"), ("notifications", "notifications", "gone"),
     ("settlements", "settlements", "gone")],
)
def test_a_failing_service_leaves_only_its_part_unavailable(seller, parts, service, part, how):
    if how == "gone":
        parts[service].answers.clear()  # a service of a release without this part: 404
    else:
        parts[service].behaviour = how

    board = board_of(seller.get("/api/dashboard"))

    assert board["parts"] == {**dict.fromkeys(SELLER_PARTS, "ok"), part: "unavailable"}
    assert board[part] is None
    assert board["unavailable_because"][part]


def test_a_part_that_does_not_fit_its_contract_is_unavailable_and_without_orders_there_is_no_conversion(
    seller, parts
):
    parts["orders"].answers["/api/dashboard/orders"] = {**ORDERS, "today": {"orders": "three"}}

    board = board_of(seller.get("/api/dashboard"))

    assert (board["parts"]["orders"], board["orders"], board["conversion"]) == ("unavailable", None, None)
    assert board["parts"]["products"] == "ok"


@pytest.mark.parametrize(("service", "part"), [("orders", "orders"), ("settlements", "settlements")])
def test_a_service_that_is_down_leaves_its_part_unavailable(make_gateway, services, parts, service, part):
    fakes, _ = services
    urls = {name: fake.url for name, fake in fakes.items()} | {service: refused_url()}
    client = signed_in(make_gateway(urls, composition_timeout_seconds=COMPOSITION_TIMEOUT).test_client(),
                       "lin@example.com", "two factors")

    board = board_of(client.get("/api/dashboard"))

    assert board["parts"] == {**dict.fromkeys(SELLER_PARTS, "ok"), part: "unavailable"}
    assert (board[part], board["notifications"]) == (None, {"unread": 4})
    assert "cannot be reached" in board["unavailable_because"][part]


def test_an_admin_also_sees_the_sellers_waiting_for_approval(make_gateway, services, parts, verifier):
    fakes, approvals = services
    urls = {name: fake.url for name, fake in fakes.items()}
    admin = signed_in(make_gateway(urls, composition_timeout_seconds=COMPOSITION_TIMEOUT).test_client(),
                      "hopper@example.com", "admin")
    # Signed in through the fake auth, which has no dashboard part: the gateway asks the canned one for it.
    admin.application.extensions["gateway"].upstreams.urls["auth"] = approvals.url

    board = board_of(admin.get("/api/dashboard"))

    assert board["scope"] == "platform"
    assert board["parts"] == dict.fromkeys([*SELLER_PARTS, "seller_approvals"], "ok")
    assert board["seller_approvals"] == APPROVALS
    assert verifier.verify(approvals.tokens[-1]).has_role("admin")


def test_only_sellers_and_admins_signed_in_with_a_second_factor_see_a_dashboard(dashboard_gateway, parts):
    anonymous = dashboard_gateway.test_client().get("/api/dashboard")
    customer = signed_in(dashboard_gateway.test_client(), "ada@example.com", "correct horse", second_factor=False)
    half_signed_in = signed_in(dashboard_gateway.test_client(), "lin@example.com", "two factors", second_factor=False)

    assert anonymous.status_code == 401
    assert customer.get("/api/dashboard").status_code == 403
    assert half_signed_in.get("/api/dashboard").status_code == 401
    assert not any(fake.tokens for fake in parts.values())
