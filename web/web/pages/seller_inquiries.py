"""A seller's inquiry inbox: due times and missed targets highlighted, filters (status, type, due or breached, words),
and one inquiry's thread with its attachments, answered with a template and files, internal notes, resolving it or
escalating it to the platform's agents."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import urllib3
from flask import render_template, request

from web.pages.seller import seller_pages
from web.public_api import ApiProblem, public_api

blp = seller_pages("seller_inquiries", __name__)

STATUSES = ("open", "assigned", "answered", "waiting_on_customer", "resolved", "closed")
TYPES = ("product", "order", "shipping", "payment", "account", "complaint", "other")
# How a list is narrowed by its response targets: missed, or still to meet within the next hours.
DUE_FILTERS = ("breached", "due_soon")
DUE_SOON = timedelta(hours=3)
RESOLUTION_REASONS = ("answered_question", "order_issue_fixed", "refunded", "returned", "exchanged", "delivery_delay",
                      "product_defect", "wrong_item", "policy_explained", "duplicate", "no_response", "other")
ACTIVE = ("open", "assigned", "answered", "waiting_on_customer")
PAGE_SIZE = 20
TEMPLATES_SHOWN = 100
# What the FAQ's suggestions read of a question travels in their URL: support takes 300 characters at most.
SUGGESTION_TEXT_MAX = 300


def due_state(inquiry: dict, now: datetime) -> dict:
    """The target an inquiry must meet next and how it stands: breached (a target was missed), overdue (its time
    passed, the breach not recorded yet), due soon, on time, or none (answered and resolved, or paused)."""
    state = "breached" if inquiry.get("breached_at") else "none"
    due_at, target = None, None
    if inquiry["status"] in ACTIVE:
        if not inquiry.get("first_responded_at"):
            due_at, target = inquiry["first_response_due_at"], "first_response"
        elif not inquiry.get("resolved_at"):
            due_at, target = inquiry["resolution_due_at"], "resolution"
    if due_at and inquiry["status"] != "waiting_on_customer" and state != "breached":
        left = datetime.fromisoformat(due_at) - now
        state = "overdue" if left <= timedelta(0) else "due_soon" if left <= DUE_SOON else "on_time"
    return {"state": state, "due_at": due_at, "target": target}


def inbox_query(wanted: dict, now: datetime) -> dict:
    """The API's query for the inbox's filters."""
    query = {"status": wanted["status"], "inquiry_type": wanted["inquiry_type"], "q": wanted["q"],
             "page": wanted["page"], "page_size": PAGE_SIZE}
    if wanted["due"] == "breached":
        query["breached"] = "true"
    elif wanted["due"] == "due_soon":
        query["due_before"] = (now + DUE_SOON).isoformat()
    return query


@blp.get("/inquiries")
def inquiries():
    now = datetime.now(timezone.utc)
    wanted = {name: request.args.get(name, "").strip() for name in ("status", "inquiry_type", "due", "q", "page")}
    for name, allowed in (("status", STATUSES), ("inquiry_type", TYPES), ("due", DUE_FILTERS)):
        if wanted[name] not in allowed:
            wanted[name] = ""
    answer = public_api().get("/api/inquiries", inbox_query(wanted, now))
    listed = [{**inquiry, "due": due_state(inquiry, now)} for inquiry in answer.body]
    return render_template("seller/inquiries.html", inquiries=listed, pagination=answer.pagination, wanted=wanted,
                           statuses=STATUSES, types=TYPES, due_filters=DUE_FILTERS)


def faq_suggestions(inquiry: dict) -> list[dict]:
    """The FAQ entries (the platform's and the inquiry's shop's) that may answer what the customer asked, best first:
    an answer taken from one cites it, and automatic answers learn from that. None when support cannot say now: the
    page still answers, without them."""
    first = next((message["body"] for message in inquiry["messages"] if message["author_role"] == "customer"), "")
    text = f"{inquiry['subject']}\n{first}"[:SUGGESTION_TEXT_MAX]
    try:
        return public_api().get("/api/faq/suggestions", {"text": text, "seller_id": inquiry.get("seller_id")}).body
    except (ApiProblem, urllib3.exceptions.HTTPError):
        return []


@blp.get("/inquiries/<inquiry_id>")
def inquiry(inquiry_id: str):
    now = datetime.now(timezone.utc)
    found = public_api().get(f"/api/inquiries/{inquiry_id}").body
    templates = public_api().get("/api/answer-templates", {"page_size": TEMPLATES_SHOWN}).body
    return render_template("seller/inquiry.html", inquiry=found, due=due_state(found, now), templates=templates,
                           reasons=RESOLUTION_REASONS, active=found["status"] in ACTIVE,
                           faq_suggestions=faq_suggestions(found))
