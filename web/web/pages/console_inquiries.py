"""Cases for the platform's agents: escalated and platform inquiries, missed targets, account-recovery cases, with
filters; one case's thread, answered, noted, assigned to an agent and resolved."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import render_template, request

from web.pages.console import console_pages
from web.pages.seller_inquiries import ACTIVE, DUE_FILTERS, STATUSES, TYPES, due_state, faq_suggestions, inbox_query
from web.public_api import public_api
from web.viewers import ADMIN, required_viewer

blp = console_pages("console_inquiries", __name__)

# Which cases: the platform's (escalated or its own), the viewer's, missed targets, or every one.
VIEWS = ("platform", "mine", "breached", "all")
RESOLUTION_REASONS = ("answered_question", "order_issue_fixed", "refunded", "returned", "exchanged", "delivery_delay",
                      "product_defect", "wrong_item", "account_restored", "policy_explained", "duplicate",
                      "no_response", "other")


def _wanted(fixed_type: str | None = None) -> dict:
    wanted = {name: request.args.get(name, "").strip() for name in ("view", "status", "inquiry_type", "due", "q", "page")}
    for name, allowed in (("view", VIEWS), ("status", STATUSES), ("inquiry_type", TYPES), ("due", DUE_FILTERS)):
        if wanted[name] not in allowed:
            wanted[name] = ""
    wanted["view"] = wanted["view"] or "platform"
    if fixed_type:
        wanted["inquiry_type"] = fixed_type
    return wanted


def _cases(wanted: dict, now: datetime):
    query = inbox_query({**wanted, "due": "breached" if wanted["view"] == "breached" else wanted["due"]}, now)
    if wanted["view"] in ("platform", "breached"):
        query["owner"] = "platform"
    elif wanted["view"] == "mine":
        query["assignee_id"] = required_viewer().account_id
    answer = public_api().get("/api/inquiries", query)
    return [{**inquiry, "due": due_state(inquiry, now)} for inquiry in answer.body], answer.pagination


@blp.get("/inquiries")
def inquiries():
    now = datetime.now(timezone.utc)
    wanted = _wanted()
    cases, pagination = _cases(wanted, now)
    return render_template("console/inquiries.html", inquiries=cases, pagination=pagination, wanted=wanted,
                           views=VIEWS, statuses=STATUSES, types=TYPES, due_filters=DUE_FILTERS)


@blp.get("/account-recoveries")
def account_recoveries():
    """Locked and deactivated accounts open account inquiries the platform owns: helping their owners back in."""
    now = datetime.now(timezone.utc)
    wanted = _wanted(fixed_type="account")
    cases, pagination = _cases(wanted, now)
    return render_template("console/account_recoveries.html", inquiries=cases, pagination=pagination, wanted=wanted,
                           statuses=STATUSES)


@blp.get("/inquiries/<inquiry_id>")
def inquiry(inquiry_id: str):
    viewer = required_viewer()
    now = datetime.now(timezone.utc)
    found = public_api().get(f"/api/inquiries/{inquiry_id}").body
    # Admins give a case to any agent; an agent takes it themself (the list of agents is the admins').
    agents = public_api().get("/api/support-agents").body if viewer.is_a(ADMIN) else []
    return render_template("console/inquiry.html", inquiry=found, due=due_state(found, now), agents=agents,
                           reasons=RESOLUTION_REASONS, active=found["status"] in ACTIVE,
                           faq_suggestions=faq_suggestions(found))
