"""Payout holds (admins): every seller's held payouts with why and a release, the sellers whose payouts are held
with a lift, holding a seller's payouts with a reason (the seller found by a registered name, or given by id), and
the platform's settlement totals over a range of days."""
from __future__ import annotations

import re
from datetime import date

from flask import render_template, request

from servicekit import clock
from servicekit.korean_calendar import korean_day
from web.pages.console import console_pages
from web.public_api import public_api

blp = console_pages("console_payout_holds", __name__, admins_only=True)
PAGE_SIZE = 20
SELLER_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def chosen_range() -> tuple[str, str]:
    """The range of Korean days the totals cover: as chosen, else this month so far."""
    today = korean_day(clock.now())
    days = []
    for name, default in (("from", today.replace(day=1)), ("to", today)):
        try:
            days.append(date.fromisoformat(request.args.get(name, "")))
        except ValueError:
            days.append(default)
    first, last = sorted(days)
    return first.isoformat(), last.isoformat()


@blp.get("/payout-holds")
def payout_holds():
    first, last = chosen_range()
    held = public_api().get("/api/settlements/payouts", {"status": "held", "page": request.args.get("page"),
                                                         "page_size": PAGE_SIZE})
    holds = public_api().get("/api/settlements/payout-holds").body
    totals = public_api().get("/api/settlements/totals", {"from": first, "to": last}).body
    # The seller to hold: found by words of a registered name, then chosen from the list into the form.
    seller_words = request.args.get("seller_q", "").strip()[:100]
    sellers = public_api().get("/api/settlements/sellers", {"q": seller_words}).body if seller_words else None
    chosen = request.args.get("seller", "")
    return render_template("console/payout_holds.html", held=held.body, pagination=held.pagination, holds=holds,
                           totals=totals, first=first, last=last, seller_words=seller_words, sellers=sellers,
                           chosen=chosen if SELLER_ID.match(chosen) else "")
