"""When a service is down, slow or talks nonsense, clients get a problem that says which."""
import pytest

from gateway.upstreams import PeekingConnection
from servicekit.testing import wait_for
from tests.fakes import GarbageServer, HangingUpServer, refused_url


@pytest.fixture(scope="module")
def garbage():
    server = GarbageServer()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def failing_client(make_gateway, garbage):
    return make_gateway({"auth": refused_url(), "catalog": refused_url(), "orders": garbage.url}).test_client()


def _problem(response, status, slug):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["type"] == f"urn:marketplace:problem:{slug}"


def test_refused_connection_is_503_upstream_unavailable(failing_client):
    _problem(failing_client.get("/api/products"), 503, "upstream-unavailable")


def test_slow_upstream_is_504_upstream_timeout(failing_client, upstreams):
    response = failing_client.get("/api/inquiries/slow")

    upstreams["support"].released.set()
    _problem(response, 504, "upstream-timeout")
    upstreams["support"].released.clear()


def test_garbage_answer_is_502_bad_gateway(failing_client):
    _problem(failing_client.post("/api/orders", json={}), 502, "bad-gateway")


def test_login_while_auth_is_down_is_503(failing_client):
    response = failing_client.post("/api/session", json={"login": "ada@example.com", "password": "correct horse"})

    _problem(response, 503, "upstream-unavailable")


@pytest.fixture
def hanging_up(make_gateway):
    server = HangingUpServer()
    yield server, make_gateway({"catalog": server.url}).test_client()
    server.stop()


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_a_read_the_service_hung_up_on_unanswered_is_sent_once_more(hanging_up, method):
    server, client = hanging_up
    server.hang_ups = ["before"]

    response = client.open("/api/products", method=method)

    assert response.status_code == 200
    assert server.requests == 2


def test_a_read_is_sent_again_only_once(hanging_up):
    server, client = hanging_up
    server.hang_ups = ["before", "before"]

    _problem(client.get("/api/products"), 502, "bad-gateway")
    assert server.requests == 2


def test_a_read_whose_answer_had_begun_is_not_sent_again(hanging_up):
    server, client = hanging_up
    server.hang_ups = ["midway"]

    _problem(client.get("/api/products"), 502, "bad-gateway")
    assert server.requests == 1


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_kept_alive_connection_the_service_closed_while_idle_is_not_reused(hanging_up, method):
    """Seen closed before the request goes out on it: a new connection, and no need to send anything twice."""
    server, client = hanging_up
    server.closes_idle = True
    assert client.get("/api/products").status_code == 200
    wait_for(lambda: server.closed_idle == 1, what="the service's close on its way to the gateway")

    assert client.open("/api/products", method=method).status_code == 200
    assert server.requests == 2


def test_a_kept_alive_connection_is_used_again_while_fresh(hanging_up):
    server, client = hanging_up
    for _ in range(3):
        assert client.get("/api/products").status_code == 200

    assert server.connections == 1


def test_a_kept_alive_connection_idle_too_long_is_closed_before_the_service_closes_it(hanging_up, monkeypatch):
    """A change is never sent on a connection the service may be closing as it goes out (it could not be sent
    again): the gateway gives up an idle connection well before the services' keep-alive ends."""
    monkeypatch.setattr(PeekingConnection, "idle_reuse_seconds", 0.0)  # any time idle is too long
    server, client = hanging_up
    assert client.get("/api/products").status_code == 200

    assert client.post("/api/products").status_code == 200
    assert server.connections == 2


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_change_the_service_hung_up_on_is_not_sent_again(hanging_up, method):
    """It may have been carried out before the service went away."""
    server, client = hanging_up
    server.hang_ups = ["before"]

    _problem(client.open("/api/products/1", method=method, json={}), 502, "bad-gateway")
    assert server.requests == 1
