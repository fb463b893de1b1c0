"""/api/statistics: the gateway asks the services' reports by period in parallel for the signed-in seller or admin,
and answers series on the same period starts; a service that is slow, down or failing leaves its measures
unavailable, one that refuses the caller refuses the answer."""
import csv
import io
import threading
import time
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, jsonify, request
from werkzeug.serving import make_server

from servicekit import clock
from servicekit.korean_calendar import korean_day
from tests.conftest import CUSTOMER, SELLER, TWO_FACTOR_SELLER
from tests.fakes import RIGHT_CODES, FakeUpstream, refused_url, trickled

ADMIN = {"account_id": "66666666-6666-6666-6666-666666666666", "name": "Hopper", "roles": ["admin"],
         "seller_id": None, "seller_status": None, "second_factors": ["totp"], "password_change_recommended": False}
# Grace sells and Kay administers without a second factor: they get no statistics.
ADMIN_WITHOUT_SECOND_FACTOR = {**ADMIN, "account_id": "88888888-8888-8888-8888-888888888888", "name": "Kay",
                               "second_factors": []}
ACCOUNTS = {("lin@example.com", "two factors"): TWO_FACTOR_SELLER, ("grace@example.com", "battery staple"): SELLER,
            ("ada@example.com", "correct horse"): CUSTOMER, ("hopper@example.com", "admin"): ADMIN,
            ("kay@example.com", "admin"): ADMIN_WITHOUT_SECOND_FACTOR}
REPORT_PATHS = {"orders": "/api/sales-statistics", "catalog": "/api/visitor-statistics",
                "support": "/api/inquiry-statistics", "reviews": "/api/rating-statistics"}
WEEKS = {"from": "2026-03-04", "to": "2026-03-17", "period": "week"}
# Mondays of the weeks 4 to 17 March 2026 touch.
STARTS = ["2026-03-02", "2026-03-09", "2026-03-16"]


def report(rows: dict[str, dict], totals: dict) -> dict:
    return {"rows": [{"period_start": start, **figures} for start, figures in rows.items()], "totals": totals}


# What each fake service reports: a row only for the weeks with figures, as a service could.
REPORTS = {
    "orders": report(
        {"2026-03-02": {"orders": 2, "revenue": 30_000, "units": 3}, "2026-03-16": {"orders": 1, "revenue": 9_000}},
        {"orders": 3, "revenue": 39_000},
    ),
    "catalog": report({"2026-03-02": {"views": 90, "visitors": 40}, "2026-03-09": {"views": 20, "visitors": 12}},
                      {"views": 110, "visitors": 52}),
    "support": report({"2026-03-09": {"opened": 4, "answered": 3}}, {"opened": 4}),
    "reviews": report({"2026-03-09": {"reviews": 2, "average_rating": 4.5}}, {"reviews": 2, "average_rating": 4.5}),
}


class FakeReports:
    """A service's report by period: answers its canned report, or as a test sets `behaviour` ('slow', 'broken',
    'trickles', 'garbage', 'refuses'); keeps each query it was asked with. `together` makes every service wait until all
    four are asked at once, so a gateway asking one after another is stuck."""

    def __init__(self, name: str):
        self.name = name
        self.asked: list[dict] = []
        self.tokens: list[str] = []
        self.behaviour = "answers"
        self.together: threading.Barrier | None = None
        self.released = threading.Event()
        app = Flask(f"fake-{name}-reports")

        @app.get(REPORT_PATHS[name])
        def answer():
            self.asked.append({key: values[0] for key, values in parse_qs(urlsplit(request.url).query).items()})
            self.tokens.append(request.headers["X-Identity-Token"])
            if self.together is not None:
                self.together.wait(timeout=2)
            if self.behaviour == "slow":
                self.released.wait(5)
            if self.behaviour == "trickles":
                return trickled(REPORTS[name], self.released)
            if self.behaviour == "broken":
                return jsonify(title="Broken"), 500
            if self.behaviour == "garbage":
                return "<html>not json</html>", 200
            if self.behaviour == "refuses":
                response = jsonify(type="urn:marketplace:problem:second-factor-required",
                                   title="Two-factor authentication required", status=403, detail="Enrol first.")
                response.status_code = 403
                response.mimetype = "application/problem+json"
                return response
            if self.behaviour == "unreadable":
                return jsonify(rows="not rows", totals={})
            return jsonify(REPORTS[name])

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self):
        self.released.set()
        self._server.shutdown()


@pytest.fixture(scope="module")
def services(verifier):
    fakes = {name: FakeReports(name) for name in REPORT_PATHS}
    auth = FakeUpstream("auth", verifier, ACCOUNTS)
    yield fakes, auth
    for fake in fakes.values():
        fake.stop()
    auth.stop()


@pytest.fixture
def reports(services):
    fakes, _ = services
    for fake in fakes.values():
        fake.asked.clear()
        fake.tokens.clear()
        fake.behaviour = "answers"
        fake.together = None
        fake.released.clear()
    yield fakes
    for fake in fakes.values():
        fake.released.set()


