"""The seller center (W1): a shop's dashboard, products, orders, inquiries, reviews and statistics."""
from __future__ import annotations

from flask import Blueprint, redirect

from web.viewers import SELLER, required_viewer

blp = Blueprint("seller", __name__, url_prefix="/seller")


def _sellers_only():
    required_viewer(SELLER)


blp.before_request(_sellers_only)


def seller_pages(name: str, import_name: str) -> Blueprint:
    """The blueprint of one resource's pages in the seller center (pages/seller_<resource>.py): under /seller, and
    for sellers only, as every page of the center."""
    pages = Blueprint(name, import_name, url_prefix="/seller")
    pages.before_request(_sellers_only)
    return pages


@blp.get("")
def home():
    return redirect("/seller/dashboard")
