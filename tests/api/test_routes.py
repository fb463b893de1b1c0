"""Every public path a service serves is reachable through the gateway and in its merged document."""
import requests
import pytest

from deploy.layout import SERVICES


@pytest.mark.parametrize("service", [service.name for service in SERVICES])
def test_every_public_path_of_a_service_is_routed_to_it_by_the_gateway(platform, new_client, service):
    own = requests.get(f"http://127.0.0.1:{platform.ports[service]}/openapi.json", timeout=10).json()
    merged = new_client().get("/api/openapi.json").json()
    public = {path for path in own["paths"] if path.startswith("/api/")}
    assert public, f"{service} serves no public path"
    assert sorted(public - set(merged["paths"])) == []
