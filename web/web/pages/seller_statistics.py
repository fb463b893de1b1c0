"""A shop's statistics over a chosen range: revenue, orders, visitors, conversion, inquiries, reviews and rating
per day, week, month or year (GET /api/statistics), charted, and the same figures as a CSV download."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import render_template, request

from web.pages.seller import seller_pages
from web.public_api import public_api

blp = seller_pages("seller_statistics", __name__)

MEASURES = ("revenue", "orders", "visitors", "conversion", "inquiries", "reviews", "rating")
PERIODS = ("day", "week", "month", "year")


@blp.get("/statistics")
def statistics():
    measures = [m for m in request.args.getlist("measure") if m in MEASURES] or list(MEASURES)
    wanted = {"from": request.args.get("from", ""), "to": request.args.get("to", ""),
              "period": request.args.get("period") if request.args.get("period") in PERIODS else "day"}
    report = public_api().get("/api/statistics", {**wanted, "measure": measures}).body
    # The export of exactly what is shown: the range the API settled on (its defaults filled in) and the measures.
    export = urlencode({"from": report["from"], "to": report["to"], "period": report["period"],
                        "measure": report["measures"]}, doseq=True)
    return render_template("seller/statistics.html", report=report, wanted=wanted, measures=MEASURES,
                           chosen=measures, periods=PERIODS, export_url=f"/api/statistics/export?{export}")
