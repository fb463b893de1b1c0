"""A seller's own FAQ: the shop's entries (published or not), writing one, editing it, unpublishing it. Customers
see the published ones on the shop's FAQ and as automatic answers to their inquiries."""
from __future__ import annotations

from web.pages.faq_pages import faq_entries, faq_entry
from web.pages.seller import seller_pages
from web.viewers import SELLER, required_viewer

blp = seller_pages("seller_faq", __name__)


@blp.get("/faq")
def entries():
    return faq_entries("seller/faq.html", required_viewer(SELLER).seller_id)


@blp.get("/faq/new")
def new_entry():
    return faq_entry("seller/faq_entry.html")


@blp.get("/faq/<entry_id>")
def entry(entry_id: str):
    return faq_entry("seller/faq_entry.html", entry_id)