@pytest.fixture(scope="module")
def statistics_gateway(make_gateway, services):
    fakes, auth = services
    return make_gateway({"auth": auth.url, **{name: fake.url for name, fake in fakes.items()}},
                        composition_timeout_seconds=0.5)


@pytest.fixture
def browser(statistics_gateway):
    client = statistics_gateway.test_client()

    def signed_in_as(login: str, password: str):
        response = client.post("/api/session", json={"login": login, "password": password})
        assert response.status_code == 201, response.get_json()
        if response.get_json()["second_factor_required"]:
            proved = client.post("/api/session/2fa", json={"method": "totp", "code": RIGHT_CODES["totp"]},
                                 headers={"X-CSRF-Token": response.get_json()["csrf_token"]})
            assert proved.status_code == 200, proved.get_json()
        return client

    client.signed_in_as = signed_in_as
    return client


@pytest.fixture
def seller(browser):
    return browser.signed_in_as("lin@example.com", "two factors")


def series_of(response) -> dict:
    assert response.status_code == 200, response.get_json()
    return response.get_json()["series"]


def test_a_sellers_measures_come_on_the_same_period_starts_with_zeros_where_a_service_had_none(seller, reports):
    response = seller.get("/api/statistics", query_string=WEEKS)

    body = response.get_json()
    assert (body["period"], body["from"], body["to"], body["seller_id"], body["partial"]) == (
        "week", "2026-03-04", "2026-03-17", None, False
    )
    assert body["period_starts"] == STARTS
    series = body["series"]
    assert body["measures"] == ["revenue", "orders", "visitors", "conversion", "inquiries", "reviews", "rating"]
    assert set(series) == set(body["measures"])
    assert (series["revenue"]["values"], series["revenue"]["total"], series["revenue"]["unit"]) == (
        [30_000, 0, 9_000], 39_000, "won"
    )
    assert series["orders"]["values"] == [2, 0, 1]
    assert series["visitors"]["values"] == [40, 12, 0]
    assert (series["conversion"]["values"], series["conversion"]["total"]) == ([0.05, 0.0, None], 0.0577)
    assert series["inquiries"]["values"] == [0, 4, 0]
    assert series["reviews"]["values"] == [0, 2, 0]
    assert (series["rating"]["values"], series["rating"]["total"]) == ([None, 4.5, None], 4.5)
    assert all(measure["available"] and measure["unavailable_because"] is None for measure in series.values())


def test_each_service_is_asked_once_as_the_seller_with_the_range_and_period(seller, reports, verifier):
    seller.get("/api/statistics", query_string=WEEKS)

    for fake in reports.values():
        assert fake.asked == [WEEKS]
        identity = verifier.verify(fake.tokens[0])
        assert (identity.subject, identity.seller_id) == (TWO_FACTOR_SELLER["account_id"], TWO_FACTOR_SELLER["seller_id"])


def test_the_services_are_asked_at_the_same_time(seller, reports):
    # Each answers only once all four are asking: asked one after another, none would answer in time.
    together = threading.Barrier(len(reports))
    for fake in reports.values():
        fake.together = together

    assert series_of(seller.get("/api/statistics", query_string=WEEKS))["orders"]["available"]


def test_only_the_services_of_the_measures_asked_are_asked(seller, reports):
    response = seller.get("/api/statistics", query_string={**WEEKS, "measure": ["conversion", "inquiries"]})

    assert response.get_json()["measures"] == ["conversion", "inquiries"]
    assert set(series_of(response)) == {"conversion", "inquiries"}
    assert [name for name, fake in reports.items() if fake.asked] == ["orders", "catalog", "support"]


def test_without_a_range_the_last_thirty_korean_days_are_asked_of_every_service(seller, reports):
    seller.get("/api/statistics")

    today = korean_day(clock.now())
    asked = {"from": (today - timedelta(days=29)).isoformat(), "to": today.isoformat(), "period": "day"}
    assert all(fake.asked == [asked] for fake in reports.values())


def test_a_slow_service_leaves_its_measures_unavailable_and_the_answer_partial(seller, reports):
    reports["catalog"].behaviour = "slow"

    response = seller.get("/api/statistics", query_string=WEEKS)

    body = response.get_json()
    assert body["partial"] is True
    assert body["series"]["revenue"]["values"] == [30_000, 0, 9_000]
    for measure in ("visitors", "conversion"):
        assert (body["series"][measure]["available"], body["series"][measure]["values"]) == (False, None)
        assert "catalog" in body["series"][measure]["unavailable_because"]


def test_a_service_answering_bit_by_bit_is_cut_off_at_the_deadline(seller, reports):
    # Each read comes well within the timeout; the whole answer would take seconds.
    reports["support"].behaviour = "trickles"

    started = time.monotonic()
    series = series_of(seller.get("/api/statistics", query_string=WEEKS))
    took = time.monotonic() - started

    assert (series["inquiries"]["available"], series["orders"]["available"]) == (False, True)
    assert "in time" in series["inquiries"]["unavailable_because"]
    assert took < 0.5 + 1


