"""The pages (web/) behind the gateway: every path outside /api reaches them with the browser's cookies and the
request id; what they answer comes back, less any cookie of the gateway's own they try to set."""
from __future__ import annotations

import threading

import pytest
from flask import Flask, Response, request
from werkzeug.serving import make_server

from servicekit.request_ids import HEADER as REQUEST_ID_HEADER
from tests.fakes import refused_url

PAGE = '<!doctype html><html lang="ko"><title>마켓</title></html>'


class FakePages:
    """A web process that answers every path with a page and records what reached it. A path ending in /cookies
    answers with the Set-Cookie headers of the `cookies` query parameter (separated by |)."""

    def __init__(self):
        self.received: list[dict] = []
        self.gateway: Flask | None = None
        app = Flask("fake-pages", static_folder=None)

        @app.route("/", defaults={"path": ""}, methods=["GET", "HEAD", "POST"])
        @app.route("/<path:path>", methods=["GET", "HEAD", "POST"])
        def page(path):
            self.received.append({
                "method": request.method,
                "raw_uri": request.environ.get("RAW_URI"),
                "headers": dict(request.headers),
                "body": request.get_data(as_text=True),
            })
            response = Response(PAGE, mimetype="text/html")
            if path.endswith("cookies"):
                for cookie in request.args["cookies"].split("|"):
                    response.headers.add("Set-Cookie", cookie)
            return response

        self._server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def last(self) -> dict:
        return self.received[-1]

    def stop(self) -> None:
        self._server.shutdown()


@pytest.fixture(scope="module")
def pages(make_gateway):
    """The fake pages, and a gateway in front of them (pages.gateway)."""
    fake = FakePages()
    fake.gateway = make_gateway(pages_url=fake.url)
    yield fake
    fake.stop()


@pytest.fixture
def browser(pages):
    return pages.gateway.test_client()


@pytest.mark.parametrize("path", ["/", "/login", "/products?q=green%20tea&page=2", "/seller/orders/42", "/static/js/app.js"])
def test_a_page_path_reaches_the_pages_as_sent_and_their_page_comes_back(browser, pages, path):
    response = browser.get(path)

    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert response.get_data(as_text=True) == PAGE
    assert pages.last()["raw_uri"] == path


def test_the_browsers_cookies_reach_the_pages(browser, pages):
    browser.set_cookie("lang", "en")
    browser.set_cookie("session", "the-browsers-session")

    browser.get("/orders")

    cookies = {part.strip() for part in pages.last()["headers"]["Cookie"].split(";")}
    assert {"lang=en", "session=the-browsers-session"} <= cookies


def test_the_request_id_reaches_the_pages_and_comes_back(browser, pages):
    response = browser.get("/products", headers={REQUEST_ID_HEADER: "page-request-0001"})

    assert pages.last()["headers"][REQUEST_ID_HEADER] == "page-request-0001"
    assert response.headers[REQUEST_ID_HEADER] == "page-request-0001"


def test_a_request_without_an_id_gives_the_pages_the_gateways(browser, pages):
    response = browser.get("/products")

    assert pages.last()["headers"][REQUEST_ID_HEADER] == response.headers[REQUEST_ID_HEADER]


def test_a_browser_cannot_pass_an_identity_token_to_the_pages(browser, pages):
    browser.get("/", headers={"X-Identity-Token": "forged"})

    assert "X-Identity-Token" not in pages.last()["headers"]


@pytest.mark.parametrize("path", ["/api/products", "/api/unknown", "/api"])
def test_api_paths_never_reach_the_pages(browser, pages, upstreams, path):
    seen = len(pages.received)

    response = browser.get(path)

    assert len(pages.received) == seen
    assert response.mimetype != "text/html"


def test_an_api_path_still_reaches_its_service(browser, upstreams):
    response = browser.get("/api/products")

    assert response.get_json()["service"] == "catalog"


def test_the_pages_cannot_set_or_clear_the_gateways_session_or_device_cookie_but_may_set_others(browser, pages):
    settings = pages.gateway.extensions["settings"]
    cookies = "|".join([
        f"{settings.session_cookie_name}=forged; Path=/; HttpOnly",
        f"{settings.device_cookie_name}=; Path=/; Max-Age=0",
        "lang=en; Path=/; Max-Age=31536000; SameSite=Lax",
    ])

    response = browser.get("/language/cookies", query_string={"cookies": cookies})

    assert response.headers.getlist("Set-Cookie") == ["lang=en; Path=/; Max-Age=31536000; SameSite=Lax"]


def test_a_form_post_reaches_the_pages_with_its_body(browser, pages):
    response = browser.post("/language", data={"language": "en"})

    assert response.status_code == 200
    assert pages.last()["method"] == "POST"
    assert pages.last()["body"] == "language=en"


def test_pages_that_do_not_answer_are_a_problem_not_a_hang(make_gateway):
    unreachable = make_gateway(pages_url=refused_url())

    response = unreachable.test_client().get("/")

    assert response.status_code in (502, 503)
    assert response.mimetype == "application/problem+json"
