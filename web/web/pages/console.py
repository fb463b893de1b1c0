"""The agent and admin console (W3): seller approvals, escalated and breached cases, CS metrics, FAQ, moderation."""
from __future__ import annotations

from flask import Blueprint, redirect

from web.viewers import ADMIN, AGENT, required_viewer

blp = Blueprint("console", __name__, url_prefix="/console")


@blp.before_request
def _staff_only():
    required_viewer(AGENT, ADMIN)


@blp.get("")
def home():
    return redirect("/console/inquiries")