@pytest.mark.parametrize("behaviour", ["broken", "garbage", "unreadable"])
def test_a_failing_service_leaves_its_measures_unavailable(seller, reports, behaviour):
    reports["reviews"].behaviour = behaviour

    series = series_of(seller.get("/api/statistics", query_string=WEEKS))

    assert not series["reviews"]["available"] and not series["rating"]["available"]
    assert series["inquiries"]["available"]


def test_a_service_that_is_down_leaves_its_measures_unavailable(make_gateway, services, reports):
    fakes, auth = services
    gateway = make_gateway({"auth": auth.url, **{name: fake.url for name, fake in fakes.items()},
                            "support": refused_url()}, composition_timeout_seconds=0.5)
    client = gateway.test_client()
    signed_in = client.post("/api/session", json={"login": "lin@example.com", "password": "two factors"})
    client.post("/api/session/2fa", json={"method": "totp", "code": RIGHT_CODES["totp"]},
                headers={"X-CSRF-Token": signed_in.get_json()["csrf_token"]})

    series = series_of(client.get("/api/statistics", query_string=WEEKS))

    assert (series["inquiries"]["available"], series["orders"]["available"]) == (False, True)
    assert "cannot be reached" in series["inquiries"]["unavailable_because"]


def test_a_service_refusing_the_caller_refuses_the_whole_answer_with_its_problem(seller, reports):
    reports["orders"].behaviour = "refuses"

    response = seller.get("/api/statistics", query_string=WEEKS)

    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == "urn:marketplace:problem:second-factor-required"


def test_an_admin_may_ask_for_one_sellers_figures(browser, reports):
    admin = browser.signed_in_as("hopper@example.com", "admin")

    response = admin.get("/api/statistics", query_string={**WEEKS, "seller_id": TWO_FACTOR_SELLER["seller_id"]})

    assert response.get_json()["seller_id"] == TWO_FACTOR_SELLER["seller_id"]
    assert all(fake.asked == [{**WEEKS, "seller_id": TWO_FACTOR_SELLER["seller_id"]}] for fake in reports.values())


def test_customers_and_strangers_get_no_statistics(browser, reports):
    assert browser.get("/api/statistics").status_code == 401
    customer = browser.signed_in_as("ada@example.com", "correct horse")
    assert customer.get("/api/statistics").status_code == 403
    assert not any(fake.asked for fake in reports.values())


@pytest.mark.parametrize(("login", "password"), [("grace@example.com", "battery staple"), ("kay@example.com", "admin")])
@pytest.mark.parametrize("path", ["/api/statistics", "/api/statistics/export"])
def test_sellers_and_admins_without_a_second_factor_get_no_statistics(browser, reports, login, password, path):
    caller = browser.signed_in_as(login, password)

    response = caller.get(path, query_string=WEEKS)

    assert response.status_code == 403
    assert response.get_json()["type"] == "urn:marketplace:problem:second-factor-required"
    assert not any(fake.asked for fake in reports.values())


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-03-10", "to": "2026-03-09"}, "from"),
        ({"from": "2020-01-01", "to": "2026-03-09"}, "to"),
        ({"period": "quarter"}, "period"),
        ({"measure": "profit"}, "measure"),
    ],
)
def test_a_bad_query_is_a_problem_naming_the_field_and_asks_no_service(seller, reports, query, field):
    response = seller.get("/api/statistics", query_string=query)

    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]
    assert not any(fake.asked for fake in reports.values())


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).removeprefix("\ufeff"))))


def test_the_export_has_a_row_per_period_and_a_column_per_measure(seller, reports):
    query = {**WEEKS, "measure": ["revenue", "conversion", "rating"]}
    exported = seller.get("/api/statistics/export", query_string=query)
    accepted = seller.get("/api/statistics", query_string=query, headers={"Accept": "text/csv"})

    assert "statistics-2026-03-04-2026-03-17.csv" in exported.headers["Content-Disposition"]
    assert csv_rows(exported) == csv_rows(accepted) == [
        ["period_start", "revenue", "conversion", "rating"],
        ["2026-03-02", "30000", "0.05", ""],
        ["2026-03-09", "0", "0.0", "4.5"],
        ["2026-03-16", "9000", "", ""],
    ]


def test_an_export_missing_a_measure_is_refused_rather_than_partial(seller, reports):
    reports["support"].behaviour = "broken"

    response = seller.get("/api/statistics/export", query_string=WEEKS)

    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["unavailable"] == ["inquiries"]
    assert seller.get("/api/statistics/export", query_string={**WEEKS, "measure": "revenue"}).status_code == 200


def test_the_statistics_are_in_the_gateways_own_document(statistics_gateway):
    document = statistics_gateway.test_client().get("/api/openapi.json").get_json()

    operation = document["paths"]["/api/statistics"]["get"]
    assert {"application/json", "text/csv"} <= set(operation["responses"]["200"]["content"])
    assert "measure" in {parameter["name"] for parameter in operation["parameters"]}
    assert "/api/statistics/export" in document["paths"]
    for path in ("/api/statistics", "/api/statistics/export"):
        operation = document["paths"][path]["get"]
        assert operation["x-caller"] == {"roles": ["seller", "admin"], "second-factor": "at-sign-in"}
        assert "403" in operation["responses"]
