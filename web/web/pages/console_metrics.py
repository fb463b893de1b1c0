"""CS metrics for agents and admins: the platform's volume by day, first-answer and resolution times, answers within
target, satisfaction, automatic answers and the backlog over a range of Korean days, and each seller's scorecard."""
from __future__ import annotations

from datetime import date

from flask import render_template, request

from web.pages.console import console_pages
from web.public_api import public_api

blp = console_pages("console_metrics", __name__)

SORTS = ("inquiries_per_100_paid_orders", "answered_within_target_share", "satisfaction_average", "opened")


def _day(name: str) -> str | None:
    """A date the person chose, or None (the API's default range: the last 30 days)."""
    try:
        return date.fromisoformat(request.args.get(name, "")).isoformat()
    except ValueError:
        return None


@blp.get("/metrics")
def metrics():
    wanted = {"from": _day("from"), "to": _day("to")}
    sort = request.args.get("sort") if request.args.get("sort") in SORTS else SORTS[0]
    report = public_api().get("/api/cs-analytics", wanted).body
    scorecards = public_api().get("/api/cs-analytics/sellers", {**wanted, "sort": sort}).body
    return render_template("console/metrics.html", report=report, scorecards=scorecards, wanted=wanted, sort=sort,
                           sorts=SORTS)
