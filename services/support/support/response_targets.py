"""Response targets per inquiry type: agents and admins read them, an admin sets a type's targets, and
every change is kept with who made it, when and why.

An inquiry takes its due times when it is opened (and its first-response due time again when its
customer rejects an automatic answer), so a change counts for inquiries from then on; those already
open keep the due times they have.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from servicekit import clock
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain.ownership import TYPES
from support.domain.people import Viewer
from support.domain.response_targets import TargetHours, default_hours
from support.models.response_targets import ResponseTarget, ResponseTargetChange

_UPSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


@dataclass(frozen=True)
class TypeTargets:
    """A type's targets now: an admin's (who set them and when), or the defaults (no one, never)."""

    inquiry_type: str
    first_response_hours: int
    resolution_hours: int
    business_hours: bool
    updated_by: str | None = None
    updated_at: datetime | None = None


def _known_type(inquiry_type: str) -> str:
    if inquiry_type not in TYPES:
        raise Problem(404, "unknown-inquiry-type", "Not Found",
                      _("Inquiries are of these types: %(types)s.", types=", ".join(TYPES)))
    return inquiry_type


def _shown(inquiry_type: str, row: ResponseTarget | None) -> TypeTargets:
    if row is None:
        hours = default_hours(inquiry_type)
        return TypeTargets(inquiry_type, hours.first_response_hours, hours.resolution_hours, hours.business_hours)
    return TypeTargets(inquiry_type, row.first_response_hours, row.resolution_hours, row.business_hours,
                       row.updated_by, row.updated_at)


def targets_of_every_type(runtime: Runtime) -> list[TypeTargets]:
    """Every inquiry type's targets, in the order of the types."""
    with runtime.unit_of_work() as uow:
        rows = {row.inquiry_type: row for row in uow.session.scalars(select(ResponseTarget))}
    return [_shown(inquiry_type, rows.get(inquiry_type)) for inquiry_type in TYPES]


def targets_of_type(runtime: Runtime, inquiry_type: str) -> TypeTargets:
    with runtime.unit_of_work() as uow:
        return _shown(inquiry_type, uow.session.get(ResponseTarget, _known_type(inquiry_type)))


def set_targets(runtime: Runtime, admin: Viewer, inquiry_type: str, hours: TargetHours, reason: str | None) -> TypeTargets:
    """An admin sets a type's targets for the inquiries opened from now on; the change is recorded."""
    _known_type(inquiry_type)
    now = clock.now()
    values = {
        "inquiry_type": inquiry_type,
        "first_response_hours": hours.first_response_hours,
        "resolution_hours": hours.resolution_hours,
        "business_hours": hours.business_hours,
    }
    with runtime.unit_of_work() as uow:
        # One statement, so two admins setting a type at once both land, the later one standing.
        upsert = _UPSERTS[uow.session.get_bind().dialect.name](ResponseTarget)
        uow.session.execute(
            upsert.values(**values, updated_by=admin.subject, updated_at=now).on_conflict_do_update(
                index_elements=[ResponseTarget.inquiry_type],
                set_={**values, "updated_by": admin.subject, "updated_at": now},
            )
        )
        uow.session.add(ResponseTargetChange(**values, reason=reason, changed_by=admin.subject, changed_at=now))
        uow.commit()
    return TypeTargets(**values, updated_by=admin.subject, updated_at=now)


def changes(runtime: Runtime, inquiry_type: str | None, pagination_parameters) -> list[ResponseTargetChange]:
    """The changes admins made, newest first; of one type when given."""
    statement = select(ResponseTargetChange).order_by(ResponseTargetChange.id.desc())
    if inquiry_type is not None:
        statement = statement.where(ResponseTargetChange.inquiry_type == inquiry_type)
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, statement, pagination_parameters)
