"""The seller center (W1): a shop's dashboard, products, orders, inquiries, reviews and statistics."""
from __future__ import annotations

from flask import Blueprint, redirect

from web.viewers import SELLER, required_viewer

blp = Blueprint("seller", __name__, url_prefix="/seller")


@blp.before_request
def _sellers_only():
    required_viewer(SELLER)


@blp.get("")
def home():
    return redirect("/seller/dashboard")
