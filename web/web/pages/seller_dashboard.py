"""The seller dashboard: today's figures (GET /api/dashboard), charts over a chosen period (GET /api/statistics)
and the latest notifications, which the live stream keeps adding to without a reload (static/js/dashboard.js)."""
from __future__ import annotations

from flask import render_template, request

from web.pages.seller import seller_pages
from web.public_api import ApiProblem, SecondFactorRequired, SignInRequired, public_api

blp = seller_pages("seller_dashboard", __name__)

CHARTED = ("orders", "revenue", "visitors", "conversion")
PERIODS = ("day", "week", "month")
LATEST_NOTIFICATIONS = 10


def asked_or_refused(path: str, params: dict | None = None) -> tuple[object, str | None]:
    """The answer's body, or None and why the API could not give it: one part of a page that cannot come is
    shown as missing, not as an error page (being signed out or owing a second factor still leads to its step)."""
    try:
        return public_api().get(path, params).body, None
    except (SignInRequired, SecondFactorRequired):
        raise
    except ApiProblem as problem:
        return None, problem.detail


@blp.get("/dashboard")
def dashboard():
    board = public_api().get("/api/dashboard").body
    wanted = {"period": request.args.get("period", "day"), "from": request.args.get("from"),
              "to": request.args.get("to")}
    statistics, statistics_problem = asked_or_refused("/api/statistics", {**wanted, "measure": list(CHARTED)})
    notifications, notifications_problem = asked_or_refused("/api/notifications", {"page_size": LATEST_NOTIFICATIONS})
    return render_template(
        "seller/dashboard.html", board=board, parts=board.get("parts", {}), statistics=statistics,
        statistics_problem=statistics_problem, wanted=wanted, periods=PERIODS, charted=CHARTED,
        notifications=notifications, notifications_problem=notifications_problem,
    )
