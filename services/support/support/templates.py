"""Answer templates: sellers keep their own, agents keep the platform's; rendered for an inquiry from what
support knows of it and of its order."""
from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, or_, select

from servicekit import clock
from servicekit.db import UnitOfWork
from servicekit.ids import canonical_id
from servicekit.languages import _
from servicekit.pagination import page_of
from servicekit.problems import Problem
from servicekit.runtime import Runtime
from support.domain import placeholders
from support.domain.people import Viewer
from support.visible_inquiries import inquiry_for, order_view_of, staff_role
from support.models import Inquiry
from support.models.answers import AnswerTemplate
from support.models.order_view import KnownOrder, KnownProduct, KnownShipment

# Said to a customer whose name support does not know.
UNNAMED_CUSTOMER = "고객님"


def _not_found() -> Problem:
    return Problem(404, "template-not-found", "Not Found", _("No answer template with this id is yours to use."))


def _owner_of_new(viewer: Viewer) -> str | None:
    """Whose a template the viewer saves is: the platform's for agents, their shop's for sellers."""
    if viewer.is_agent:
        return None
    if viewer.is_seller:
        return viewer.seller_id
    raise Problem(403, "staff-only", "Forbidden", _("Only sellers and agents keep answer templates."))


def _usable_by(viewer: Viewer) -> Select:
    """The templates a person may use: the platform's, and a seller's own."""
    statement = select(AnswerTemplate)
    if viewer.is_seller and not viewer.is_agent:
        return statement.where(or_(AnswerTemplate.seller_id.is_(None), AnswerTemplate.seller_id == viewer.seller_id))
    return statement.where(AnswerTemplate.seller_id.is_(None))


def usable_templates(runtime: Runtime, viewer: Viewer, pagination) -> list[AnswerTemplate]:
    """One page of the templates the person may use, by title."""
    with runtime.unit_of_work() as uow:
        return page_of(uow.session, _usable_by(viewer).order_by(AnswerTemplate.title, AnswerTemplate.id), pagination)


def _template(uow: UnitOfWork, statement: Select, template_id: str) -> AnswerTemplate:
    canonical = canonical_id(template_id)
    if canonical is None:
        raise _not_found()
    template = uow.session.scalars(statement.where(AnswerTemplate.id == canonical)).first()
    if template is None:
        raise _not_found()
    return template


def _managed_template(uow: UnitOfWork, viewer: Viewer, template_id: str) -> AnswerTemplate:
    """A template the viewer may change: their shop's (sellers) or the platform's (agents)."""
    owner = _owner_of_new(viewer)
    statement = select(AnswerTemplate).where(
        AnswerTemplate.seller_id.is_(None) if owner is None else AnswerTemplate.seller_id == owner
    )
    return _template(uow, statement.with_for_update(), template_id)


def _refuse_unknown_placeholders(body: str) -> None:
    unknown = placeholders.unknown_placeholders(body)
    if unknown:
        known = ", ".join(f"{{{name}}}" for name in placeholders.PLACEHOLDERS)
        raise Problem(
            422, "unknown-placeholder", _("Unknown placeholder"),
            _("Use only these placeholders: %(known)s.", known=known),
            errors={"body": [_("Unknown placeholder %(placeholder)s.", placeholder=f"{{{name}}}") for name in unknown]},
        )


def save_template(runtime: Runtime, viewer: Viewer, title: str, body: str) -> AnswerTemplate:
    owner = _owner_of_new(viewer)
    _refuse_unknown_placeholders(body)
    now = clock.now()
    template = AnswerTemplate(
        id=str(uuid.uuid4()), seller_id=owner, title=title, body=body, created_by=viewer.subject,
        created_at=now, updated_at=now,
    )
    with runtime.unit_of_work() as uow:
        uow.session.add(template)
        uow.commit()
    return template


def edit_template(runtime: Runtime, viewer: Viewer, template_id: str, changes: dict[str, Any]) -> AnswerTemplate:
    with runtime.unit_of_work() as uow:
        template = _managed_template(uow, viewer, template_id)
        if "body" in changes:
            _refuse_unknown_placeholders(changes["body"])
        for field, value in changes.items():
            setattr(template, field, value)
        template.updated_at = clock.now()
        uow.commit()
    return template


def delete_template(runtime: Runtime, viewer: Viewer, template_id: str) -> None:
    with runtime.unit_of_work() as uow:
        uow.session.delete(_managed_template(uow, viewer, template_id))
        uow.commit()


def _shipment_of(order: KnownOrder, seller_id: str | None) -> KnownShipment | None:
    """The shipment of the inquiry's seller; failing that, the order's only shipment."""
    theirs = [shipment for shipment in order.shipments if shipment.seller_id == seller_id]
    if theirs:
        return theirs[0]
    return order.shipments[0] if len(order.shipments) == 1 else None


def _product_name(uow: UnitOfWork, inquiry: Inquiry, order: KnownOrder | None) -> str | None:
    """The name of the one product the inquiry is about: its order line, its product, or the only line of
    its seller (or of its order), as support last heard it."""
    lines = [] if order is None else order.lines
    named = (
        [line for line in lines if line.line_no == inquiry.order_line_no]
        or [line for line in lines if line.product_id == inquiry.product_id]
        or [line for line in lines if line.seller_id == inquiry.seller_id]
        or lines
    )
    if len(named) == 1:
        return named[0].product_name
    product = None if inquiry.product_id is None else uow.session.get(KnownProduct, inquiry.product_id)
    return None if product is None else product.name


def values_for(uow: UnitOfWork, inquiry: Inquiry) -> dict[str, str | None]:
    """What each placeholder stands for in this inquiry; None where support does not know it."""
    order = order_view_of(uow, inquiry)
    shipment = None if order is None else _shipment_of(order, inquiry.seller_id)
    return {
        placeholders.CUSTOMER_NAME: inquiry.customer_name or UNNAMED_CUSTOMER,
        placeholders.ORDER_NUMBER: None if order is None else order.order_number,
        placeholders.CARRIER: None if shipment is None else shipment.carrier,
        placeholders.TRACKING_NUMBER: None if shipment is None else shipment.tracking_number,
        placeholders.PRODUCT_NAME: _product_name(uow, inquiry, order),
        placeholders.INQUIRY_SUBJECT: inquiry.subject,
    }


def render(runtime: Runtime, viewer: Viewer, template_id: str, inquiry_id: str) -> placeholders.Filled:
    """A template filled in for an inquiry the viewer handles: sellers their own inquiries, agents any."""
    with runtime.unit_of_work() as uow:
        inquiry = inquiry_for(uow, viewer, inquiry_id)
        staff_role(viewer, inquiry)
        template = _template(uow, _usable_by(viewer), template_id)
        return placeholders.fill(template.body, values_for(uow, inquiry))
