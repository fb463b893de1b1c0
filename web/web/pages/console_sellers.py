"""Seller approvals (admins): registrations to review, oldest first, one registration with its business documents,
and the decision (approve, ask for documents, reject with a reason the seller reads)."""
from __future__ import annotations

from flask import render_template, request

from web.pages.console import console_pages
from web.pages.storefront_words import with_words
from web.public_api import public_api

blp = console_pages("console_sellers", __name__, admins_only=True)
with_words(blp)

STATUSES = ("pending", "documents_requested", "approved", "rejected")
PAGE_SIZE = 20


@blp.get("/seller-approvals")
def approvals():
    status = request.args.get("status", "pending")
    status = status if status in STATUSES else "pending"
    answer = public_api().get("/api/sellers", {"status": status, "page": request.args.get("page"),
                                               "page_size": PAGE_SIZE})
    return render_template("console/seller_approvals.html", sellers=answer.body, pagination=answer.pagination,
                           status=status, statuses=STATUSES)


@blp.get("/seller-approvals/<seller_id>")
def approval(seller_id: str):
    seller = public_api().get(f"/api/sellers/{seller_id}").body
    documents = public_api().get(f"/api/sellers/{seller_id}/documents").body
    return render_template("console/seller_approval.html", seller=seller, documents=documents,
                           undecided=seller["status"] in ("pending", "documents_requested"))
