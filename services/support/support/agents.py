"""Support agents: admins make an agent account one of a team's agents with a cap of open cases, and
each agent starts or stops taking new cases; each shown with the cases they hold open."""
from __future__ import annotations

from sqlalchemy import select

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.people import Viewer
from support.models.agents import SupportAgent
from support.routing import open_cases_of

AgentWithCases = tuple[SupportAgent, int]


def _with_open_cases(uow: UnitOfWork, agents: list[SupportAgent]) -> list[AgentWithCases]:
    open_cases = open_cases_of(uow.session, [agent.agent_id for agent in agents])
    return [(agent, open_cases.get(agent.agent_id, 0)) for agent in agents]


def agents_listed(runtime: Runtime, team: str | None) -> list[AgentWithCases]:
    """Every support agent (of one team, when named), by team and id."""
    statement = select(SupportAgent).order_by(SupportAgent.team, SupportAgent.agent_id)
    if team is not None:
        statement = statement.where(SupportAgent.team == team)
    with runtime.unit_of_work() as uow:
        return _with_open_cases(uow, list(uow.session.scalars(statement)))


def set_up_agent(runtime: Runtime, agent_id: str, team: str, max_open_cases: int, available: bool) -> AgentWithCases:
    """An agent account (by its auth account id) becomes a support agent of a team, or changes settings."""
    now = clock.now()
    with runtime.unit_of_work() as uow:
        agent = uow.session.get(SupportAgent, agent_id, with_for_update=True)
        if agent is None:
            agent = SupportAgent(agent_id=agent_id, created_at=now)
            uow.session.add(agent)
        agent.team, agent.max_open_cases, agent.available = team, max_open_cases, available
        agent.updated_at = now
        uow.commit()
        return _with_open_cases(uow, [agent])[0]


def set_availability(runtime: Runtime, viewer: Viewer, available: bool) -> AgentWithCases:
    """An agent starts or stops taking new cases."""
    with runtime.unit_of_work() as uow:
        agent = uow.session.get(SupportAgent, viewer.subject, with_for_update=True)
        if agent is None:
            raise Problem(404, "agent-not-found", "Not Found", _("You are not set up as a support agent."))
        agent.available = available
        agent.updated_at = clock.now()
        uow.commit()
        return _with_open_cases(uow, [agent])[0]
