"""Round robin among a team's agents: available, below their cap, given a case longest ago first."""
from datetime import datetime, timezone

from support.domain.routing_rules import AgentLoad, next_agent, team_for

EARLY = datetime(2024, 5, 1, 9, tzinfo=timezone.utc)
LATE = datetime(2024, 5, 1, 10, tzinfo=timezone.utc)


def agent(agent_id, *, available=True, cap=20, open_cases=0, last=None):
    return AgentLoad(agent_id, available, cap, open_cases, last)


def test_payment_and_account_inquiries_go_to_their_teams_and_the_rest_to_platform():
    assert team_for("payment") == "payments"
    assert team_for("account") == "accounts"
    assert {team_for(t) for t in ("product", "order", "shipping", "complaint", "other")} == {"platform"}


def test_an_agent_never_given_a_case_comes_before_everyone_else():
    assert next_agent([agent("a", last=EARLY), agent("b"), agent("c", last=LATE)]) == "b"


def test_the_agent_given_a_case_longest_ago_comes_next():
    assert next_agent([agent("a", last=LATE), agent("b", last=EARLY)]) == "b"


def test_agents_at_their_cap_or_unavailable_are_passed_over():
    agents = [agent("a", cap=2, open_cases=2), agent("b", available=False), agent("c", last=LATE)]
    assert next_agent(agents) == "c"


def test_nobody_takes_the_case_when_every_agent_is_full_or_away():
    assert next_agent([agent("a", cap=1, open_cases=1), agent("b", available=False)]) is None
    assert next_agent([]) is None
