"""The platform's FAQ (agents and admins): its entries by category, writing, editing, unpublishing them. Customers
read the published ones on the help pages and get them as automatic answers."""
from __future__ import annotations

from web.pages.console import console_pages
from web.pages.faq_pages import faq_entries, faq_entry

blp = console_pages("console_faq", __name__)


@blp.get("/faq")
def entries():
    return faq_entries("console/faq.html")


@blp.get("/faq/new")
def new_entry():
    return faq_entry("console/faq_entry.html")


@blp.get("/faq/<entry_id>")
def entry(entry_id: str):
    return faq_entry("console/faq_entry.html", entry_id)
