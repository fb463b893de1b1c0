"""Routing: who among the platform's agents takes an inquiry, automatically or by an agent's hand."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Select, case, exists, func, select
from sqlalchemy.orm import Session, aliased

from servicekit import clock
from servicekit.batch_jobs import change_each_due
from servicekit.db import UnitOfWork
from servicekit.languages import _
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.inquiry_history import move_inquiry, note_change
from support.domain.inquiry_states import ACTIVE, ASSIGNED, OPEN
from support.domain.ownership import PLATFORM
from support.domain.people import Viewer
from support.domain.routing_rules import (
    OPEN_CASE_STATUSES, PLATFORM_TEAM, TEAM_OF_TYPE, AgentLoad, next_agent, team_for,
)
from support.models import Inquiry
from support.models.agents import SupportAgent
from support.visible_inquiries import SeenInquiry, change_inquiry


def open_cases_of(session: Session, agent_ids: list[str]) -> dict[str, int]:
    """How many unresolved inquiries each agent holds."""
    if not agent_ids:
        return {}
    counted = session.execute(
        select(Inquiry.assignee_id, func.count())
        .where(Inquiry.assignee_id.in_(agent_ids), Inquiry.status.in_(OPEN_CASE_STATUSES))
        .group_by(Inquiry.assignee_id)
    )
    return {agent_id: count for agent_id, count in counted}


def give_to(uow: UnitOfWork, inquiry: Inquiry, agent: SupportAgent, actor_id: str | None, at: datetime,
            reason: str | None = None) -> None:
    """The agent holds the inquiry now; an open one becomes assigned."""
    note_change(uow, inquiry, "assignee", inquiry.assignee_id, agent.agent_id, actor_id, at, reason)
    inquiry.assignee_id = agent.agent_id
    agent.last_assigned_at = at
    if inquiry.status == OPEN:
        move_inquiry(uow, inquiry, ASSIGNED, actor_id, at, reason)
    inquiry.updated_at = at


def assign_new_inquiry(uow: UnitOfWork, inquiry: Inquiry, at: datetime) -> None:
    """Give a new (or newly escalated) platform inquiry to the next free agent of its team; a seller's
    inquiry waits in the seller's inbox, and one nobody can take now waits for the sweep.

    The team's agent rows are locked until commit, so two openings at once count each other's
    assignment and never both take an agent's last free slot.
    """
    if inquiry.owner != PLATFORM:
        return
    team = list(
        uow.session.scalars(
            select(SupportAgent)
            .where(SupportAgent.team == team_for(inquiry.inquiry_type), SupportAgent.available.is_(True))
            .order_by(SupportAgent.agent_id)
            .with_for_update()
        )
    )
    open_cases = open_cases_of(uow.session, [agent.agent_id for agent in team])
    chosen = next_agent(
        [
            AgentLoad(agent.agent_id, agent.available, agent.max_open_cases, open_cases.get(agent.agent_id, 0),
                      agent.last_assigned_at)
            for agent in team
        ]
    )
    if chosen is not None:
        give_to(uow, inquiry, next(agent for agent in team if agent.agent_id == chosen), None, at, "round robin")


def back_to_open_queue(uow: UnitOfWork, inquiry: Inquiry, actor_id: str | None, at: datetime, reason: str) -> None:
    """A person has to take the inquiry up again: it is open and held by nobody, and routing gives a
    platform inquiry to the next free agent (or the sweep does, when nobody is free); a seller's inquiry
    waits open in the seller's inbox.
    """
    if inquiry.status != OPEN:
        move_inquiry(uow, inquiry, OPEN, actor_id, at, reason)
    if inquiry.assignee_id is not None:
        note_change(uow, inquiry, "assignee", inquiry.assignee_id, None, actor_id, at, reason)
        inquiry.assignee_id = None
    assign_new_inquiry(uow, inquiry, at)


def assign_by_hand(runtime: Runtime, viewer: Viewer, inquiry_id: str, assignee_id: str) -> SeenInquiry:
    """An agent gives a platform inquiry to a known agent (themselves included), cap or not."""

    def change(uow: UnitOfWork, inquiry: Inquiry) -> None:
        agent = uow.session.get(SupportAgent, assignee_id, with_for_update=True)
        if agent is None:
            raise Problem(422, "unknown-agent", _("Unknown agent"), _("No support agent has this id."),
                          errors={"assignee_id": [_("Not a support agent.")]})
        if inquiry.owner != PLATFORM:
            raise Problem(409, "seller-inquiry", _("Seller's inquiry"),
                          _("The seller answers this inquiry; escalate it to give it to an agent."))
        if inquiry.status not in ACTIVE:
            raise Problem(409, "inquiry-not-active", _("Inquiry not active"),
                          _("A resolved or closed inquiry is not assigned."))
        give_to(uow, inquiry, agent, viewer.subject, clock.now(), "assigned by hand")

    return change_inquiry(runtime, viewer, inquiry_id, change)


def _a_free_agent_of_its_team() -> ColumnElement[bool]:
    """Whether an available agent of the inquiry's team holds fewer open cases than their cap."""
    team = case(TEAM_OF_TYPE, value=Inquiry.inquiry_type, else_=PLATFORM_TEAM)
    held = aliased(Inquiry)
    open_cases = (
        select(func.count())
        .where(held.assignee_id == SupportAgent.agent_id, held.status.in_(OPEN_CASE_STATUSES))
        .scalar_subquery()
    )
    return exists().where(
        SupportAgent.team == team, SupportAgent.available.is_(True), open_cases < SupportAgent.max_open_cases
    )


def assign_waiting_inquiries(runtime: Runtime) -> int:
    """The worker's job: open platform inquiries nobody holds go to agents, oldest first, while their
    team has an agent free; the others wait for one. Returns how many were assigned.
    """

    def due(now: datetime) -> Select:
        return (
            select(Inquiry)
            .where(Inquiry.owner == PLATFORM, Inquiry.status == OPEN, Inquiry.assignee_id.is_(None),
                   _a_free_agent_of_its_team())
            .order_by(Inquiry.created_at, Inquiry.id)
        )

    assigned = 0

    def assign(uow: UnitOfWork, inquiry: Inquiry, now: datetime) -> None:
        nonlocal assigned
        assign_new_inquiry(uow, inquiry, now)
        # One of a batch may find its team filled by those before it: it waits, and is no longer due.
        assigned += inquiry.assignee_id is not None

    change_each_due(runtime, due, assign)
    return assigned
