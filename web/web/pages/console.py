"""The agent and admin console (W3): seller approvals, escalated and breached cases, CS metrics, FAQ, moderation.

Each resource's pages live in pages/console_<resource>.py, with a blueprint from console_pages(): under /console and
for agents and admins only; pages for admins alone say so with admins_only()."""
from __future__ import annotations

from flask import Blueprint, redirect

from web.viewers import ADMIN, AGENT, required_viewer

blp = Blueprint("console", __name__, url_prefix="/console")


def _staff_only():
    required_viewer(AGENT, ADMIN)


def _admins_only():
    required_viewer(ADMIN)


blp.before_request(_staff_only)


def console_pages(name: str, import_name: str, admins_only: bool = False) -> Blueprint:
    """The blueprint of one resource's console pages: under /console, for agents and admins (or admins alone)."""
    pages = Blueprint(name, import_name, url_prefix="/console")
    pages.before_request(_admins_only if admins_only else _staff_only)
    return pages


@blp.get("")
def home():
    return redirect("/console/inquiries")
