"""The seller dashboard (G6): each service's part of it asked in parallel (gateway.compositions) on behalf of the
signed-in seller (their own shop) or admin (the whole platform, and the seller registrations waiting), put together
in one answer; a part whose service is down, slow or gives an answer that does not fit its contract
(contracts.dashboard) is marked unavailable and the rest is still answered."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError

from contracts.dashboard import (
    PLATFORM_SCOPE,
    SELLER_SCOPE,
    DashboardInquiriesSchema,
    DashboardOrdersSchema,
    DashboardProductsSchema,
    DashboardReviewsSchema,
    DashboardSellerApprovalsSchema,
    DashboardSettlementsSchema,
    DashboardUnreadNotificationsSchema,
)
from gateway.compositions import Part, ask_services
from gateway.domain.statistics import conversion
from servicekit import clock

OK, UNAVAILABLE = "ok", "unavailable"
PART_STATUSES = (OK, UNAVAILABLE)


@dataclass(frozen=True)
class DashboardPart:
    """A part of the dashboard: the service answering it, where, and the contract its answer must fit."""

    service: str
    path: str
    schema: type[Schema]


SELLER_PARTS = {
    "orders": DashboardPart("orders", "/api/dashboard/orders", DashboardOrdersSchema),
    "products": DashboardPart("catalog", "/api/dashboard/products", DashboardProductsSchema),
    "inquiries": DashboardPart("support", "/api/dashboard/inquiries", DashboardInquiriesSchema),
    "reviews": DashboardPart("reviews", "/api/dashboard/reviews", DashboardReviewsSchema),
    "notifications": DashboardPart(
        "notifications", "/api/notifications/unread-count", DashboardUnreadNotificationsSchema
    ),
    "settlements": DashboardPart("settlements", "/api/dashboard/settlements", DashboardSettlementsSchema),
}
ADMIN_PARTS = {
    **SELLER_PARTS,
    "seller_approvals": DashboardPart("auth", "/api/dashboard/seller-approvals", DashboardSellerApprovalsSchema),
}
PART_NAMES = tuple(ADMIN_PARTS)


@dataclass(frozen=True)
class Dashboard:
    scope: str
    as_of: datetime
    # Each part asked, by name: its figures, or None when it is unavailable.
    figures: dict[str, Any]
    # Why each unavailable part is missing, by name.
    unavailable: dict[str, str]
    # How long each part's service took to answer (or to fail), in seconds, by name.
    seconds: dict[str, float]

    @property
    def statuses(self) -> dict[str, str]:
        return {name: UNAVAILABLE if name in self.unavailable else OK for name in self.figures}

    @property
    def conversion(self) -> dict[str, float | None] | None:
        """Orders over visitors today and this week, to four decimals; None for a period without visitors, and
        no conversion at all while orders or products is unavailable."""
        orders, products = self.figures.get("orders"), self.figures.get("products")
        if orders is None or products is None:
            return None
        return {period: conversion(orders[period]["orders"], products["visits"][period]["visitors"])
                for period in ("today", "this_week")}


def dashboard(is_admin: bool) -> Dashboard:
    """The dashboard of the signed-in caller: a seller's shop, or the whole platform for an admin."""
    parts = ADMIN_PARTS if is_admin else SELLER_PARTS
    answers = ask_services({part.service: part.path for part in parts.values()})
    figures, unavailable = {}, {}
    for name, part in parts.items():
        figures[name], reason = _read(answers[part.service], part.schema)
        if reason is not None:
            unavailable[name] = reason
    return Dashboard(
        scope=PLATFORM_SCOPE if is_admin else SELLER_SCOPE,
        as_of=clock.now(),
        figures=figures,
        unavailable=unavailable,
        seconds={name: answers[part.service].seconds for name, part in parts.items()},
    )


def _read(answer: Part, schema: type[Schema]) -> tuple[Any, str | None]:
    """The part's figures as its contract reads them, or None and why it is unavailable."""
    if not answer.available:
        return None, answer.unavailable
    if answer.status != 200:
        return None, f"The {answer.service} service did not give its part (status {answer.status})."
    try:
        return schema().load(answer.body), None
    except (ValidationError, TypeError):
        return None, f"The {answer.service} service gave a part the gateway cannot read."
