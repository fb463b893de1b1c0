"""Support agents and admins for the routing tests, and a fixture that sends every agent off duty around a test."""
import pytest
from sqlalchemy import update

from servicekit.testing.identities import as_admin
from support.models.agents import SupportAgent
from .people import new_id


def agent_on_duty(client, sign_identity, *, team="platform", max_open_cases=20, available=True):
    """A support agent set up by an admin; returns the agent's id."""
    agent_id = new_id()
    response = client.put(f"/api/support-agents/{agent_id}", headers=as_admin(sign_identity),
                          json={"team": team, "max_open_cases": max_open_cases, "available": available})
    assert response.status_code == 200, response.json
    return agent_id


@pytest.fixture
def no_agents_on_duty(support_runtime):
    """Agents of other tests take no case of this one, and this test's agents take no case of later tests."""
    def off_duty():
        with support_runtime.unit_of_work() as uow:
            uow.session.execute(update(SupportAgent).values(available=False))
            uow.commit()

    off_duty()
    yield
    off_duty()
