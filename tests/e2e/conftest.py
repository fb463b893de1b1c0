"""The running platform and the people who use it: an admin, approved sellers, customers."""
import uuid

import pytest

from deploy.client import GatewayClient
from deploy.launcher import Platform

PASSWORD = "Blue-Harbor-42!"


@pytest.fixture(scope="session")
def platform(infrastructure, identity_keys, tmp_path_factory):
    running = Platform(infrastructure, identity_keys, tmp_path_factory.mktemp("platform"))
    try:
        running.start()
        yield running
    finally:
        running.stop()


def _client(platform) -> GatewayClient:
    return GatewayClient(platform.gateway_url)


@pytest.fixture(scope="session")
def admin(platform):
    email = f"admin-{uuid.uuid4().hex[:8]}@example.com"
    created = platform.run_cli("-m", "auth.cli", "create-admin", "--email", email, "--password", PASSWORD)
    assert created.returncode == 0, created.stderr
    client = _client(platform)
    assert client.login(email, PASSWORD).status_code == 201
    return client


@pytest.fixture
def new_customer(platform):
    def make() -> GatewayClient:
        email = f"buyer-{uuid.uuid4().hex[:8]}@example.com"
        client = _client(platform)
        response = client.post("/api/accounts", json={"email": email, "name": "Kim Minji", "password": PASSWORD})
        assert response.status_code == 201, response.text
        assert client.login(email, PASSWORD).status_code == 201
        return client

    return make


@pytest.fixture
def new_seller(platform, admin):
    def make() -> GatewayClient:
        email = f"seller-{uuid.uuid4().hex[:8]}@example.com"
        client = _client(platform)
        registered = client.post(
            "/api/sellers",
            json={
                "email": email,
                "phone": f"010{uuid.uuid4().int % 10**8:08d}",
                "password": PASSWORD,
                "name": "Park Jisoo",
                "birth_date": "1990-04-01",
                "seller_type": "individual",
            },
        )
        assert registered.status_code == 201, registered.text
        decided = admin.post(f"/api/sellers/{registered.json()['seller_id']}/decision", json={"decision": "approve"})
        assert decided.status_code == 200, decided.text
        assert client.login(email, PASSWORD).status_code == 201
        return client

    return make
