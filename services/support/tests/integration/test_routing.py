"""Routing through the API: round robin within a team, caps and availability respected, the sweep,
concurrent openings, assignment by hand, and the agents' list with their open cases.
"""
import threading

from servicekit.testing.identities import as_admin, as_agent, as_customer
from support.routing import assign_waiting_inquiries
from .agents import agent_on_duty, no_agents_on_duty  # noqa: F401  (a fixture)
from .people import known_product, new_id, opened


def inquiry_seen_by_agent(client, sign_identity, inquiry_id):
    return client.get(f"/api/inquiries/{inquiry_id}", headers=as_agent(sign_identity)).json


def test_new_inquiries_go_round_the_team_to_whoever_was_given_one_longest_ago(
    no_agents_on_duty, support_client, sign_identity
):
    team = sorted(agent_on_duty(support_client, sign_identity, team="accounts") for _ in range(3))
    customer = as_customer(sign_identity)

    assignees = [opened(support_client, customer, inquiry_type="account")["assignee_id"] for _ in range(6)]

    assert assignees == team + team
    inquiry = opened(support_client, customer, inquiry_type="account")
    assert (inquiry["status"], inquiry["assignee_id"]) == ("assigned", team[0])
    changes = [(h["kind"], h["to_value"]) for h in inquiry_seen_by_agent(support_client, sign_identity, inquiry["id"])["history"]]
    assert changes == [("status", "open"), ("assignee", team[0]), ("status", "assigned")]


def test_full_and_unavailable_agents_are_passed_over_and_a_case_nobody_can_take_stays_open(
    no_agents_on_duty, support_client, sign_identity
):
    full = agent_on_duty(support_client, sign_identity, team="payments", max_open_cases=1)
    agent_on_duty(support_client, sign_identity, team="payments", available=False)
    agent_on_duty(support_client, sign_identity, team="accounts")
    customer = as_customer(sign_identity)

    first = opened(support_client, customer, inquiry_type="payment")
    second = opened(support_client, customer, inquiry_type="payment")

    assert first["assignee_id"] == full
    assert (second["status"], second["assignee_id"]) == ("open", None)


def test_a_sellers_inquiry_waits_in_the_sellers_inbox(no_agents_on_duty, support_runtime, support_client, sign_identity):
    agent_on_duty(support_client, sign_identity)
    product_id = known_product(support_runtime, new_id())

    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="product", product_id=product_id)

    assert (inquiry["owner"], inquiry["status"], inquiry["assignee_id"]) == ("seller", "open", None)


def test_the_sweep_assigns_waiting_inquiries_once_an_agent_becomes_available(
    no_agents_on_duty, support_runtime, support_client, sign_identity
):
    # Inquiries other tests left unassigned are swept first: room for all of them.
    agent_id = agent_on_duty(support_client, sign_identity, team="accounts", max_open_cases=500, available=False)
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="account")
    assert inquiry["assignee_id"] is None

    response = support_client.put("/api/support-agents/me/availability", json={"available": True},
                                  headers=as_agent(sign_identity, agent_id))
    assert response.status_code == 200 and response.json["available"] is True
    assert assign_waiting_inquiries(support_runtime) >= 1

    swept = inquiry_seen_by_agent(support_client, sign_identity, inquiry["id"])
    assert (swept["status"], swept["assignee_id"]) == ("assigned", agent_id)


def test_the_sweep_takes_an_agent_up_to_their_cap_and_leaves_the_rest_waiting(
    no_agents_on_duty, support_runtime, support_client, sign_identity
):
    agent_id = agent_on_duty(support_client, sign_identity, team="payments", max_open_cases=1, available=False)
    waiting = [opened(support_client, as_customer(sign_identity), inquiry_type="payment") for _ in range(2)]
    support_client.put("/api/support-agents/me/availability", json={"available": True},
                       headers=as_agent(sign_identity, agent_id))

    assert assign_waiting_inquiries(support_runtime) == 1
    assert assign_waiting_inquiries(support_runtime) == 0
    assignees = [inquiry_seen_by_agent(support_client, sign_identity, w["id"])["assignee_id"] for w in waiting]
    assert None in assignees


def test_an_agent_not_set_up_cannot_set_their_availability(support_client, sign_identity):
    response = support_client.put("/api/support-agents/me/availability", json={"available": True},
                                  headers=as_agent(sign_identity))
    assert response.status_code == 404


def test_inquiries_opened_at_once_never_take_an_agent_past_their_cap(
    no_agents_on_duty, support_app, support_client, sign_identity
):
    agent_id = agent_on_duty(support_client, sign_identity, team="accounts", max_open_cases=2)
    customer = as_customer(sign_identity)
    start = threading.Barrier(6)
    assignees = []

    def open_one():
        client = support_app.test_client()
        start.wait()
        assignees.append(opened(client, customer, inquiry_type="account")["assignee_id"])

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (assignees.count(agent_id), assignees.count(None)) == (2, 4)
    listed = support_client.get("/api/support-agents?team=accounts", headers=as_admin(sign_identity)).json
    assert next(a for a in listed if a["agent_id"] == agent_id)["open_cases"] == 2


def test_an_agent_assigns_a_case_by_hand_to_a_known_agent_only(no_agents_on_duty, support_client, sign_identity):
    colleague = agent_on_duty(support_client, sign_identity, available=False)
    inquiry = opened(support_client, as_customer(sign_identity), inquiry_type="complaint")
    agent = as_agent(sign_identity)

    unknown = support_client.post(f"/api/inquiries/{inquiry['id']}/assignment", json={"assignee_id": new_id()},
                                  headers=agent)
    assigned = support_client.post(f"/api/inquiries/{inquiry['id']}/assignment", json={"assignee_id": colleague},
                                   headers=agent)

    assert unknown.status_code == 422
    assert assigned.status_code == 200
    assert (assigned.json["status"], assigned.json["assignee_id"]) == ("assigned", colleague)


def test_a_customer_cannot_assign_or_manage_agents(support_client, sign_identity):
    customer_id = new_id()
    customer = as_customer(sign_identity, customer_id)
    inquiry = opened(support_client, customer, inquiry_type="other")

    assert support_client.post(f"/api/inquiries/{inquiry['id']}/assignment", json={"assignee_id": customer_id},
                               headers=customer).status_code == 403
    assert support_client.put(f"/api/support-agents/{customer_id}", json={}, headers=customer).status_code == 403
    assert support_client.get("/api/support-agents", headers=as_agent(sign_identity)).status_code == 403
