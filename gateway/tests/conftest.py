"""Fixtures of the gateway's tests: a migrated database, its event consumer, fake upstream services and gateways
in front of them."""
from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from gateway.app import create_app
from gateway.events import handlers
from gateway.settings import DEFAULT_RATE_LIMITS, DEFAULT_UPSTREAMS, GatewaySettings
from servicekit.identity import TokenVerifier
from servicekit.worker import Worker
from tests.fakes import FakeUpstream

SERVICE_DIR = Path(__file__).resolve().parents[1]
# Short, so a hanging upstream fails a test quickly; the fakes answer in milliseconds.
UPSTREAM_TIMEOUT_SECONDS = 0.5

# Rate limits the many sign-ins of the suite from one address never reach; tests of the limits set their own.
ROOMY_RATE_LIMITS = {name: "10000/minute" for name in DEFAULT_RATE_LIMITS}

CUSTOMER = {"account_id": "11111111-1111-1111-1111-111111111111", "name": "Ada", "roles": ["customer"],
            "seller_id": None, "seller_status": None, "second_factors": [], "password_change_recommended": False}
SELLER = {"account_id": "22222222-2222-2222-2222-222222222222", "name": "Grace", "roles": ["customer", "seller"],
          "seller_id": "33333333-3333-3333-3333-333333333333", "seller_status": "approved", "second_factors": [],
          "password_change_recommended": False}
TWO_FACTOR_SELLER = {
    "account_id": "44444444-4444-4444-4444-444444444444", "name": "Lin", "roles": ["customer", "seller"],
    "seller_id": "55555555-5555-5555-5555-555555555555", "seller_status": "approved",
    "second_factors": ["totp", "sms", "webauthn", "recovery_code"], "password_change_recommended": True,
}
ACCOUNTS = {
    ("ada@example.com", "correct horse"): CUSTOMER,
    ("grace@example.com", "battery staple"): SELLER,
    ("lin@example.com", "two factors"): TWO_FACTOR_SELLER,
}


@pytest.fixture(scope="session")
def gateway_runtime(migrated_runtime):
    return migrated_runtime("gateway", SERVICE_DIR)


@pytest.fixture(scope="session")
def gateway_config(gateway_runtime):
    return gateway_runtime.config


@pytest.fixture(scope="session")
def gateway_consumer(gateway_runtime):
    """The worker's consumer, not started: tests hand it events, which go through its inbox and handlers."""
    return Worker(gateway_runtime, handlers).consumer


@pytest.fixture(scope="session")
def verifier(identity_keys) -> TokenVerifier:
    return TokenVerifier((identity_keys / "identity-public.pem").read_bytes())


@pytest.fixture(scope="session")
def upstreams(verifier):
    fakes = {name: FakeUpstream(name, verifier, ACCOUNTS if name == "auth" else None) for name in DEFAULT_UPSTREAMS}
    yield fakes
    for fake in fakes.values():
        fake.stop()


@pytest.fixture(scope="session")
def make_gateway(gateway_config, upstreams):
    """A gateway app in front of the fakes; keyword arguments replace upstream URLs or settings."""
    apps = []

    def make(upstream_urls: dict[str, str] | None = None, **settings):
        urls = {name: fake.url for name, fake in upstreams.items()} | (upstream_urls or {})
        settings.setdefault("session_cookie_secure", False)
        settings.setdefault("rate_limits", ROOMY_RATE_LIMITS)
        # Counters of this run only, should the storage be one Redis shared with other runs.
        settings.setdefault("rate_limit_prefix", f"gateway-test-{uuid.uuid4().hex}")
        app = create_app(
            gateway_config,
            GatewaySettings(upstreams=urls, upstream_timeout_seconds=UPSTREAM_TIMEOUT_SECONDS, **settings),
        )
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["gateway"].upstreams.close()
        app.extensions["runtime"].dispose()


@pytest.fixture(scope="session")
def gateway_app(make_gateway):
    return make_gateway()


@pytest.fixture
def client(gateway_app):
    """A browser of its own: a fresh cookie jar per test."""
    return gateway_app.test_client()


@pytest.fixture
def sign_in(client):
    """Sign the test's browser in; returns the session body (with its csrf_token)."""

    def sign_in(login: str = "ada@example.com", password: str = "correct horse") -> dict:
        response = client.post("/api/session", json={"login": login, "password": password})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return sign_in
