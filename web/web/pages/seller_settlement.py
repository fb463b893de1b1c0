"""A seller's settlement (P4): the money expected and on which day (and what is not payable yet), the payout
statements with their lines and deductions, the ledger over a range, a month's summary for tax filing with the
platform's commission invoice, their CSV downloads, and the bank account payouts go to (changed with a step-up)."""
from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

from flask import render_template, request

from servicekit import clock
from servicekit.korean_calendar import korean_day
from web.pages.seller import seller_pages
from web.public_api import ApiProblem, public_api

blp = seller_pages("seller_settlement", __name__)

PAYOUT_STATUSES = ("scheduled", "held", "paid")
PAGE_SIZE = 20


def chosen_day(name: str) -> str | None:
    """A date the person chose, or None (the API's own default)."""
    try:
        return date.fromisoformat(request.args.get(name, "")).isoformat()
    except ValueError:
        return None


def chosen_month() -> str:
    """The month asked for as YYYY-MM, or this month in Korea."""
    try:
        return date.fromisoformat(f"{request.args.get('month', '')}-01").strftime("%Y-%m")
    except ValueError:
        return korean_day(clock.now()).strftime("%Y-%m")


def registered_bank_account() -> dict | None:
    """The seller's payout account, masked, or None before one is registered (404 no-bank-account)."""
    try:
        return public_api().get("/api/settlements/bank-account").body
    except ApiProblem as problem:
        if problem.status != 404:
            raise
        return None


def payouts_on_review(account: dict | None) -> bool:
    """Whether payouts are held for review now because the account changed in the last day."""
    held_until = account and account.get("payouts_held_until")
    return bool(held_until) and datetime.fromisoformat(held_until) > clock.now()


@blp.get("/settlement")
def settlement():
    status = request.args.get("status")
    wanted = {"status": status if status in PAYOUT_STATUSES else None, "page": request.args.get("page")}
    month = chosen_month()
    expected = public_api().get("/api/settlements/expected-payouts").body
    payouts = public_api().get("/api/settlements/payouts", {**wanted, "page_size": PAGE_SIZE})
    summary = public_api().get(f"/api/settlements/monthly-summaries/{month}").body
    account = registered_bank_account()
    return render_template(
        "seller/settlement.html", expected=[e for e in expected if e["payout_day"]],
        not_payable=[e for e in expected if not e["payout_day"]], payouts=payouts.body,
        pagination=payouts.pagination, wanted=wanted, statuses=PAYOUT_STATUSES, month=month, summary=summary,
        account=account, on_review=payouts_on_review(account))


@blp.get("/settlement/payouts/<payout_id>")
def payout(payout_id: str):
    statement = public_api().get(f"/api/settlements/payouts/{payout_id}").body
    return render_template("seller/settlement_payout.html", statement=statement,
                           export_url=f"/api/settlements/payouts/{payout_id}/export")


@blp.get("/settlement/entries")
def entries():
    wanted = {"from": chosen_day("from"), "to": chosen_day("to")}
    answer = public_api().get("/api/settlements/ledger-entries",
                              {**wanted, "page": request.args.get("page"), "page_size": PAGE_SIZE})
    export = urlencode({name: value for name, value in wanted.items() if value})
    export_url = "/api/settlements/ledger-entries/export" + (f"?{export}" if export else "")
    return render_template("seller/settlement_entries.html", entries=answer.body, pagination=answer.pagination,
                           wanted=wanted, export_url=export_url)


@blp.get("/settlement/bank-account")
def bank_account():
    account = registered_bank_account()
    banks = [(bank["code"], bank["name"]) for bank in public_api().get("/api/settlements/bank-account/banks").body]
    changes = public_api().get("/api/settlements/bank-account/changes").body
    # Registering or changing the account asks for a step-up: the page offers the seller's own second factors.
    methods = public_api().get("/api/accounts/me").body.get("second_factors") or []
    return render_template("seller/bank_account.html", account=account, changes=changes,
                           banks=banks, bank_names=dict(banks), methods=methods,
                           on_review=payouts_on_review(account))
