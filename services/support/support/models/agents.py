"""Support agents (their team, availability and cap of open cases) and campaign windows."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from servicekit.types import UtcDateTime
from support.domain.response_targets import CAMPAIGN_FIRST_RESPONSE_HOURS
from support.domain.routing_rules import DEFAULT_MAX_OPEN_CASES, TEAMS
from support.models.base import Base

_TEAMS = ", ".join(f"'{team}'" for team in TEAMS)


class SupportAgent(Base):
    """An auth account with the agent role, as routing sees it; its id is the account's id."""

    __tablename__ = "support_agents"
    __table_args__ = (
        CheckConstraint(f"team IN ({_TEAMS})", name="ck_support_agents_team"),
        CheckConstraint("max_open_cases >= 0", name="ck_support_agents_max_open_cases"),
    )

    agent_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    team: Mapped[str] = mapped_column(String(20), index=True)
    available: Mapped[bool] = mapped_column(Boolean, default=True)
    max_open_cases: Mapped[int] = mapped_column(Integer, default=DEFAULT_MAX_OPEN_CASES)
    # Round robin gives the next case to whoever was given one longest ago.
    last_assigned_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CampaignWindow(Base):
    """A sale or campaign an admin announced: first answers are due sooner while it is on."""

    __tablename__ = "campaign_windows"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ck_campaign_windows_period"),
        CheckConstraint("first_response_hours BETWEEN 1 AND 24", name="ck_campaign_windows_hours"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    first_response_hours: Mapped[int] = mapped_column(SmallInteger, default=CAMPAIGN_FIRST_RESPONSE_HOURS)
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
