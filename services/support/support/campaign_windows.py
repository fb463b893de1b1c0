"""Campaign windows: sales and campaigns an admin announces, during which inquiries opened are due a
first answer sooner (support.targets reads them)."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from servicekit import clock
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.people import Viewer
from support.models.agents import CampaignWindow


def windows_page(runtime: Runtime, paging) -> list[CampaignWindow]:
    """Campaign windows, latest start first."""
    statement = select(CampaignWindow).order_by(CampaignWindow.starts_at.desc(), CampaignWindow.id)
    with runtime.unit_of_work() as uow:
        return list(page_of(uow.session, statement, paging))


def announce_window(runtime: Runtime, viewer: Viewer, fields: dict[str, Any]) -> CampaignWindow:
    """An admin announces a campaign: inquiries opened during it are due a first answer within its hours."""
    with runtime.unit_of_work() as uow:
        window = CampaignWindow(id=str(uuid.uuid4()), created_by=viewer.subject, created_at=clock.now(), **fields)
        uow.session.add(window)
        uow.commit()
        return window


def call_off_window(runtime: Runtime, window_id: str) -> None:
    """A campaign is called off; inquiries already opened keep their due times."""
    with runtime.unit_of_work() as uow:
        window = uow.session.get(CampaignWindow, window_id)
        if window is None:
            raise Problem(404, "campaign-window-not-found", "Not Found", _("No campaign window has this id."))
        uow.session.delete(window)
        uow.commit()
