"""Who takes a platform inquiry: the team its type belongs to, and round robin among that team's
available agents below their cap, the one who was given a case longest ago first.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from support.domain.inquiry_states import ACTIVE

PLATFORM_TEAM, PAYMENTS_TEAM, ACCOUNTS_TEAM = "platform", "payments", "accounts"
TEAMS = (PLATFORM_TEAM, PAYMENTS_TEAM, ACCOUNTS_TEAM)
TEAM_OF_TYPE = {"payment": PAYMENTS_TEAM, "account": ACCOUNTS_TEAM}
DEFAULT_MAX_OPEN_CASES = 20
# An agent's open cases: every inquiry they hold that is not resolved or closed.
OPEN_CASE_STATUSES = ACTIVE


def team_for(inquiry_type: str) -> str:
    return TEAM_OF_TYPE.get(inquiry_type, PLATFORM_TEAM)


@dataclass(frozen=True)
class AgentLoad:
    agent_id: str
    available: bool
    max_open_cases: int
    open_cases: int
    last_assigned_at: datetime | None


def next_agent(agents: list[AgentLoad]) -> str | None:
    """The available agent with room for one more case who was given one longest ago (never first)."""
    free = [agent for agent in agents if agent.available and agent.open_cases < agent.max_open_cases]
    if not free:
        return None
    chosen = min(
        free,
        key=lambda agent: (agent.last_assigned_at is not None, agent.last_assigned_at or datetime.min, agent.agent_id),
    )
    return chosen.agent_id
